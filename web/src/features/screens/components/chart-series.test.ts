import type { PlantScreenView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { bucketValues, datesBetween, withGaps } from './chart-series';
import { weekChartOption } from './plant-screen';

const WORDS = { utilisation: '开机率 %', availability: '可用率 %', mttr: 'MTTR（小时）', noData: '无数据' };
const day = (date: string, utilisation: number | null, availability: number | null = null): PlantScreenView['week'][number] => ({
  date,
  utilisation,
  availability,
  mttrHours: null,
  failures: 0,
});

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

describe('weekChartOption', () => {
  it('shows days without data as gaps with 无数据 under the date, not 0 %; a measured 0 % stays 0', () => {
    const week = [
      day('2026-11-27', null),
      day('2026-11-28', null),
      day('2026-11-29', null),
      // 11-30 missing from the snapshot altogether
      day('2026-12-01', 0.5, 0.9),
      day('2026-12-02', 0),
      day('2026-12-03', 0.734, 1),
    ];
    const option = weekChartOption(week, WORDS);
    const xAxis = option.xAxis as { data: string[]; axisLabel: { formatter: (label: string, index: number) => string } };
    expect(xAxis.data).toEqual(['11-27', '11-28', '11-29', '11-30', '12-01', '12-02', '12-03']);
    const series = option.series as Array<{ name: string; type: string; connectNulls?: boolean; data: Array<number | null> }>;
    const utilisation = series.find((s) => s.name === WORDS.utilisation)!;
    expect(utilisation.data).toEqual([null, null, null, null, 50, 0, 73.4]);
    expect(utilisation.connectNulls).toBe(false);
    expect(series.find((s) => s.name === WORDS.availability)!.data).toEqual([null, null, null, null, 90, null, 100]);
    expect(series.filter((s) => s.type === 'line').every((s) => s.connectNulls === false)).toBe(true);
    expect(xAxis.data.map((label, i) => xAxis.axisLabel.formatter(label, i))).toEqual([
      '11-27\n无数据',
      '11-28\n无数据',
      '11-29\n无数据',
      '11-30\n无数据',
      '12-01',
      '12-02',
      '12-03',
    ]);
  });
});
