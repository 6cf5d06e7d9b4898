import { describe, expect, it } from 'vitest';
import {
  KNOWN_METRIC_KEYS,
  METRIC_CATALOGUE,
  metricInfo,
  metricLabel,
  metricName,
  metricsOfType,
  outOfRange,
  roundMetric,
  withUnit,
} from './metric-catalogue';
import { REPORT_INTERVAL_S } from './telemetry';

describe('the metric catalogue', () => {
  it('names a key with its unit, per device type', () => {
    const mold = metricInfo('die_casting', 'mold_temp');
    expect(metricLabel(mold, 'zh-CN')).toBe('模温 (°C)');
    expect(metricLabel(mold, 'en')).toBe('Mold temperature (°C)');
    expect([mold.precision, mold.min, mold.max]).toEqual([1, 150, 320]);
    // The same key on an injection moulding machine keeps its name, with that machine's range.
    expect(metricInfo('injection_molding', 'mold_temp')).toMatchObject({ name: { zh: '模温' }, min: 10, max: 140 });
    // A type may name a key its own way.
    expect(metricName(metricInfo('die_casting', 'melt_temp'), 'zh')).toBe('铝液温度');
    expect(metricName(metricInfo('injection_molding', 'melt_temp'), 'zh')).toBe('料温');
    expect(metricLabel(metricInfo('press', 'shots'), 'zh-CN')).toBe('累计模次');
  });

  it('knows a key on a device type it does not list, or of a type it does not know', () => {
    expect(metricInfo('diecast', 'mold_temp')).toMatchObject({ key: 'mold_temp', unit: '°C', known: true, min: 0, max: 320 });
    expect(metricInfo(null, 'current')).toMatchObject({ unit: 'A', precision: 1, known: true });
    expect(metricInfo('sensor', 'oil_temp').name.zh).toBe('液压油温');
  });

  it('falls back to the key itself, with no unit, for a key it does not know', () => {
    const unknown = metricInfo('press', 'probe_7');
    expect(unknown).toEqual({
      key: 'probe_7',
      name: { zh: 'probe_7', en: 'probe_7' },
      unit: null,
      precision: null,
      min: null,
      max: null,
      known: false,
    });
    expect(metricLabel(unknown, 'zh-CN')).toBe('probe_7');
    expect(outOfRange(unknown, -1e9)).toBe(false);
    expect(roundMetric(unknown, 1.23456)).toBe(1.235);
    // Not a property of every object.
    expect(metricInfo('press', 'constructor').known).toBe(false);
    expect(metricInfo('constructor', 'toString').known).toBe(false);
  });

  it('rounds to the precision, writes units and flags values outside the range', () => {
    const oil = metricInfo('press', 'oil_temp');
    expect(roundMetric(oil, 52.46)).toBe(52.5);
    expect(withUnit('52.5', oil.unit)).toBe('52.5 °C');
    expect(withUnit('85', '%')).toBe('85%');
    expect(withUnit('3', null)).toBe('3');
    expect(outOfRange(oil, 66)).toBe(true);
    expect(outOfRange(oil, 52)).toBe(false);
    expect(outOfRange(oil, 10)).toBe(true);
    expect(outOfRange(metricInfo('press', 'shots'), 5_000_000)).toBe(false);
  });

  it('covers every device type with a report interval, and every metric the demo machines send', () => {
    for (const type of Object.keys(REPORT_INTERVAL_S)) expect(metricsOfType(type).length, type).toBeGreaterThan(0);
    // server/src/modules/telemetry/simulator.ts, for the demo's presses and machines (telemetry.demo.ts)
    for (const type of ['press', 'machine'])
      for (const key of ['state', 'shots', 'oil_temp', 'current', 'power_kw'])
        expect(
          metricsOfType(type).map((m) => m.key),
          `${type}.${key}`,
        ).toContain(key);
    expect(metricsOfType('no_such_type')).toEqual([]);
    expect(metricsOfType(null)).toEqual([]);
  });

  it('declares each entry whole: names in both languages, a precision, a range that is a range', () => {
    const entries = [...Object.values(METRIC_CATALOGUE).flat(), ...KNOWN_METRIC_KEYS.map((key) => metricInfo(null, key))];
    for (const e of entries) {
      expect(e.name.zh && e.name.en, e.key).toBeTruthy();
      expect(e.precision, e.key).toBeGreaterThanOrEqual(0);
      if (e.min !== null && e.max !== null) expect(e.min, e.key).toBeLessThan(e.max);
      expect(e.known).toBe(true);
    }
    for (const [type, metrics] of Object.entries(METRIC_CATALOGUE))
      expect(new Set(metrics.map((m) => m.key)).size, type).toBe(metrics.length);
  });
});
