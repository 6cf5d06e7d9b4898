// Direct-service statistics for the office and leaders. One function computes every figure, so the page,
// its charts and the Excel export show the same numbers. Every closed request counts toward completion however
// it closed; a follow-up call's (回访) result counts as a rating; one closed by the clock as not rated is left out
// of satisfaction and is never green (the formula names ratings, and it has none), but stays a closed request
// in the green rate's denominator: an answer nobody confirmed is not a green closure.
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyDayRange,
  countyMonth,
  countyYear,
  type GreenRateFormula,
  type Rating,
  type StatisticsQuery,
  type StatisticsRow,
  type StatisticsView,
} from '@tiantai/shared';
import ExcelJS from 'exceljs';
import type { requestsForStatistics } from './service-requests.repository';
import type { WorkingCalendar } from './sla-calendar';

export type StatisticsInput = Awaited<ReturnType<typeof requestsForStatistics>>[number];

export const DEFAULT_GREEN_FORMULA: GreenRateFormula = { ratings: ['satisfied', 'basically_satisfied'], requireOnTime: true };

/**
 * The query's period as UTC ISO bounds [from, to): whole days on the county's clock (COUNTY_TIME_ZONE); the
 * county's current year by default.
 */
export function periodOf(
  query: Pick<StatisticsQuery, 'from' | 'to'>,
  now = new Date(),
  timeZone = DEFAULT_COUNTY_TIME_ZONE,
): { from: string; to: string } {
  const year = countyYear(now, timeZone);
  const { from, to } = countyDayRange(query.from ?? `${year}-01-01`, query.to ?? `${year}-12-31`, timeZone);
  return { from: from.toISOString(), to: to.toISOString() };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

function summarise(
  key: string,
  label: string,
  rows: StatisticsInput[],
  formula: GreenRateFormula,
  calendar: WorkingCalendar,
): StatisticsRow {
  const received = rows.length;
  const rejected = rows.filter((r) => r.status === 'rejected').length;
  const closed = rows.filter((r) => r.status === 'closed');
  const timed = rows.filter((r) => r.answered_on_time !== null);
  // A not-rated closure carries no rating (the clock clears a stale one from before a redo).
  const rated = closed.filter((r) => r.rating !== null && r.closed_as !== 'not_rated');
  const pleased = (rating: Rating | null) => rating !== null && rating !== 'dissatisfied';
  const green = rated.filter((r) => formula.ratings.includes(r.rating!) && (!formula.requireOnTime || r.answered_on_time === 1));
  const answerHours = rows
    .filter((r) => r.dispatched_at && r.answered_at)
    .map((r) => calendar.workingMillisBetween(new Date(r.dispatched_at!), new Date(r.answered_at!)) / 3_600_000);
  return {
    key,
    label,
    received,
    rejected,
    closed: closed.length,
    answered: timed.length,
    rated: rated.length,
    followedUp: rated.filter((r) => r.closed_as === 'follow_up').length,
    notRated: closed.length - rated.length,
    completionRate: rate(closed.length, received - rejected),
    onTimeRate: rate(timed.filter((r) => r.answered_on_time === 1).length, timed.length),
    satisfactionRate: rate(rated.filter((r) => pleased(r.rating)).length, rated.length),
    greenRate: rate(green.length, closed.length),
    medianAnswerHours: median(answerHours),
  };
}

function groupOf(row: StatisticsInput, groupBy: StatisticsQuery['groupBy'], timeZone: string): [key: string, label: string] {
  switch (groupBy) {
    case 'department':
      return row.lead_department_id ? [row.lead_department_id, row.lead_department_name ?? row.lead_department_id] : ['-', '未派单'];
    case 'category':
      return [row.category_code, row.category_name];
    case 'park':
      return row.park_id ? [row.park_id, row.park_name ?? row.park_id] : ['-', '园区外'];
    case 'township':
      return row.township ? [row.township, row.township] : ['-', '未填乡镇'];
    case 'month': {
      // The county's month of filing: a request filed at 23:30 on the 31st belongs to that month.
      const month = countyMonth(row.submitted_at, timeZone);
      return [month, month];
    }
  }
}

export function computeStatistics(
  rows: StatisticsInput[],
  groupBy: StatisticsQuery['groupBy'],
  formula: GreenRateFormula,
  calendar: WorkingCalendar,
  timeZone = DEFAULT_COUNTY_TIME_ZONE,
): StatisticsView {
  const groups = new Map<string, { label: string; rows: StatisticsInput[] }>();
  for (const row of rows) {
    const [key, label] = groupOf(row, groupBy, timeZone);
    const group = groups.get(key) ?? { label, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const summaries = [...groups.entries()].map(([key, g]) => summarise(key, g.label, g.rows, formula, calendar));
  // Months read in order; every other grouping is a ranking, busiest first, so volume stands beside each rate.
  summaries.sort((a, b) => (groupBy === 'month' ? a.key.localeCompare(b.key) : b.received - a.received || a.label.localeCompare(b.label)));
  return { total: summarise('total', '合计', rows, formula, calendar), rows: summaries };
}

export async function statisticsSheet(view: StatisticsView, groupBy: StatisticsQuery['groupBy']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('直通服务统计');
  const GROUP_HEADERS: Record<StatisticsQuery['groupBy'], string> = {
    department: '部门',
    category: '类别',
    park: '园区',
    township: '乡镇',
    month: '月份',
  };
  sheet.columns = [
    { header: GROUP_HEADERS[groupBy], key: 'label', width: 28 },
    { header: '受理', key: 'received', width: 10 },
    { header: '办结', key: 'closed', width: 10 },
    { header: '办结率', key: 'completionRate', width: 10 },
    { header: '按时率', key: 'onTimeRate', width: 10 },
    { header: '满意率', key: 'satisfactionRate', width: 10 },
    { header: '绿码率', key: 'greenRate', width: 10 },
    { header: '答复用时中位数（工作小时）', key: 'medianAnswerHours', width: 26 },
    { header: '已评价', key: 'rated', width: 10 },
    { header: '其中回访评价', key: 'followedUp', width: 14 },
    { header: '未评价办结', key: 'notRated', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of [...view.rows, view.total]) sheet.addRow(row);
  for (const key of ['completionRate', 'onTimeRate', 'satisfactionRate', 'greenRate']) sheet.getColumn(key).numFmt = '0.0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
