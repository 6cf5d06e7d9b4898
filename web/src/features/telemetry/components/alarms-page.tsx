import { Card, Flex, Grid, Pagination, Segmented, Table, Tabs, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ALARM_STATUSES } from '@tiantai/shared';
import type { AlarmStatus, AlarmView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useAlarms } from '../api/get-alarms';
import { AcknowledgeButton, WorkOrderLink } from './alarm-actions';
import { AlarmRulesPanel } from './alarm-rules-panel';
import { AlarmStatusTag, SeverityTag } from './telemetry-tags';
import { formatSeen } from './telemetry-format';
import { formatMetricWithUnit, metricInfo, metricLabel } from './metric-format';

type StatusFilter = AlarmStatus | 'all';
type Tab = 'alarms' | 'rules';
const PAGE_SIZE = 20;

const deviceLink = (alarm: AlarmView) => `/devices/${encodeURIComponent(alarm.deviceId)}`;

function AlarmCard({ alarm }: { alarm: AlarmView }) {
  return (
    <Flex vertical gap={6} data-testid="alarm-card">
      <Flex justify="space-between" align="center" gap={8}>
        <Flex gap={6} align="center" style={{ minWidth: 0 }}>
          <SeverityTag severity={alarm.severity} />
          <Typography.Text strong ellipsis>
            {alarm.ruleName}
          </Typography.Text>
        </Flex>
        <AlarmStatusTag status={alarm.status} />
      </Flex>
      <Link to={deviceLink(alarm)}>{alarm.deviceName}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {alarm.message}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatSeen(alarm.raisedAt)}
          {alarm.clearedAt && ` → ${formatSeen(alarm.clearedAt)}`}
        </Typography.Text>
        <Flex gap={12} align="center">
          <WorkOrderLink alarm={alarm} />
          <AcknowledgeButton alarm={alarm} />
        </Flex>
      </Flex>
    </Flex>
  );
}

function AlarmList() {
  const { t, locale } = useI18n();
  const narrow = Grid.useBreakpoint().md === false;
  const { params, update } = useUrlFilter();
  const status: StatusFilter = ALARM_STATUSES.find((s) => s === params.get('status')) ?? 'all';
  const deviceId = params.get('deviceId') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const alarms = useAlarms({ status: status === 'all' ? undefined : status, deviceId, page, pageSize: PAGE_SIZE });

  const shown = alarms.data?.items ?? [];
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: alarms.data?.total ?? 0,
    showTotal: (count: number) => t('common.total', { count }),
    onChange: (next: number) => update({ page: next === 1 ? undefined : String(next) }, true),
  };

  const columns: TableColumnsType<AlarmView> = [
    { title: t('alarm.severity'), dataIndex: 'severity', width: 72, render: (_, alarm) => <SeverityTag severity={alarm.severity} /> },
    { title: t('alarm.status'), dataIndex: 'status', width: 90, render: (_, alarm) => <AlarmStatusTag status={alarm.status} /> },
    {
      title: t('alarm.device'),
      dataIndex: 'deviceName',
      width: 160,
      ellipsis: true,
      render: (name: string, alarm) => (
        <Link to={deviceLink(alarm)} data-testid="alarm-device">
          {name}
        </Link>
      ),
    },
    // The message names the rule and the value that broke it; the rule's own name is its tooltip.
    {
      title: t('alarm.message'),
      dataIndex: 'message',
      minWidth: 200,
      ellipsis: { showTitle: false },
      render: (text: string, alarm) => (
        <Tooltip title={`${t('alarm.rule')}：${alarm.ruleName}`}>
          <span>{text}</span>
        </Tooltip>
      ),
    },
    {
      title: t('alarm.value'),
      dataIndex: 'value',
      width: 110,
      align: 'right',
      // Each alarm's own metric: the value in its unit, the metric's name on hover.
      render: (value: number | null, alarm) => {
        const info = metricInfo(alarm.deviceType, alarm.metric ?? '');
        return (
          <Tooltip title={alarm.metric ? metricLabel(info, locale) : undefined}>
            <span className="tt-mono" data-testid="alarm-value">
              {formatMetricWithUnit(info, value, locale)}
            </span>
          </Tooltip>
        );
      },
    },
    { title: t('alarm.raisedAt'), dataIndex: 'raisedAt', width: 110, render: (at: string) => formatSeen(at) },
    { title: t('alarm.clearedAt'), dataIndex: 'clearedAt', width: 110, render: (at: string | null) => formatSeen(at) },
    { title: t('alarm.workOrder'), key: 'workOrder', width: 100, render: (_, alarm) => <WorkOrderLink alarm={alarm} /> },
    { title: t('common.actions'), key: 'actions', width: 100, fixed: 'right', render: (_, alarm) => <AcknowledgeButton alarm={alarm} /> },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={(value) => update({ status: value === 'all' ? undefined : value })}
          options={[{ value: 'all', label: t('alarms.all') }, ...ALARM_STATUSES.map((s) => ({ value: s, label: t(`alarmStatus.${s}`) }))]}
          data-testid="alarm-status-filter"
        />
        {deviceId && <Typography.Link onClick={() => update({ deviceId: undefined })}>{t('alarms.allDevices')}</Typography.Link>}
      </Flex>
      {alarms.isError ? (
        <QueryError error={alarms.error} onRetry={() => void alarms.refetch()} />
      ) : narrow ? (
        <Flex vertical gap={8} data-testid="alarm-list">
          {shown.length === 0 && !alarms.isPending && (
            <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 24 }}>
              {t('alarms.empty')}
            </Typography.Text>
          )}
          {shown.map((alarm) => (
            <Card key={alarm.id} size="small">
              <AlarmCard alarm={alarm} />
            </Card>
          ))}
          {pagination.total > PAGE_SIZE && <Pagination simple align="center" {...pagination} />}
        </Flex>
      ) : (
        <Table<AlarmView>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={alarms.isPending}
          size="middle"
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('alarms.empty') }}
          pagination={pagination}
          data-testid="alarm-table"
        />
      )}
    </>
  );
}

/** 设备告警: the alarms raised by live data, and the rules that raise them. */
export function AlarmsPage() {
  const { t } = useI18n();
  const narrow = Grid.useBreakpoint().md === false;
  const { params, reset } = useUrlFilter();
  const tab: Tab = params.get('tab') === 'rules' ? 'rules' : 'alarms';
  return (
    <>
      <PageHeader title={t('alarms.title')} subtitle={narrow ? undefined : t('alarms.subtitle')} />
      <Card size={narrow ? 'small' : undefined} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => reset(key === 'rules' ? { tab: 'rules' } : {})}
          items={[
            { key: 'alarms', label: <span data-testid="tab-alarms">{t('alarms.tab')}</span>, children: <AlarmList /> },
            { key: 'rules', label: <span data-testid="tab-rules">{t('rules.tab')}</span>, children: <AlarmRulesPanel /> },
          ]}
        />
      </Card>
    </>
  );
}
