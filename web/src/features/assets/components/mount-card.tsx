import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { AssetDetailView, MoldMountView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAssets } from '../api/get-assets';
import { useMountMold } from '../api/mount-mold';
import { useUnmountMold } from '../api/unmount-mold';

/** The press chooser: the enterprise's own presses (a mold goes on a press of its keeper). */
function MountControl({ asset }: { asset: AssetDetailView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const equipment = useAssets({ kind: 'equipment', press: true, page: 1, pageSize: 200 });
  const mount = useMountMold(asset.id);
  const [pressId, setPressId] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const presses = (equipment.data?.items ?? []).filter((e) => e.holder && e.state !== 'scrapped');

  const onMount = async () => {
    if (!pressId) return;
    setFailure(null);
    try {
      const updated = await mount.mutateAsync({ pressId });
      void message.success(t('mount.mounted', { name: updated.mountedOnName ?? '' }));
      setPressId(undefined);
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('mount.pressPlaceholder')}
          aria-label={t('mount.pressPlaceholder')}
          value={pressId}
          onChange={setPressId}
          loading={equipment.isPending}
          options={presses.map((p) => ({
            value: p.id,
            label: [p.code, p.name, p.lineName].filter(Boolean).join(' · '),
          }))}
          style={{ flex: 1, minWidth: 220 }}
          data-testid="mount-press"
        />
        <Button type="primary" disabled={!pressId} loading={mount.isPending} onClick={() => void onMount()} data-testid="mount-submit">
          {t('mount.mount')}
        </Button>
      </Flex>
      {failure && <Alert type="error" showIcon title={failure} />}
    </Flex>
  );
}

function UnmountControl({ asset }: { asset: AssetDetailView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const unmount = useUnmountMold(asset.id);
  const onUnmount = async () => {
    try {
      await unmount.mutateAsync();
      void message.success(t('mount.unmounted'));
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };
  return (
    <Popconfirm
      title={t('mount.unmountConfirm', { name: asset.mountedOnName ?? '' })}
      okText={t('mount.unmount')}
      cancelText={t('action.cancel')}
      onConfirm={() => onUnmount()}
    >
      <Button danger loading={unmount.isPending} data-testid="unmount">
        {t('mount.unmount')}
      </Button>
    </Popconfirm>
  );
}

/** Where the mold runs now, 上机/下机 for the admin of its keeper, and every press it has been on. */
export function MountCard({ asset, canMount }: { asset: AssetDetailView; canMount: boolean }) {
  const { t } = useI18n();
  const isMold = asset.kind === 'mold';
  const columns: TableColumnsType<MoldMountView> = [
    {
      title: isMold ? t('mount.press') : t('mount.mold'),
      key: 'other',
      render: (_, m) => {
        const [otherId, otherName] = isMold ? [m.pressId, m.pressName] : [m.moldId, m.moldName];
        return <Link to={`/assets/${encodeURIComponent(otherId)}`}>{otherName}</Link>;
      },
    },
    { title: t('mount.mountedAt'), dataIndex: 'mountedAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('mount.removedAt'),
      dataIndex: 'removedAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : <Tag color="green">{t('mount.current')}</Tag>),
    },
  ];
  return (
    <Card size="small" title={t('mount.title')} data-testid="mount-card">
      {isMold && (
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center" wrap data-testid="mounted-on">
            <Typography.Text type="secondary">{t('asset.mountedOn')}：</Typography.Text>
            {asset.mountedOnAssetId ? (
              <Link to={`/assets/${encodeURIComponent(asset.mountedOnAssetId)}`} data-testid="mounted-on-name">
                {asset.mountedOnName}
              </Link>
            ) : (
              <Typography.Text data-testid="mounted-on-name">{t('asset.notMounted')}</Typography.Text>
            )}
            {canMount && asset.mountedOnAssetId && <UnmountControl asset={asset} />}
          </Flex>
          {canMount && !asset.mountedOnAssetId && asset.state !== 'scrapped' && <MountControl asset={asset} />}
        </Flex>
      )}
      <Table<MoldMountView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={asset.mounts}
        pagination={false}
        scroll={{ x: 480 }}
        locale={{ emptyText: t('mount.empty') }}
      />
    </Card>
  );
}
