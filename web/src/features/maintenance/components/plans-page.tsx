import { useState } from 'react';
import { Button, Card, Flex, Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { PlanView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { usePlans } from '../api/get-plans';
import { PlanFormModal } from './plan-form-modal';
import { PlanStatusTag } from './work-order-tags';

function NextDue({ plan }: { plan: PlanView }) {
  const { t, locale } = useI18n();
  const status = plan.status;
  if (!status) return <Typography.Text type="secondary">—</Typography.Text>;
  const point = status.dueAt ? formatDateTime(status.dueAt) : formatNumber(status.dueCounter, locale, 0);
  return (
    <Flex vertical gap={2}>
      <span>{point}</span>
      <Progress
        percent={Math.min(100, Math.round(status.progress * 100))}
        size="small"
        showInfo={false}
        aria-label={`${plan.name} ${t('plan.nextDue')} ${Math.min(100, Math.round(status.progress * 100))}%`}
        status={status.status === 'OVERDUE' ? 'exception' : 'normal'}
      />
    </Flex>
  );
}

export function PlansPage() {
  const { t } = useI18n();
  const admin = useCan('maintenance.manage');
  const plans = usePlans();
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);

  const columns: TableColumnsType<PlanView> = [
    {
      title: t('plan.asset'),
      key: 'asset',
      width: 200,
      ellipsis: true,
      render: (_, plan) => (
        <Link to={`/assets/${encodeURIComponent(plan.assetId)}`}>
          <span className="tt-mono">{plan.assetCode}</span> {plan.assetName}
        </Link>
      ),
    },
    {
      title: t('plan.name'),
      dataIndex: 'name',
      minWidth: 160,
      render: (name: string, plan) => (
        <Flex gap={6} align="center" wrap>
          <span>{name}</span>
          {!plan.active && <Tag>{t('plan.inactive')}</Tag>}
        </Flex>
      ),
    },
    { title: t('plan.level'), dataIndex: 'level', width: 96, render: (_, plan) => t(`planLevel.${plan.level}`) },
    { title: t('plan.trigger'), dataIndex: 'trigger', width: 96, render: (_, plan) => t(`planTrigger.${plan.trigger}`) },
    {
      title: t('plan.interval'),
      key: 'interval',
      width: 130,
      render: (_, plan) => t('plan.every', { value: plan.intervalValue, unit: t(`intervalUnit.${plan.intervalUnit}`) }),
    },
    { title: t('plan.anchor'), dataIndex: 'anchor', width: 130, render: (_, plan) => t(`planAnchor.${plan.anchor}`) },
    { title: t('plan.warningShare'), dataIndex: 'warningShare', width: 96, render: (share: number) => `${Math.round(share * 100)}%` },
    {
      title: t('plan.status'),
      key: 'status',
      width: 90,
      render: (_, plan) => (plan.status ? <PlanStatusTag status={plan.status.status} /> : '—'),
    },
    { title: t('plan.nextDue'), key: 'due', width: 170, render: (_, plan) => <NextDue plan={plan} /> },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            fixed: 'right' as const,
            render: (_: unknown, plan: PlanView) => (
              <Button type="link" size="small" onClick={() => setEditing(plan)} data-testid="plan-edit">
                {t('action.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.subtitle')}
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-plan">
              {t('plans.new')}
            </Button>
          )
        }
      />
      <Card>
        {plans.isError ? (
          <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
        ) : (
          <Table<PlanView>
            rowKey="id"
            columns={columns}
            dataSource={plans.data ?? []}
            loading={plans.isFetching}
            size="middle"
            scroll={{ x: 1200 }}
            locale={{ emptyText: t('plans.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="plans-table"
          />
        )}
      </Card>
      {editing && <PlanFormModal plan={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
