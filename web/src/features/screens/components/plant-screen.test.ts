// The plant screen's week chart: days without data are gaps (explicit nulls, connectNulls false), not 0 %.
import type { PlantScreenView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { weekChartOption } from './plant-screen';

const WORDS = { utilisation: '开机率 %', availability: '可用率 %', mttr: 'MTTR（小时）', noData: '无数据' };
const day = (date: string, utilisation: number | null, availability: number | null = null): PlantScreenView['week'][number] => ({
  date,
  utilisation,
  availability,
  mttrHours: null,
  failures: 0,
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
