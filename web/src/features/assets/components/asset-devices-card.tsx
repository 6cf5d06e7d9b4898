import { Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { MachineState } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAssetDevices } from '../api/get-asset-devices';

const STATE_COLOURS: Record<MachineState, string> = { running: 'success', idle: 'gold', down: 'error', offline: 'default' };

/** The machine's connected devices and their live state; the admin connects a new one from here. */
export function AssetDevicesCard({ assetId, canProvision }: { assetId: string; canProvision: boolean }) {
  const { t } = useI18n();
  const devices = useAssetDevices(assetId);
  return (
    <Card
      size="small"
      title={t('assetDevices.title')}
      extra={
        canProvision && (
          <Link to={`/devices?new=1&assetId=${encodeURIComponent(assetId)}`} data-testid="asset-connect-device">
            <Button size="small" icon={<PlusOutlined />}>
              {t('assetDevices.connect')}
            </Button>
          </Link>
        )
      }
      data-testid="asset-devices"
    >
      {devices.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : devices.isError ? (
        <QueryError error={devices.error} onRetry={() => void devices.refetch()} />
      ) : devices.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assetDevices.none')} />
      ) : (
        <Flex vertical gap={8}>
          {devices.data.map((d) => (
            <Flex key={d.id} justify="space-between" align="center" gap={8} wrap data-testid="asset-device">
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                <Tag color={STATE_COLOURS[d.state]} style={{ marginInlineEnd: 0 }} data-state={d.state}>
                  {t(`machineState.${d.state}`)}
                </Tag>
                <Link to={`/devices/${encodeURIComponent(d.id)}`}>{d.name}</Link>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.lastSeenAt ? formatDateTime(d.lastSeenAt) : '—'}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
