import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { WorkOrderAction, WorkOrderDetailView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatDateTime, formatNumber } from '@/lib/format';
import { isMessageKey, useI18n } from '@/lib/i18n';
import { useWorkOrder } from '../api/get-work-order';
import { WorkOrderActionDialog } from './work-order-action-dialog';
import { WorkOrderAttachments } from './work-order-attachments';
import { WorkOrderChecklist } from './work-order-checklist';
import { WorkOrderKindTag, WorkOrderStatusTag, isOverdue } from './work-order-tags';

const BUTTON_LOOK: Partial<Record<WorkOrderAction, Pick<ButtonProps, 'type' | 'danger'>>> = {
  assign: { type: 'primary' },
  start: { type: 'primary' },
  resume: { type: 'primary' },
  complete: { type: 'primary' },
  accept: { type: 'primary' },
  reject: { danger: true },
};
const EVENT_COLOURS: Record<string, string> = {
  rejected: 'red',
  held: 'orange',
  completed: 'green',
  accepted: 'green',
  attach: 'gray',
  transferred: 'gray',
};

function downtimeHours(order: WorkOrderDetailView): number | null {
  if (!order.downtimeStart) return null;
  const end = order.downtimeEnd ? new Date(order.downtimeEnd) : new Date();
  return (end.getTime() - new Date(order.downtimeStart).getTime()) / 3_600_000;
}

function ActionPanel({ order, onAct }: { order: WorkOrderDetailView; onAct: (action: WorkOrderAction) => void }) {
  const { t } = useI18n();
  return (
    <Card title={t('workOrder.panel')} size="small" data-testid="action-panel">
      {order.allowedActions.length === 0 ? (
        <Typography.Text type="secondary">{t('workOrder.noActions')}</Typography.Text>
      ) : (
        <Flex gap={8} wrap>
          {order.allowedActions.map((action) => (
            <Button
              key={action}
              size="large"
              {...BUTTON_LOOK[action]}
              onClick={() => onAct(action)}
              data-testid={`action-${action}`}
              style={{ flex: '1 1 120px' }}
            >
              {t(`workOrderAction.${action}`)}
            </Button>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function OrderTimeline({ order }: { order: WorkOrderDetailView }) {
  const { t } = useI18n();
  return (
    <Timeline
      items={order.events.map((event) => {
        const key = `workOrderEvent.${event.kind}`;
        return {
          key: event.id,
          color: EVENT_COLOURS[event.kind] ?? 'blue',
          content: (
            <Flex vertical gap={2} data-testid="work-order-event" data-kind={event.kind}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{isMessageKey(key) ? t(key) : event.kind}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at)}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {event.actorName ?? t('workOrder.system')}
              </Typography.Text>
              {event.note && <div className="tt-timeline-note">{event.note}</div>}
            </Flex>
          ),
        };
      })}
    />
  );
}

export function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const order = useWorkOrder(id);
  const [acting, setActing] = useState<WorkOrderAction | null>(null);

  const back = (
    <Link to="/work-orders">
      <Button icon={<ArrowLeftOutlined />}>{t('workOrder.backToList')}</Button>
    </Link>
  );

  if (order.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (order.isError) {
    return (
      <>
        <PageHeader title={t('workOrders.title')} extra={back} />
        <QueryError error={order.error} onRetry={() => void order.refetch()} />
      </>
    );
  }

  const o = order.data;
  const hours = downtimeHours(o);
  const overdue = isOverdue(o);

  return (
    <>
      <PageHeader
        title={<span data-testid="work-order-title">{o.title}</span>}
        subtitle={
          <Flex gap={8} wrap component="span">
            <span className="tt-mono" data-testid="work-order-number">
              {o.number}
            </span>
            <span>·</span>
            <span>
              {o.assetCode} {o.assetName}
            </span>
          </Flex>
        }
        extra={back}
      />
      <Row gutter={[16, 16]}>
        {/* On a phone the buttons come first: the technician opens the order to act on it. */}
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Flex gap={8} wrap style={{ marginBottom: 12 }}>
                <WorkOrderStatusTag status={o.status} />
                <WorkOrderKindTag kind={o.kind} />
              </Flex>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  {
                    key: 'asset',
                    label: t('workOrder.asset'),
                    children: (
                      <span>
                        <span className="tt-mono">{o.assetCode}</span> {o.assetName}
                      </span>
                    ),
                  },
                  {
                    key: 'assignee',
                    label: t('workOrder.assignee'),
                    children: <span data-testid="work-order-assignee">{o.assigneeName ?? t('workOrders.unassigned')}</span>,
                  },
                  {
                    key: 'due',
                    label: t('workOrder.dueAt'),
                    children: (
                      <Typography.Text type={overdue ? 'danger' : undefined}>
                        {formatDateTime(o.dueAt)}
                        {overdue && ` · ${t('workOrders.overdue')}`}
                      </Typography.Text>
                    ),
                  },
                  { key: 'reported', label: t('workOrder.reportedAt'), children: formatDateTime(o.createdAt) },
                  {
                    key: 'downtime',
                    label: t('workOrder.downtime'),
                    children: (
                      <span data-testid="work-order-downtime">
                        {o.downtimeStart
                          ? `${formatDateTime(o.downtimeStart)} — ${o.downtimeEnd ? formatDateTime(o.downtimeEnd) : '…'}（${t(
                              'workOrder.downtimeHours',
                              { hours: formatNumber(hours, locale, 1) },
                            )}）`
                          : '—'}
                      </span>
                    ),
                  },
                  {
                    key: 'labour',
                    label: t('workOrder.labour'),
                    children: (
                      <span data-testid="work-order-labour">
                        {o.labourMinutes === null ? '—' : t('workOrder.minutes', { minutes: o.labourMinutes })}
                      </span>
                    ),
                  },
                  ...(o.duePoint ? [{ key: 'duePoint', label: t('workOrder.duePoint'), children: o.duePoint }] : []),
                  ...(o.completedAt
                    ? [{ key: 'completed', label: t('workOrder.completedAt'), children: formatDateTime(o.completedAt) }]
                    : []),
                  ...(o.acceptedAt ? [{ key: 'accepted', label: t('workOrder.acceptedAt'), children: formatDateTime(o.acceptedAt) }] : []),
                ]}
              />
            </Card>
            {/* A generated 保养 order's description only lists its checklist, which has its own card. */}
            {o.checklist.length === 0 && (
              <Card size="small" title={t('workOrder.description')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.description || '—'}</Typography.Paragraph>
              </Card>
            )}
            {o.result && (
              <Card size="small" title={t('workOrder.result')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="work-order-result">
                  {o.result}
                </Typography.Paragraph>
              </Card>
            )}
            <Card size="small" title={t('workOrder.parts')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={o.parts}
                locale={{ emptyText: t('workOrder.noParts') }}
                scroll={{ x: 420 }}
                columns={[
                  { title: t('workOrder.part'), key: 'part', render: (_, p) => `${p.partCode} ${p.partName}` },
                  { title: t('workOrder.quantity'), key: 'quantity', width: 90, render: (_, p) => `${p.quantity} ${p.unit}` },
                  { title: t('workOrder.at'), dataIndex: 'at', width: 140, render: (at: string) => formatDateTime(at) },
                ]}
                data-testid="work-order-parts"
              />
            </Card>
            <Card size="small" title={t('workOrder.attachments')}>
              <WorkOrderAttachments order={o} />
            </Card>
          </Flex>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Flex vertical gap={16}>
            <ActionPanel order={o} onAct={setActing} />
            {o.checklist.length > 0 && <WorkOrderChecklist order={o} />}
            <Card size="small" title={t('workOrder.timeline')}>
              <OrderTimeline order={o} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {acting && <WorkOrderActionDialog order={o} action={acting} onClose={() => setActing(null)} />}
    </>
  );
}
