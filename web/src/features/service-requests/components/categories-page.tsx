import { useState } from 'react';
import { Alert, App, Button, Card, Flex, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import type { CategoryUpdateBody, CategoryView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/error-message';
import { formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCategories } from '../api/get-categories';
import { useDepartments } from '@/lib/lookups';
import { useUpdateCategory } from '../api/update-category';
import { categoryName } from './category-name';

interface Draft {
  code: string;
  leadDepartmentId: string | null;
  acceptHours: number | null;
  signHours: number | null;
  answerDays: number | null;
  rateDays: number | null;
}

/** The office keeps each category's default lead department and time limits; one row is edited at a time. */
export function CategoriesPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const categories = useCategories();
  const departments = useDepartments();
  const update = useUpdateCategory();
  const [draft, setDraft] = useState<Draft | null>(null);

  const departmentOptions = (departments.data ?? []).filter((d) => d.acceptsRequests).map((d) => ({ value: d.id, label: d.name }));

  const save = async () => {
    if (!draft) return;
    const body: CategoryUpdateBody = { leadDepartmentId: draft.leadDepartmentId };
    if (draft.acceptHours) body.acceptHours = draft.acceptHours;
    if (draft.signHours) body.signHours = draft.signHours;
    if (draft.answerDays) body.answerDays = draft.answerDays;
    if (draft.rateDays) body.rateDays = draft.rateDays;
    try {
      await update.mutateAsync({ code: draft.code, body });
      void message.success(t('common.saved'));
      setDraft(null);
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const editing = (category: CategoryView) => draft?.code === category.code;
  const numberCell = (field: 'acceptHours' | 'signHours' | 'answerDays' | 'rateDays', max: number, unit: string) =>
    function NumberCell(value: number, category: CategoryView) {
      const inDays = field === 'answerDays' || field === 'rateDays';
      if (!editing(category) || !draft) return t(inDays ? 'category.days' : 'category.hours', { value: formatNumber(value, locale, 2) });
      return (
        <InputNumber
          size="small"
          // The rating window is whole working days (1–30).
          min={field === 'rateDays' ? 1 : 0.5}
          max={max}
          precision={field === 'rateDays' ? 0 : undefined}
          step={inDays ? 1 : 0.5}
          value={draft[field]}
          onChange={(next) => setDraft({ ...draft, [field]: next })}
          suffix={unit}
          style={{ width: 140 }}
          data-testid={`category-${field}`}
        />
      );
    };

  const columns: TableColumnsType<CategoryView> = [
    {
      title: t('category.name'),
      key: 'name',
      width: 200,
      render: (_, category) => (
        <Flex vertical>
          <Typography.Text strong>{categoryName(category, locale)}</Typography.Text>
          <Typography.Text type="secondary" className="tt-mono" style={{ fontSize: 12 }}>
            {category.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('category.leadDepartment'),
      dataIndex: 'leadDepartmentName',
      render: (name: string | null, category) =>
        editing(category) && draft ? (
          <Select
            size="small"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={draft.leadDepartmentId ?? undefined}
            onChange={(value: string | undefined) => setDraft({ ...draft, leadDepartmentId: value ?? null })}
            options={departmentOptions}
            loading={departments.isPending}
            style={{ width: '100%', minWidth: 200 }}
            data-testid="category-lead"
          />
        ) : (
          (name ?? <Typography.Text type="secondary">{t('category.noLead')}</Typography.Text>)
        ),
    },
    {
      title: t('category.acceptHours'),
      dataIndex: 'acceptHours',
      width: 170,
      render: numberCell('acceptHours', 1000, t('category.hoursUnit')),
    },
    { title: t('category.signHours'), dataIndex: 'signHours', width: 170, render: numberCell('signHours', 1000, t('category.hoursUnit')) },
    { title: t('category.answerDays'), dataIndex: 'answerDays', width: 170, render: numberCell('answerDays', 365, t('category.daysUnit')) },
    {
      title: (
        <Tooltip title={t('category.rateDaysHint')}>
          <span>{t('category.rateDays')}</span>
        </Tooltip>
      ),
      dataIndex: 'rateDays',
      width: 170,
      render: numberCell('rateDays', 30, t('category.daysUnit')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, category) =>
        editing(category) ? (
          <Space size={4}>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              loading={update.isPending}
              onClick={() => void save()}
              data-testid="category-save"
            >
              {t('action.save')}
            </Button>
            <Button size="small" icon={<CloseOutlined />} onClick={() => setDraft(null)} aria-label={t('action.cancel')} />
          </Space>
        ) : (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            disabled={draft !== null}
            onClick={() =>
              setDraft({
                code: category.code,
                leadDepartmentId: category.leadDepartmentId,
                acceptHours: category.acceptHours,
                signHours: category.signHours,
                answerDays: category.answerDays,
                rateDays: category.rateDays,
              })
            }
            data-testid={`category-edit-${category.code}`}
          >
            {t('action.edit')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('categories.title')} subtitle={t('categories.subtitle')} />
      {categories.isError ? (
        <QueryError error={categories.error} onRetry={() => void categories.refetch()} />
      ) : (
        <Card>
          <Alert type="info" showIcon title={t('category.changesApply')} style={{ marginBottom: 16 }} />
          <Table<CategoryView>
            rowKey="code"
            columns={columns}
            dataSource={categories.data ?? []}
            loading={categories.isPending}
            pagination={false}
            size="middle"
            scroll={{ x: 1130 }}
          />
        </Card>
      )}
    </>
  );
}
