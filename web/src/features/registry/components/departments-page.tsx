import { useDeferredValue, useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { DEPARTMENT_KINDS } from '@tiantai/shared';
import type { DepartmentKind, DepartmentView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';
import { useDepartments } from '@/lib/lookups';
import { DepartmentFormModal } from './department-form-modal';

function matches(department: DepartmentView, needle: string): boolean {
  if (!needle) return true;
  return [department.name, department.shortName, department.contactName, department.contactPhone].some((field) =>
    field?.toLowerCase().includes(needle),
  );
}

export function DepartmentsPage() {
  const { t } = useI18n();
  const canWrite = useCan('registry.write');
  const departments = useDepartments();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<DepartmentKind | undefined>(undefined);
  const needle = useDeferredValue(search.trim().toLowerCase());
  const [editing, setEditing] = useState<DepartmentView | 'new' | null>(null);

  const rows = (departments.data ?? []).filter((d) => matches(d, needle) && (!kind || d.kind === kind));

  const columns: TableColumnsType<DepartmentView> = [
    {
      title: t('department.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    { title: t('department.shortName'), dataIndex: 'shortName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('department.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (value: DepartmentKind) => <Tag>{t(`departmentKind.${value}`)}</Tag>,
    },
    {
      title: t('department.acceptsRequests'),
      dataIndex: 'acceptsRequests',
      width: 130,
      render: (accepts: boolean) => (accepts ? <Tag color="success">{t('common.yes')}</Tag> : <Tag color="default">{t('common.no')}</Tag>),
    },
    { title: t('department.contactName'), dataIndex: 'contactName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('department.contactPhone'), dataIndex: 'contactPhone', width: 150, render: (v: string | null) => v ?? '—' },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, department) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(department)}>
          {t('action.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-department">
              {t('departments.new')}
            </Button>
          )
        }
      />
      {departments.isError ? (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      ) : (
        <Card>
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('departments.searchPlaceholder')}
              aria-label={t('departments.searchPlaceholder')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              style={{ width: 280 }}
              data-testid="department-search"
            />
            <Select<DepartmentKind>
              allowClear
              placeholder={t('department.kind')}
              aria-label={t('department.kind')}
              value={kind}
              onChange={(value) => setKind(value)}
              options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`departmentKind.${k}`) }))}
              style={{ width: 160 }}
            />
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              {t('common.total', { count: rows.length })}
            </Typography.Text>
          </Flex>
          <Table<DepartmentView>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={departments.isPending}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
            scroll={{ x: 860 }}
          />
        </Card>
      )}
      {editing && <DepartmentFormModal department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
