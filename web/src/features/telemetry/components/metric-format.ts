// Metrics as people read them, from the catalogue in shared (metric-catalogue.ts): "模温 (°C)" rather than
// `mold_temp`, values rounded to the metric's precision, the range its values usually keep to.
import { metricInfo, metricLabel, metricsOfType, outOfRange, withUnit } from '@tiantai/shared';
import type { MetricDefinition } from '@tiantai/shared';
import type { Locale } from '@/lib/i18n';
import { formatValue } from './telemetry-format';

export { metricInfo, metricLabel, outOfRange };

/** A value rounded to the metric's precision in the locale's digits: "182.5", "500,600"; an unknown key as sent. */
export function formatMetric(info: MetricDefinition, value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  if (info.precision === null) return formatValue(value, locale);
  return value.toLocaleString(locale, { minimumFractionDigits: info.precision, maximumFractionDigits: info.precision });
}

/** The value with its unit: "182.5 °C", "85%", "500,600". */
export function formatMetricWithUnit(info: MetricDefinition, value: number | null | undefined, locale: Locale): string {
  const text = formatMetric(info, value, locale);
  return text === '—' ? text : withUnit(text, info.unit);
}

/** The range the metric's values usually keep to: "150–320 °C", "≥ 0", "≤ 7.1 mm/s"; null when open. */
export function rangeText(info: MetricDefinition, locale: Locale): string | null {
  const n = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: info.precision ?? 3 });
  if (info.min !== null && info.max !== null) return withUnit(`${n(info.min)}–${n(info.max)}`, info.unit);
  if (info.min !== null) return withUnit(`≥ ${n(info.min)}`, info.unit);
  if (info.max !== null) return withUnit(`≤ ${n(info.max)}`, info.unit);
  return null;
}

/** Keys in the order the device type's catalogue lists them; keys it does not list follow, alphabetically. */
export function byCatalogueOrder(deviceType: string | null | undefined): (a: string, b: string) => number {
  const order = metricsOfType(deviceType).map((d) => d.key);
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  return (a, b) => rank(a) - rank(b) || a.localeCompare(b);
}
