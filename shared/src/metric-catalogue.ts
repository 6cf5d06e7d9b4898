import { z } from 'zod';

// What a metric key means: its name in both languages, its unit, how many decimals to show and the range its
// values usually keep to, per device type (the types of REPORT_INTERVAL_S). The device page, its charts, the
// alarm rules, the alarm texts and the device API all read this one declaration. A device may send any key:
// an unknown one is shown as the key itself, with no unit.

export interface MetricName {
  zh: string;
  en: string;
}

export interface MetricDefinition {
  key: string;
  name: MetricName;
  /** A symbol read the same in both languages (°C, A, kW, MPa, r/min, %); null: a count or a code. */
  unit: string | null;
  /** Decimals shown; null: as sent (an unknown key). */
  precision: number | null;
  /** The range a healthy machine's values keep to; outside it the device page flags the value. Null: open. */
  min: number | null;
  max: number | null;
  /** False for a key the catalogue does not know: its name is the key itself. */
  known: boolean;
}

type Base = Omit<MetricDefinition, 'key' | 'known'>;
const m = (zh: string, en: string, unit: string | null, precision: number, min: number | null = null, max: number | null = null): Base => ({
  name: { zh, en },
  unit,
  precision,
  min,
  max,
});

/** Every key the catalogue knows, with the range that holds whatever the device type. */
const METRICS: Readonly<Record<string, Base>> = {
  // machine state and counters (monitor.ts reads state, shots, cycles; the assets take the counters)
  state: m('状态码', 'State code', null, 0, 0, 3),
  shots: m('累计模次', 'Shot count', null, 0, 0),
  cycles: m('累计循环', 'Cycle count', null, 0, 0),
  parts: m('产量计数', 'Part count', null, 0, 0),
  run_hours: m('累计运行时间', 'Run hours', 'h', 1, 0),
  cycle_time: m('成型周期', 'Cycle time', 's', 1, 0, 600),
  cycle_s: m('成型周期', 'Cycle time', 's', 1, 0, 600),
  // temperatures
  oil_temp: m('液压油温', 'Hydraulic oil temperature', '°C', 1, 15, 60),
  mold_temp: m('模温', 'Mold temperature', '°C', 1, 0, 320),
  melt_temp: m('料温', 'Melt temperature', '°C', 1, 0, 750),
  temperature: m('温度', 'Temperature', '°C', 1, -20, 80),
  temp: m('温度', 'Temperature', '°C', 1, -20, 80),
  // pressure, motion, vibration
  pressure: m('系统压力', 'System pressure', 'MPa', 2, 0, 35),
  pressure_mpa: m('系统压力', 'System pressure', 'MPa', 2, 0, 35),
  injection_pressure: m('注射压力', 'Injection pressure', 'MPa', 1, 0, 250),
  spindle_rpm: m('主轴转速', 'Spindle speed', 'r/min', 0, 0, 24_000),
  spindle_load: m('主轴负载', 'Spindle load', '%', 0, 0, 120),
  feed_rate: m('进给速度', 'Feed rate', 'mm/min', 0, 0, 20_000),
  vibration: m('振动速度', 'Vibration velocity', 'mm/s', 2, 0, 7.1),
  vibration_mm_s: m('振动速度', 'Vibration velocity', 'mm/s', 2, 0, 7.1),
  // electricity
  current: m('电流', 'Current', 'A', 1, 0, 100),
  voltage: m('电压', 'Voltage', 'V', 1),
  power_kw: m('有功功率', 'Active power', 'kW', 1, 0, 60),
  energy_kwh: m('累计电能', 'Energy', 'kWh', 1, 0),
  power_factor: m('功率因数', 'Power factor', null, 2, 0, 1),
  frequency: m('频率', 'Frequency', 'Hz', 2, 49.5, 50.5),
  // environment
  humidity: m('相对湿度', 'Relative humidity', '%', 1, 0, 100),
  pm25: m('PM2.5', 'PM2.5', 'µg/m³', 0, 0, 75),
  noise: m('噪声', 'Noise', 'dB(A)', 1, 0, 85),
};

type Entry = string | [key: string, override: Partial<Base>];

/** The keys each device type reports, in the order a page lists them, with the ranges that differ for the type. */
const TYPES: Readonly<Record<string, readonly Entry[]>> = {
  machine: ['state', 'shots', 'cycles', 'run_hours', 'oil_temp', 'current', 'power_kw'],
  press: ['state', 'shots', 'oil_temp', 'pressure', 'current', ['power_kw', { max: 200 }]],
  injection_molding: [
    'state',
    'shots',
    ['cycle_time', { max: 300 }],
    ['mold_temp', { min: 10, max: 140 }],
    ['melt_temp', { min: 160, max: 340 }],
    ['injection_pressure', { max: 220 }],
    'oil_temp',
    'current',
    ['power_kw', { max: 200 }],
  ],
  die_casting: [
    'state',
    'shots',
    ['cycle_time', { max: 180 }],
    ['mold_temp', { min: 150, max: 320 }],
    ['melt_temp', { name: { zh: '铝液温度', en: 'Melt temperature' }, min: 620, max: 720 }],
    ['injection_pressure', { name: { zh: '压射比压', en: 'Casting pressure' }, min: 20, max: 150 }],
    'oil_temp',
    'current',
    ['power_kw', { max: 300 }],
  ],
  cnc: ['state', 'parts', 'run_hours', 'spindle_rpm', 'spindle_load', 'feed_rate', 'current', 'power_kw'],
  sensor: ['temperature', 'humidity', 'pressure', 'vibration'],
  energy_meter: [
    ['voltage', { min: 340, max: 420 }],
    ['current', { max: null }],
    ['power_kw', { max: null }],
    'energy_kwh',
    'power_factor',
    'frequency',
  ],
  environment: [['temperature', { min: 0, max: 40 }], ['humidity', { min: 20, max: 80 }], 'pm25', 'noise'],
};

function define(key: string, override: Partial<Base> = {}): MetricDefinition {
  const base = METRICS[key];
  if (!base) throw new Error(`metric catalogue: ${key} has no definition`);
  return { key, ...base, ...override, known: true };
}

/** The catalogue: each device type's metrics. */
export const METRIC_CATALOGUE: Readonly<Record<string, readonly MetricDefinition[]>> = Object.fromEntries(
  Object.entries(TYPES).map(([type, entries]) => [type, entries.map((e) => (typeof e === 'string' ? define(e) : define(e[0], e[1])))]),
);

/** Every key the catalogue knows, whatever the device type (the alarm rule editor offers them). */
export const KNOWN_METRIC_KEYS: readonly string[] = Object.keys(METRICS);

/** The metrics a device type reports; none for a type the catalogue does not know. */
export const metricsOfType = (deviceType: string | null | undefined): readonly MetricDefinition[] =>
  (deviceType && Object.hasOwn(METRIC_CATALOGUE, deviceType) && METRIC_CATALOGUE[deviceType]) || [];

/**
 * A key as a device of this type means it: the type's entry, else the key's general entry (a device of a type
 * the catalogue does not know still names its mold_temp 模温), else the key itself with no unit.
 */
export function metricInfo(deviceType: string | null | undefined, key: string): MetricDefinition {
  const typed = metricsOfType(deviceType).find((d) => d.key === key);
  if (typed) return typed;
  if (Object.hasOwn(METRICS, key)) return define(key);
  return { key, name: { zh: key, en: key }, unit: null, precision: null, min: null, max: null, known: false };
}

const isEnglish = (lang: string) => lang.toLowerCase().startsWith('en');

/** The metric's name in a language ('zh-CN', 'zh', 'en'). */
export const metricName = (info: MetricDefinition, lang: string): string => (isEnglish(lang) ? info.name.en : info.name.zh);

/** "模温 (°C)", "Mold temperature (°C)", "累计模次"; an unknown key as itself. */
export const metricLabel = (info: MetricDefinition, lang: string): string =>
  info.unit ? `${metricName(info, lang)} (${info.unit})` : metricName(info, lang);

/** A number followed by its unit: "182.5 °C", "85%"; a number alone without one. */
export const withUnit = (text: string, unit: string | null): string => (!unit ? text : unit === '%' ? `${text}%` : `${text} ${unit}`);

/** The value rounded to the metric's precision (an unknown key to 3 decimals at most). */
export function roundMetric(info: MetricDefinition, value: number): number {
  const factor = 10 ** (info.precision ?? 3);
  return Math.round(value * factor) / factor;
}

/** Whether a value lies outside the range the metric usually keeps to. */
export const outOfRange = (info: MetricDefinition, value: number): boolean =>
  (info.min !== null && value < info.min) || (info.max !== null && value > info.max);

/** A metric as the device API describes it (GET /api/telemetry/devices/{id}: `metrics`). */
export const metricDefinitionView = z.object({
  key: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  unit: z.string().nullable().describe('A symbol read the same in both languages (°C, A, kW, MPa); null for counts and codes'),
  precision: z.number().nullable().describe('Decimals to show; null: as sent'),
  min: z.number().nullable().describe('Low end of the range the values usually keep to; null: open'),
  max: z.number().nullable().describe('High end of the range the values usually keep to; null: open'),
  known: z.boolean().describe('False for a key the catalogue does not know: its name is the key itself'),
});
export type MetricDefinitionView = z.infer<typeof metricDefinitionView>;
