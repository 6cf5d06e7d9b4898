import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { inProcessZone } from '@/test/process-zone';
import {
  countyDayjs,
  countyInstantOf,
  countyThisYear,
  countyTimeZone,
  countyToday,
  formatCountyTime,
  formatDate,
  formatDateTime,
  setCountyTimeZone,
} from './format';

// 2025-12-31T16:30Z: already 00:30 on New Year's Day in the county, still 16:30 on New Year's Eve in UTC.
const NEW_YEAR_IN_CHINA = '2025-12-31T16:30:00.000Z';

describe('times on the county clock in a browser on UTC', () => {
  inProcessZone('UTC');

  it('runs in UTC indeed', () => {
    expect(new Date(NEW_YEAR_IN_CHINA).getHours()).toBe(16);
    expect(dayjs(NEW_YEAR_IN_CHINA).format('YYYY-MM-DD HH:mm')).toBe('2025-12-31 16:30');
  });

  it("formats a time and a date in the county's zone, Asia/Shanghai unless the session names another", () => {
    expect(countyTimeZone()).toBe('Asia/Shanghai');
    expect(formatDateTime(NEW_YEAR_IN_CHINA)).toBe('2026-01-01 00:30');
    expect(formatDate(NEW_YEAR_IN_CHINA)).toBe('2026-01-01');
    expect(formatCountyTime(NEW_YEAR_IN_CHINA, 'MM-DD HH:mm:ss')).toBe('01-01 00:30:00');
    expect(formatDateTime(NEW_YEAR_IN_CHINA, 'America/New_York')).toBe('2025-12-31 11:30');

    setCountyTimeZone('Asia/Urumqi');
    expect(formatDateTime(NEW_YEAR_IN_CHINA)).toBe('2025-12-31 22:30');
    setCountyTimeZone('Not/AZone');
    expect(countyTimeZone()).toBe('Asia/Urumqi');
  });

  it('shows a bare date as the day it names, and what is no time as it is', () => {
    expect(formatDate('2026-03-02')).toBe('2026-03-02');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });

  it("reads today and this year on the county's calendar", () => {
    const now = Date.now();
    const china = new Date(now + 8 * 3_600_000).toISOString();
    expect([countyToday(), countyThisYear()]).toEqual([china.slice(0, 10), Number(china.slice(0, 4))]);
  });

  it("gives pickers the county's wall clock and takes it back as the instant it means", () => {
    const picked = countyDayjs(NEW_YEAR_IN_CHINA);
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-01-01 00:30');
    expect(countyInstantOf(picked)).toBe(NEW_YEAR_IN_CHINA);
    // A day picked for a token's expiry ends at the county's midnight, 16:00 UTC.
    expect(countyInstantOf(dayjs('2026-03-02').endOf('day'))).toBe('2026-03-02T15:59:59.999Z');
  });
});
