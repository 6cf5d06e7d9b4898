// Direct service as 12345 hotlines run it (#14 item 9): an answer the enterprise leaves unrated closes after the
// category's rating window (working days), by the office's follow-up call (回访) or by the clock as not rated;
// co-handling departments (协办) give the lead department their opinions. On a county made through the API
// (no demo), so the clock and the statistics see only these requests.
import type { Actor, RequestDetailView } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, department, enterprise, userOf } from '../../../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';
import { withTablesOf } from '../../db/connection';
import { NotificationService, type NotificationTables } from '../notifications';
import { ServiceRequestService } from './service-requests.service';
import type { ServiceRequestTables } from './service-requests.tables';

const filing = {
  categoryCode: 'construction',
  title: '厂区白蚁防治',
  description: '仓库木托盘发现白蚁，需要白蚁防治指导',
  contactName: '徐丽华',
  contactPhone: '13800000000',
};

/** The signed-in client as the service sees it. */
const actorOf = (c: Client, role: Actor['role'], organisationKind: Actor['organisationKind']): Actor => ({
  userId: c.userId,
  username: c.username,
  role,
  organisationId: c.organisationId,
  organisationKind,
  via: 'session',
});

/** 2025-10-11T10:00:00+08:00, as the office reads a time. */
const china = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00') : null);

interface County {
  t: TestApp;
  admin: Client;
  officer: Client;
  filer: Client;
  other: Client;
  lead: { id: string; handler: Client };
  co: { id: string; handler: Client };
  uninvolved: { id: string; handler: Client };
}

async function county(engine: (typeof ENGINES)[number]): Promise<County> {
  const t = await createTestApp(engine, { demo: false });
  const admin = await countyAdmin(t);
  return {
    t,
    admin,
    officer: await userOf(t.app, admin, admin.organisationId, 'service_officer', '直通办 测试员'),
    filer: (await enterprise(t.app, admin, '天台测试包装箱有限公司')).admin,
    other: (await enterprise(t.app, admin, '天台测试机械有限公司')).admin,
    lead: await department(t.app, admin, '测试住建局'),
    co: await department(t.app, admin, '测试房管中心'),
    uninvolved: await department(t.app, admin, '测试税务局'),
  };
}

describe.each(ENGINES)('answers the enterprise leaves unrated on %s', (engine) => {
  let c: County;
  let clock = new Date();
  let service: ServiceRequestService;
  let filer: Actor;
  let office: Actor;
  let lead: Actor;
  beforeAll(async () => {
    c = await county(engine);
    service = new ServiceRequestService({
      db: withTablesOf<ServiceRequestTables>(c.t.db),
      notifications: new NotificationService({ db: withTablesOf<NotificationTables>(c.t.db) }),
      now: () => clock,
    });
    filer = actorOf(c.filer, 'enterprise_admin', 'enterprise');
    office = actorOf(c.officer, 'service_officer', 'county');
    lead = actorOf(c.lead.handler, 'department_handler', 'department');
  });
  afterAll(async () => c?.t.close());

  const at = (iso: string) => (clock = new Date(iso));
  /** A request filed, dispatched, signed and answered at `iso`. */
  const answeredAt = async (iso: string): Promise<RequestDetailView> => {
    at(iso);
    const { id } = await service.create(filer, filing);
    await service.act(office, id, { action: 'accept', phoneContact: '电话确认' });
    await service.act(office, id, { action: 'dispatch', leadDepartmentId: c.lead.id, coDepartmentIds: [] });
    await service.act(lead, id, { action: 'sign' });
    return service.act(lead, id, { action: 'answer', answer: '已上门完成白蚁灭治' });
  };
  const auditOf = (id: string, action: string) =>
    c.t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'organisation_id'])
      .where('entity_id', '=', id)
      .where('action', '=', action)
      .execute();
  const noticesOf = async (who: Client, id: string) =>
    (await who.get('/api/notifications'))
      .json<{ items: Array<{ requestId: string; kind: string }> }>()
      .items.filter((n) => n.requestId === id);

  it('gives the enterprise 3 working days on the working calendar, then the clock closes the request as not rated, once', async () => {
    const answered = await answeredAt('2025-09-30T10:00:00+08:00');
    // 21 working hours: 6 on 30 September, none in the National Day holiday, 7 each on 9 and 10 October,
    // and the last one on Saturday 11 October, a make-up working day.
    expect(china(answered.rateDueAt)).toBe('2025-10-11T10:00:00+08:00');

    await service.runClock(new Date('2025-10-11T09:59:00+08:00'));
    expect((await service.get(office, answered.id)).status).toBe('answered');

    await service.runClock(new Date('2025-10-11T10:01:00+08:00'));
    await service.runClock(new Date('2025-10-11T10:02:00+08:00'));
    const closed = await service.get(office, answered.id);
    expect(closed).toMatchObject({ status: 'closed', closedAs: 'not_rated', rating: null, rateDueAt: null, sla: null });
    expect(china(closed.closedAt)).toBe('2025-10-11T10:01:00+08:00');
    const closings = closed.events.filter((e) => e.kind === 'close_not_rated');
    expect(closings).toHaveLength(1);
    expect(closings[0]).toMatchObject({ actorName: null });
    expect(await auditOf(answered.id, 'close_not_rated')).toEqual([{ actor_username: null, organisation_id: c.filer.organisationId }]);
    expect((await noticesOf(c.filer, answered.id)).map((n) => n.kind)).toContain('close_not_rated');
    expect((await noticesOf(c.lead.handler, answered.id)).map((n) => n.kind)).toContain('close_not_rated');

    // Closed: the enterprise can no longer rate it, nor the office follow it up.
    const late = await c.filer.post(`/api/service-requests/${answered.id}/actions`, { action: 'rate', rating: 'satisfied' });
    expect([late.statusCode, errorCode(late)]).toEqual([409, 'INVALID_TRANSITION']);
    const call = await c.officer.post(`/api/service-requests/${answered.id}/actions`, {
      action: 'follow_up',
      rating: 'satisfied',
      note: '回访',
    });
    expect([call.statusCode, errorCode(call)]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('closes on the office’s follow-up call with the call’s result, a dissatisfied one included, before the clock does', async () => {
    const answered = await answeredAt('2025-11-03T10:00:00+08:00');
    expect(answered.allowedActions).toEqual([]); // the lead department has nothing left to do
    expect((await service.get(office, answered.id)).allowedActions).toEqual(['follow_up']);
    at('2025-11-05T15:00:00+08:00');
    const called = await service.act(office, answered.id, {
      action: 'follow_up',
      rating: 'dissatisfied',
      note: '电话回访徐经理：白蚁仍有复发，对答复不满意',
    });
    expect(called).toMatchObject({
      status: 'closed',
      closedAs: 'follow_up',
      rating: 'dissatisfied',
      ratingComment: '电话回访徐经理：白蚁仍有复发，对答复不满意',
      redoCount: 0,
      allowedActions: [],
    });
    expect(called.events.at(-1)).toMatchObject({ kind: 'follow_up_dissatisfied', note: '电话回访徐经理：白蚁仍有复发，对答复不满意' });
    expect(await auditOf(answered.id, 'follow_up')).toEqual([
      { actor_username: c.officer.username, organisation_id: c.filer.organisationId },
    ]);
    expect((await noticesOf(c.filer, answered.id)).map((n) => n.kind)).toContain('follow_up_dissatisfied');
    expect((await noticesOf(c.lead.handler, answered.id)).map((n) => n.kind)).toContain('follow_up_dissatisfied');

    // The clock finds nothing left to close.
    await service.runClock(new Date('2025-12-01T10:00:00+08:00'));
    expect((await service.get(office, answered.id)).events.filter((e) => e.kind === 'close_not_rated')).toEqual([]);
  });

  it('refuses a follow-up call out of turn with 409, from anyone but the office with 403, and bad input with 400', async () => {
    at('2025-11-10T10:00:00+08:00');
    const { id } = await service.create(filer, filing);
    const act = (who: Client, body: object) => who.post(`/api/service-requests/${id}/actions`, body);
    const call = { action: 'follow_up', rating: 'satisfied', note: '电话回访，企业表示满意' };
    const early = await act(c.officer, call);
    expect([early.statusCode, errorCode(early)]).toEqual([409, 'INVALID_TRANSITION']);
    await service.act(office, id, { action: 'accept', phoneContact: '电话确认' });
    await service.act(office, id, { action: 'dispatch', leadDepartmentId: c.lead.id, coDepartmentIds: [] });
    await service.act(lead, id, { action: 'sign' });
    await service.act(lead, id, { action: 'start' });
    const inProgress = await act(c.officer, call);
    expect([inProgress.statusCode, errorCode(inProgress)]).toEqual([409, 'INVALID_TRANSITION']);
    await service.act(lead, id, { action: 'answer', answer: '已答复' });

    expect((await act(c.filer, call)).statusCode).toBe(403);
    expect((await act(c.lead.handler, call)).statusCode).toBe(403);
    expect((await act(c.other, call)).statusCode).toBe(404);
    for (const bad of [
      { action: 'follow_up', rating: 'satisfied' },
      { action: 'follow_up', rating: 'satisfied', note: '   ' },
      { action: 'follow_up', rating: 'great', note: '回访' },
      { action: 'follow_up', rating: 'satisfied', note: '回'.repeat(1001) },
    ]) {
      const res = await act(c.officer, bad);
      expect([res.statusCode, errorCode(res)], JSON.stringify(bad).slice(0, 80)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await service.get(office, id)).status).toBe('answered');
  });

  it('lets the office set each category’s rating window, and refuses a bad one with 400 VALIDATION_FAILED', async () => {
    const set = (who: Client, body: object) => who.patch('/api/service-requests/categories/construction', body);
    for (const rateDays of [0, 31, 1.5, '2']) {
      const res = await set(c.officer, { rateDays });
      expect([res.statusCode, errorCode(res)], String(rateDays)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await set(c.lead.handler, { rateDays: 1 })).statusCode).toBe(403);
    const categories = async () =>
      (await c.officer.get('/api/service-requests/categories')).json<Array<{ code: string; rateDays: number }>>();
    expect((await categories()).every((category) => category.rateDays === 3)).toBe(true); // the default

    expect((await set(c.officer, { rateDays: 1 })).json()).toMatchObject({ code: 'construction', rateDays: 1 });
    try {
      // Monday 10:00 + 1 working day (7 h): Tuesday 10:00.
      const answered = await answeredAt('2025-11-17T10:00:00+08:00');
      expect(china(answered.rateDueAt)).toBe('2025-11-18T10:00:00+08:00');
      await service.runClock(new Date('2025-11-18T10:30:00+08:00'));
      expect((await service.get(office, answered.id)).closedAs).toBe('not_rated');
    } finally {
      await set(c.officer, { rateDays: 3 });
    }
  });

  it('counts each way of closing in the statistics: all complete, follow-ups rated, not-rated outside satisfaction', async () => {
    const rated = await answeredAt('2025-06-02T10:00:00+08:00');
    const followedUp = await answeredAt('2025-06-02T10:05:00+08:00');
    const unrated = await answeredAt('2025-06-02T10:10:00+08:00');
    at('2025-06-03T10:00:00+08:00');
    await service.act(filer, rated.id, { action: 'rate', rating: 'satisfied' });
    await service.act(office, followedUp.id, { action: 'follow_up', rating: 'basically_satisfied', note: '回访：基本满意' });
    await service.runClock(new Date('2025-06-06T10:00:00+08:00'));
    expect((await service.get(office, unrated.id)).closedAs).toBe('not_rated');

    const res = await c.officer.get('/api/service-requests/statistics?from=2025-06-01&to=2025-06-30&groupBy=department');
    expect(res.json<{ total: object }>().total).toMatchObject({
      received: 3,
      closed: 3,
      rated: 2,
      followedUp: 1,
      notRated: 1,
      completionRate: 1,
      satisfactionRate: 1,
      greenRate: 0.6667, // the unrated closing is not green
    });
  });
});

describe.each(ENGINES)('co-handling departments’ opinions on %s', (engine) => {
  let c: County;
  beforeAll(async () => {
    c = await county(engine);
  });
  afterAll(async () => c?.t.close());

  const act = (who: Client, id: string, body: object) => who.post(`/api/service-requests/${id}/actions`, body);
  const detail = async (who: Client, id: string) => (await who.get(`/api/service-requests/${id}`)).json<RequestDetailView>();
  /** Filed by the filer, dispatched to the lead department with the co department, and signed. */
  const signed = async (): Promise<string> => {
    const { id } = (await c.filer.post('/api/service-requests', filing)).json<{ id: string }>();
    expect((await act(c.officer, id, { action: 'accept', phoneContact: '电话确认' })).statusCode).toBe(200);
    const dispatched = await act(c.officer, id, { action: 'dispatch', leadDepartmentId: c.lead.id, coDepartmentIds: [c.co.id] });
    expect(dispatched.statusCode).toBe(200);
    // Not signed for yet: nothing is being handled, so there is nothing to give an opinion on.
    const early = await act(c.co.handler, id, { action: 'opinion', opinion: '可安排白蚁防治所上门' });
    expect([early.statusCode, errorCode(early)]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await act(c.lead.handler, id, { action: 'sign' })).statusCode).toBe(200);
    return id;
  };

  it('takes one opinion per co-handling department, updatable until the answer, for the lead department to read', async () => {
    const id = await signed();
    expect((await detail(c.co.handler, id)).allowedActions).toEqual(['opinion']);
    expect((await detail(c.lead.handler, id)).allowedActions).not.toContain('opinion');

    const first = await act(c.co.handler, id, { action: 'opinion', opinion: '白蚁防治所可于两个工作日内上门查看' });
    expect(first.statusCode).toBe(200);
    expect(first.json<RequestDetailView>()).toMatchObject({ status: 'signed' });
    const updated = await act(c.co.handler, id, { action: 'opinion', opinion: '白蚁防治所今天下午即可上门查看并灭治' });
    expect(updated.statusCode).toBe(200);

    const seen = await detail(c.lead.handler, id);
    expect(seen.opinions).toHaveLength(1);
    expect(seen.opinions[0]).toMatchObject({
      departmentId: c.co.id,
      departmentName: '测试房管中心',
      opinion: '白蚁防治所今天下午即可上门查看并灭治',
      authorName: '测试房管中心经办人',
    });
    expect(seen.opinions[0]!.updatedAt >= seen.opinions[0]!.submittedAt).toBe(true);
    expect((await detail(c.officer, id)).opinions).toHaveLength(1);
    // The enterprise reads the answer, not the departments' exchange; the timeline says only that it happened.
    const asFiler = await detail(c.filer, id);
    expect(asFiler.opinions).toEqual([]);
    expect(asFiler.events.filter((e) => e.kind === 'opinion').map((e) => e.note)).toEqual([null, null]);
    expect(
      (await c.lead.handler.get('/api/notifications')).json<{ items: Array<{ requestId: string; kind: string }> }>().items,
    ).toContainEqual(expect.objectContaining({ requestId: id, kind: 'opinion' }));
    const audit = await c.t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'organisation_id'])
      .where('entity_id', '=', id)
      .where('action', '=', 'opinion')
      .execute();
    expect(audit).toEqual([
      { actor_username: c.co.handler.username, organisation_id: c.filer.organisationId },
      { actor_username: c.co.handler.username, organisation_id: c.filer.organisationId },
    ]);

    // Still while in progress; no more once answered.
    expect((await act(c.lead.handler, id, { action: 'start' })).statusCode).toBe(200);
    expect((await act(c.co.handler, id, { action: 'opinion', opinion: '补充：建议同步做房屋安全鉴定' })).statusCode).toBe(200);
    expect((await act(c.lead.handler, id, { action: 'answer', answer: '已会同房管中心上门灭治' })).statusCode).toBe(200);
    const late = await act(c.co.handler, id, { action: 'opinion', opinion: '再补充一点' });
    expect([late.statusCode, errorCode(late)]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await detail(c.lead.handler, id)).opinions.map((o) => o.opinion)).toEqual(['补充：建议同步做房屋安全鉴定']);
  });

  it('refuses an opinion from another enterprise or an uninvolved department (404) and from the lead, the office or the filer (403)', async () => {
    const id = await signed();
    const opinion = { action: 'opinion', opinion: '我们也有意见' };
    expect((await act(c.other, id, opinion)).statusCode).toBe(404);
    expect((await act(c.uninvolved.handler, id, opinion)).statusCode).toBe(404);
    for (const who of [c.lead.handler, c.officer, c.filer]) {
      const res = await act(who, id, opinion);
      expect([res.statusCode, errorCode(res)], who.username).toEqual([403, 'FORBIDDEN']);
    }
    expect((await detail(c.officer, id)).opinions).toEqual([]);
  });

  it('refuses an empty or overlong opinion with 400 VALIDATION_FAILED', async () => {
    const id = await signed();
    for (const bad of [{ action: 'opinion' }, { action: 'opinion', opinion: '  ' }, { action: 'opinion', opinion: '意'.repeat(2001) }]) {
      const res = await act(c.co.handler, id, bad);
      expect([res.statusCode, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await detail(c.officer, id)).opinions).toEqual([]);
  });
});
