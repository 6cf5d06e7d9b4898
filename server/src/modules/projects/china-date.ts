// The county's calendar: Asia/Shanghai is UTC+8 all year (China has no daylight saving), so a China date
// is the UTC date of the instant shifted by eight hours.
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar date of an instant, 'YYYY-MM-DD'. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaYear(at: Date): number {
  return Number(chinaDate(at).slice(0, 4));
}

/** Whole days from date a to date b (both 'YYYY-MM-DD'); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** How many months of `year` are finished on China date `today`: 0 before the year, 12 after it. */
export function monthsFinished(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return 12;
  return Number(today.slice(5, 7)) - 1;
}

/** 'YYYY-MM' of the month `n` months before the month of China date `today`. */
export function monthBefore(today: string, n: number): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 7);
}
