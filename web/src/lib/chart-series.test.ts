import { describe, expect, it } from 'vitest';
import { bucketValues, datesBetween, withGaps } from './chart-series';

describe('series with gaps', () => {
  it('lists the days between two dates, across a month end', () => {
    expect(datesBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(datesBetween('2026-12-02', '2026-12-01')).toEqual([]);
  });

  it('gives every bucket a value or an explicit null', () => {
    const rows = [
      { d: 'a', v: 1 },
      { d: 'c', v: 0 },
    ];
    expect(
      bucketValues(
        ['a', 'b', 'c'],
        rows,
        (r) => r.d,
        (r) => r.v,
      ),
    ).toEqual([1, null, 0]);
  });

  it('breaks a time line where the data stops for longer than allowed, and nowhere else', () => {
    const minute = 60_000;
    const points: Array<[number, number | null]> = [
      [0, 1],
      [minute, 2],
      [2 * minute, 3],
      // the device went quiet for an hour
      [62 * minute, 4],
      [63 * minute, null],
      [64 * minute, 5],
    ];
    expect(withGaps(points, 3 * minute)).toEqual([
      [0, 1],
      [minute, 2],
      [2 * minute, 3],
      [32 * minute, null],
      [62 * minute, 4],
      [63 * minute, null],
      [64 * minute, 5],
    ]);
    expect(withGaps([...points].reverse(), 3 * minute)[3]).toEqual([32 * minute, null]);
    expect(withGaps([], minute)).toEqual([]);
  });
});
