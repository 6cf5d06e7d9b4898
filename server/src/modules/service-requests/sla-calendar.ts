import type { CalendarEntry } from './calendar-entry';
import { SHIPPED_CALENDAR } from './holiday-data';

/**
 * The working-day calendar of the SLA clocks of enterprise direct-service requests: time counts only inside the
 * working hours of working days, on the county's wall clock (Asia/Shanghai, UTC+8 all year: China has no DST, so a
 * fixed offset is exact and no time-zone library is needed).
 *
 * A date is a working day when an entry marks it 'workday' (调休上班, a weekend day worked), not when an entry marks
 * it 'holiday' (放假), and otherwise when it is a Monday to Friday.
 */

export type { CalendarEntry } from './calendar-entry';

/** Fixed, not COUNTY_TIME_ZONE: the calendar (State Council holidays, 调休, office hours) is China's, on Beijing time. */
export const SLA_TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai is UTC+8 all year. */
export const SLA_UTC_OFFSET_HOURS = 8;

/** The working periods of a working day, wall-clock time in Asia/Shanghai, each from start (inclusive) to end. */
export const WORKING_PERIODS: ReadonlyArray<{ readonly start: string; readonly end: string }> = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = SLA_UTC_OFFSET_HOURS * HOUR_MS;
/** A calculation that finds no working time within this many days is refused (a calendar of holidays only). */
const MAX_SCANNED_DAYS = 100 * 366;

function millisOfDay(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`bad wall-clock time ${hhmm}`);
  return Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;
}

/** WORKING_PERIODS as [start, end) in milliseconds after local midnight. */
const PERIODS: ReadonlyArray<readonly [number, number]> = WORKING_PERIODS.map((p) => [millisOfDay(p.start), millisOfDay(p.end)] as const);

/** Working hours in one working day: 7. */
export const WORKING_HOURS_PER_DAY = PERIODS.reduce((sum, [start, end]) => sum + end - start, 0) / HOUR_MS;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws unless it is a real date in that form. */
function dayNumberOf(ymd: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== ymd) throw new RangeError(`not a date: ${ymd}`);
  return ms / DAY_MS;
}

const ymdOf = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** Milliseconds of an instant on the local (UTC+8) time line, where day n starts at n × DAY_MS. */
function localMillis(instant: Date, what: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${what} is an invalid date`);
  return ms + OFFSET_MS;
}

function assertAmount(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${amount}`);
}

export class WorkingCalendar {
  readonly timeZone = SLA_TIME_ZONE;
  private readonly entries = new Map<string, CalendarEntry>();

  /** From the entries in order; a later entry for the same date replaces an earlier one (admin overrides last). */
  constructor(entries: Iterable<CalendarEntry>) {
    for (const entry of entries) {
      dayNumberOf(entry.date);
      if (entry.kind !== 'holiday' && entry.kind !== 'workday') throw new RangeError(`bad calendar entry kind for ${entry.date}`);
      this.entries.set(entry.date, entry);
    }
  }

  /** The shipped calendar (2020–2027) with the admin's overrides applied over it. */
  static withShipped(overrides: Iterable<CalendarEntry> = []): WorkingCalendar {
    return new WorkingCalendar([...SHIPPED_CALENDAR, ...overrides]);
  }

  /** The entry in force for a date, if any (to name a holiday). */
  entryFor(dateYmd: string): CalendarEntry | undefined {
    dayNumberOf(dateYmd);
    return this.entries.get(dateYmd);
  }

  isWorkingDay(dateYmd: string): boolean {
    return this.isWorkingDayNumber(dayNumberOf(dateYmd));
  }

  /**
   * The instant at which `hours` of working time have elapsed since `start`: the earliest instant t with
   * workingMillisBetween(start, t) = hours (rounded to the millisecond). A start outside working time effectively
   * begins at the start of the next working period; a result on the end of a period stays there (09:00 + 3 h is
   * 12:00 that day, not 13:30), and 0 hours returns `start` unchanged. Fractional hours are allowed.
   */
  addWorkingHours(start: Date, hours: number): Date {
    assertAmount(hours, 'hours');
    let remaining = Math.round(hours * HOUR_MS);
    const from = localMillis(start, 'start');
    if (remaining === 0) return new Date(start.getTime());
    const firstDay = Math.floor(from / DAY_MS);
    for (let day = firstDay; day < firstDay + MAX_SCANNED_DAYS; day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      const dayStart = day * DAY_MS;
      for (const [periodStart, periodEnd] of PERIODS) {
        const begin = Math.max(dayStart + periodStart, from);
        const available = dayStart + periodEnd - begin;
        if (available <= 0) continue;
        if (remaining <= available) return new Date(begin + remaining - OFFSET_MS);
        remaining -= available;
      }
    }
    throw new RangeError(`no working time found within ${MAX_SCANNED_DAYS} days of ${start.toISOString()}`);
  }

  /**
   * `days` working days after `start`, defined as addWorkingHours(start, days × WORKING_HOURS_PER_DAY): the same
   * position on the working clock, N working days later (Thursday 10:00 + 5 → the 5th following working day at
   * 10:00). A start outside working time counts from the next period's start, and since the end of one working
   * day and 09:00 of the next are the same point of working time, the earlier is returned: Monday 09:00 (or any
   * time before it, or the weekend before) + 1 working day is Monday 17:30. Fractional days are allowed.
   */
  addWorkingDays(start: Date, days: number): Date {
    assertAmount(days, 'days');
    return this.addWorkingHours(start, days * WORKING_HOURS_PER_DAY);
  }

  /** Working time from `a` to `b` in milliseconds; 0 when b is not after a. */
  workingMillisBetween(a: Date, b: Date): number {
    const from = localMillis(a, 'a');
    const to = localMillis(b, 'b');
    let total = 0;
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      const dayStart = day * DAY_MS;
      for (const [periodStart, periodEnd] of PERIODS)
        total += Math.max(0, Math.min(dayStart + periodEnd, to) - Math.max(dayStart + periodStart, from));
    }
    return total;
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    const entry = this.entries.get(ymdOf(dayNumber));
    if (entry) return entry.kind === 'workday';
    const weekday = (((dayNumber + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    return weekday >= 1 && weekday <= 5;
  }
}
