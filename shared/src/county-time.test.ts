import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyClock,
  countyDate,
  countyDateTime,
  countyDayRange,
  countyDayStart,
  countyInstant,
  countyIsoString,
  countyMonth,
  countyYear,
  isTimeZone,
} from './county-time';

// 2025-12-31T16:30:00Z is 2026-01-01 00:30 in Shanghai, still 2025-12-31 22:30 in Ürümqi and 11:30 in New York.
const NEW_YEAR_IN_CHINA = '2025-12-31T16:30:00.000Z';

describe('county time', () => {
  it('reads the day, month and year on the county clock, not the process clock', () => {
    expect(DEFAULT_COUNTY_TIME_ZONE).toBe('Asia/Shanghai');
    expect(countyDate(NEW_YEAR_IN_CHINA, 'Asia/Shanghai')).toBe('2026-01-01');
    expect(countyMonth(NEW_YEAR_IN_CHINA, 'Asia/Shanghai')).toBe('2026-01');
    expect(countyYear(new Date(NEW_YEAR_IN_CHINA), 'Asia/Shanghai')).toBe(2026);
    expect(countyDate(Date.parse(NEW_YEAR_IN_CHINA), 'Asia/Urumqi')).toBe('2025-12-31');
    expect(countyYear(NEW_YEAR_IN_CHINA, 'UTC')).toBe(2025);
    expect(countyDateTime(NEW_YEAR_IN_CHINA, 'Asia/Shanghai')).toBe('2026-01-01 00:30');
    expect(countyDateTime(NEW_YEAR_IN_CHINA, 'America/New_York')).toBe('2025-12-31 11:30');
  });

  it('writes ISO 8601 with the zone offset', () => {
    expect(countyIsoString('2026-06-15T06:30:00.000Z', 'Asia/Shanghai')).toBe('2026-06-15T14:30:00+08:00');
    expect(countyIsoString('2026-06-15T06:30:00.000Z', 'America/New_York')).toBe('2026-06-15T02:30:00-04:00');
    expect(countyIsoString('2026-06-15T06:30:00.000Z', 'Asia/Kolkata')).toBe('2026-06-15T12:00:00+05:30');
    expect(countyIsoString('1969-12-31T23:59:59.500Z', 'UTC')).toBe('1969-12-31T23:59:59+00:00');
  });

  it('reads midnight as 00, never 24', () => {
    expect(countyClock('2026-03-04T16:00:00Z', 'Asia/Shanghai')).toMatchObject({ day: 5, hour: 0, minute: 0, offsetMinutes: 480 });
  });

  it('finds the instant a county day starts, and whole days as UTC bounds', () => {
    expect(countyDayStart('2026-01-01', 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(countyDayStart('2026-01-01', 'Asia/Urumqi').toISOString()).toBe('2025-12-31T18:00:00.000Z');
    const range = countyDayRange('2026-02-01', '2026-02-28', 'Asia/Shanghai');
    expect([range.from.toISOString(), range.to.toISOString()]).toEqual(['2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z']);
    expect(countyDayRange('2025-12-31', '2025-12-31', 'UTC').to.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(() => countyDayStart('2026-02-30', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => countyDayStart('20260101', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('turns a wall-clock time back into its instant across daylight saving', () => {
    expect(countyInstant({ year: 2026, month: 6, day: 15, hour: 14, minute: 30 }, 'Asia/Shanghai').toISOString()).toBe(
      '2026-06-15T06:30:00.000Z',
    );
    // New York: 2026-03-08 02:00 EST jumps to 03:00 EDT; 2026-11-01 02:00 EDT falls back to 01:00 EST.
    expect(countyInstant({ year: 2026, month: 3, day: 8, hour: 3, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(countyInstant({ year: 2026, month: 3, day: 8, hour: 1 }, 'America/New_York').toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(countyInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(countyDayStart('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    for (const iso of ['2026-03-08T06:59:59.000Z', '2026-03-08T07:00:00.000Z', '2026-11-01T05:59:00.000Z'])
      expect(countyInstant(countyClock(iso, 'America/New_York'), 'America/New_York').toISOString()).toBe(iso);
  });

  it('accepts IANA zone names only', () => {
    for (const zone of ['Asia/Shanghai', 'Asia/Urumqi', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT-8'])
      expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['', 'Asia/Nowhere', '+08:00', 'Beijing time', 'Asia/Shanghai\n']) expect(isTimeZone(zone)).toBe(false);
  });

  it('refuses what is not an instant', () => {
    expect(() => countyDate('yesterday', 'Asia/Shanghai')).toThrow(RangeError);
  });
});
