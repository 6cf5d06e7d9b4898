import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyPair, formatMoneyWithUnit, moneyColumn, moneyUnit, withMoneyUnit } from './money';

describe('money in one unit per column', () => {
  it('picks the unit from the column’s middle amount: 亿元 when most amounts are a 亿 or more', () => {
    expect(moneyUnit([12_000, 50_000, 8_000], 'zh-CN').label).toBe('亿元');
    expect(moneyUnit([12_000, 500, 800], 'zh-CN').label).toBe('万元');
    expect(moneyUnit([], 'zh-CN').label).toBe('万元');
    expect(moneyUnit([0, null, undefined], 'zh-CN').label).toBe('万元');
    expect(moneyUnit([50_000, 200_000, 300_000], 'en').label).toBe('¥ bn');
    expect(moneyUnit([500, 800], 'en').label).toBe('¥ M');
  });

  it('writes every cell as a bare number in the column’s unit', () => {
    const column = moneyColumn([8_000, 12_000, 250_000], 'zh-CN');
    expect(column.title('总投资')).toBe('总投资（亿元）');
    expect([8_000, 12_000, 250_000].map(column.cell)).toEqual(['0.80', '1.20', '25.00']);
    expect(column.cell(null)).toBe('—');
    const small = moneyColumn([800, 1_200.5, 15_000], 'zh-CN');
    expect(small.title('年度计划投资')).toBe('年度计划投资（万元）');
    expect([800, 1_200.5, 15_000].map(small.cell)).toEqual(['800', '1,200.5', '15,000']);
    const english = moneyColumn([8_000, 12_000], 'en');
    expect(english.title('Total investment')).toBe('Total investment (¥ M)');
    expect(english.cell(8_000)).toBe('80.00');
  });

  it('keeps a unit beside figures read outside a table, and one unit for a pair', () => {
    const yi = moneyUnit([115_800], 'zh-CN');
    expect(formatMoneyWithUnit(115_800, yi, 'zh-CN')).toBe('11.58 亿元');
    expect(formatMoneyWithUnit(115_800, moneyUnit([115_800], 'en'), 'en')).toBe('¥1.16 bn');
    expect(formatMoney(undefined, yi, 'zh-CN')).toBe('—');
    // A pair goes by its smaller amount, so neither reads as a fraction of a unit.
    expect(formatMoneyPair(8_000, 12_000, 'zh-CN')).toEqual(['8,000 万元', '12,000 万元']);
    expect(formatMoneyPair(80_000, 120_000, 'zh-CN')).toEqual(['8.00 亿元', '12.00 亿元']);
    expect(withMoneyUnit('Planned', yi, 'en')).toBe('Planned (亿元)');
  });
});
