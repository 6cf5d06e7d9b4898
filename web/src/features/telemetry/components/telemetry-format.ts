// Times and durations as the monitoring screens show them.
import { countyDayjs } from '@/lib/format';
import type { Translate } from '@/lib/i18n';

/** "14:03:27" today, "11-27 14:03" this year, the full date before: on the county's clock. */
export function formatSeen(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (!Number.isFinite(Date.parse(iso))) return iso;
  const at = countyDayjs(iso);
  const now = countyDayjs();
  if (at.isSame(now, 'day')) return at.format('HH:mm:ss');
  if (at.isSame(now, 'year')) return at.format('MM-DD HH:mm');
  return at.format('YYYY-MM-DD HH:mm');
}

/** "3 天 2 小时", "2 小时 5 分", "5 分 12 秒", "5 分", "12 秒": the two largest units, a zero second one left out. */
export function formatDuration(ms: number, t: Translate): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  if (days > 0) return hours > 0 ? t('duration.daysHours', { days, hours }) : t('duration.days', { days });
  if (hours > 0) return minutes > 0 ? t('duration.hoursMinutes', { hours, minutes }) : t('duration.hours', { hours });
  if (minutes > 0) return secs > 0 ? t('duration.minutesSeconds', { minutes, seconds: secs }) : t('duration.minutes', { minutes });
  return t('duration.seconds', { seconds: secs });
}

/** How long ago an instant was, for "in this state for …". */
export function since(iso: string | null | undefined, t: Translate): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? formatDuration(Date.now() - at, t) : null;
}

/** A reading as people read it: up to 3 decimals, no trailing zeros. */
export function formatValue(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(locale, { maximumFractionDigits: 3 });
}
