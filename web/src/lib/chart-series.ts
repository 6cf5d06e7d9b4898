// Series for line charts that must not draw across missing data (the big screens' week, a device's trend
// charts): every bucket without a value is an explicit null, and the lines are drawn with connectNulls false,
// so a machine that was offline (or not yet watched) shows as a gap, never as a straight line over the gap or a
// drop to 0. Pure, so it is tested without a chart.

const DAY_MS = 86_400_000;

/** The consecutive dates (YYYY-MM-DD) from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end && dates.length < 3660; at += DAY_MS)
    dates.push(new Date(at).toISOString().slice(0, 10));
  return dates;
}

/** One value per bucket, in the buckets' order: a row's value, or null for a bucket no row has. */
export function bucketValues<T>(
  buckets: readonly string[],
  rows: readonly T[],
  key: (row: T) => string,
  value: (row: T) => number | null,
): Array<number | null> {
  const byKey = new Map(rows.map((row) => [key(row), value(row)]));
  return buckets.map((bucket) => byKey.get(bucket) ?? null);
}

/**
 * Time-axis points with a null inserted wherever two neighbours are more than `maxGapMs` apart (a device
 * that went silent), so the line breaks there instead of joining the last value before the gap to the
 * first after it. Points are sorted by time; null values stay null.
 */
export function withGaps(points: ReadonlyArray<readonly [number, number | null]>, maxGapMs: number): Array<[number, number | null]> {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number | null]> = [];
  for (let i = 0; i < sorted.length; i++) {
    const [ts, value] = sorted[i]!;
    const previous = sorted[i - 1];
    if (previous && ts - previous[0] > maxGapMs) out.push([(previous[0] + ts) / 2, null]);
    out.push([ts, value]);
  }
  return out;
}

/** A share (0..1) as a percentage with one decimal for the chart; null stays null (no data is not 0 %). */
export const asPercent = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 10);
