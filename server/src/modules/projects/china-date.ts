// Calendar arithmetic on county dates ('YYYY-MM-DD'). Which date an instant falls on is the county clock's
// business (countyDate of @tiantai/shared, in COUNTY_TIME_ZONE); the services pass their configured zone.
import { DEFAULT_COUNTY_TIME_ZONE, countyDate, countyYear } from '@tiantai/shared';

/** The date in China (the default county zone), 'YYYY-MM-DD': for the demo county and tests, not the services. */
export function chinaDate(at: Date): string {
  return countyDate(at, DEFAULT_COUNTY_TIME_ZONE);
}

export function chinaYear(at: Date): number {
  return countyYear(at, DEFAULT_COUNTY_TIME_ZONE);
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
