// Money in one unit per column. Amounts arrive in 万元 (10,000 yuan), the unit county statistics use; a column
// (or a group of figures read side by side) shows every amount in one unit chosen for it — 万元 or 亿元 in
// Chinese, ¥ M or ¥ bn in English — the unit in its header and a bare number in each cell, so a reader never
// compares 8,000 万元 with 1.2 亿元 down one column. formatWan (format.ts) still picks a unit per value, for a
// lone figure.
import type { Locale } from './i18n';

export interface MoneyUnit {
  id: 'wan' | 'yi' | 'million' | 'billion';
  /** As a header: 万元, 亿元, ¥ M, ¥ bn. */
  label: string;
  /** A number with the unit, as a sentence reads it: "11.58 亿元", "¥115.80 M". */
  inline: (number: string) => string;
  /** How many 万元 one of this unit is. */
  wan: number;
  /** Decimals: up to 2 for 万元, always 2 for the larger units, so a column's figures line up. */
  fixed: boolean;
}

const UNITS: Record<Locale, readonly MoneyUnit[]> = {
  'zh-CN': [
    { id: 'wan', label: '万元', inline: (n) => `${n} 万元`, wan: 1, fixed: false },
    { id: 'yi', label: '亿元', inline: (n) => `${n} 亿元`, wan: 10_000, fixed: true },
  ],
  en: [
    { id: 'million', label: '¥ M', inline: (n) => `¥${n} M`, wan: 100, fixed: true },
    { id: 'billion', label: '¥ bn', inline: (n) => `¥${n} bn`, wan: 100_000, fixed: true },
  ],
};

/**
 * The unit for a column: the largest unit in which the column's middle (median) non-zero amount is at least
 * one, so most cells read as whole units and the few very large or very small ones stay legible.
 */
export function moneyUnit(amounts: Iterable<number | null | undefined>, locale: Locale): MoneyUnit {
  const units = UNITS[locale];
  const sizes = [...amounts]
    .filter((a): a is number => typeof a === 'number' && Number.isFinite(a) && a !== 0)
    .map(Math.abs)
    .sort((a, b) => a - b);
  const smallest = units[0]!;
  if (sizes.length === 0) return smallest;
  const median = sizes[Math.floor((sizes.length - 1) / 2)]!;
  return [...units].reverse().find((u) => median >= u.wan) ?? smallest;
}

/** An amount in 万元 as a bare number in the unit: "12,000", "1.20"; "—" when there is none. */
export function formatMoney(wan: number | null | undefined, unit: MoneyUnit, locale: Locale): string {
  if (wan === null || wan === undefined) return '—';
  return (wan / unit.wan).toLocaleString(locale, { minimumFractionDigits: unit.fixed ? 2 : 0, maximumFractionDigits: 2 });
}

/** An amount with its unit, for figures read side by side outside a table: "11.58 亿元", "¥1,158.00 M". */
export function formatMoneyWithUnit(wan: number | null | undefined, unit: MoneyUnit, locale: Locale): string {
  return wan === null || wan === undefined ? '—' : unit.inline(formatMoney(wan, unit, locale));
}

/** A header carrying the unit: "总投资（亿元）", "Total investment (¥ M)". */
export function withMoneyUnit(title: string, unit: MoneyUnit, locale: Locale): string {
  return locale === 'zh-CN' ? `${title}（${unit.label}）` : `${title} (${unit.label})`;
}

/** A money column's unit, header and cells, from the amounts the column shows. */
export function moneyColumn(amounts: Iterable<number | null | undefined>, locale: Locale) {
  const unit = moneyUnit(amounts, locale);
  return {
    unit,
    title: (title: string) => withMoneyUnit(title, unit, locale),
    cell: (wan: number | null | undefined) => formatMoney(wan, unit, locale),
  };
}

/** Two amounts read together ("done of planned", "actual / promised") in one unit: ["8,000 万元", "12,000 万元"]. */
export function formatMoneyPair(a: number | null | undefined, b: number | null | undefined, locale: Locale): [string, string] {
  const unit = moneyUnit([a, b], locale);
  return [formatMoneyWithUnit(a, unit, locale), formatMoneyWithUnit(b, unit, locale)];
}
