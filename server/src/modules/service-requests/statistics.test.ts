// Statistics on a hand-built set of requests with known rates, read through the same API the page uses.
import { randomUUID } from 'node:crypto';
import type { ClosedAs, Rating, RequestStatus } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, login, type Client, type TestApp } from '../../../test/harness';
import { WorkingCalendar } from './sla-calendar';

const calendar = WorkingCalendar.withShipped();
const MONDAY = new Date('2020-03-02T09:00:00+08:00'); // a plain working week, years before the demo's requests
const MONDAY_2021 = new Date('2021-03-01T09:00:00+08:00');

interface Spec {
  status: RequestStatus;
  lead: '住建局' | '税务局' | null;
  answerHours?: number;
  onTime?: boolean;
  rating?: Rating;
  closedAs?: ClosedAs;
}

// 住建局: three closed (2 on time, 1 late); 税务局: two closed on time, one in progress; two never dispatched (one rejected).
const SPECS: Spec[] = [
  { status: 'closed', lead: '住建局', answerHours: 2, onTime: true, rating: 'satisfied' },
  { status: 'closed', lead: '住建局', answerHours: 4, onTime: true, rating: 'basically_satisfied' },
  { status: 'closed', lead: '住建局', answerHours: 40, onTime: false, rating: 'satisfied' },
  { status: 'closed', lead: '税务局', answerHours: 1, onTime: true, rating: 'satisfied' },
  { status: 'closed', lead: '税务局', answerHours: 3, onTime: true, rating: 'satisfied' },
  { status: 'in_progress', lead: '税务局' },
  { status: 'rejected', lead: null },
  { status: 'submitted', lead: null },
];

// 2021, 住建局 alone: how requests closed after the enterprise left them unrated count.
const SPECS_2021: Spec[] = [
  { status: 'closed', lead: '住建局', answerHours: 2, onTime: true, rating: 'satisfied' },
  { status: 'closed', lead: '住建局', answerHours: 3, onTime: true, rating: 'satisfied', closedAs: 'follow_up' },
  { status: 'closed', lead: '住建局', answerHours: 4, onTime: true, rating: 'dissatisfied', closedAs: 'follow_up' },
  { status: 'closed', lead: '住建局', answerHours: 5, onTime: true, closedAs: 'not_rated' },
  { status: 'answered', lead: '住建局', answerHours: 6, onTime: true },
];

describe.each(ENGINES)('direct-service statistics on %s', (engine) => {
  let t: TestApp;
  let leader: Client;
  let officer: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    leader = await login(t.app, 'leader');
    officer = await login(t.app, 'officer');
    const departments = Object.fromEntries(
      (await leader.get('/api/departments')).json<Array<{ id: string; shortName: string }>>().map((d) => [d.shortName, d.id]),
    );
    const enterprise = (await leader.get('/api/enterprises?pageSize=1')).json<{ items: Array<{ id: string }> }>().items[0]!.id;
    const samples = [...SPECS.map((spec) => ({ spec, monday: MONDAY })), ...SPECS_2021.map((spec) => ({ spec, monday: MONDAY_2021 }))];
    for (const [i, { spec, monday }] of samples.entries()) {
      const submitted = new Date(monday.getTime() + i * 60_000);
      const answered = spec.answerHours === undefined ? null : calendar.addWorkingHours(monday, spec.answerHours);
      await t.db
        .insertInto('service_requests')
        .values({
          id: randomUUID(),
          number: `ZT${monday.getUTCFullYear()}${String(i + 1).padStart(6, '0')}`,
          enterprise_id: enterprise,
          category_code: spec.lead === '税务局' ? 'tax' : 'construction',
          title: `统计样本 ${i + 1}`,
          description: '手工构造',
          contact_name: '测试',
          contact_phone: '0576-83000000',
          status: spec.status,
          lead_department_id: spec.lead ? departments[spec.lead]! : null,
          answer: answered ? '已答复' : null,
          rating: spec.rating ?? null,
          rating_comment: null,
          redo_count: 0,
          paused_at: null,
          extension_requested_days: null,
          submitted_at: submitted.toISOString(),
          accepted_at: spec.status === 'submitted' ? null : submitted.toISOString(),
          dispatched_at: spec.lead ? monday.toISOString() : null,
          signed_at: spec.lead ? monday.toISOString() : null,
          answered_at: answered?.toISOString() ?? null,
          closed_at: spec.status === 'closed' || spec.status === 'rejected' ? submitted.toISOString() : null,
          accept_due_at: submitted.toISOString(),
          sign_due_at: null,
          answer_due_at: null,
          accepted_on_time: null,
          answered_on_time: spec.onTime === undefined ? null : spec.onTime ? 1 : 0,
          escalated_at: null,
          rate_due_at: null,
          closed_as: spec.status === 'closed' ? (spec.closedAs ?? 'rated') : null,
          updated_at: submitted.toISOString(),
        })
        .execute();
    }
  });
  afterAll(async () => t?.close());

  const stats = async (groupBy: string, year = 2020) =>
    (await leader.get(`/api/service-requests/statistics?from=${year}-01-01&to=${year}-12-31&groupBy=${groupBy}`)).json<{
      total: Record<string, number | null>;
      rows: Array<Record<string, number | string | null>>;
    }>();

  it('computes the county totals', async () => {
    const { total } = await stats('department');
    expect(total).toMatchObject({
      received: 8,
      rejected: 1,
      closed: 5,
      answered: 5,
      rated: 5,
      followedUp: 0,
      notRated: 0,
      completionRate: 0.7143, // 5 closed of 7 not rejected
      onTimeRate: 0.8, // 4 of 5 answered on time
      satisfactionRate: 1, // every closed one rated satisfied or basically satisfied
      greenRate: 0.8, // closed, on time and satisfied or basically satisfied: 4 of 5
      medianAnswerHours: 3, // of 1, 2, 3, 4 and 40 working hours
    });
  });

  it('ranks departments with volume beside every rate', async () => {
    const { rows } = await stats('department');
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(byLabel['县住房和城乡建设局']).toMatchObject({
      received: 3,
      closed: 3,
      completionRate: 1,
      onTimeRate: 0.6667,
      greenRate: 0.6667,
      medianAnswerHours: 4,
    });
    expect(byLabel['国家税务总局天台县税务局']).toMatchObject({
      received: 3,
      closed: 2,
      completionRate: 0.6667,
      onTimeRate: 1,
      greenRate: 1,
      medianAnswerHours: 2,
    });
    expect(byLabel['未派单']).toMatchObject({ received: 2, closed: 0, completionRate: 0, onTimeRate: null, greenRate: null });
  });

  it('follows the office’s green-rate formula', async () => {
    const res = await officer.request('PUT', '/api/service-requests/green-formula', { ratings: ['satisfied'], requireOnTime: true });
    expect(res.statusCode).toBe(200);
    expect((await stats('department')).total.greenRate).toBe(0.6); // only 'satisfied' and on time: 3 of 5
    await officer.request('PUT', '/api/service-requests/green-formula', {
      ratings: ['satisfied', 'basically_satisfied'],
      requireOnTime: true,
    });
  });

  it('groups by month and category, and exports the same figures to Excel', async () => {
    expect((await stats('month')).rows.map((r) => [r.key, r.received])).toEqual([['2020-03', 8]]);
    expect((await stats('category')).rows.map((r) => [r.key, r.received]).sort()).toEqual([
      ['construction', 5],
      ['tax', 3],
    ]);
    const sheet = await leader.get('/api/service-requests/statistics.xlsx?from=2020-01-01&to=2020-12-31&groupBy=department');
    expect(sheet.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const last = workbook.worksheets[0]!.lastRow!;
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(3).value, last.getCell(7).value]).toEqual(['合计', 8, 5, 0.8]);
  });

  it('counts requests closed by a follow-up call as rated and those closed unrated as closed but not rated', async () => {
    const { total } = await stats('department', 2021);
    expect(total).toMatchObject({
      received: 5,
      closed: 4,
      rated: 3, // the enterprise's own rating and two follow-up calls' results
      followedUp: 2,
      notRated: 1,
      completionRate: 0.8, // every closing counts: 4 of 5
      satisfactionRate: 0.6667, // of the 3 rated, the follow-up's 不满意 is not pleased; the unrated one is no sample
      greenRate: 0.5, // 满意 and on time: 2 of the 4 closed, the unrated one never green
    });
    const sheet = await leader.get('/api/service-requests/statistics.xlsx?from=2021-01-01&to=2021-12-31&groupBy=department');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const [header, last] = [workbook.worksheets[0]!.getRow(1), workbook.worksheets[0]!.lastRow!];
    expect([9, 10, 11].map((i) => header.getCell(i).value)).toEqual(['已评价', '其中回访评价', '未评价办结']);
    expect([9, 10, 11].map((i) => last.getCell(i).value)).toEqual([3, 2, 1]);
  });
});
