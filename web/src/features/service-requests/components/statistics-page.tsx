import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Flex, Progress, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { StatisticsRow } from '@tiantai/shared';
import { EChart } from '@/components/echart';
import type { EChartOption } from '@/components/echart';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { countyDayjs, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Locale, MessageKey, Translate } from '@/lib/i18n';
import { statisticsExportUrl, useStatistics } from '../api/get-statistics';
import type { StatisticsGroupBy } from '../api/get-statistics';
import { useCategoryNames } from './category-name';
import { GreenFormulaCard } from './green-formula-card';

const GROUPS: readonly StatisticsGroupBy[] = ['department', 'category', 'park', 'township', 'month'];
/** Below this many requests a rate says little; the ranking marks such rows. */
const FEW_CASES = 5;
const DAY = 'YYYY-MM-DD';

type Period = [Dayjs, Dayjs];
type RateField = 'completionRate' | 'onTimeRate' | 'satisfactionRate' | 'greenRate';

const RATES: ReadonlyArray<{ field: RateField; label: MessageKey }> = [
  { field: 'completionRate', label: 'stats.completionRate' },
  { field: 'onTimeRate', label: 'stats.onTimeRate' },
  { field: 'satisfactionRate', label: 'stats.satisfactionRate' },
  { field: 'greenRate', label: 'stats.greenRate' },
];

function percent(rate: number | null, locale: Locale): string {
  return rate === null ? '—' : `${formatNumber(rate * 100, locale, 1)}%`;
}

/** Rows without a group come labelled in Chinese by the server; say them in the user's language. */
const NO_GROUP: Partial<Record<StatisticsGroupBy, MessageKey>> = {
  department: 'stats.none.department',
  park: 'stats.none.park',
  township: 'stats.none.township',
};

function chartOption(rows: StatisticsRow[], t: Translate, locale: Locale): EChartOption {
  const top = rows.slice(0, 15);
  return {
    color: ['#1554ad', '#2fb344', '#f0a020'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 72 },
    xAxis: {
      type: 'category',
      data: top.map((r) => r.label),
      axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0, width: 96, overflow: 'truncate' },
    },
    yAxis: [
      { type: 'value', name: t('stats.casesUnit'), minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: t('stats.received'), type: 'bar', data: top.map((r) => r.received), barMaxWidth: 28 },
      { name: t('stats.closed'), type: 'bar', data: top.map((r) => r.closed), barMaxWidth: 28 },
      {
        name: t('stats.onTimeRate'),
        type: 'line',
        yAxisIndex: 1,
        data: top.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
        connectNulls: true,
        symbolSize: 7,
        tooltip: { valueFormatter: (value) => (typeof value === 'number' ? `${formatNumber(value, locale, 1)}%` : '—') },
      },
    ],
  };
}

function Kpi({ title, value, unit, testId }: { title: string; value: string; unit?: string; testId: string }) {
  return (
    <Card size="small" className="tt-kpi" data-testid={testId}>
      <Typography.Text type="secondary" className="tt-kpi__title">
        {title}
      </Typography.Text>
      <div className="tt-kpi__value">
        <span data-testid={`${testId}-value`}>{value}</span>
        {unit && <span className="tt-kpi__unit">{unit}</span>}
      </div>
    </Card>
  );
}

export function StatisticsPage() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<Period>(() => [countyDayjs().startOf('year'), countyDayjs().endOf('year')]);
  const [groupBy, setGroupBy] = useState<StatisticsGroupBy>('department');
  const query = { from: period[0].format(DAY), to: period[1].format(DAY), groupBy };
  const statistics = useStatistics(query);

  const nameOf = useCategoryNames(locale);
  const ranked = useMemo(() => {
    const labelOf = (row: StatisticsRow): string => {
      const none = NO_GROUP[groupBy];
      if (row.key === '-' && none) return t(none);
      // Category rows carry the code as key: name it in the user's language.
      if (groupBy === 'category' && nameOf(row.key) !== row.key) return nameOf(row.key);
      return row.label;
    };
    return (statistics.data?.rows ?? [])
      .map((row) => ({ ...row, label: labelOf(row) }))
      .sort((a, b) => (groupBy === 'month' ? a.key.localeCompare(b.key) : b.received - a.received));
  }, [statistics.data, groupBy, nameOf, t]);
  const option = useMemo(() => chartOption(ranked, t, locale), [ranked, t, locale]);
  const total = statistics.data?.total;

  const rateColumn = (field: RateField, label: MessageKey): TableColumnsType<StatisticsRow>[number] => ({
    title: t(label),
    dataIndex: field,
    width: 130,
    sorter: (a, b) => (a[field] ?? -1) - (b[field] ?? -1) || a.received - b.received,
    render: (rate: number | null, row) =>
      rate === null ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Flex vertical gap={0}>
          <span>{percent(rate, locale)}</span>
          <Progress
            percent={Math.round(rate * 100)}
            showInfo={false}
            size="small"
            aria-label={`${row.label} ${t(label)} ${percent(rate, locale)}`}
            strokeColor={rate >= 0.9 ? '#2fb344' : rate >= 0.7 ? '#1554ad' : '#f0a020'}
          />
        </Flex>
      ),
  });

  const columns: TableColumnsType<StatisticsRow> = [
    { title: t('stats.rank'), key: 'rank', width: 64, align: 'center', render: (_, __, index) => index + 1 },
    {
      title: t(`stats.group.${groupBy}`),
      dataIndex: 'label',
      width: 200,
      render: (label: string, row) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{label}</Typography.Text>
          {row.received < FEW_CASES && (
            <Tooltip title={t('stats.fewCasesHint', { count: FEW_CASES })}>
              <Tag style={{ marginInlineEnd: 0 }}>{t('stats.fewCases')}</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    // Volume first, beside every rate: 100% of two requests is not 95% of two hundred.
    { title: t('stats.received'), dataIndex: 'received', width: 80, align: 'right', sorter: (a, b) => a.received - b.received },
    { title: t('stats.closed'), dataIndex: 'closed', width: 80, align: 'right', sorter: (a, b) => a.closed - b.closed },
    ...RATES.map(({ field, label }) => rateColumn(field, label)),
    {
      title: t('stats.medianColumn'),
      dataIndex: 'medianAnswerHours',
      width: 150,
      align: 'right',
      sorter: (a, b) => (a.medianAnswerHours ?? Infinity) - (b.medianAnswerHours ?? Infinity),
      render: (hours: number | null) => formatNumber(hours, locale, 1),
    },
    // How the closed ones closed, after the rates so the columns the rates read stay where they were.
    { title: t('stats.rated'), dataIndex: 'rated', width: 80, align: 'right', sorter: (a, b) => a.rated - b.rated },
    { title: t('stats.followedUp'), dataIndex: 'followedUp', width: 100, align: 'right', sorter: (a, b) => a.followedUp - b.followedUp },
    { title: t('stats.notRated'), dataIndex: 'notRated', width: 100, align: 'right', sorter: (a, b) => a.notRated - b.notRated },
  ];

  const presets: Array<{ label: string; value: Period }> = [
    { label: t('stats.thisYear'), value: [countyDayjs().startOf('year'), countyDayjs().endOf('year')] },
    {
      label: t('stats.lastYear'),
      value: [countyDayjs().subtract(1, 'year').startOf('year'), countyDayjs().subtract(1, 'year').endOf('year')],
    },
    { label: t('stats.thisMonth'), value: [countyDayjs().startOf('month'), countyDayjs().endOf('month')] },
    { label: t('stats.last30Days'), value: [countyDayjs().subtract(29, 'day'), countyDayjs()] },
  ];

  return (
    <>
      <PageHeader
        title={t('stats.title')}
        subtitle={t('stats.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={statisticsExportUrl(query)} download data-testid="stats-export">
            {t('stats.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center" justify="space-between">
          <DatePicker.RangePicker
            value={period}
            allowClear={false}
            presets={presets}
            onChange={(range) => {
              if (range?.[0] && range[1]) setPeriod([range[0], range[1]]);
            }}
            data-testid="stats-period"
          />
          <Segmented<StatisticsGroupBy>
            value={groupBy}
            onChange={setGroupBy}
            options={GROUPS.map((g) => ({ value: g, label: t(`stats.groupBy.${g}`) }))}
            data-testid="stats-group-by"
          />
        </Flex>
      </Card>
      {statistics.isError ? (
        <QueryError error={statistics.error} onRetry={() => void statistics.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <div className="tt-kpis">
            <Kpi
              title={t('stats.received')}
              value={total ? String(total.received) : '—'}
              unit={t('stats.casesUnit')}
              testId="kpi-received"
            />
            <Kpi title={t('stats.closed')} value={total ? String(total.closed) : '—'} unit={t('stats.casesUnit')} testId="kpi-closed" />
            {RATES.map(({ field, label }) => (
              <Kpi key={field} title={t(label)} value={percent(total?.[field] ?? null, locale)} testId={`kpi-${field}`} />
            ))}
            <Kpi
              title={t('stats.medianAnswer')}
              value={formatNumber(total?.medianAnswerHours, locale, 1)}
              unit={total?.medianAnswerHours != null ? t('stats.workingHours') : undefined}
              testId="kpi-median"
            />
          </div>
          <Alert type="info" showIcon title={t('stats.rateHint')} description={t('stats.closingHint')} />
          <Card size="small" title={t('stats.chart')}>
            {ranked.length === 0 && !statistics.isPending ? (
              <Empty description={t('stats.empty')} />
            ) : (
              <EChart option={option} height={340} testId="stats-chart" />
            )}
          </Card>
          <Card size="small" title={t('stats.ranking')}>
            <Table<StatisticsRow>
              rowKey="key"
              columns={columns}
              dataSource={ranked}
              loading={statistics.isFetching}
              size="small"
              pagination={false}
              scroll={{ x: 1340 }}
              locale={{ emptyText: t('stats.empty') }}
            />
          </Card>
          <GreenFormulaCard />
        </Flex>
      )}
    </>
  );
}
