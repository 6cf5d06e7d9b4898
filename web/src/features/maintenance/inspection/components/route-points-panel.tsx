import { useState } from 'react';
import { Alert, Button, Flex, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { InspectionItemView, InspectionPointView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { useI18n } from '@/lib/i18n';
import { describeError } from '@/lib/error-message';
import { useDeleteInspectionPoint, useReorderInspectionPoints } from '../api/edit-inspection-route';
import { useInspectionRoute } from '../api/get-inspection-route';
import { ITEM_KIND_LABELS, PointFormModal } from './point-form-modal';
import { PointLabelModal } from './point-label-modal';

function ItemTag({ item }: { item: InspectionItemView }) {
  const { t } = useI18n();
  const range = item.min !== null || item.max !== null ? ` ${item.min ?? ''}~${item.max ?? ''}${item.unit ?? ''}` : '';
  return (
    <Tag>
      {item.label} · {t(ITEM_KIND_LABELS[item.kind])}
      {range}
    </Tag>
  );
}

/**
 * The enterprise admin's view of a route: its points in walking order (moved up and down), each with its
 * label, edited or removed, and a way to add one.
 */
export function RoutePointsPanel({ routeId }: { routeId: string }) {
  const { t } = useI18n();
  const route = useInspectionRoute(routeId);
  const [adding, setAdding] = useState(false);
  const [labelOf, setLabelOf] = useState<InspectionPointView | null>(null);
  const [editing, setEditing] = useState<InspectionPointView | null>(null);
  const reorder = useReorderInspectionPoints(routeId);
  const remove = useDeleteInspectionPoint();
  const busy = reorder.isPending || remove.isPending;

  if (route.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (route.isError) return <QueryError error={route.error} onRetry={() => void route.refetch()} />;

  const ids = route.data.points.map((p) => p.id);
  const move = (index: number, to: number) => {
    const next = [...ids];
    [next[index], next[to]] = [next[to]!, next[index]!];
    reorder.mutate(next);
  };
  const failure = reorder.error ?? remove.error;

  return (
    <Flex vertical gap={8} data-testid="route-points">
      <List
        size="small"
        dataSource={route.data.points}
        locale={{ emptyText: t('inspection.point.empty') }}
        renderItem={(point, index) => (
          <List.Item data-testid="route-point" data-point-name={point.name}>
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Typography.Text strong>
                {point.seq}. {point.name}
              </Typography.Text>
              {point.assetCode && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {point.assetCode} {point.assetName}
                </Typography.Text>
              )}
              <Flex wrap gap={4}>
                {point.items.map((item) => (
                  <ItemTag key={item.id} item={item} />
                ))}
              </Flex>
              <Flex wrap gap={4} style={{ marginTop: 4 }}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('inspection.point.up')}
                  disabled={busy || index === 0}
                  onClick={() => move(index, index - 1)}
                  data-testid="point-up"
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('inspection.point.down')}
                  disabled={busy || index === ids.length - 1}
                  onClick={() => move(index, index + 1)}
                  data-testid="point-down"
                />
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(point)} data-testid="edit-point">
                  {t('action.edit')}
                </Button>
                <Button size="small" icon={<QrcodeOutlined />} onClick={() => setLabelOf(point)} data-testid="show-point-label">
                  {t('inspection.label.show')}
                </Button>
                <Popconfirm title={t('inspection.point.removeConfirm')} onConfirm={() => remove.mutate(point.id)}>
                  <Button size="small" danger icon={<DeleteOutlined />} disabled={busy} data-testid="remove-point">
                    {t('inspection.point.remove')}
                  </Button>
                </Popconfirm>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {failure && <Alert type="error" showIcon title={describeError(failure, t)} data-testid="route-points-error" />}
      <Button icon={<PlusOutlined />} type="dashed" onClick={() => setAdding(true)} data-testid="add-point">
        {t('inspection.point.new')}
      </Button>
      {adding && <PointFormModal routeId={routeId} onClose={() => setAdding(false)} />}
      {editing && <PointFormModal routeId={routeId} point={editing} onClose={() => setEditing(null)} />}
      {labelOf && <PointLabelModal point={labelOf} onClose={() => setLabelOf(null)} />}
    </Flex>
  );
}
