import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR } from './holiday-data';
import { WORKING_HOURS_PER_DAY, WORKING_PERIODS, WorkingCalendar } from './sla-calendar';

const HOUR = 60 * 60 * 1000;
const calendar = WorkingCalendar.withShipped();
const at = (iso: string): Date => new Date(iso);
/** An instant as Asia/Shanghai wall-clock ISO, so that a failure reads like the expectation. */
const shanghai = (instant: Date): string => new Date(instant.getTime() + 8 * HOUR).toISOString().replace('Z', '+08:00');
const expectInstant = (actual: Date, expectedIso: string): void => expect(shanghai(actual)).toBe(shanghai(at(expectedIso)));

describe('shipped holiday data', () => {
  it('is sorted by date, one entry a date, workdays only on weekends, provisional only in 2027', () => {
    const dates = SHIPPED_CALENDAR.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const e of SHIPPED_CALENDAR) {
      if (e.kind === 'workday') expect([0, 6]).toContain(at(`${e.date}T00:00:00Z`).getUTCDay());
      expect(e.provisional === true).toBe(e.date.startsWith('2027-'));
    }
    for (let year = 2020; year <= 2027; year++)
      expect(SHIPPED_CALENDAR.find((e) => e.date === `${year}-10-01`)).toMatchObject({ kind: 'holiday', name: '国庆节' });
  });

  it('carries National Day + Mid-Autumn 2025 and its make-up days', () => {
    for (let d = 1; d <= 8; d++) expect(calendar.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(calendar.entryFor('2025-10-06')?.name).toBe('中秋');
    expect(calendar.entryFor('2025-09-28')).toEqual({ date: '2025-09-28', kind: 'workday', name: '国庆节' });
    expect(calendar.entryFor('2025-10-11')).toEqual({ date: '2025-10-11', kind: 'workday', name: '国庆节' });
    expect(calendar.entryFor('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
  });

  it('has 2027 statutory days as provisional holidays and no 2027 make-up days', () => {
    const y2027 = SHIPPED_CALENDAR.filter((e) => e.date.startsWith('2027-'));
    expect(y2027.every((e) => e.kind === 'holiday' && e.provisional === true)).toBe(true);
    expect(y2027.map((e) => e.date)).toEqual([
      '2027-01-01',
      '2027-02-05', // 除夕 (腊月廿九)
      '2027-02-06',
      '2027-02-07',
      '2027-02-08', // 初三
      '2027-02-09', // 补假
      '2027-02-10', // 补假
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-05-03', // 补假
      '2027-05-04', // 补假
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
      '2027-10-04', // 补假
      '2027-10-05', // 补假
    ]);
  });
});

describe('WorkingCalendar', () => {
  it('works 09:00–12:00 and 13:30–17:30, 7 hours a day', () => {
    expect(WORKING_PERIODS).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(WORKING_HOURS_PER_DAY).toBe(7);
  });

  it('decides working days: entry first, then Monday–Friday', () => {
    expect(calendar.isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-03-09')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2025-10-01')).toBe(false); // Wednesday, National Day
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false); // Saturday, no make-up
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up day
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-3-7')).toThrow(RangeError);
  });

  describe('addWorkingHours', () => {
    it('skips the night and the weekend: Friday 17:00 + 1 h is Monday 09:30', () => {
      expectInstant(calendar.addWorkingHours(at('2025-03-07T17:00:00+08:00'), 1), '2025-03-10T09:30:00+08:00');
    });

    it('skips lunch: 11:30 + 1 h is 14:00', () => {
      expectInstant(calendar.addWorkingHours(at('2025-03-05T11:30:00+08:00'), 1), '2025-03-05T14:00:00+08:00');
    });

    it('starts outside working time at the next period start', () => {
      expectInstant(calendar.addWorkingHours(at('2025-03-08T15:00:00+08:00'), 2), '2025-03-10T11:00:00+08:00'); // Saturday
      expectInstant(calendar.addWorkingHours(at('2025-03-05T07:00:00+08:00'), 1), '2025-03-05T10:00:00+08:00'); // before 09:00
      expectInstant(calendar.addWorkingHours(at('2025-03-05T12:45:00+08:00'), 1), '2025-03-05T14:30:00+08:00'); // at lunch
      expectInstant(calendar.addWorkingHours(at('2025-03-05T20:00:00+08:00'), 0.5), '2025-03-06T09:30:00+08:00'); // evening
    });

    it('stops at a period end rather than the next period start', () => {
      expectInstant(calendar.addWorkingHours(at('2025-03-05T09:00:00+08:00'), 3), '2025-03-05T12:00:00+08:00');
      expectInstant(calendar.addWorkingHours(at('2025-03-05T09:00:00+08:00'), 7), '2025-03-05T17:30:00+08:00');
      expectInstant(calendar.addWorkingHours(at('2025-03-05T12:00:00+08:00'), 0.25), '2025-03-05T13:45:00+08:00');
    });

    it('takes fractional hours to the millisecond and 0 hours as the start itself', () => {
      expectInstant(calendar.addWorkingHours(at('2025-03-05T11:50:00+08:00'), 0.25), '2025-03-05T13:35:00+08:00');
      expectInstant(calendar.addWorkingHours(at('2025-03-05T09:00:00+08:00'), 1 / 3), '2025-03-05T09:20:00+08:00');
      expectInstant(calendar.addWorkingHours(at('2025-03-08T15:00:00+08:00'), 0), '2025-03-08T15:00:00+08:00');
    });

    it('chains: (start + a) + b = start + (a + b)', () => {
      const start = at('2025-09-26T10:15:00+08:00');
      for (const [a, b] of [
        [2, 5],
        [1.75, 30],
        [0, 4],
        [7, 7],
      ] as const)
        expect(calendar.addWorkingHours(calendar.addWorkingHours(start, a), b).getTime()).toBe(
          calendar.addWorkingHours(start, a + b).getTime(),
        );
    });

    it('refuses negative, infinite and invalid input', () => {
      expect(() => calendar.addWorkingHours(at('2025-03-05T10:00:00+08:00'), -1)).toThrow(RangeError);
      expect(() => calendar.addWorkingHours(at('2025-03-05T10:00:00+08:00'), Number.NaN)).toThrow(RangeError);
      expect(() => calendar.addWorkingHours(at('2025-03-05T10:00:00+08:00'), Infinity)).toThrow(RangeError);
      expect(() => calendar.addWorkingHours(at('not a date'), 1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays(at('2025-03-05T10:00:00+08:00'), -1)).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('keeps the clock position in a normal week: Thursday 10:00 + 5 is next Thursday 10:00', () => {
      expectInstant(calendar.addWorkingDays(at('2025-03-06T10:00:00+08:00'), 5), '2025-03-13T10:00:00+08:00');
    });

    it('crosses National Day 2025 and counts the make-up Saturday', () => {
      // Tue 09-30 16:00–17:30 = 1.5 h; 10-01..10-08 off; Thu 10-09, Fri 10-10, Sat 10-11 (make-up) and Mon 10-13
      // = 28 h (29.5 h); Tue 10-14 09:00–12:00 = 3 h (32.5 h) and 13:30 + 2.5 h = 16:00 (35 h = 5 × 7 h).
      expectInstant(calendar.addWorkingDays(at('2025-09-30T16:00:00+08:00'), 5), '2025-10-14T16:00:00+08:00');
    });

    it('counts the make-up Sunday 2025-09-28', () => {
      // Fri 09-26 16:30–17:30 = 1 h, Sat 09-27 off, Sun 09-28 09:00 + 1 h.
      expectInstant(calendar.addWorkingHours(at('2025-09-26T16:30:00+08:00'), 2), '2025-09-28T10:00:00+08:00');
      // Thu 09-25 10:00 + 2 days: Fri 09-26 10:00, then Sun 09-28 10:00 (not Mon 09-29).
      expectInstant(calendar.addWorkingDays(at('2025-09-25T10:00:00+08:00'), 2), '2025-09-28T10:00:00+08:00');
    });

    it('counts the make-up Saturday 2026-02-14 and skips Spring Festival 2026 (02-15..02-23)', () => {
      expectInstant(calendar.addWorkingHours(at('2026-02-13T17:00:00+08:00'), 1), '2026-02-14T09:30:00+08:00');
      // Fri 02-13 10:00–17:30 = 6 h, Sat 02-14 = 7 h, then Tue 02-24 09:00 + 1 h.
      expectInstant(calendar.addWorkingDays(at('2026-02-13T10:00:00+08:00'), 2), '2026-02-24T10:00:00+08:00');
    });

    it('from a weekend starts on Monday 09:00, so 1 working day ends Monday 17:30', () => {
      expectInstant(calendar.addWorkingDays(at('2025-03-08T15:00:00+08:00'), 1), '2025-03-10T17:30:00+08:00');
      expectInstant(calendar.addWorkingDays(at('2025-03-08T15:00:00+08:00'), 2), '2025-03-11T17:30:00+08:00');
    });

    it('reaches a year out: 2025 has 248 working days, the last ending 2025-12-31 17:30; the next is Sun 2026-01-04 (make-up)', () => {
      expectInstant(calendar.addWorkingDays(at('2025-01-01T00:00:00+08:00'), 248), '2025-12-31T17:30:00+08:00');
      expectInstant(calendar.addWorkingDays(at('2025-01-01T00:00:00+08:00'), 248.5), '2026-01-04T14:00:00+08:00');
    });
  });

  describe('workingMillisBetween', () => {
    it('counts only working time over the National Day week', () => {
      // Tue 09-30 7 h, 10-01..10-08 0, Thu 10-09 7 h, Fri 10-10 7 h, Sat 10-11 7 h, Sun 10-12 0.
      expect(calendar.workingMillisBetween(at('2025-09-30T00:00:00+08:00'), at('2025-10-13T00:00:00+08:00'))).toBe(28 * HOUR);
      expect(calendar.workingMillisBetween(at('2025-09-30T16:00:00+08:00'), at('2025-10-14T16:00:00+08:00'))).toBe(35 * HOUR);
      expect(calendar.workingMillisBetween(at('2025-10-01T00:00:00+08:00'), at('2025-10-09T00:00:00+08:00'))).toBe(0);
    });

    it('clips partial periods and is 0 when b is not after a', () => {
      expect(calendar.workingMillisBetween(at('2025-03-05T10:00:00+08:00'), at('2025-03-05T14:00:00+08:00'))).toBe(2.5 * HOUR);
      expect(calendar.workingMillisBetween(at('2025-03-05T12:10:00+08:00'), at('2025-03-05T13:20:00+08:00'))).toBe(0);
      expect(calendar.workingMillisBetween(at('2025-03-05T14:00:00+08:00'), at('2025-03-05T10:00:00+08:00'))).toBe(0);
      expect(calendar.workingMillisBetween(at('2025-03-05T14:00:00+08:00'), at('2025-03-05T14:00:00+08:00'))).toBe(0);
    });

    it('counts 248 working days in each of 2025, 2026 and (provisionally) 2027', () => {
      for (const year of [2025, 2026, 2027])
        expect(calendar.workingMillisBetween(at(`${year}-01-01T00:00:00+08:00`), at(`${year + 1}-01-01T00:00:00+08:00`))).toBe(
          248 * 7 * HOUR,
        );
    });

    it('inverts addWorkingHours', () => {
      const start = at('2025-12-30T15:20:00+08:00');
      for (const hours of [0.5, 3, 17.25, 100]) {
        const due = calendar.addWorkingHours(start, hours);
        expect(calendar.workingMillisBetween(start, due)).toBe(hours * HOUR);
        expect(calendar.workingMillisBetween(start, new Date(due.getTime() - 1))).toBe(hours * HOUR - 1);
      }
    });
  });

  describe('admin overrides', () => {
    it('a normal Tuesday marked holiday is skipped', () => {
      const overridden = WorkingCalendar.withShipped([{ date: '2025-03-11', kind: 'holiday', name: '县庆' }]);
      expect(overridden.isWorkingDay('2025-03-11')).toBe(false);
      expectInstant(overridden.addWorkingHours(at('2025-03-10T17:00:00+08:00'), 1), '2025-03-12T09:30:00+08:00');
      expectInstant(calendar.addWorkingHours(at('2025-03-10T17:00:00+08:00'), 1), '2025-03-11T09:30:00+08:00');
    });

    it('a Sunday marked workday is counted', () => {
      const overridden = WorkingCalendar.withShipped([{ date: '2025-03-09', kind: 'workday', name: '加班' }]);
      expectInstant(overridden.addWorkingHours(at('2025-03-07T17:00:00+08:00'), 1), '2025-03-09T09:30:00+08:00');
      expect(overridden.workingMillisBetween(at('2025-03-08T00:00:00+08:00'), at('2025-03-10T00:00:00+08:00'))).toBe(7 * HOUR);
    });

    it('a later entry for the same date wins over the shipped one and earlier overrides', () => {
      const overridden = WorkingCalendar.withShipped([
        { date: '2025-10-11', kind: 'holiday', name: '国庆节' },
        { date: '2025-10-08', kind: 'holiday', name: '国庆节' },
        { date: '2025-10-08', kind: 'workday', name: '国庆节' },
      ]);
      expect(overridden.isWorkingDay('2025-10-11')).toBe(false);
      expect(overridden.isWorkingDay('2025-10-08')).toBe(true);
      expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
      expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    });

    it('refuses an entry with a bad date', () => {
      expect(() => new WorkingCalendar([{ date: '2025-13-01', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
    });
  });

  describe('2027 (provisional)', () => {
    it('skips National Day 2027: Thursday 09-30 17:00 + 1 h is Wednesday 10-06 09:30', () => {
      // Fri 10-01 holiday, 10-02/03 weekend, Mon 10-04 and Tue 10-05 补假; no make-up days are known yet.
      expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
      expect(calendar.entryFor('2027-10-01')?.provisional).toBe(true);
      expectInstant(calendar.addWorkingHours(at('2027-09-30T17:00:00+08:00'), 1), '2027-10-06T09:30:00+08:00');
    });

    it('an admin entering the published schedule replaces the provisional days', () => {
      // A plausible published schedule: 10-01..10-07 off, Sun 09-26 and Sat 10-09 worked.
      const published = WorkingCalendar.withShipped([
        ...['2027-10-06', '2027-10-07'].map((date) => ({ date, kind: 'holiday' as const, name: '国庆节' })),
        ...['2027-09-26', '2027-10-09'].map((date) => ({ date, kind: 'workday' as const, name: '国庆节' })),
      ]);
      expectInstant(published.addWorkingHours(at('2027-09-30T17:00:00+08:00'), 1), '2027-10-08T09:30:00+08:00');
      expect(published.isWorkingDay('2027-09-26')).toBe(true);
    });
  });
});
