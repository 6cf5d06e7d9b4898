import { useMemo } from 'react';
import { Card, Empty, Flex, Segmented, Typography } from 'antd';
import { offlineAfterMs, type MetricDefinition, type SeriesResolution, type SeriesView } from '@tiantai/shared';
import { EChart } from '@/components/echart';
import type { EChartOption } from '@/components/echart';
import { withGaps } from '@/lib/chart-series';
import { formatCountyTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Locale, Translate } from '@/lib/i18n';
import { useSeries } from '../api/get-series';
import { formatMetricWithUnit, metricInfo, metricLabel } from './metric-format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const HISTORY_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
const RANGE_MS: Record<HistoryRange, number> = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
const LIVE_SPAN = 10 * MINUTE;
const LINE = '#1677ff';

/** How far apart the points of each resolution lie when the device reports without a break. */
const BUCKET_MS: Record<SeriesResolution, number> = { raw: 0, '1m': MINUTE, '1h': HOUR };

/**
 * Two neighbouring points further apart than this have a silence between them that the line must not bridge:
 * the device was offline (silent past offlineAfterMs, as its state says), or at least one rollup bucket
 * went by without a value.
 */
export function silenceAfterMs(deviceType: string | null, resolution: SeriesResolution): number {
  return Math.max(offlineAfterMs(deviceType), BUCKET_MS[resolution]);
}

type Point = SeriesView['points'][number];

function pointTime(ms: number, span: number): string {
  return formatCountyTime(ms, span > DAY ? 'YYYY-MM-DD HH:mm' : 'HH:mm:ss');
}

/**
 * One tooltip line per point: the value, and its minimum and maximum when the point stands for several.
 * `points` are the chart's data in order, undefined where a gap was inserted.
 */
function tooltipFor(points: ReadonlyArray<Point | undefined>, info: MetricDefinition, span: number, t: Translate, locale: Locale) {
  return (params: unknown) => {
    const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
    const point = first?.dataIndex === undefined ? undefined : points[first.dataIndex];
    if (!point) return '';
    const value = (v: number) => formatMetricWithUnit(info, v, locale);
    const lines = [pointTime(point.ts, span), `${metricLabel(info, locale)}: <b>${value(point.value)}</b>`];
    if (point.count > 1) {
      lines.push(`${t('chart.min')}: ${value(point.min)} · ${t('chart.max')}: ${value(point.max)}`);
      lines.push(t('chart.count', { count: point.count }));
    }
    return lines.join('<br/>');
  };
}

/**
 * A metric as a line, with a shaded min–max band wherever a point stands for several raw values (the
 * minute and hour rollups); the x axis spans the whole window so a live chart visibly moves along, the y axis
 * carries the metric's unit. Where the device fell silent for longer than `silenceMs` (silenceAfterMs) the line
 * and the band break: an explicit null between the points, drawn with connectNulls false, so an offline spell
 * shows as a gap rather than a straight line across it.
 */
export function seriesOption(
  series: SeriesView | undefined,
  info: MetricDefinition,
  from: number,
  to: number,
  t: Translate,
  locale: Locale,
  silenceMs: number = silenceAfterMs(null, series?.resolution ?? 'raw'),
): EChartOption {
  const raw = series?.points ?? [];
  const banded = raw.some((p) => p.count > 1);
  const span = to - from;
  // The line's data with nulls in the silences, and the point behind each entry (undefined for a gap).
  const line = withGaps(
    raw.map((p) => [p.ts, p.value] as const),
    silenceMs,
  );
  const byTs = new Map(raw.map((p) => [p.ts, p]));
  const points = line.map(([ts, value]) => (value === null ? undefined : byTs.get(ts)));
  const banding = (value: (p: Point) => number) => line.map(([ts], i) => [ts, points[i] && points[i].count > 1 ? value(points[i]) : null]);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: info.unit ? 28 : 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: tooltipFor(points, info, span, t, locale) },
    xAxis: {
      type: 'time',
      min: from,
      max: to,
      // Short labels (a phone has room for few) on the county's clock; the tooltip gives the instant to the second.
      axisLabel: {
        formatter: (value: number) => formatCountyTime(value, span > 2 * DAY ? 'MM-DD' : span > 2 * MINUTE ? 'HH:mm' : 'HH:mm:ss'),
        hideOverlap: true,
      },
    },
    yAxis: { type: 'value', scale: true, ...(info.unit && { name: info.unit, nameTextStyle: { align: 'left' as const } }) },
    series: [
      ...(banded
        ? [
            {
              type: 'line' as const,
              name: 'min',
              stack: 'band',
              symbol: 'none',
              connectNulls: false,
              lineStyle: { opacity: 0 },
              data: banding((p) => p.min),
            },
            {
              type: 'line' as const,
              name: 'band',
              stack: 'band',
              symbol: 'none',
              connectNulls: false,
              lineStyle: { opacity: 0 },
              areaStyle: { color: LINE, opacity: 0.15 },
              data: banding((p) => p.max - p.min),
            },
          ]
        : []),
      {
        type: 'line',
        name: metricLabel(info, locale),
        showSymbol: raw.length < 60,
        symbolSize: 5,
        connectNulls: false,
        lineStyle: { color: LINE, width: 2 },
        itemStyle: { color: LINE },
        data: line,
      },
    ],
  };
}

/** "实时曲线 · 模温 (°C)". */
function ChartTitle({ title, info, testId }: { title: string; info: MetricDefinition | undefined; testId: string }) {
  const { locale } = useI18n();
  return <span data-testid={testId}>{info ? `${title} · ${metricLabel(info, locale)}` : title}</span>;
}

function ChartBody({ series, option, testId }: { series: SeriesView | undefined; option: EChartOption; testId: string }) {
  const { t } = useI18n();
  return (
    <div
      style={{ position: 'relative' }}
      data-testid={testId}
      data-points={series?.points.length ?? 0}
      data-resolution={series?.resolution}
    >
      <EChart option={option} height={260} />
      {series && series.points.length === 0 && (
        <Flex justify="center" align="center" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chart.noData')} />
        </Flex>
      )}
    </div>
  );
}

/** The last 10 minutes of raw values, asked again every 2 s. */
export function LiveChart({ deviceId, deviceType, metric }: { deviceId: string; deviceType: string; metric: string | undefined }) {
  const { t, locale } = useI18n();
  const series = useSeries({ deviceId, key: metric, spanMs: LIVE_SPAN, resolution: 'raw', refetchInterval: 2000 });
  const to = series.dataUpdatedAt || Date.now();
  const info = useMemo(() => metricInfo(deviceType, metric ?? ''), [deviceType, metric]);
  const option = useMemo(
    () => seriesOption(series.data, info, to - LIVE_SPAN, to, t, locale, silenceAfterMs(deviceType, series.data?.resolution ?? 'raw')),
    [series.data, info, to, t, locale, deviceType],
  );
  return (
    <Card
      size="small"
      title={<ChartTitle title={t('chart.live')} info={metric ? info : undefined} testId="live-chart-title" />}
      extra={<Typography.Text type="secondary">{t('chart.liveHint')}</Typography.Text>}
    >
      <ChartBody series={series.data} option={option} testId="live-chart" />
    </Card>
  );
}

/** A longer window; the server picks raw values, minute or hour rollups by its length. */
export function HistoryChart({
  deviceId,
  deviceType,
  metric,
  range,
  onRange,
}: {
  deviceId: string;
  deviceType: string;
  metric: string | undefined;
  range: HistoryRange;
  onRange: (range: HistoryRange) => void;
}) {
  const { t, locale } = useI18n();
  const span = RANGE_MS[range];
  // Longer windows change slowly: refresh a day's chart every 30 s, a month's every 5 minutes.
  const series = useSeries({
    deviceId,
    key: metric,
    spanMs: span,
    refetchInterval: span <= HOUR ? 10_000 : span <= DAY ? 30_000 : 300_000,
  });
  const to = series.dataUpdatedAt || Date.now();
  const info = useMemo(() => metricInfo(deviceType, metric ?? ''), [deviceType, metric]);
  const option = useMemo(
    () => seriesOption(series.data, info, to - span, to, t, locale, silenceAfterMs(deviceType, series.data?.resolution ?? 'raw')),
    [series.data, info, to, span, t, locale, deviceType],
  );
  return (
    <Card
      size="small"
      title={<ChartTitle title={t('chart.history')} info={metric ? info : undefined} testId="history-chart-title" />}
      extra={
        <Flex gap={8} align="center" wrap>
          {series.data && (
            <Typography.Text type="secondary" data-testid="history-resolution">
              {t(`resolution.${series.data.resolution}`)}
            </Typography.Text>
          )}
          <Segmented<HistoryRange>
            size="small"
            value={range}
            onChange={onRange}
            options={HISTORY_RANGES.map((r) => ({ value: r, label: t(`range.${r}`) }))}
            data-testid="history-range"
          />
        </Flex>
      }
    >
      <ChartBody series={series.data} option={option} testId="history-chart" />
    </Card>
  );
}
