import { useMemo, useState } from 'react';
import { Button, Card, Flex, Grid, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { MACHINE_STATES } from '@tiantai/shared';
import type { DeviceCredentialsView, DeviceView, MachineState } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { SearchInput } from '@/components/search-input';
import { useCan } from '@/lib/authorization';
import { formatNumber } from '@/lib/format';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useDevices } from '../api/get-devices';
import { CredentialsModal } from './credentials-modal';
import { DeleteDeviceConfirm } from './delete-device-confirm';
import { DeviceFormModal } from './device-form-modal';
import { MachineStateTag } from './telemetry-tags';
import { formatSeen, since } from './telemetry-format';

type StateFilter = MachineState | 'all';

export function rejectedCount(device: DeviceView): number {
  const c = device.counts;
  return c.rejectedMalformed + c.rejectedRate + c.rejectedSize + c.rejectedTopic + c.rejectedLimit + c.rejectedClientId;
}

const deviceLink = (device: DeviceView) => `/devices/${encodeURIComponent(device.id)}`;

function StateCell({ device }: { device: DeviceView }) {
  const { t } = useI18n();
  const duration = since(device.stateSince, t);
  return (
    <Flex vertical gap={2} align="flex-start">
      <MachineStateTag state={device.state} />
      {duration && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('device.for', { duration })}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Rejections({ device }: { device: DeviceView }) {
  const { t, locale } = useI18n();
  const total = rejectedCount(device);
  if (total === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  const c = device.counts;
  return (
    <Tooltip
      title={t('device.rejectedDetail', {
        malformed: c.rejectedMalformed,
        rate: c.rejectedRate,
        size: c.rejectedSize,
        topic: c.rejectedTopic,
        limit: c.rejectedLimit,
        clientId: c.rejectedClientId,
      })}
    >
      <Typography.Text type="warning" data-testid="device-rejected">
        {formatNumber(total, locale, 0)}
      </Typography.Text>
    </Tooltip>
  );
}

/** A phone shows each device as a card: its state first, then what it belongs to and when it last spoke. */
function DeviceCard({ device }: { device: DeviceView }) {
  const { t, locale } = useI18n();
  const duration = since(device.stateSince, t);
  return (
    <Link to={deviceLink(device)} style={{ color: 'inherit', display: 'block', width: '100%' }}>
      <Flex vertical gap={6} data-testid="device-card">
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong ellipsis>
            {device.name}
          </Typography.Text>
          <MachineStateTag state={device.state} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {device.assetCode ? `${device.assetCode} ${device.assetName ?? ''}` : t('device.unbound')}
        </Typography.Text>
        <Flex justify="space-between" gap={8} wrap style={{ fontSize: 13 }}>
          <Typography.Text type="secondary">
            {t('device.lastSeen')}：{formatSeen(device.lastSeenAt)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {duration ? t('device.for', { duration }) : ''} ·{' '}
            {t('device.messagesShort', { count: formatNumber(device.counts.messages, locale, 0) })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Link>
  );
}

/** 设备接入: every device of the enterprise with its live state, refreshed every few seconds. */
export function DevicesPage() {
  const { t, locale } = useI18n();
  const admin = useCan('telemetry.manage');
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md === false;
  const { params, update } = useUrlFilter();
  const q = params.get('q') ?? undefined;
  const state: StateFilter = MACHINE_STATES.find((s) => s === params.get('state')) ?? 'all';
  // One request for all states: the tabs show how many devices are in each, the table the chosen one.
  const devices = useDevices({ q });
  // /devices?new=1&assetId=… (the asset page's "connect a device") opens the form for that machine.
  const [creating, setCreating] = useState(params.get('new') === '1');
  const forAsset = params.get('assetId');
  const stopCreating = () => {
    setCreating(false);
    if (params.has('new') || params.has('assetId')) update({ new: undefined, assetId: undefined }, true);
  };
  const [showing, setShowing] = useState<{ device: DeviceView; created?: DeviceCredentialsView } | null>(null);

  const all = devices.data ?? [];
  const counts = useMemo(() => {
    const byState: Record<MachineState, number> = { running: 0, idle: 0, down: 0, offline: 0 };
    for (const device of devices.data ?? []) byState[device.state] += 1;
    return byState;
  }, [devices.data]);
  const shown = state === 'all' ? all : all.filter((device) => device.state === state);

  const columns: TableColumnsType<DeviceView> = [
    {
      title: t('device.name'),
      dataIndex: 'name',
      minWidth: 180,
      fixed: 'left',
      render: (name: string, device) => (
        <Flex vertical gap={2}>
          <Link to={deviceLink(device)} style={{ fontWeight: 500 }} data-testid="device-link">
            {name}
          </Link>
          <Flex gap={4} wrap>
            <Typography.Text type="secondary" className="tt-mono" style={{ fontSize: 12 }}>
              {device.deviceType}
            </Typography.Text>
            {device.kind === 'gateway' && <Tag style={{ fontSize: 11, lineHeight: '16px' }}>{t('deviceKind.gateway')}</Tag>}
            {device.gatewayId && <Tag style={{ fontSize: 11, lineHeight: '16px' }}>{t('device.viaGateway')}</Tag>}
          </Flex>
        </Flex>
      ),
    },
    { title: t('device.state'), key: 'state', width: 130, render: (_, device) => <StateCell device={device} /> },
    {
      title: t('device.asset'),
      key: 'asset',
      width: 200,
      ellipsis: true,
      render: (_, device) =>
        device.assetId ? (
          <Link to={`/assets/${encodeURIComponent(device.assetId)}`}>
            <span className="tt-mono">{device.assetCode}</span> {device.assetName}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('device.unbound')}</Typography.Text>
        ),
    },
    {
      title: t('device.lastSeen'),
      dataIndex: 'lastSeenAt',
      width: 120,
      render: (at: string | null, device) => (
        <Tooltip title={device.connected ? t('device.connected') : undefined}>
          <span className="tt-mono" data-testid="device-last-seen">
            {formatSeen(at)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('device.messages'),
      key: 'messages',
      width: 100,
      align: 'right',
      render: (_, device) => <span data-testid="device-messages">{formatNumber(device.counts.messages, locale, 0)}</span>,
    },
    { title: t('device.rejected'), key: 'rejected', width: 90, align: 'right', render: (_, device) => <Rejections device={device} /> },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, device: DeviceView) => (
              <Flex gap={4}>
                {/* A device behind a gateway has no token of its own: it sends through its gateway. */}
                {!device.gatewayId && (
                  <Button
                    type="link"
                    size="small"
                    icon={<KeyOutlined />}
                    onClick={() => setShowing({ device })}
                    data-testid="device-credentials"
                  >
                    {t('credentials.short')}
                  </Button>
                )}
                <DeleteDeviceConfirm device={device}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} />
                </DeleteDeviceConfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  const empty = q || state !== 'all' ? t('devices.emptyFiltered') : t(admin ? 'devices.emptyAdmin' : 'devices.empty');

  return (
    <>
      <PageHeader
        title={t('devices.title')}
        subtitle={narrow ? undefined : t('devices.subtitle')}
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-device">
              {t('devices.new')}
            </Button>
          )
        }
      />
      <Card size={narrow ? 'small' : undefined}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          {/* Thousands of devices make long counts: on a phone the tabs scroll rather than widen the page. */}
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented<StateFilter>
              value={state}
              onChange={(value) => update({ state: value === 'all' ? undefined : value })}
              options={[
                { value: 'all', label: `${t('devices.all')} ${all.length}` },
                ...MACHINE_STATES.map((s) => ({ value: s, label: `${t(`machineState.${s}`)} ${counts[s]}` })),
              ]}
              data-testid="device-state-filter"
            />
          </div>
          <SearchInput
            value={q}
            onSearch={(value) => update({ q: value })}
            placeholder={t('devices.searchPlaceholder')}
            width={narrow ? 220 : 260}
            testId="device-search"
          />
        </Flex>
        {devices.isError ? (
          <QueryError error={devices.error} onRetry={() => void devices.refetch()} />
        ) : narrow ? (
          <Flex vertical gap={8} data-testid="device-list">
            {shown.length === 0 && !devices.isPending && (
              <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 24 }}>
                {empty}
              </Typography.Text>
            )}
            {shown.map((device) => (
              <Card key={device.id} size="small" hoverable>
                <DeviceCard device={device} />
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<DeviceView>
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={devices.isPending}
            size="middle"
            scroll={{ x: 1000 }}
            locale={{ emptyText: empty }}
            data-testid="device-table"
            onRow={(device) => ({
              onClick: (event) => {
                if (event.target instanceof Element && event.target.closest('a, button, .ant-popover')) return;
                void navigate(deviceLink(device));
              },
              style: { cursor: 'pointer' },
            })}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      {creating && (
        <DeviceFormModal
          assetId={forAsset}
          onClose={stopCreating}
          onCreated={(created) => {
            stopCreating();
            setShowing({ device: created.device, created: created.credentials });
          }}
        />
      )}
      {showing && (
        <CredentialsModal
          deviceId={showing.device.id}
          deviceName={showing.device.name}
          kind={showing.device.kind}
          created={showing.created}
          onClose={() => {
            const created = showing.created;
            setShowing(null);
            // A new device opens on its page, ready to receive its first values.
            if (created) void navigate(deviceLink(showing.device));
          }}
        />
      )}
    </>
  );
}
