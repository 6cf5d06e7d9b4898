import { screen, waitFor, within } from '@testing-library/react';
import type { DeviceDetailView, SeriesView } from '@tiantai/shared';
import { metricInfo } from '@tiantai/shared';
import { Route, Routes } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import type { Translate } from '@/lib/i18n';
import { seriesOption, silenceAfterMs } from './device-charts';
import { DevicePage } from './device-page';

const NOW = Date.now();

const DEVICE: DeviceDetailView = {
  id: 'dev-1',
  enterpriseId: 'org-enterprise',
  name: '2 号压铸机 PLC',
  kind: 'device',
  deviceType: 'die_casting',
  gatewayId: null,
  assetId: null,
  assetName: null,
  assetCode: null,
  online: true,
  connected: true,
  lastSeenAt: new Date(NOW).toISOString(),
  state: 'running',
  stateSince: new Date(NOW - 60_000).toISOString(),
  counts: {
    messages: 3,
    points: 7,
    rejectedMalformed: 0,
    rejectedRate: 0,
    rejectedSize: 0,
    rejectedTopic: 0,
    rejectedLimit: 0,
    rejectedClientId: 0,
  },
  createdAt: new Date(NOW - 86_400_000).toISOString(),
  latest: [
    { key: 'current', ts: NOW, value: 63.24 },
    { key: 'mold_temp', ts: NOW, value: 185 },
    { key: 'oil_temp', ts: NOW, value: 66.04 },
    { key: 'probe_7', ts: NOW, value: 1.23456 },
    { key: 'shots', ts: NOW, value: 500600 },
  ],
  openAlarms: 0,
  metrics: [],
};

const SERIES: SeriesView = { key: 'current', resolution: 'raw', points: [{ ts: NOW, value: 63.24, min: 63.24, max: 63.24, count: 1 }] };

// ECharts draws on a canvas, which jsdom does not have: a context that accepts every call and draws nothing.
const getContext = HTMLCanvasElement.prototype.getContext;
beforeAll(() => {
  const noop = () => undefined;
  const context = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) => (key in target ? target[key] : key === 'measureText' ? () => ({ width: 0 }) : noop),
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  HTMLCanvasElement.prototype.getContext = (() => context) as unknown as typeof getContext;
});
afterAll(() => {
  HTMLCanvasElement.prototype.getContext = getContext;
});

function renderPage(locale: 'zh-CN' | 'en' = 'zh-CN', device: DeviceDetailView = DEVICE) {
  const server = serveApi({
    'GET /api/telemetry/devices/dev-1': () => device,
    'GET /api/telemetry/devices/dev-1/series': () => SERIES,
    'GET /api/telemetry/devices/dev-1/utilisation': () => ({
      from: NOW - 3_600_000,
      to: NOW,
      seconds: { running: 3600, idle: 0, down: 0, offline: 0 },
      utilisation: 1,
      poweredOnRate: 1,
    }),
    'GET /api/telemetry/alarms': () => ({ items: [], total: 0, page: 1, pageSize: 10 }),
  });
  renderWithProviders(
    <Routes>
      <Route path="/devices/:id" element={<DevicePage />} />
    </Routes>,
    { user: makeUser('enterprise_admin'), route: '/devices/dev-1', locale },
  );
  return server;
}

const metricCell = (key: string) => screen.getAllByTestId('latest-metric').find((e) => e.dataset.key === key)!;
const valueCell = (key: string) => screen.getAllByTestId('latest-value').find((e) => e.dataset.key === key)!;

// The whole page renders (charts, utilisation, alarms): slower than a card under a loaded machine.
describe('the device page names each metric with its unit', { timeout: 30_000 }, () => {
  it('shows the latest values by name and unit, at each metric’s precision, in the catalogue’s order', async () => {
    renderPage();
    await screen.findByText('2 号压铸机 PLC');
    await waitFor(() => expect(screen.getAllByTestId('latest-metric')).toHaveLength(5));
    expect(metricCell('mold_temp').textContent).toBe('模温 (°C)mold_temp');
    expect(within(metricCell('mold_temp')).getByText('模温 (°C)')).toBeTruthy();
    expect(metricCell('current').textContent).toContain('电流 (A)');
    expect(metricCell('shots').textContent).toContain('累计模次');
    expect(valueCell('mold_temp').textContent).toBe('185.0');
    expect(valueCell('current').textContent).toBe('63.2');
    expect(valueCell('shots').textContent).toBe('500,600');
    // A key the catalogue does not know: the key itself, the value as sent.
    expect(metricCell('probe_7').textContent).toBe('probe_7');
    expect(valueCell('probe_7').textContent).toBe('1.235');
    // The die-casting machine's catalogue order: shots, mold temperature, …, then unknown keys.
    expect(screen.getAllByTestId('latest-metric').map((e) => e.dataset.key)).toEqual([
      'shots',
      'mold_temp',
      'oil_temp',
      'current',
      'probe_7',
    ]);
  });

  it('flags a value outside the metric’s usual range', async () => {
    renderPage();
    await waitFor(() => expect(screen.getAllByTestId('latest-value')).toHaveLength(5));
    expect(valueCell('oil_temp').dataset.outOfRange).toBe('true');
    expect(screen.getByLabelText('超出常见范围 15–60 °C')).toBeTruthy();
    expect(valueCell('mold_temp').dataset.outOfRange).toBeUndefined();
    expect(valueCell('probe_7').dataset.outOfRange).toBeUndefined();
  });

  it('titles the charts and the metric picker with the name and unit', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByTestId('live-chart-title').textContent).toBe('实时曲线 · 电流 (A)'));
    expect(screen.getByTestId('history-chart-title').textContent).toBe('历史曲线 · 电流 (A)');
    expect(screen.getByTestId('chart-metric').textContent).toContain('电流 (A)');
    // Named by the visible label beside it, not by its placeholder.
    expect(screen.getByRole('combobox', { name: '指标' })).toBeTruthy();
  });

  it('in English too', async () => {
    renderPage('en');
    await waitFor(() => expect(screen.getAllByTestId('latest-metric')).toHaveLength(5));
    expect(metricCell('mold_temp').textContent).toContain('Mold temperature (°C)');
    expect(screen.getByTestId('live-chart-title').textContent).toBe('Live · Current (A)');
  });
});

describe('the chart of a metric', () => {
  const t = ((key: string) => key) as Translate;
  const series: SeriesView = {
    key: 'mold_temp',
    resolution: '1m',
    points: [{ ts: NOW, value: 182.46, min: 180.04, max: 185, count: 12 }],
  };

  it('carries the unit on its y axis, the name on its line, both in the tooltip', () => {
    const option = seriesOption(series, metricInfo('die_casting', 'mold_temp'), NOW - 60_000, NOW, t, 'zh-CN');
    expect(option.yAxis).toMatchObject({ name: '°C' });
    const lines = option.series as Array<{ name?: string }>;
    expect(lines.at(-1)?.name).toBe('模温 (°C)');
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }]);
    expect(tooltip).toContain('模温 (°C): <b>182.5 °C</b>');
    expect(tooltip).toContain('chart.min: 180.0 °C · chart.max: 185.0 °C');
  });

  it('breaks the line and the band where the device was offline, instead of drawing across the silence (#14 item 5)', () => {
    const second = 1000;
    const point = (ts: number, value: number, count = 1) => ({ ts, value, min: value - 1, max: value + 1, count });
    // A die-casting PLC reports every 10 s (offline after 60 s): two readings, ten minutes of silence, two more.
    const raw: SeriesView = {
      key: 'mold_temp',
      resolution: 'raw',
      points: [point(NOW, 180), point(NOW + 10 * second, 181), point(NOW + 610 * second, 150), point(NOW + 620 * second, 152)],
    };
    const silence = silenceAfterMs('die_casting', 'raw');
    expect(silence).toBe(60 * second);
    const option = seriesOption(raw, metricInfo('die_casting', 'mold_temp'), NOW, NOW + 620 * second, t, 'zh-CN', silence);
    const line = (option.series as Array<{ name?: string; connectNulls?: boolean; data: Array<[number, number | null]> }>).at(-1)!;
    expect(line.connectNulls).toBe(false);
    expect(line.data.map(([, value]) => value)).toEqual([180, 181, null, 150, 152]);
    // The tooltip still names the reading under the pointer, after the gap as before it.
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tooltip([{ dataIndex: 3 }])).toContain('150.0 °C');
    expect(tooltip([{ dataIndex: 2 }])).toBe('');

    // Hour rollups: one hour without a value is a gap in the line and in the min–max band; back-to-back hours are not.
    const hour = 3_600_000;
    const hourly: SeriesView = {
      key: 'mold_temp',
      resolution: '1h',
      points: [point(NOW, 180, 360), point(NOW + hour, 182, 360), point(NOW + 3 * hour, 179, 360)],
    };
    const rolled = seriesOption(
      hourly,
      metricInfo('die_casting', 'mold_temp'),
      NOW,
      NOW + 3 * hour,
      t,
      'zh-CN',
      silenceAfterMs('die_casting', '1h'),
    );
    const lines = rolled.series as Array<{ name?: string; connectNulls?: boolean; data: Array<[number, number | null]> }>;
    for (const series of lines) {
      expect(series.connectNulls, series.name).toBe(false);
      expect(series.data.map(([, value]) => value === null)).toEqual([false, false, true, false]);
    }
  });

  it('has no unit for a key the catalogue does not know', () => {
    const option = seriesOption({ ...series, key: 'probe_7' }, metricInfo('die_casting', 'probe_7'), NOW - 60_000, NOW, t, 'en');
    expect((option.yAxis as { name?: string }).name).toBeUndefined();
    expect((option.series as Array<{ name?: string }>).at(-1)?.name).toBe('probe_7');
  });
});
