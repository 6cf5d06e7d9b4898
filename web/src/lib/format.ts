// Number and date formats the county's statistics use. Every time is shown, and every day counted, on the
// county's clock (COUNTY_TIME_ZONE, from the session), never on the browser's: an office abroad or a laptop
// left on another zone reads the same day and hour as the county.
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyClock,
  countyDate,
  countyDateTime,
  countyInstant,
  isTimeZone,
  type Instant,
} from '@tiantai/shared';
import dayjs, { type Dayjs } from 'dayjs';
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

let countyZone = DEFAULT_COUNTY_TIME_ZONE;

/** The county's zone as the session names it (set before any page renders); an unknown name keeps the last one. */
export function setCountyTimeZone(zone: string | null | undefined): void {
  if (zone && isTimeZone(zone)) countyZone = zone;
}

export function countyTimeZone(): string {
  return countyZone;
}

const isInstant = (value: string) => Number.isFinite(Date.parse(value));

/** 2026-03-02 10:00 on the county's clock; '—' for none, the text itself if it is no time. */
export function formatDateTime(iso: string | null | undefined, zone = countyZone): string {
  if (!iso) return '—';
  return isInstant(iso) ? countyDateTime(iso, zone) : iso;
}

/** The county's date of an instant; a bare date ('2026-03-02', a day the county named) is shown as it is. */
export function formatDate(iso: string | null | undefined, zone = countyZone): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return isInstant(iso) ? countyDate(iso, zone) : iso;
}

/** The county's date today, 'YYYY-MM-DD'. */
export function countyToday(zone = countyZone): string {
  return countyDate(Date.now(), zone);
}

/** The county's year today. */
export function countyThisYear(zone = countyZone): number {
  return countyClock(Date.now(), zone).year;
}

/**
 * The county's wall clock at an instant (now by default) as a dayjs whose fields read it: for format patterns
 * ('MM-DD HH:mm', 'dddd'), comparisons by day or month, and the values of date pickers, which show a dayjs's
 * own fields. It is a wall-clock reading, not the instant: turn a picked value back with countyInstantOf.
 */
export function countyDayjs(at: Instant = Date.now(), zone = countyZone): Dayjs {
  const c = countyClock(at, zone);
  return dayjs(new Date(c.year, c.month - 1, c.day, c.hour, c.minute, c.second));
}

/** The instant at which the county's clock reads what a picker shows (its date and time of day), as ISO. */
export function countyInstantOf(value: Dayjs, zone = countyZone): string {
  return countyInstant(
    {
      year: value.year(),
      month: value.month() + 1,
      day: value.date(),
      hour: value.hour(),
      minute: value.minute(),
      second: value.second(),
      millisecond: value.millisecond(),
    },
    zone,
  ).toISOString();
}

/** An instant in a pattern of dayjs ('MM-DD HH:mm:ss', 'YYYY-MM-DD dddd') on the county's clock. */
export function formatCountyTime(at: Instant, pattern: string, zone = countyZone): string {
  return countyDayjs(at, zone).format(pattern);
}
