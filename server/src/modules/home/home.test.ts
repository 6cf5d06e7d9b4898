// Each role's home on the demo county: its numbers are the linked pages' numbers (the same list endpoints'
// totals), they move when the person's work does, and they never count another tenant's records.
import type {
  CountyHomeView,
  DepartmentHomeView,
  EnterpriseHomeView,
  HomeView,
  OfficeHomeView,
  RequestView,
  TechnicianHomeView,
} from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { userOf } from '../../../test/factories';
import { createTestApp, login, type Client, type TestApp } from '../../../test/harness';

const filing = {
  categoryCode: 'construction',
  title: '新厂房消防验收咨询',
  description: '二期厂房即将竣工，咨询消防验收流程',
  contactName: '徐丽华',
  contactPhone: '13800000000',
};

async function homeOf<T extends HomeView>(who: Client): Promise<T> {
  const res = await who.get('/api/home');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

/** The `total` of a list endpoint: what the page behind a home number shows. */
async function total(who: Client, url: string): Promise<number> {
  const res = await who.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number }>().total;
}

/** Every item of a paged list endpoint (`url` has a query already). */
async function everyItem<T>(who: Client, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = await who.get(`${url}&page=${page}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: T[]; total: number }>();
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

describe.each(ENGINES)('home pages on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let leader: Client;
  let officer: Client;
  let zhujian: Client;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let departments: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const signIn = (name: string) => login(t.app, name);
    [admin, leader, officer, zhujian] = [await signIn('admin'), await signIn('leader'), await signIn('officer'), await signIn('zhujian')];
    [yinlun, tech, shanhe] = [await signIn('yinlun'), await signIn('yinlun.tech'), await signIn('shanhe')];
    const list = (await admin.get('/api/departments')).json<Array<{ id: string; shortName: string }>>();
    departments = Object.fromEntries(list.map((d) => [d.shortName, d.id]));
  });
  afterAll(async () => t?.close());

  const act = async (who: Client, id: string, body: object) => {
    const res = await who.post(`/api/service-requests/${id}/actions`, body);
    expect(res.statusCode, res.body).toBe(200);
  };

  it('answers each role with its own kind of home, and nobody signed out', async () => {
    const kinds = await Promise.all([admin, leader, officer, zhujian, yinlun, tech, shanhe].map(async (c) => (await homeOf(c)).kind));
    expect(kinds).toEqual(['county', 'county', 'office', 'department', 'enterprise', 'technician', 'enterprise']);
    expect((await t.app.inject({ method: 'GET', url: '/api/home' })).statusCode).toBe(401);
  });

  it('shows the office its queue by SLA colour as the requests page counts it, and what waits on the office', async () => {
    const before = await homeOf<OfficeHomeView>(officer);
    const { queue } = before;
    expect(queue.open).toBe(await total(officer, '/api/service-requests?open=true&pageSize=1'));
    for (const colour of ['green', 'yellow', 'red'] as const)
      expect(queue[colour], colour).toBe(await total(officer, `/api/service-requests?sla=${colour}&pageSize=1`));
    expect(queue.green + queue.yellow + queue.red).toBe(queue.open);
    expect(queue.toAccept).toBe(await total(officer, '/api/service-requests?status=submitted&pageSize=1'));
    expect(queue.toDispatch).toBe(await total(officer, '/api/service-requests?status=accepted&pageSize=1'));
    // The most urgent first: no request listed after one of a calmer colour.
    const rank = { red: 0, yellow: 1, green: 2 } as const;
    const ranks = before.urgent.map((r) => rank[r.sla ?? 'green']);
    expect(ranks).toEqual([...ranks].sort());
    expect(before.urgent.length).toBe(Math.min(5, queue.open));

    const filed = (await shanhe.post('/api/service-requests', filing)).json<{ id: string }>();
    const after = await homeOf<OfficeHomeView>(officer);
    expect(after.queue).toMatchObject({ open: queue.open + 1, toAccept: queue.toAccept + 1, green: queue.green + 1 });
    await act(officer, filed.id, { action: 'accept', phoneContact: '已电话联系' });
    expect((await homeOf<OfficeHomeView>(officer)).queue).toMatchObject({ toAccept: queue.toAccept, toDispatch: queue.toDispatch + 1 });
  });

  it('counts for the office the answers awaiting the enterprise’s rating, to follow up (回访), until the call closes them', async () => {
    const answeredTotal = async () =>
      (await officer.get('/api/service-requests?status=answered&pageSize=1')).json<{ total: number }>().total;
    const before = (await homeOf<OfficeHomeView>(officer)).queue.toFollowUp;
    expect(before).toBe(await answeredTotal());

    const filed = (await shanhe.post('/api/service-requests', filing)).json<{ id: string }>();
    await act(officer, filed.id, { action: 'accept', phoneContact: '已电话联系' });
    await act(officer, filed.id, { action: 'dispatch', leadDepartmentId: zhujian.organisationId, coDepartmentIds: [] });
    await act(zhujian, filed.id, { action: 'sign' });
    expect((await homeOf<OfficeHomeView>(officer)).queue.toFollowUp).toBe(before);
    await act(zhujian, filed.id, { action: 'answer', answer: '已告知消防验收流程' });
    expect((await homeOf<OfficeHomeView>(officer)).queue.toFollowUp).toBe(before + 1);

    // The office's call closes it: one fewer to follow up.
    await act(officer, filed.id, { action: 'follow_up', rating: 'satisfied', note: '电话回访，企业表示满意' });
    expect((await homeOf<OfficeHomeView>(officer)).queue.toFollowUp).toBe(before);
  });

  it('shows a department the requests it leads, to sign and to answer, and nothing dispatched elsewhere', async () => {
    const own = zhujian.organisationId;
    const before = await homeOf<DepartmentHomeView>(zhujian);
    expect(before.requests.toSign).toBe(await total(zhujian, `/api/service-requests?status=dispatched&departmentId=${own}&pageSize=1`));
    expect(before.requests.toAnswer).toBe(
      (await total(zhujian, `/api/service-requests?status=signed&departmentId=${own}&pageSize=1`)) +
        (await total(zhujian, `/api/service-requests?status=in_progress&departmentId=${own}&pageSize=1`)),
    );
    const listed = (await zhujian.get(`/api/service-requests?open=true&departmentId=${own}&pageSize=200`)).json<{
      items: Array<{ id: string }>;
    }>();
    for (const item of before.urgent) expect(listed.items.map((r) => r.id)).toContain(item.id);
    expect(before.tasks.total).toBe((await zhujian.get('/api/targets/tasks?mine=true')).json<unknown[]>().length);

    const fileAndDispatch = async (lead: string) => {
      const filed = (await shanhe.post('/api/service-requests', filing)).json<{ id: string }>();
      await act(officer, filed.id, { action: 'accept', phoneContact: '已电话联系' });
      await act(officer, filed.id, { action: 'dispatch', leadDepartmentId: lead, coDepartmentIds: [] });
      return filed.id;
    };
    // Another department's request is not this department's work.
    await fileAndDispatch(departments['房管中心']!);
    expect((await homeOf<DepartmentHomeView>(zhujian)).requests).toEqual(before.requests);

    const id = await fileAndDispatch(own);
    let now = await homeOf<DepartmentHomeView>(zhujian);
    expect(now.requests).toMatchObject({ toSign: before.requests.toSign + 1, toAnswer: before.requests.toAnswer });
    await act(zhujian, id, { action: 'sign' });
    now = await homeOf<DepartmentHomeView>(zhujian);
    expect(now.requests).toMatchObject({ toSign: before.requests.toSign, toAnswer: before.requests.toAnswer + 1 });
    await act(zhujian, id, { action: 'answer', answer: '已告知消防验收所需材料与办理流程' });
    expect((await homeOf<DepartmentHomeView>(zhujian)).requests).toEqual(before.requests);
  });

  it('counts for a department the requests it co-handles (协办) whose opinion the lead awaits, until the lead answers', async () => {
    const own = zhujian.organisationId;
    const fangguan = await userOf(t.app, admin, departments['房管中心']!, 'department_handler', '房管中心 测试员');
    /** The open requests in the department's list on which it may give its opinion while another department leads. */
    const coHandled = async () =>
      (await everyItem<RequestView>(zhujian, '/api/service-requests?open=true')).filter(
        (r) => r.leadDepartmentId !== own && r.coDepartmentIds.includes(own) && r.allowedActions.includes('opinion'),
      );
    const [before, leadBefore] = await Promise.all([homeOf<DepartmentHomeView>(zhujian), homeOf<DepartmentHomeView>(fangguan)]);
    expect(before.requests.coHandling).toBe((await coHandled()).length);

    // 房管中心 leads, 住建局 co-handles: never the department's to sign or answer.
    const filed = (await shanhe.post('/api/service-requests', filing)).json<{ id: string }>();
    await act(officer, filed.id, { action: 'accept', phoneContact: '已电话联系' });
    await act(officer, filed.id, { action: 'dispatch', leadDepartmentId: departments['房管中心']!, coDepartmentIds: [own] });
    // The lead department counts it as its own to sign, not as co-handled; no opinion is asked before it signs.
    expect((await homeOf<DepartmentHomeView>(fangguan)).requests).toEqual({
      ...leadBefore.requests,
      toSign: leadBefore.requests.toSign + 1,
    });
    expect((await homeOf<DepartmentHomeView>(zhujian)).requests).toEqual(before.requests);

    // Signed by the lead: the co-handling department's opinion is wanted, and the list shows it.
    await act(fangguan, filed.id, { action: 'sign' });
    const withCo = { ...before.requests, coHandling: before.requests.coHandling + 1 };
    expect((await homeOf<DepartmentHomeView>(zhujian)).requests).toEqual(withCo);
    expect((await coHandled()).map((r) => r.id)).toContain(filed.id);
    await act(zhujian, filed.id, { action: 'opinion', opinion: '该厂房已在住建局备案，消防验收材料可一并提交' });
    // An opinion may be updated until the answer: still co-handled.
    expect((await homeOf<DepartmentHomeView>(zhujian)).requests).toEqual(withCo);
    await act(fangguan, filed.id, { action: 'answer', answer: '已会同住建局答复企业' });
    expect((await homeOf<DepartmentHomeView>(zhujian)).requests).toEqual(before.requests);
  });

  it("shows an enterprise admin its alarms, due maintenance and open work orders, and never another enterprise's", async () => {
    const [yinlunBefore, shanheBefore] = await Promise.all([homeOf<EnterpriseHomeView>(yinlun), homeOf<EnterpriseHomeView>(shanhe)]);
    expect(yinlunBefore.alarms.open).toBe(await total(yinlun, '/api/telemetry/alarms?status=raised&pageSize=1'));
    expect(yinlunBefore.workOrders.open).toBe(await total(yinlun, '/api/work-orders?open=true&pageSize=1'));
    expect(yinlunBefore.workOrders.toAccept).toBe(await total(yinlun, '/api/work-orders?status=done&pageSize=1'));
    expect(yinlunBefore.requests.open).toBe(await total(yinlun, '/api/service-requests?open=true&pageSize=1'));
    const plans = (await yinlun.get('/api/maintenance/plans')).json<Array<{ status: { status: string } | null }>>();
    const planCount = (status: string) => plans.filter((p) => p.status?.status === status).length;
    expect(yinlunBefore.maintenance).toMatchObject({ overdue: planCount('OVERDUE'), due: planCount('DUE'), warning: planCount('WARNING') });
    // Every listed item is the enterprise's own: the other enterprise's pages answer 404 for it.
    for (const order of yinlunBefore.workOrders.items) {
      expect((await yinlun.get(`/api/work-orders/${order.id}`)).statusCode).toBe(200);
      expect((await shanhe.get(`/api/work-orders/${order.id}`)).statusCode).toBe(404);
    }
    for (const plan of yinlunBefore.maintenance.items) expect((await shanhe.get(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(404);

    // 银轮's work moves: a fault reported, an alarm raised on one of its machines.
    const press = (await yinlun.get('/api/assets?kind=equipment&pageSize=1')).json<{ items: Array<{ id: string }> }>().items[0]!;
    const reported = await yinlun.post('/api/work-orders', { assetId: press.id, title: '主轴异响' });
    expect(reported.statusCode, reported.body).toBe(201);
    const device = (await yinlun.post('/api/telemetry/devices', { name: '首页测试压机', assetId: press.id })).json();
    await yinlun.post('/api/telemetry/alarm-rules', { name: '首页测试油温', metric: 'home_oil_temp', condition: 'above', threshold: 60 });
    await t.app.inject({ method: 'POST', url: `/api/v1/${device.credentials.accessToken}/telemetry`, payload: { home_oil_temp: 75 } });
    await t.app.telemetry.monitor.idle();

    const [yinlunAfter, shanheAfter] = await Promise.all([homeOf<EnterpriseHomeView>(yinlun), homeOf<EnterpriseHomeView>(shanhe)]);
    expect(yinlunAfter.alarms.open).toBe(yinlunBefore.alarms.open + 1);
    expect(yinlunAfter.alarms.items[0]).toMatchObject({ deviceName: '首页测试压机', acknowledged: false });
    // The alarm may open a repair order of its own (a rule's option): count at least the reported one.
    expect(yinlunAfter.workOrders.open).toBeGreaterThanOrEqual(yinlunBefore.workOrders.open + 1);
    expect(yinlunAfter.workOrders.unassigned).toBeGreaterThanOrEqual(yinlunBefore.workOrders.unassigned + 1);
    expect(yinlunAfter.workOrders.open).toBe(await total(yinlun, '/api/work-orders?open=true&pageSize=1'));
    // 山河 sees none of it.
    expect({ ...shanheAfter, generatedAt: '' }).toEqual({ ...shanheBefore, generatedAt: '' });
    const yinlunIds = [...yinlunAfter.alarms.items, ...yinlunAfter.workOrders.items].map((i) => i.id);
    const shanheIds = [...shanheAfter.alarms.items, ...shanheAfter.workOrders.items, ...shanheAfter.maintenance.items].map((i) => i.id);
    expect(shanheIds.filter((id) => yinlunIds.includes(id))).toEqual([]);
  });

  it('shows a technician the work orders assigned to it and the rounds due today', async () => {
    const before = await homeOf<TechnicianHomeView>(tech);
    expect(before.workOrders.assigned).toBe(await total(tech, '/api/work-orders?mine=true&open=true&pageSize=1'));

    // The admin assigns a repair due before any other: an overdue task for today, at the top of the list.
    const press = (await yinlun.get('/api/assets?kind=equipment&pageSize=1')).json<{ items: Array<{ id: string }> }>().items[0]!;
    const order = (await yinlun.post('/api/work-orders', { assetId: press.id, title: '液压站渗油' })).json<{ id: string }>();
    const earliest = before.workOrders.items[0]?.overdue ? Date.parse(before.workOrders.items[0].dueAt!) : Date.now();
    const dueAt = new Date(earliest - 3_600_000).toISOString();
    const assigned = await yinlun.post(`/api/work-orders/${order.id}/actions`, { action: 'assign', assigneeUserId: tech.userId, dueAt });
    expect(assigned.statusCode, assigned.body).toBe(200);
    // A route of the enterprise's that nobody has walked today.
    const route = (await yinlun.post('/api/inspection/routes', { name: '首页测试巡检路线' })).json<{ id: string }>();
    await yinlun.post(`/api/inspection/routes/${route.id}/points`, { name: '空压机', items: [{ label: '压力正常', kind: 'pass_fail' }] });

    const after = await homeOf<TechnicianHomeView>(tech);
    expect(after.workOrders).toMatchObject({
      assigned: before.workOrders.assigned + 1,
      dueToday: before.workOrders.dueToday + 1,
      overdue: before.workOrders.overdue + 1,
    });
    expect(after.workOrders.items[0]).toMatchObject({ id: order.id, overdue: true });
    expect(after.inspection.routesToWalk).toBe(before.inspection.routesToWalk + 1);

    // Walking it today: the route is no longer due, and the round waits to be finished.
    const round = (await tech.post('/api/inspection/rounds', { routeId: route.id })).json<{ id: string }>();
    const walking = await homeOf<TechnicianHomeView>(tech);
    expect(walking.inspection.routesToWalk).toBe(before.inspection.routesToWalk);
    expect(walking.inspection.openRounds.map((r) => r.id)).toContain(round.id);
    // The admin's own home is another kind; another enterprise's admin sees none of it.
    const shanheHome = await homeOf<EnterpriseHomeView>(shanhe);
    expect(shanheHome.workOrders.items.map((o) => o.id)).not.toContain(order.id);
  });

  it('shows the county admin and the county leader the same key figures, from the pages behind them', async () => {
    const [mine, theirs] = await Promise.all([homeOf<CountyHomeView>(admin), homeOf<CountyHomeView>(leader)]);
    expect({ ...theirs, generatedAt: '' }).toEqual({ ...mine, generatedAt: '' });
    expect(mine.enterprises.total).toBe(await total(admin, '/api/enterprises?pageSize=1'));
    expect(mine.enterprises.aboveScale).toBe(await total(admin, '/api/enterprises?aboveScale=true&pageSize=1'));
    expect(mine.parks).toBe((await admin.get('/api/parks')).json<unknown[]>().length);
    const statistics = (await admin.get(`/api/service-requests/statistics?from=${mine.year}-01-01`)).json<{
      total: { received: number; closed: number };
    }>();
    expect(mine.requests).toMatchObject({ received: statistics.total.received, closed: statistics.total.closed });
    expect(mine.requests.red).toBe(await total(admin, '/api/service-requests?sla=red&pageSize=1'));
    const projects = (await admin.get(`/api/projects/statistics?year=${mine.year}`)).json<{ total: { count: number } }>();
    expect(mine.projects.count).toBe(projects.total.count);
    const screen = (await admin.get('/api/screens/county')).json<{ tiles: { devices: number; devicesOnline: number } }>();
    expect(mine.machines).toEqual({ total: screen.tiles.devices, online: screen.tiles.devicesOnline });
    expect(mine.enterprises.total).toBeGreaterThan(0);
    expect(mine.machines.total).toBeGreaterThan(0);
  });
});
