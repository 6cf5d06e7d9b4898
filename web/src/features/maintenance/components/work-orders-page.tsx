import { useState } from 'react';
import { Button, Card, Flex, Grid, Pagination, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from '@tiantai/shared';
import type { WorkOrderKind, WorkOrderStatus, WorkOrderView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { SearchInput } from '@/components/search-input';
import { useCurrentUser } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useWorkOrders } from '../api/get-work-orders';
import { ReportDialog } from './report-dialog';
import { WorkOrderKindTag, WorkOrderStatusTag, isOverdue } from './work-order-tags';

type Scope = 'mine' | 'all';
const PAGE_SIZE = 20;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

function DueTime({ order }: { order: WorkOrderView }) {
  const { t } = useI18n();
  if (!order.dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = isOverdue(order);
  return (
    <Typography.Text type={overdue ? 'danger' : undefined} data-testid="work-order-due" data-overdue={overdue}>
      {formatDateTime(order.dueAt)}
      {overdue && ` · ${t('workOrders.overdue')}`}
    </Typography.Text>
  );
}

/** A phone shows each order as a card a thumb can hit; the desktop shows the table. */
function OrderCard({ order }: { order: WorkOrderView }) {
  const { t } = useI18n();
  return (
    <Link to={`/work-orders/${encodeURIComponent(order.id)}`} style={{ color: 'inherit', display: 'block', width: '100%' }}>
      <Flex vertical gap={6} data-testid="work-order-card">
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong ellipsis>
            {order.title}
          </Typography.Text>
          <WorkOrderStatusTag status={order.status} />
        </Flex>
        <Flex gap={8} wrap align="center">
          <WorkOrderKindTag kind={order.kind} />
          <Typography.Text type="secondary" className="tt-mono" style={{ fontSize: 12 }}>
            {order.number}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {order.assetCode} {order.assetName}
        </Typography.Text>
        <Flex justify="space-between" gap={8} wrap style={{ fontSize: 13 }}>
          <DueTime order={order} />
          <Typography.Text type="secondary">{order.assigneeName ?? t('workOrders.unassigned')}</Typography.Text>
        </Flex>
      </Flex>
    </Link>
  );
}

export function WorkOrdersPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md === false;
  const { params, update } = useUrlFilter();
  const [reporting, setReporting] = useState(false);

  // A technician opens the list to see their own tasks; the admin dispatches from all of them.
  const scope: Scope = oneOf(['mine', 'all'], params.get('scope')) ?? (user.role === 'enterprise_member' ? 'mine' : 'all');
  const kind = oneOf(WORK_ORDER_KINDS, params.get('kind'));
  const status = oneOf(WORK_ORDER_STATUSES, params.get('status'));
  const q = params.get('q') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const orders = useWorkOrders({ kind, status, q, mine: scope === 'mine', page, pageSize: PAGE_SIZE });

  const shown = orders.data?.items ?? [];
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: orders.data?.total ?? 0,
    showTotal: (total: number) => t('workOrders.total', { count: total }),
    onChange: (next: number) => update({ page: next === 1 ? undefined : String(next) }, true),
  };

  const columns: TableColumnsType<WorkOrderView> = [
    {
      title: t('workOrder.number'),
      dataIndex: 'number',
      width: 150,
      render: (number: string, order) => (
        <Link to={`/work-orders/${encodeURIComponent(order.id)}`} className="tt-mono" data-testid="work-order-link">
          {number}
        </Link>
      ),
    },
    { title: t('workOrder.title'), dataIndex: 'title', minWidth: 180, ellipsis: true },
    {
      title: t('workOrder.asset'),
      key: 'asset',
      width: 220,
      ellipsis: true,
      render: (_, order) => (
        <span>
          <span className="tt-mono">{order.assetCode}</span> {order.assetName}
        </span>
      ),
    },
    { title: t('workOrder.kind'), dataIndex: 'kind', width: 88, render: (k: WorkOrderKind) => <WorkOrderKindTag kind={k} /> },
    {
      title: t('workOrder.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: WorkOrderStatus) => <WorkOrderStatusTag status={s} />,
    },
    { title: t('workOrder.dueAt'), key: 'due', width: 190, render: (_, order) => <DueTime order={order} /> },
    {
      title: t('workOrder.assignee'),
      dataIndex: 'assigneeName',
      width: 110,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('workOrders.unassigned')}</Typography.Text>,
    },
    { title: t('workOrder.reportedAt'), dataIndex: 'createdAt', width: 140, render: (at: string) => formatDateTime(at) },
  ];

  const empty = t(scope === 'mine' ? 'workOrders.emptyMine' : 'workOrders.empty');

  return (
    <>
      <PageHeader
        title={t('workOrders.title')}
        subtitle={narrow ? undefined : t('workOrders.subtitle')}
        extra={
          <Button type="primary" icon={<ToolOutlined />} onClick={() => setReporting(true)} data-testid="report-fault">
            {t('workOrders.report')}
          </Button>
        }
      />
      <Card size={narrow ? 'small' : undefined}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<Scope>
            value={scope}
            onChange={(value) => update({ scope: value })}
            options={[
              { value: 'mine', label: t('workOrders.mine') },
              { value: 'all', label: t('workOrders.all') },
            ]}
            data-testid="work-order-scope"
          />
          <SearchInput
            value={q}
            onSearch={(value) => update({ q: value })}
            placeholder={t('workOrders.searchPlaceholder')}
            width={narrow ? 220 : 260}
            testId="work-order-search"
          />
          <Select<WorkOrderKind>
            allowClear
            placeholder={t('workOrder.kind')}
            aria-label={t('workOrder.kind')}
            value={kind}
            onChange={(value: WorkOrderKind | undefined) => update({ kind: value })}
            options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`workOrderKind.${k}`) }))}
            style={{ width: 110 }}
            data-testid="work-order-kind-filter"
          />
          <Select<WorkOrderStatus>
            allowClear
            placeholder={t('workOrder.status')}
            aria-label={t('workOrder.status')}
            value={status}
            onChange={(value: WorkOrderStatus | undefined) => update({ status: value })}
            options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`workOrderStatus.${s}`) }))}
            style={{ width: 130 }}
            data-testid="work-order-status-filter"
          />
        </Flex>
        {orders.isError ? (
          <QueryError error={orders.error} onRetry={() => void orders.refetch()} />
        ) : narrow ? (
          <Flex vertical gap={8} data-testid="work-order-list">
            {shown.length === 0 && !orders.isPending && (
              <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 24 }}>
                {empty}
              </Typography.Text>
            )}
            {shown.map((order) => (
              <Card key={order.id} size="small" hoverable>
                <OrderCard order={order} />
              </Card>
            ))}
            {pagination.total > PAGE_SIZE && <Pagination simple align="center" {...pagination} />}
          </Flex>
        ) : (
          <Table<WorkOrderView>
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={orders.isFetching}
            size="middle"
            scroll={{ x: 1100 }}
            locale={{ emptyText: empty }}
            onRow={(order) => ({
              onClick: (event) => {
                if (event.target instanceof Element && event.target.closest('a')) return;
                void navigate(`/work-orders/${encodeURIComponent(order.id)}`);
              },
              style: { cursor: 'pointer' },
            })}
            pagination={pagination}
          />
        )}
      </Card>
      {reporting && (
        <ReportDialog
          onClose={() => setReporting(false)}
          onReported={(created) => {
            setReporting(false);
            void navigate(`/work-orders/${encodeURIComponent(created.id)}`);
          }}
        />
      )}
    </>
  );
}
