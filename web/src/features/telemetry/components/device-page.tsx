import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Grid, List, Row, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, KeyOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { DeviceDetailView, LatestValueView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useAlarms } from '../api/get-alarms';
import { useDevice } from '../api/get-device';
import { AcknowledgeButton, WorkOrderLink } from './alarm-actions';
import { CredentialsModal } from './credentials-modal';
import { HISTORY_RANGES, HistoryChart, LiveChart } from './device-charts';
import type { HistoryRange } from './device-charts';
import { DeleteDeviceConfirm } from './delete-device-confirm';
import { DeviceFormModal } from './device-form-modal';
import { rejectedCount } from './devices-page';
import { MachineStateTag, SeverityTag } from './telemetry-tags';
import { formatSeen, since } from './telemetry-format';
import { byCatalogueOrder, formatMetric, metricInfo, metricLabel, outOfRange, rangeText } from './metric-format';
import { UtilisationCard } from './utilisation-card';

/** The metric a chart opens on: anything but the state code, which says little as a line. */
function defaultMetric(latest: LatestValueView[]): string | undefined {
  return (latest.find((v) => v.key !== 'state') ?? latest[0])?.key;
}

/** The device's latest value of each metric: its name and unit, the value at its precision, flagged outside its usual range. */
export function LatestValues({ device, metric, onPick }: { device: DeviceDetailView; metric?: string; onPick: (key: string) => void }) {
  const { t, locale } = useI18n();
  const order = byCatalogueOrder(device.deviceType);
  const rows = [...device.latest].sort((a, b) => order(a.key, b.key));
  const columns: TableColumnsType<LatestValueView> = [
    {
      title: t('latest.key'),
      dataIndex: 'key',
      render: (key: string) => {
        const info = metricInfo(device.deviceType, key);
        return (
          <Flex vertical data-testid="latest-metric" data-key={key}>
            <span className={info.known ? undefined : 'tt-mono'}>{metricLabel(info, locale)}</span>
            {info.known && (
              <Typography.Text type="secondary" className="tt-mono" style={{ fontSize: 11 }}>
                {key}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('latest.value'),
      dataIndex: 'value',
      align: 'right',
      render: (value: number, row) => {
        const info = metricInfo(device.deviceType, row.key);
        const outside = outOfRange(info, value);
        const text = (
          <Typography.Text
            type={outside ? 'warning' : undefined}
            className="tt-mono"
            style={{ fontWeight: 600 }}
            data-testid="latest-value"
            data-key={row.key}
            data-out-of-range={outside || undefined}
          >
            {formatMetric(info, value, locale)}
          </Typography.Text>
        );
        if (!outside) return text;
        return (
          <Tooltip title={t('latest.outOfRange', { range: rangeText(info, locale) ?? '' })}>
            <Flex gap={4} justify="flex-end" align="center">
              <WarningOutlined style={{ color: '#faad14' }} aria-label={t('latest.outOfRange', { range: rangeText(info, locale) ?? '' })} />
              {text}
            </Flex>
          </Tooltip>
        );
      },
    },
    { title: t('latest.at'), dataIndex: 'ts', width: 110, render: (ts: number) => formatSeen(new Date(ts).toISOString()) },
  ];
  return (
    <Card size="small" title={t('latest.title')} styles={{ body: { padding: 0 } }}>
      <Table<LatestValueView>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('latest.empty') }}
        rowClassName={(row) => (row.key === metric ? 'ant-table-row-selected' : '')}
        onRow={(row) => ({ onClick: () => onPick(row.key), style: { cursor: 'pointer' } })}
        data-testid="latest-values"
      />
    </Card>
  );
}

function DeviceAlarms({ deviceId }: { deviceId: string }) {
  const { t } = useI18n();
  const alarms = useAlarms({ deviceId, status: 'raised', pageSize: 10 });
  const items = alarms.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('device.openAlarms')}
      extra={<Link to={`/alarms?deviceId=${encodeURIComponent(deviceId)}`}>{t('device.allAlarms')}</Link>}
    >
      {alarms.isError ? (
        <QueryError error={alarms.error} onRetry={() => void alarms.refetch()} />
      ) : (
        <List
          size="small"
          loading={alarms.isPending}
          dataSource={items}
          locale={{ emptyText: t('device.noOpenAlarms') }}
          data-testid="device-alarms"
          renderItem={(alarm) => (
            <List.Item key={alarm.id} style={{ paddingInline: 0 }} data-testid="device-alarm">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} align="center">
                  <Flex gap={6} align="center" style={{ minWidth: 0 }}>
                    <SeverityTag severity={alarm.severity} />
                    <Typography.Text strong ellipsis>
                      {alarm.ruleName}
                    </Typography.Text>
                  </Flex>
                  <AcknowledgeButton alarm={alarm} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSeen(alarm.raisedAt)} · {alarm.message}
                </Typography.Text>
                <WorkOrderLink alarm={alarm} />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function DeviceInfo({ device }: { device: DeviceDetailView }) {
  const { t, locale } = useI18n();
  const c = device.counts;
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('device.kind'), children: t(`deviceKind.${device.kind}`) },
    { key: 'type', label: t('device.deviceType'), children: <span className="tt-mono">{device.deviceType}</span> },
    {
      key: 'connected',
      label: t('device.mqtt'),
      children: (
        <Tag color={device.connected ? 'success' : undefined} data-testid="device-connection">
          {t(device.connected ? 'device.connected' : 'device.disconnected')}
        </Tag>
      ),
    },
    { key: 'lastSeen', label: t('device.lastSeen'), children: <span data-testid="device-last-seen">{formatSeen(device.lastSeenAt)}</span> },
    {
      key: 'messages',
      label: t('device.messages'),
      children: <span data-testid="device-messages">{formatNumber(c.messages, locale, 0)}</span>,
    },
    { key: 'points', label: t('device.points'), children: formatNumber(c.points, locale, 0) },
    {
      key: 'rejected',
      label: t('device.rejected'),
      children:
        rejectedCount(device) === 0
          ? '0'
          : t('device.rejectedDetail', {
              malformed: c.rejectedMalformed,
              rate: c.rejectedRate,
              size: c.rejectedSize,
              topic: c.rejectedTopic,
              limit: c.rejectedLimit,
              clientId: c.rejectedClientId,
            }),
    },
    { key: 'created', label: t('common.createdAt'), children: formatDateTime(device.createdAt) },
  ];
  return (
    <Card size="small" title={t('device.info')}>
      <Descriptions size="small" column={1} items={items} />
    </Card>
  );
}

/** One device: its state, latest values, a live and a historical chart, today's utilisation and its open alarms. */
export function DevicePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const admin = useCan('telemetry.manage');
  const device = useDevice(id);
  const { params, update } = useUrlFilter();
  const [dialog, setDialog] = useState<'edit' | 'credentials' | null>(null);
  // Side by side on a wide screen; stacked, the latest values come first.
  const wide = Grid.useBreakpoint().xl === true;
  // The metric the charts opened on stays when new metrics arrive, until the user picks another.
  const [opened, setOpened] = useState<{ deviceId: string; metric: string } | null>(null);
  const opening = device.data ? defaultMetric(device.data.latest) : undefined;
  if (opening !== undefined && opened?.deviceId !== id) setOpened({ deviceId: id, metric: opening });
  const range: HistoryRange = HISTORY_RANGES.find((r) => r === params.get('range')) ?? '24h';

  const back = (
    <Link to="/devices">
      <Button icon={<ArrowLeftOutlined />}>{t('device.backToList')}</Button>
    </Link>
  );

  if (device.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (device.isError && !device.data) {
    return (
      <>
        <PageHeader title={t('devices.title')} extra={back} />
        <QueryError error={device.error} onRetry={() => void device.refetch()} />
      </>
    );
  }

  const d = device.data;
  const keys = d.latest.map((v) => v.key);
  const picked = params.get('metric');
  const kept = opened?.deviceId === id && keys.includes(opened.metric) ? opened.metric : undefined;
  const metric = picked && keys.includes(picked) ? picked : (kept ?? defaultMetric(d.latest));
  const duration = since(d.stateSince, t);
  const latest = <LatestValues device={d} metric={metric} onPick={(key) => update({ metric: key }, true)} />;

  return (
    <>
      <PageHeader
        title={<span data-testid="device-name">{d.name}</span>}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <MachineStateTag state={d.state} />
            {duration && <span data-testid="device-state-since">{t('device.since', { at: formatSeen(d.stateSince), duration })}</span>}
            {d.assetId ? (
              <Link to={`/assets/${encodeURIComponent(d.assetId)}`} data-testid="device-asset">
                <span className="tt-mono">{d.assetCode}</span> {d.assetName}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('device.unbound')}</Typography.Text>
            )}
          </Flex>
        }
        extra={
          <>
            {back}
            {admin && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="device-edit">
                  {t('action.edit')}
                </Button>
                {!d.gatewayId && (
                  <Button icon={<KeyOutlined />} onClick={() => setDialog('credentials')} data-testid="device-credentials">
                    {t('credentials.short')}
                  </Button>
                )}
                <DeleteDeviceConfirm device={d} onDeleted={() => void navigate('/devices')}>
                  <Button danger icon={<DeleteOutlined />} data-testid="device-delete">
                    {t('action.delete')}
                  </Button>
                </DeleteDeviceConfirm>
              </>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {!wide && latest}
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{t('chart.metric')}</Typography.Text>
              <Select
                value={metric}
                onChange={(key: string) => update({ metric: key }, true)}
                options={[...keys]
                  .sort(byCatalogueOrder(d.deviceType))
                  .map((key) => ({ value: key, label: metricLabel(metricInfo(d.deviceType, key), locale) }))}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('chart.noMetric')}
                aria-label={t('chart.metric')}
                style={{ minWidth: 220 }}
                data-testid="chart-metric"
              />
            </Flex>
            <LiveChart deviceId={d.id} deviceType={d.deviceType} metric={metric} />
            <HistoryChart
              deviceId={d.id}
              deviceType={d.deviceType}
              metric={metric}
              range={range}
              onRange={(r) => update({ range: r }, true)}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {wide && latest}
            <UtilisationCard deviceId={d.id} />
            <DeviceAlarms deviceId={d.id} />
            <DeviceInfo device={d} />
          </Flex>
        </Col>
      </Row>
      {dialog === 'edit' && <DeviceFormModal device={d} onClose={() => setDialog(null)} />}
      {dialog === 'credentials' && <CredentialsModal deviceId={d.id} deviceName={d.name} kind={d.kind} onClose={() => setDialog(null)} />}
    </>
  );
}
