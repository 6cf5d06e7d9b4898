// Generates server/src/modules/service-requests/holiday-data.ts, the shipped calendar of the SLA clocks:
//   npx tsx scripts/generate-holidays.ts
// 2020–2026 come from the npm package chinese-days (MIT, a root devDependency: the server never imports it at
// run time). 2027 is not in the package: its statutory days are listed below by hand and marked provisional.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { format, resolveConfig } from 'prettier';

interface Entry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  provisional?: boolean;
}

// chinese-days builds and reads its tables in the process's time zone and shifts dates by a day in some (UTC+14,
// or a zone changed after it loaded): load and run it on China's clock, whatever the machine's.
process.env.TZ = 'Asia/Shanghai';
const { default: chineseDays } = await import('chinese-days');

const FIRST_YEAR = 2020;
const LAST_PACKAGED_YEAR = 2026;
const PROVISIONAL_YEAR = 2027;

/**
 * 2027 before the State Council publishes its schedule (usually in November of the year before). What the law
 * fixes (《全国年节及纪念日放假办法》, revised 2024): 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2
 * (05-01, 05-02), 端午 1, 中秋 1, 国庆 3 (10-01..10-03), and a statutory day that falls on a Saturday or Sunday
 * is made up by a weekday off (补假, art. 6). The 补假 dates below are the weekdays right after the festival,
 * as the State Council has always placed them, but the exact dates are only known once announced. Make-up working
 * weekends (调休上班) and the longer "golden week" blocks are swaps decided by the schedule: none are listed.
 * Lunar dates (checked with chinese-days' lunar conversion): 腊月 of 2026 has 29 days, so 除夕 is 廿九 =
 * 2027-02-05 (Fri), 初一 2027-02-06 (Sat); 端午 (五月初五) 2027-06-09 (Wed); 中秋 (八月十五) 2027-09-15 (Wed);
 * 清明 (solar term) 2027-04-05 (Mon).
 */
const PROVISIONAL_2027: ReadonlyArray<{ date: string; name: string }> = [
  { date: '2027-01-01', name: '元旦' },
  { date: '2027-02-05', name: '春节' }, // 除夕, Fri
  { date: '2027-02-06', name: '春节' }, // 初一, Sat
  { date: '2027-02-07', name: '春节' }, // 初二, Sun
  { date: '2027-02-08', name: '春节' }, // 初三, Mon
  { date: '2027-02-09', name: '春节（补假）' }, // for 初一 on a Saturday
  { date: '2027-02-10', name: '春节（补假）' }, // for 初二 on a Sunday
  { date: '2027-04-05', name: '清明' },
  { date: '2027-05-01', name: '劳动节' }, // Sat
  { date: '2027-05-02', name: '劳动节' }, // Sun
  { date: '2027-05-03', name: '劳动节（补假）' },
  { date: '2027-05-04', name: '劳动节（补假）' },
  { date: '2027-06-09', name: '端午' },
  { date: '2027-09-15', name: '中秋' },
  { date: '2027-10-01', name: '国庆节' }, // Fri
  { date: '2027-10-02', name: '国庆节' }, // Sat
  { date: '2027-10-03', name: '国庆节' }, // Sun
  { date: '2027-10-04', name: '国庆节（补假）' },
  { date: '2027-10-05', name: '国庆节（补假）' },
];

const DAY_MS = 24 * 60 * 60 * 1000;
const ymdOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isWeekend = (ymd: string): boolean => [0, 6].includes(new Date(`${ymd}T00:00:00Z`).getUTCDay());

/** chinese-days names a listed day "English,中文,days"; an unlisted one by its weekday ("Monday"). */
function chineseName(detailName: string): string | undefined {
  const parts = detailName.split(',');
  return parts.length === 3 && parts[1] ? parts[1] : undefined;
}

function packagedEntries(year: number): Entry[] {
  const entries: Entry[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += DAY_MS) {
    const date = ymdOf(ms);
    const detail = chineseDays.getDayDetail(date);
    if (detail.date !== date) throw new Error(`chinese-days answered ${detail.date} for ${date}`);
    const name = chineseName(detail.name);
    if (name === undefined) continue; // an ordinary day: the Monday–Friday rule covers it
    if (!detail.work) entries.push({ date, kind: 'holiday', name });
    else if (isWeekend(date)) entries.push({ date, kind: 'workday', name });
    // else: a weekday listed as a working day changes nothing
  }
  if (!entries.some((e) => e.kind === 'holiday')) throw new Error(`chinese-days has no holidays for ${year}`);
  return entries;
}

function packageVersion(): string {
  const path = createRequire(import.meta.url).resolve('chinese-days/package.json');
  const pkg: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  throw new Error('chinese-days/package.json has no version');
}

const entries: Entry[] = [];
for (let year = FIRST_YEAR; year <= LAST_PACKAGED_YEAR; year++) entries.push(...packagedEntries(year));
if (chineseDays.getHolidaysInRange(`${PROVISIONAL_YEAR}-01-01`, `${PROVISIONAL_YEAR}-12-31`, false).length > 0)
  throw new Error(`chinese-days now carries ${PROVISIONAL_YEAR}: generate it from the package and drop PROVISIONAL_2027`);
for (const { date, name } of PROVISIONAL_2027) entries.push({ date, kind: 'holiday', name, provisional: true });
entries.sort((a, b) => a.date.localeCompare(b.date));
// Anchors checked against the State Council notices, so that a shifted or stale package cannot pass unnoticed.
const ANCHORS: ReadonlyArray<Entry> = [
  { date: '2020-01-24', kind: 'holiday', name: '春节' },
  { date: '2024-02-18', kind: 'workday', name: '春节' },
  { date: '2025-09-28', kind: 'workday', name: '国庆节' },
  { date: '2025-10-06', kind: 'holiday', name: '中秋' },
  { date: '2025-10-08', kind: 'holiday', name: '国庆节' },
  { date: '2025-10-11', kind: 'workday', name: '国庆节' },
  { date: '2026-02-14', kind: 'workday', name: '春节' },
  { date: '2026-02-23', kind: 'holiday', name: '春节' },
];
for (const anchor of ANCHORS) {
  const found = entries.find((e) => e.date === anchor.date);
  if (found?.kind !== anchor.kind || found.name !== anchor.name)
    throw new Error(`expected ${JSON.stringify(anchor)}, got ${JSON.stringify(found)}`);
}
for (const date of ['2025-09-27', '2025-10-09', '2025-10-12'])
  if (entries.some((e) => e.date === date)) throw new Error(`${date} is an ordinary day but was listed`);
for (let i = 1; i < entries.length; i++)
  if (entries[i]!.date === entries[i - 1]!.date) throw new Error(`duplicate date ${entries[i]!.date}`);

const lines = entries.map((e) => `  ${JSON.stringify(e).replace(/"(\w+)":/g, '$1: ')},`);
const source = `// GENERATED by scripts/generate-holidays.ts from chinese-days@${packageVersion()}: do not edit by hand, rerun it.
// China's public holidays (放假) and make-up working days (调休上班) ${FIRST_YEAR}–${PROVISIONAL_YEAR}, the shipped
// part of the SLA working-day calendar. Only dates that differ from the Monday–Friday rule matter; every holiday
// date is listed (weekend ones too) so that it carries its name.
//
// ${PROVISIONAL_YEAR} is PROVISIONAL (provisional: true): only the statutory days and their 补假 are known before the
// State Council publishes the year's schedule, and no make-up working days are listed. When it is published, an
// admin enters the real holidays and 调休上班 days as calendar overrides (which win over these entries); once
// chinese-days carries ${PROVISIONAL_YEAR}, the generator takes it from the package instead.
import type { CalendarEntry } from './calendar-entry';

export const SHIPPED_CALENDAR: ReadonlyArray<CalendarEntry> = [
${lines.join('\n')}
];
`;

const target = new URL('../server/src/modules/service-requests/holiday-data.ts', import.meta.url);
const options = await resolveConfig(target);
writeFileSync(target, await format(source, { ...options, filepath: target.pathname }));

const counts = new Map<string, { holiday: number; workday: number }>();
for (const e of entries) {
  const c = counts.get(e.date.slice(0, 4)) ?? { holiday: 0, workday: 0 };
  c[e.kind]++;
  counts.set(e.date.slice(0, 4), c);
}
console.log(`wrote ${target.pathname}: ${entries.length} entries`);
for (const [year, c] of counts) console.log(`  ${year}: ${c.holiday} holiday, ${c.workday} workday`);
