import { Card, Empty, Flex, Skeleton, Tag, Typography, theme } from 'antd';
import { Link } from 'react-router';
import type { WorkOrderKind, WorkOrderStatus, WorkOrderView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAssetWorkOrders } from '../api/get-asset-work-orders';

const KIND_COLOURS: Record<WorkOrderKind, string> = { maintenance: 'blue', inspection: 'cyan', repair: 'volcano' };
const STATUS_COLOURS: Record<WorkOrderStatus, string> = {
  reported: 'gold',
  assigned: 'blue',
  in_progress: 'processing',
  on_hold: 'warning',
  done: 'purple',
  accepted: 'success',
  cancelled: 'default',
};

/** Hours the asset stood still for this order (still counting while it is down), or null. */
function downtimeHours(order: WorkOrderView): number | null {
  if (!order.downtimeStart) return null;
  const end = order.downtimeEnd ? new Date(order.downtimeEnd) : new Date();
  return Math.max(0, end.getTime() - new Date(order.downtimeStart).getTime()) / 3_600_000;
}

function OrderRow({ order, first }: { order: WorkOrderView; first: boolean }) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const down = downtimeHours(order);
  return (
    <Flex
      vertical
      gap={4}
      style={{ paddingBlock: 8, borderTop: first ? undefined : `1px solid ${token.colorBorderSecondary}` }}
      data-testid="asset-work-order"
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8} align="center" wrap>
          <Link to={`/work-orders/${encodeURIComponent(order.id)}`} className="tt-mono">
            {order.number}
          </Link>
          <Tag color={KIND_COLOURS[order.kind]} style={{ marginInlineEnd: 0 }} data-kind={order.kind}>
            {t(`workOrderKind.${order.kind}`)}
          </Tag>
          <Tag color={STATUS_COLOURS[order.status]} style={{ marginInlineEnd: 0 }} data-status={order.status}>
            {t(`workOrderStatus.${order.status}`)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(order.createdAt)}
        </Typography.Text>
      </Flex>
      <Flex justify="space-between" gap={8}>
        <Typography.Text style={{ minWidth: 0 }} ellipsis={{ tooltip: order.title }}>
          {order.title}
        </Typography.Text>
        {down !== null && (
          <Typography.Text type="warning" style={{ fontSize: 12, flexShrink: 0 }} data-testid="asset-work-order-downtime">
            {t('workOrder.downtimeHours', { hours: formatNumber(down, locale, 1) })}
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}

/** The asset's latest work orders (保养 / 巡检 / 维修); "all" opens the whole work-order list (not only the caller's) searched by its code. */
export function AssetWorkOrdersCard({ assetId, assetCode }: { assetId: string; assetCode: string }) {
  const { t } = useI18n();
  const orders = useAssetWorkOrders(assetId);
  const data = orders.data;
  return (
    <Card
      size="small"
      title={t('assetWorkOrders.title')}
      extra={<Link to={`/work-orders?q=${encodeURIComponent(assetCode)}&scope=all`}>{t('assetWorkOrders.all')}</Link>}
      data-testid="asset-work-orders"
    >
      {orders.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 4 }} />
      ) : orders.isError ? (
        <QueryError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : !data || data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assetWorkOrders.empty')} />
      ) : (
        <Flex vertical>
          {data.items.map((order, i) => (
            <OrderRow key={order.id} order={order} first={i === 0} />
          ))}
          {data.total > data.items.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingTop: 8 }}>
              {t('assetWorkOrders.latest', { shown: data.items.length, total: data.total })}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
