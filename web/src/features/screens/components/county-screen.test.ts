import { describe, expect, it } from 'vitest';
import { utilisationBarsOption } from './county-screen';

const WORDS = { machines: '设备数', utilisation: '设备开机率', noDevices: '暂无接入设备' };
const row = (label: string, machines: number, utilisation: number | null) => ({ key: label, label, enterprises: 1, machines, utilisation });

describe('utilisationBarsOption', () => {
  it('says a park without devices has none, instead of drawing an empty bar; a measured 0 % stays 0 %', () => {
    const option = utilisationBarsOption([row('苍山产业集聚区', 12, 0.634), row('天成航空产业园', 0, null), row('园区外', 3, 0)], WORDS);
    const series = (
      option.series as Array<{ data: Array<number | null>; label: { formatter: (p: { value: unknown; dataIndex: number }) => string } }>
    )[0]!;
    // Shown bottom-up: 园区外, 天成航空产业园, 苍山产业集聚区.
    expect(series.data).toEqual([0, 0, 63.4]);
    const labels = series.data.map((value, dataIndex) => series.label.formatter({ value, dataIndex }));
    expect(labels).toEqual(['0%', '暂无接入设备', '63.4%']);
  });
});
