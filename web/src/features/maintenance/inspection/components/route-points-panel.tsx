import { useState } from 'react';
import { Button, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { InspectionItemView, InspectionPointView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { useI18n } from '@/lib/i18n';
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

/** The enterprise admin's view of a route: its points in walking order, each with its label, and a way to add one. */
export function RoutePointsPanel({ routeId }: { routeId: string }) {
  const { t } = useI18n();
  const route = useInspectionRoute(routeId);
  const [adding, setAdding] = useState(false);
  const [labelOf, setLabelOf] = useState<InspectionPointView | null>(null);

  if (route.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (route.isError) return <QueryError error={route.error} onRetry={() => void route.refetch()} />;

  return (
    <Flex vertical gap={8} data-testid="route-points">
      <List
        size="small"
        dataSource={route.data.points}
        locale={{ emptyText: t('inspection.point.empty') }}
        renderItem={(point) => (
          <List.Item
            data-testid="route-point"
            actions={[
              <Button key="label" size="small" icon={<QrcodeOutlined />} onClick={() => setLabelOf(point)} data-testid="show-point-label">
                {t('inspection.label.show')}
              </Button>,
            ]}
          >
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
            </Flex>
          </List.Item>
        )}
      />
      <Button icon={<PlusOutlined />} type="dashed" onClick={() => setAdding(true)} data-testid="add-point">
        {t('inspection.point.new')}
      </Button>
      {adding && <PointFormModal routeId={routeId} onClose={() => setAdding(false)} />}
      {labelOf && <PointLabelModal point={labelOf} onClose={() => setLabelOf(null)} />}
    </Flex>
  );
}
