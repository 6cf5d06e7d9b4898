// Number and date formats the county's statistics use.
import dayjs from 'dayjs';
import type { Locale } from './i18n';

/**
 * Money in 万元 (10,000 yuan), the unit of county statistics; from 1 亿 (10,000 万) upwards shown in 亿元.
 * English shows yuan with M / bn.
 */
export function formatWan(wan: number | null | undefined, locale: Locale): string {
  if (wan === null || wan === undefined) return '—';
  if (locale === 'zh-CN') {
    if (wan >= 10000) return `${trimZeros((wan / 10000).toFixed(2))} 亿元`;
    return `${wan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  }
  const yuan = wan * 10000;
  if (yuan >= 1e9) return `¥${trimZeros((yuan / 1e9).toFixed(2))} bn`;
  if (yuan >= 1e6) return `¥${trimZeros((yuan / 1e6).toFixed(1))} M`;
  return `¥${yuan.toLocaleString('en-US')}`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(locale, { maximumFractionDigits: digits });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD HH:mm') : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD') : iso;
}
