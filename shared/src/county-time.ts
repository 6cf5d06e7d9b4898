// The county's clock: every time the platform shows and every day, month or year it counts by is read in the
// county's time zone (COUNTY_TIME_ZONE, Asia/Shanghai by default), never in the zone of the server or the browser.
// Plain Intl, so the server, the web and their tests agree whatever zone their process runs in.

/** China's one official zone: UTC+8 all year, no daylight saving. */
export const DEFAULT_COUNTY_TIME_ZONE = 'Asia/Shanghai';

/** An instant: a Date, epoch milliseconds or an ISO-8601 string with its offset. */
export type Instant = Date | number | string;

/** The county's wall clock at an instant. */
export interface CountyClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The zone's offset from UTC at that instant, in minutes (480 for Asia/Shanghai). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True for a time zone Intl knows by its IANA name ('Asia/Shanghai', 'UTC'); false for '', '+08:00' or a typo. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

function millisOf(at: Instant): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return ms;
}

/** The wall clock in `zone` at instant `at`. */
export function countyClock(at: Instant, zone: string): CountyClock {
  const ms = millisOf(at);
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((wallMs - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
  return { year, month, day, hour, minute, second, offsetMinutes };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymdOf = (c: Pick<CountyClock, 'year' | 'month' | 'day'>) => `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;

/** The county's calendar date at an instant, 'YYYY-MM-DD'. */
export function countyDate(at: Instant, zone: string): string {
  return ymdOf(countyClock(at, zone));
}

/** The county's month at an instant, 'YYYY-MM'. */
export function countyMonth(at: Instant, zone: string): string {
  return countyDate(at, zone).slice(0, 7);
}

export function countyYear(at: Instant, zone: string): number {
  return countyClock(at, zone).year;
}

/** 'YYYY-MM-DD HH:mm' on the county's clock: how the office reads a time. */
export function countyDateTime(at: Instant, zone: string): string {
  const c = countyClock(at, zone);
  return `${ymdOf(c)} ${pad(c.hour)}:${pad(c.minute)}`;
}

/** ISO 8601 with the county's offset, to the second: 2026-06-15T14:30:00+08:00. */
export function countyIsoString(at: Instant, zone: string): string {
  const c = countyClock(at, zone);
  const sign = c.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(c.offsetMinutes);
  return `${ymdOf(c)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

/**
 * The instant at which the county's wall clock reads the given time. A time that a daylight-saving change
 * skips is taken at the offset before the change; one it repeats, the first time. (China has no DST.)
 */
export function countyInstant(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; millisecond?: number },
  zone: string,
): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, wall.millisecond ?? 0);
  // The offset a few hours before usually holds; correct once if the wall time lies past a change.
  let guess = asUtc - countyClock(asUtc - 12 * 3_600_000, zone).offsetMinutes * 60_000;
  const offset = countyClock(guess, zone).offsetMinutes;
  if (asUtc - offset * 60_000 !== guess) {
    const corrected = asUtc - offset * 60_000;
    if (countyClock(corrected, zone).offsetMinutes === offset) guess = corrected;
  }
  return new Date(guess);
}

function parseYmd(ymd: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
    throw new RangeError(`not a date: ${ymd}`);
  return { year, month, day };
}

/** The instant the county's day 'YYYY-MM-DD' begins. */
export function countyDayStart(ymd: string, zone: string): Date {
  return countyInstant(parseYmd(ymd), zone);
}

/**
 * Whole county days from `from` to `toInclusive` (both 'YYYY-MM-DD') as UTC bounds [from, to): the second bound
 * is the start of the day after `toInclusive`.
 */
export function countyDayRange(from: string, toInclusive: string, zone: string): { from: Date; to: Date } {
  const last = parseYmd(toInclusive);
  const next = new Date(Date.UTC(last.year, last.month - 1, last.day + 1));
  return {
    from: countyDayStart(from, zone),
    to: countyInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, zone),
  };
}
