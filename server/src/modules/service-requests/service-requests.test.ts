import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import type { Actor } from '@tiantai/shared';
import { ServiceRequestService } from './service-requests.service';
import type { ServiceRequestTables } from './service-requests.tables';
import { withTablesOf } from '../../db/connection';
import { NotificationService, type NotificationTables } from '../notifications';

interface Parties {
  shanhe: Client;
  yinlun: Client;
  officer: Client;
  zhujian: Client;
  leader: Client;
  admin: Client;
}

const filing = {
  categoryCode: 'construction',
  title: '厂区白蚁防治',
  description: '仓库木托盘发现白蚁，需要白蚁防治指导',
  contactName: '徐丽华',
  contactPhone: '13800000000',
};

describe.each(ENGINES)('direct service on %s', (engine) => {
  let t: TestApp;
  let p: Parties;
  let departments: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    p = {
      shanhe: await login(t.app, 'shanhe'),
      yinlun: await login(t.app, 'yinlun'),
      officer: await login(t.app, 'officer'),
      zhujian: await login(t.app, 'zhujian'),
      leader: await login(t.app, 'leader'),
      admin: await login(t.app, 'admin'),
    };
    const list = (await p.admin.get('/api/departments')).json<Array<{ id: string; shortName: string }>>();
    departments = Object.fromEntries(list.map((d) => [d.shortName, d.id]));
  });
  afterAll(async () => t?.close());

  const file = async (who: Client = p.shanhe) => {
    const res = await who.post('/api/service-requests', filing);
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; number: string; status: string; allowedActions: string[] }>();
  };
  const act = (who: Client, id: string, body: object) => who.post(`/api/service-requests/${id}/actions`, body);

  it('runs the seed’s case from filing to a satisfied rating, with a timeline the enterprise sees', async () => {
    const filed = await file();
    expect(filed).toMatchObject({ status: 'submitted' });
    expect(filed.number).toMatch(/^ZT\d{10}$/);

    expect((await act(p.officer, filed.id, { action: 'accept', phoneContact: '已电话联系徐经理，确认白蚁情况' })).json().status).toBe(
      'accepted',
    );
    const dispatched = await act(p.officer, filed.id, {
      action: 'dispatch',
      leadDepartmentId: departments['住建局'],
      coDepartmentIds: [departments['房管中心']],
    });
    expect(dispatched.json()).toMatchObject({
      status: 'dispatched',
      leadDepartmentName: '县住房和城乡建设局',
      coDepartmentIds: [departments['房管中心']],
    });
    expect(dispatched.json().answerDueAt).not.toBeNull();

    expect((await act(p.zhujian, filed.id, { action: 'sign' })).json().status).toBe('signed');
    expect((await act(p.zhujian, filed.id, { action: 'start' })).json().status).toBe('in_progress');
    const answered = await act(p.zhujian, filed.id, { action: 'answer', answer: '房管中心白蚁防治所当天下午上门查看并完成灭治' });
    expect(answered.json()).toMatchObject({ status: 'answered', answeredOnTime: true });

    const rated = await act(p.shanhe, filed.id, { action: 'rate', rating: 'satisfied', comment: '当天就来了，非常满意' });
    expect(rated.json()).toMatchObject({ status: 'closed', rating: 'satisfied', sla: null });

    const seen = (await p.shanhe.get(`/api/service-requests/${filed.id}`)).json<{ events: Array<{ kind: string; actorName: string }> }>();
    expect(seen.events.map((e) => e.kind)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'start', 'answer', 'rate_satisfied']);
    expect(seen.events[1]!.actorName).toBe('直通办 王晓东');
  });

  it('refuses illegal transitions with 409 INVALID_TRANSITION and the wrong party with 403', async () => {
    const filed = await file();
    const early = await act(p.zhujian, filed.id, { action: 'sign' });
    expect(early.statusCode).toBe(404); // not dispatched to 住建局 yet: the department cannot see it
    const dispatchBeforeAccept = await act(p.officer, filed.id, { action: 'dispatch', leadDepartmentId: departments['住建局'] });
    expect([dispatchBeforeAccept.statusCode, errorCode(dispatchBeforeAccept)]).toEqual([409, 'INVALID_TRANSITION']);
    const rateEarly = await act(p.shanhe, filed.id, { action: 'rate', rating: 'satisfied' });
    expect([rateEarly.statusCode, errorCode(rateEarly)]).toEqual([409, 'INVALID_TRANSITION']);
    const enterpriseAccepts = await act(p.shanhe, filed.id, { action: 'accept', phoneContact: 'x' });
    expect(enterpriseAccepts.statusCode).toBe(403);
    const unknownAction = await act(p.officer, filed.id, { action: 'teleport' });
    expect([unknownAction.statusCode, errorCode(unknownAction)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await p.shanhe.get(`/api/service-requests/${filed.id}`)).json().status).toBe('submitted');
  });

  it('sends a dissatisfied rating back for redo, and a returned dispatch back to the office', async () => {
    const filed = await file();
    await act(p.officer, filed.id, { action: 'accept', phoneContact: '电话确认' });
    await act(p.officer, filed.id, { action: 'dispatch', leadDepartmentId: departments['住建局'] });
    const returned = await act(p.zhujian, filed.id, { action: 'return', reason: '属房管中心职责' });
    expect(returned.statusCode).toBe(200);
    expect((await p.officer.get(`/api/service-requests/${filed.id}`)).json()).toMatchObject({ status: 'accepted', leadDepartmentId: null });
    expect((await p.zhujian.get(`/api/service-requests/${filed.id}`)).statusCode).toBe(404);

    await act(p.officer, filed.id, { action: 'dispatch', leadDepartmentId: departments['住建局'] });
    await act(p.zhujian, filed.id, { action: 'sign' });
    await act(p.zhujian, filed.id, { action: 'answer', answer: '已答复' });
    const redo = await act(p.shanhe, filed.id, { action: 'rate', rating: 'dissatisfied', comment: '问题没解决' });
    expect(redo.json()).toMatchObject({ status: 'in_progress', redoCount: 1, rating: 'dissatisfied' });
    await act(p.zhujian, filed.id, { action: 'answer', answer: '再次上门处理完毕' });
    expect((await act(p.shanhe, filed.id, { action: 'rate', rating: 'basically_satisfied' })).json().status).toBe('closed');
  });

  it('keeps each enterprise to its own requests and departments to what they handle', async () => {
    const filed = await file(p.shanhe);
    expect((await p.yinlun.get(`/api/service-requests/${filed.id}`)).statusCode).toBe(404);
    expect((await act(p.yinlun, filed.id, { action: 'rate', rating: 'satisfied' })).statusCode).toBe(404);
    const yinlunList = (await p.yinlun.get('/api/service-requests?pageSize=200')).json<{ items: Array<{ enterpriseId: string }> }>();
    expect(yinlunList.items.every((r) => r.enterpriseId === p.yinlun.organisationId)).toBe(true);
    const todo = (await p.zhujian.get('/api/service-requests?open=true&pageSize=200')).json<{ items: Array<{ status: string }> }>();
    expect(todo.items.length).toBeGreaterThan(0);
    expect(todo.items.every((r) => r.status !== 'closed' && r.status !== 'rejected')).toBe(true);
    const zhujianList = (await p.zhujian.get('/api/service-requests?pageSize=200')).json<{ items: Array<{ id: string }> }>();
    expect(zhujianList.items.map((r) => r.id)).not.toContain(filed.id);
    expect((await p.officer.get('/api/service-requests?pageSize=200')).json().items.map((r: { id: string }) => r.id)).toContain(filed.id);
    expect((await p.zhujian.post('/api/service-requests', filing)).statusCode).toBe(403);

    // The county leader reads everything and acts on nothing.
    const asLeader = (await p.leader.get(`/api/service-requests/${filed.id}`)).json<{ allowedActions: string[] }>();
    expect(asLeader.allowedActions).toEqual([]);
    expect((await act(p.leader, filed.id, { action: 'accept', phoneContact: 'x' })).statusCode).toBe(403);
    expect((await p.shanhe.get(`/api/service-requests/${filed.id}`)).json().allowedActions).toEqual([]);
    expect((await p.officer.get(`/api/service-requests/${filed.id}`)).json().allowedActions.sort()).toEqual(['accept', 'reject']);
  });

  it('shows a co-handling department the request without letting it act', async () => {
    const housingCentre = departments['房管中心']!;
    await p.admin.post('/api/users', {
      username: 'fangguan',
      displayName: '房管中心 周静',
      role: 'department_handler',
      organisationId: housingCentre,
      password: 'Secret#2026',
    });
    const co = await login(t.app, 'fangguan', 'Secret#2026');
    // A password the admin chose: the handler sets their own first.
    expect((await co.post('/api/auth/password', { currentPassword: 'Secret#2026', newPassword: 'Fangguan#Own1' })).statusCode).toBe(204);
    const filed = await file();
    await act(p.officer, filed.id, { action: 'accept', phoneContact: '电话确认' });
    await act(p.officer, filed.id, { action: 'dispatch', leadDepartmentId: departments['住建局'], coDepartmentIds: [housingCentre] });
    const seen = await co.get(`/api/service-requests/${filed.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual([]);
    expect((await act(co, filed.id, { action: 'sign' })).statusCode).toBe(403);
    expect((await co.get('/api/notifications')).json().items.some((n: { requestId: string }) => n.requestId === filed.id)).toBe(true);
  });

  it('notifies the people each step concerns', async () => {
    const before = (await p.shanhe.get('/api/notifications')).json<{ unread: number }>().unread;
    const filed = await file();
    const officeInbox = (await p.officer.get('/api/notifications')).json<{ items: Array<{ requestId: string; kind: string }> }>();
    expect(officeInbox.items.some((n) => n.requestId === filed.id && n.kind === 'submit')).toBe(true);
    await act(p.officer, filed.id, { action: 'accept', phoneContact: '电话确认' });
    const inbox = (await p.shanhe.get('/api/notifications')).json<{ unread: number; items: Array<{ id: string; kind: string }> }>();
    expect(inbox.unread).toBe(before + 1);
    expect(inbox.items[0]!.kind).toBe('accept');
    await p.shanhe.post('/api/notifications/read', { ids: 'all' });
    expect((await p.shanhe.get('/api/notifications')).json().unread).toBe(0);
  });

  it('takes photos and PDFs within limits, checks their content, and serves them only to those who see the request', async () => {
    const filed = await file();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const upload = (who: Client, body: Buffer, type: string, name = '%E7%99%BD%E8%9A%81.png') =>
      who.request('POST', `/api/service-requests/${filed.id}/attachments`, body, { 'content-type': type, 'x-filename': name });

    const ok = await upload(p.shanhe, png, 'image/png');
    expect(ok.statusCode).toBe(201);
    const attachment = ok.json<{ attachments: Array<{ id: string; filename: string; size: number }> }>().attachments[0]!;
    expect(attachment).toMatchObject({ filename: '白蚁.png', size: png.length });

    const fake = await upload(p.shanhe, Buffer.from('MZ this is an exe'), 'image/png');
    expect([fake.statusCode, errorCode(fake)]).toEqual([400, 'ATTACHMENT_REJECTED']);
    const zip = await upload(p.shanhe, Buffer.from('PK'), 'application/zip');
    expect([zip.statusCode, errorCode(zip)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const huge = await upload(p.shanhe, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf');
    expect([huge.statusCode, errorCode(huge)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await upload(p.yinlun, png, 'image/png')).statusCode).toBe(404);

    const download = await p.officer.get(`/api/service-requests/${filed.id}/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect((await p.yinlun.get(`/api/service-requests/${filed.id}/attachments/${attachment.id}`)).statusCode).toBe(404);
    const detail = (await p.shanhe.get(`/api/service-requests/${filed.id}`)).json<{
      attachments: unknown[];
      events: Array<{ kind: string }>;
    }>();
    expect(detail.attachments).toHaveLength(1);
    expect(detail.events.map((e) => e.kind)).toContain('attach');
  });

  it('gives the demo county ratings spread per department: some 基本满意 and 不满意, follow-up calls and unrated closings', async () => {
    const year = new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const { total, rows } = (await p.leader.get(`/api/service-requests/statistics?from=${year}&to=${today}&groupBy=department`)).json<{
      total: Record<string, number>;
      rows: Array<{ label: string; received: number; satisfactionRate: number | null; followedUp: number; notRated: number }>;
    }>();
    expect(total.received).toBeGreaterThan(1700);
    expect(total.followedUp).toBeGreaterThan(30);
    expect(total.notRated).toBeGreaterThan(30);
    expect(total.satisfactionRate).toBeGreaterThan(0.9);
    expect(total.satisfactionRate).toBeLessThan(0.995);
    // Departments differ: most below 100% (a routine one like tax may earn it), and not all alike.
    const busy = rows.filter((r) => r.received >= 50 && r.satisfactionRate !== null);
    expect(busy.filter((r) => r.satisfactionRate! < 1).length).toBeGreaterThan(busy.length / 2);
    expect(new Set(busy.map((r) => r.satisfactionRate)).size).toBeGreaterThan(3);

    const closings = await t.db.selectFrom('service_requests').select(['closed_as', 'rating']).where('status', '=', 'closed').execute();
    const count = (closedAs: string, rating: string | null) =>
      closings.filter((r) => r.closed_as === closedAs && r.rating === rating).length;
    expect(count('rated', 'basically_satisfied')).toBeGreaterThan(50);
    expect(count('follow_up', 'dissatisfied')).toBeGreaterThan(3);
    expect(count('not_rated', null)).toBe(total.notRated);
    expect(closings.every((r) => r.closed_as !== null)).toBe(true);
    // 房管中心 co-handles some 住建局 requests, and says what it thinks.
    expect((await t.db.selectFrom('request_opinions').select('request_id').execute()).length).toBeGreaterThan(10);
  });

  it('escalates an overdue request once, however often the clock runs', async () => {
    const filed = await file();
    const clock = new ServiceRequestService({
      db: withTablesOf<ServiceRequestTables>(t.db),
      notifications: new NotificationService({ db: withTablesOf<NotificationTables>(t.db) }),
    });
    const later = new Date(Date.now() + 30 * 86_400_000);
    const first = await clock.runClock(later);
    const second = await clock.runClock(later);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    const seen = (await p.officer.get(`/api/service-requests/${filed.id}`)).json<{
      escalatedAt: string;
      events: Array<{ kind: string }>;
    }>();
    expect(seen.escalatedAt).not.toBeNull();
    expect(seen.events.filter((e) => e.kind === 'escalate')).toHaveLength(1);
  });
});

describe.each(ENGINES)('SLA due times on the working calendar on %s', (engine) => {
  let t: TestApp;
  let clock = new Date();
  let service: ServiceRequestService;
  let shanhe: Actor;
  let officer: Actor;
  let housing: string;
  const actorOf = (c: Client, role: Actor['role'], kind: Actor['organisationKind']): Actor => ({
    userId: c.userId,
    username: 'x',
    role,
    organisationId: c.organisationId,
    organisationKind: kind,
    via: 'session',
  });
  beforeAll(async () => {
    t = await createTestApp(engine);
    service = new ServiceRequestService({
      db: withTablesOf<ServiceRequestTables>(t.db),
      notifications: new NotificationService({ db: withTablesOf<NotificationTables>(t.db) }),
      now: () => clock,
    });
    shanhe = actorOf(await login(t.app, 'shanhe'), 'enterprise_admin', 'enterprise');
    officer = actorOf(await login(t.app, 'officer'), 'service_officer', 'county');
    housing = (await login(t.app, 'zhujian')).organisationId;
  });
  afterAll(async () => t?.close());

  const at = (iso: string) => (clock = new Date(iso));
  const china = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00') : null);

  it('runs the clocks across the 2025 National Day holiday', async () => {
    at('2025-09-30T17:00:00+08:00');
    const filed = await service.create(shanhe, filing);
    // 1 working hour: half an hour on 30 September, then nothing until Thursday 9 October
    expect(china(filed.acceptDueAt)).toBe('2025-10-09T09:30:00+08:00');
    expect(filed.number).toMatch(/^ZT2025\d{6}$/); // numbered in the year it was filed

    at('2025-09-30T16:00:00+08:00');
    await service.act(officer, filed.id, { action: 'accept', phoneContact: '节前电话确认' });
    const dispatched = await service.act(officer, filed.id, { action: 'dispatch', leadDepartmentId: housing, coDepartmentIds: [] });
    // sign within 4 working hours: 1.5 on 30 September, 2.5 on 9 October
    expect(china(dispatched.signDueAt)).toBe('2025-10-09T11:30:00+08:00');
    // answer within 5 working days (35 h): 9, 10, 11 (make-up Saturday) and 13 October, then 14 October 16:00
    expect(china(dispatched.answerDueAt)).toBe('2025-10-14T16:00:00+08:00');

    at('2025-10-08T12:00:00+08:00'); // still the holiday: nothing is late yet
    expect((await service.get(officer, filed.id)).sla).toBe('green');
    at('2025-10-09T12:00:00+08:00');
    expect((await service.get(officer, filed.id)).sla).toBe('red'); // not signed by 11:30
  });

  it('counts a make-up Saturday as a working day', async () => {
    at('2025-10-10T17:00:00+08:00'); // Friday; Saturday 11 October is a working day
    const filed = await service.create(shanhe, filing);
    expect(china(filed.acceptDueAt)).toBe('2025-10-11T09:30:00+08:00');
    await service.act(officer, filed.id, { action: 'accept', phoneContact: '电话确认' });
    const dispatched = await service.act(officer, filed.id, { action: 'dispatch', leadDepartmentId: housing, coDepartmentIds: [] });
    expect(china(dispatched.signDueAt)).toBe('2025-10-11T14:00:00+08:00');
  });

  it('stops the answer clock while paused and moves the due time on resume', async () => {
    at('2025-11-03T09:00:00+08:00'); // Monday
    const filed = await service.create(shanhe, filing);
    await service.act(officer, filed.id, { action: 'accept', phoneContact: '电话确认' });
    const dispatched = await service.act(officer, filed.id, { action: 'dispatch', leadDepartmentId: housing, coDepartmentIds: [] });
    // 35 working hours from Monday 09:00 end at Friday 17:30
    expect(china(dispatched.answerDueAt)).toBe('2025-11-07T17:30:00+08:00');
    const handler: Actor = { ...officer, role: 'department_handler', organisationId: housing, organisationKind: 'department' };
    await service.act(handler, filed.id, { action: 'sign' });
    await service.act(handler, filed.id, { action: 'start' });
    at('2025-11-04T09:00:00+08:00');
    await service.act(handler, filed.id, { action: 'pause', reason: '等待企业补充材料' });
    at('2025-11-05T09:00:00+08:00'); // one working day (7 h) later
    const resumed = await service.act(handler, filed.id, { action: 'resume' });
    expect(china(resumed.answerDueAt)).toBe('2025-11-10T17:30:00+08:00');
    const extended = await service.act(handler, filed.id, { action: 'request_extension', days: 2, reason: '需现场踏勘' });
    expect(extended.extensionRequestedDays).toBe(2);
    const approved = await service.act(officer, filed.id, { action: 'approve_extension' });
    expect(china(approved.answerDueAt)).toBe('2025-11-12T17:30:00+08:00');
  });
});
