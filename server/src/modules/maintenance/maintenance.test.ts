import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, department, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import { withTablesOf } from '../../db/connection';
import { PlanService } from './plans.service';
import { WorkOrderService } from './work-orders.service';
import type { MaintenanceTables } from './maintenance.tables';

interface Order {
  id: string;
  number: string;
  status: string;
  kind: string;
  assetCode: string;
  assigneeUserId: string | null;
  planId: string | null;
  duePoint: string | null;
  downtimeStart: string | null;
  downtimeEnd: string | null;
  labourMinutes: number | null;
  allowedActions: string[];
  events: Array<{ kind: string; fromStatus: string | null; toStatus: string | null; actorName: string | null }>;
  parts: Array<{ partCode: string; quantity: number }>;
  checklist: unknown[];
}

describe.each(ENGINES)('maintenance on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let admin: Client;
  let zhujian: Client;
  let pressId: string;
  let moldId: string;
  let seq = 0;

  beforeAll(async () => {
    // 银轮 with a technician, a press with its mold mounted and two more machines; 山河, the county admin and
    // a department to be refused (server/test/factories.ts).
    t = await createTestApp(engine, { demo: false });
    admin = await countyAdmin(t);
    const own = await enterprise(t.app, admin, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member', '银轮 维修技师 林志强');
    shanhe = (await enterprise(t.app, admin, '浙江山河机械有限公司')).admin;
    zhujian = (await department(t.app, admin, '县住建局')).handler;
    const plantId = await plant(yinlun, '一号厂房');
    pressId = (await asset(yinlun, { plantId, name: '压铸机', press: true })).id;
    moldId = (await asset(yinlun, { plantId, kind: 'mold', name: '前盖模具', attributes: { cavities: 2 } })).id;
    const mounted = await yinlun.post(`/api/assets/${moldId}/mount`, { pressId });
    expect(mounted.statusCode, mounted.body).toBe(200);
    for (const name of ['数控车床', '空压机']) await asset(yinlun, { plantId, name });
  });
  afterAll(async () => t?.close());

  const createPlan = async (body: Record<string, unknown>) => {
    const res = await yinlun.post('/api/maintenance/plans', { assetId: pressId, name: `保养计划 ${++seq}`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; status: { status: string; duePoint: string } }>();
  };
  const report = async (client: Client = tech) => {
    const res = await client.post('/api/work-orders', {
      assetId: pressId,
      title: `液压泄漏 ${++seq}`,
      downtimeStart: '2026-01-05T01:00:00.000Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Order>();
  };
  const act = (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/work-orders/${id}/actions`, body);
  const toStatus = async (status: string) => {
    const order = await report();
    const steps: Array<[string, Record<string, unknown>]> = [
      ['assigned', { action: 'assign', assigneeUserId: tech.userId }],
      ['in_progress', { action: 'start' }],
      ['done', { action: 'complete', result: '已更换密封圈', labourMinutes: 90 }],
      ['accepted', { action: 'accept' }],
    ];
    const target = status === 'on_hold' ? 'in_progress' : status;
    for (const [reached, body] of steps) {
      if (target === 'reported') break;
      expect((await act(yinlun, order.id, body)).statusCode).toBe(200);
      if (reached === target) break;
    }
    if (status === 'on_hold') expect((await act(tech, order.id, { action: 'hold', reason: '等备件' })).statusCode).toBe(200);
    return order.id;
  };

  it('reports the status of time and usage plans, warning at 90 % of a 50 000-shot interval', async () => {
    const created = await createPlan({ trigger: 'usage', intervalValue: 50_000, intervalUnit: 'shots', assetId: moldId, startCounter: 0 });
    const shots = (await yinlun.get(`/api/assets/${moldId}`)).json<{ shots: number }>().shots;
    const status = (await yinlun.get(`/api/maintenance/plans/${created.id}/status`)).json<{
      status: string;
      duePoint: string;
      counterValue: number;
    }>();
    expect(status.counterValue).toBe(shots);
    expect(status.duePoint).toBe('50000');
    const expected = shots >= 55_000 ? 'OVERDUE' : shots >= 50_000 ? 'DUE' : shots >= 45_000 ? 'WARNING' : 'OK';
    expect(status.status).toBe(expected);
    const wrongUnit = await yinlun.post('/api/maintenance/plans', {
      assetId: pressId,
      name: 'x',
      trigger: 'time',
      intervalValue: 1,
      intervalUnit: 'shots',
    });
    expect(wrongUnit.statusCode).toBe(400);
  });

  it('generates one work order per plan and due point, even when two runs race', async () => {
    const start = '2026-01-01T00:00:00.000Z';
    const plan = await createPlan({
      trigger: 'time',
      intervalValue: 1,
      intervalUnit: 'months',
      startAt: start,
      level: 'level2',
      checklist: ['检查液压油位', '紧固螺栓'],
    });
    const a = new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db) }),
    });
    const b = new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db) }),
    });
    const feb2 = new Date('2026-02-02T00:00:00Z');
    await Promise.all([a.generateDueWorkOrders(feb2), b.generateDueWorkOrders(feb2), a.generateDueWorkOrders(feb2)]);
    await a.generateDueWorkOrders(feb2);
    const orders = await t.db.selectFrom('work_orders').selectAll().where('plan_id', '=', plan.id).execute();
    expect(orders.map((o) => o.due_point)).toEqual(['2026-02-01T00:00:00.000Z']);
    expect(orders[0]!.kind).toBe('maintenance');
    expect(orders[0]!.description).toContain('检查液压油位');
    // numbers stay unique across all the orders the runs made
    const numbers = (await t.db.selectFrom('work_orders').select('number').execute()).map((o) => o.number);
    expect(new Set(numbers).size).toBe(numbers.length);

    // completing it moves the plan: a fixed plan's next due point is 1 March, whenever the work was done
    const id = orders[0]!.id;
    for (const body of [
      { action: 'assign', assigneeUserId: tech.userId },
      { action: 'start' },
      { action: 'complete', result: '完成二级保养', labourMinutes: 240 },
    ]) {
      if (body.action === 'complete')
        for (const item of (await tech.get(`/api/work-orders/${id}`)).json<{ checklist: Array<{ id: string }> }>().checklist)
          await tech.request('PUT', `/api/work-orders/${id}/checklist/${item.id}`, { result: 'pass' });
      const res = await act(tech.userId && body.action === 'assign' ? yinlun : tech, id, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const after = (await yinlun.get(`/api/maintenance/plans/${plan.id}`)).json<{
      lastDuePoint: string;
      lastDoneAt: string;
      status: { duePoint: string };
    }>();
    expect(after.lastDuePoint).toBe('2026-02-01T00:00:00.000Z');
    expect(after.lastDoneAt).not.toBeNull();
    expect(after.status.duePoint).toBe('2026-03-01T00:00:00.000Z');
    await Promise.all([
      a.generateDueWorkOrders(new Date('2026-03-02T00:00:00Z')),
      b.generateDueWorkOrders(new Date('2026-03-02T00:00:00Z')),
    ]);
    const points = (
      await t.db.selectFrom('work_orders').select('due_point').where('plan_id', '=', plan.id).orderBy('due_point').execute()
    ).map((o) => o.due_point);
    expect(points).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('runs a repair from report to acceptance with who and when, downtime and labour', async () => {
    const order = await report();
    expect(order).toMatchObject({ kind: 'repair', status: 'reported', allowedActions: [] });
    expect(order.number).toMatch(/^WO\d{4}\d{6}$/);
    const steps: Array<[Client, Record<string, unknown>, string]> = [
      [yinlun, { action: 'assign', assigneeUserId: tech.userId }, 'assigned'],
      [tech, { action: 'start' }, 'in_progress'],
      [tech, { action: 'hold', reason: '等备件' }, 'on_hold'],
      [tech, { action: 'resume' }, 'in_progress'],
      [tech, { action: 'complete', result: '已更换密封圈', labourMinutes: 90, downtimeEnd: '2026-01-05T05:00:00.000Z' }, 'done'],
      [yinlun, { action: 'reject', reason: '仍有渗漏' }, 'in_progress'],
      [tech, { action: 'complete', result: '重新更换', labourMinutes: 120, downtimeEnd: '2026-01-05T06:00:00.000Z' }, 'done'],
      [yinlun, { action: 'accept', note: '验收通过' }, 'accepted'],
    ];
    for (const [client, body, status] of steps) {
      const res = await act(client, order.id, body);
      expect(res.statusCode, `${String(body.action)}: ${res.body}`).toBe(200);
      expect(res.json<Order>().status).toBe(status);
    }
    const done = (await yinlun.get(`/api/work-orders/${order.id}`)).json<Order>();
    expect(done).toMatchObject({ downtimeStart: '2026-01-05T01:00:00.000Z', downtimeEnd: '2026-01-05T06:00:00.000Z', labourMinutes: 120 });
    expect(done.events.map((e) => e.kind)).toEqual([
      'reported',
      'assigned',
      'started',
      'held',
      'resumed',
      'completed',
      'rejected',
      'completed',
      'accepted',
    ]);
    expect(done.events.every((e) => e.actorName)).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', order.id).execute();
    expect(audit.length).toBe(9);
  });

  it.each([
    ['reported', 'start'],
    ['reported', 'complete'],
    ['assigned', 'accept'],
    ['in_progress', 'assign'],
    ['in_progress', 'resume'],
    ['on_hold', 'complete'],
    ['done', 'hold'],
    ['accepted', 'reject'],
    ['accepted', 'use_part'],
  ])('refuses from %s: %s (409 INVALID_TRANSITION)', async (status, action) => {
    const id = await toStatus(status);
    const bodies: Record<string, Record<string, unknown>> = {
      start: { action },
      complete: { action, result: 'x', labourMinutes: 1 },
      accept: { action },
      assign: { action, assigneeUserId: tech.userId },
      resume: { action },
      hold: { action, reason: 'x' },
      reject: { action, reason: 'x' },
      use_part: { action, partId: 'none', quantity: 1 },
    };
    const res = await act(yinlun, id, bodies[action]!);
    expect(res.statusCode, res.body).toBe(409);
    expect(errorCode(res)).toBe('INVALID_TRANSITION');
    expect((await yinlun.get(`/api/work-orders/${id}`)).json<Order>().status).toBe(status);
  });

  it('lists a technician his open assigned orders, and finds orders by number or asset', async () => {
    const order = await report();
    await act(yinlun, order.id, { action: 'assign', assigneeUserId: tech.userId });
    const mine = (await tech.get('/api/work-orders?mine=true&open=true&pageSize=200')).json<{ items: Order[]; total: number }>();
    expect(mine.items.map((o) => o.id)).toContain(order.id);
    expect(mine.items.every((o) => o.assigneeUserId === tech.userId && o.status !== 'done' && o.status !== 'accepted')).toBe(true);
    const byNumber = (await yinlun.get(`/api/work-orders?q=${order.number}`)).json<{ items: Order[] }>();
    expect(byNumber.items.map((o) => o.id)).toEqual([order.id]);
    const byAsset = (await yinlun.get(`/api/work-orders?q=${encodeURIComponent(order.assetCode)}&pageSize=200`)).json<{ items: Order[] }>();
    expect(byAsset.items.length).toBeGreaterThan(0);
    expect(byAsset.items.every((o) => o.assetCode === order.assetCode)).toBe(true);
  });

  it('keeps assigning and acceptance with the admin (403 for a technician)', async () => {
    const order = await report();
    expect((await act(tech, order.id, { action: 'assign', assigneeUserId: tech.userId })).statusCode).toBe(403);
    const id = await toStatus('done');
    expect((await act(tech, id, { action: 'accept' })).statusCode).toBe(403);
  });

  it('takes parts from stock in the same step, never below zero, and flags low stock', async () => {
    const part = (
      await yinlun.post('/api/spare-parts', { code: `SEAL-${++seq}`, name: '油封', unit: '个', quantity: 5, minQuantity: 2 })
    ).json<{
      id: string;
      lowStock: boolean;
    }>();
    expect(part.lowStock).toBe(false);
    expect((await yinlun.post('/api/spare-parts', { code: `SEAL-${seq}`, name: '重复' })).statusCode).toBe(409);
    const id = await toStatus('in_progress');
    const used = await act(tech, id, { action: 'use_part', partId: part.id, quantity: 3 });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json<Order>().parts).toMatchObject([{ quantity: 3 }]);
    const stock = (await yinlun.get('/api/spare-parts'))
      .json<Array<{ id: string; quantity: number; lowStock: boolean }>>()
      .find((p) => p.id === part.id)!;
    expect(stock).toMatchObject({ quantity: 2, lowStock: true });
    const tooMany = await act(tech, id, { action: 'use_part', partId: part.id, quantity: 3 });
    expect(tooMany.statusCode).toBe(409);
    expect(errorCode(tooMany)).toBe('INSUFFICIENT_STOCK');
    expect((await yinlun.get(`/api/work-orders/${id}`)).json<Order>().parts.length).toBe(1); // no half write
    const adjust = await yinlun.post(`/api/spare-parts/${part.id}/adjust`, { delta: -5, reason: '盘点' });
    expect(errorCode(adjust)).toBe('INSUFFICIENT_STOCK');
    const received = await yinlun.post(`/api/spare-parts/${part.id}/adjust`, { delta: 10, reason: '到货' });
    expect(received.json()).toMatchObject({ quantity: 12, lowStock: false });
    expect((await tech.post(`/api/spare-parts/${part.id}/adjust`, { delta: 1, reason: 'x' })).statusCode).toBe(403);
  });

  it('shows another enterprise nothing (404) and county staff and departments 403', async () => {
    const plan = await createPlan({ trigger: 'time', intervalValue: 2, intervalUnit: 'weeks' });
    const order = await report();
    const part = (await yinlun.post('/api/spare-parts', { code: `P-${++seq}`, name: '滤芯' })).json<{ id: string }>();
    expect((await shanhe.get(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await shanhe.get(`/api/maintenance/plans/${plan.id}/status`)).statusCode).toBe(404);
    expect((await shanhe.patch(`/api/maintenance/plans/${plan.id}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await shanhe.delete(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await shanhe.get(`/api/work-orders/${order.id}`)).statusCode).toBe(404);
    expect((await act(shanhe, order.id, { action: 'assign', assigneeUserId: shanhe.userId })).statusCode).toBe(404);
    expect((await shanhe.post('/api/work-orders', { assetId: pressId, title: 'x' })).statusCode).toBe(404);
    expect(
      (
        await shanhe.post('/api/maintenance/plans', {
          assetId: pressId,
          name: 'x',
          trigger: 'time',
          intervalValue: 1,
          intervalUnit: 'days',
        })
      ).statusCode,
    ).toBe(404);
    expect((await shanhe.post(`/api/spare-parts/${part.id}/adjust`, { delta: 1, reason: 'x' })).statusCode).toBe(404);
    expect((await shanhe.get('/api/work-orders')).json<{ total: number }>().total).toBe(0);
    expect((await shanhe.get('/api/maintenance/plans')).json()).toEqual([]);
    expect((await shanhe.get('/api/spare-parts')).json()).toEqual([]);
    for (const client of [admin, zhujian]) {
      expect((await client.get('/api/work-orders')).statusCode).toBe(403);
      expect((await client.get(`/api/work-orders/${order.id}`)).statusCode).toBe(403);
      expect((await client.get('/api/maintenance/plans')).statusCode).toBe(403);
    }
    expect((await yinlun.get(`/api/maintenance/plans/${plan.id}`)).json().name).not.toBe('pwned');
    const filtered = (await yinlun.get(`/api/work-orders?kind=repair&status=reported&assetId=${pressId}`)).json<{ items: Order[] }>();
    expect(filtered.items.map((o) => o.id)).toContain(order.id);
    expect(filtered.items.every((o) => o.kind === 'repair' && o.status === 'reported')).toBe(true);
  });

  it('takes photos and PDFs from the enterprise’s users until the order is accepted, checks their content, and serves them only within the enterprise', async () => {
    const order = await report();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const upload = (who: Client, id: string, body: Buffer, type: string, name = '%E6%B3%84%E6%BC%8F.png') =>
      who.request('POST', `/api/work-orders/${id}/attachments`, body, { 'content-type': type, 'x-filename': name });

    const ok = await upload(tech, order.id, png, 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    const detail = ok.json<{ attachments: Array<{ id: string; filename: string; size: number }>; events: Array<{ kind: string }> }>();
    const attachment = detail.attachments[0]!;
    expect(attachment).toMatchObject({ filename: '泄漏.png', size: png.length });
    expect(detail.events.map((e) => e.kind)).toContain('attach');
    expect((await upload(yinlun, order.id, Buffer.from('%PDF-1.4 report'), 'application/pdf', 'report.pdf')).statusCode).toBe(201);

    const fake = await upload(tech, order.id, Buffer.from('MZ this is an exe'), 'image/png');
    expect([fake.statusCode, errorCode(fake)]).toEqual([400, 'ATTACHMENT_REJECTED']);
    const zip = await upload(tech, order.id, Buffer.from('PK'), 'application/zip');
    expect([zip.statusCode, errorCode(zip)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const huge = await upload(tech, order.id, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf');
    expect([huge.statusCode, errorCode(huge)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await upload(shanhe, order.id, png, 'image/png')).statusCode).toBe(404);
    expect((await upload(zhujian, order.id, png, 'image/png')).statusCode).toBe(403);

    const download = await tech.get(`/api/work-orders/${order.id}/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect((await shanhe.get(`/api/work-orders/${order.id}/attachments/${attachment.id}`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/work-orders/${order.id}/attachments/no-such-file`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/work-orders/${order.id}`)).json<{ attachments: unknown[] }>().attachments).toHaveLength(2);

    const accepted = await toStatus('accepted');
    const late = await upload(tech, accepted, png, 'image/png');
    expect([late.statusCode, errorCode(late)]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('takes the asset out of service while its repair or maintenance runs and back when done, only if the order took it out', async () => {
    const equipment = (await yinlun.get('/api/assets?kind=equipment&state=in_service&pageSize=200')).json<{
      items: Array<{ id: string; holder: boolean }>;
    }>().items;
    const [assetId, idleId] = equipment.filter((a) => a.holder && a.id !== pressId).map((a) => a.id);
    const state = async (id = assetId!) => (await yinlun.get(`/api/assets/${id}`)).json<{ state: string }>().state;
    const lastEvent = async (id = assetId!) =>
      (await yinlun.get(`/api/assets/${id}`)).json<{ events: Array<{ toState: string; actorName: string; reason: string }> }>().events[0]!;
    const repair = async (asset = assetId!) => {
      const order = (
        await tech.post('/api/work-orders', { assetId: asset, title: `主轴异响 ${++seq}`, downtimeStart: '2026-01-05T01:00:00.000Z' })
      ).json<Order>();
      expect((await act(yinlun, order.id, { action: 'assign', assigneeUserId: tech.userId })).statusCode).toBe(200);
      expect((await act(tech, order.id, { action: 'start' })).statusCode).toBe(200);
      return order;
    };
    const complete = async (id: string) =>
      expect((await act(tech, id, { action: 'complete', result: '已修复', labourMinutes: 30 })).statusCode).toBe(200);

    // a repair that stops the asset takes it under repair, recorded with who and why
    const first = await repair();
    expect(await state()).toBe('under_repair');
    expect(await lastEvent()).toMatchObject({ toState: 'under_repair', actorName: tech.username });
    expect((await lastEvent()).reason).toContain(first.number);
    // a second repair finds it down already: it moves nothing, but holds the asset when the first is done
    const second = await repair();
    await complete(first.id);
    expect(await state()).toBe('under_repair');
    await complete(second.id);
    expect(await state()).toBe('in_service');
    expect((await lastEvent()).reason).toContain(second.number);
    // rejected at acceptance: back under repair until done again
    expect((await act(yinlun, second.id, { action: 'reject', reason: '仍有异响' })).statusCode).toBe(200);
    expect(await state()).toBe('under_repair');
    await complete(second.id);
    expect((await act(yinlun, second.id, { action: 'accept' })).statusCode).toBe(200);
    expect(await state()).toBe('in_service');

    // a 保养 order from a plan: under maintenance while in progress or on hold
    const plan = await createPlan({
      assetId,
      trigger: 'time',
      intervalValue: 1,
      intervalUnit: 'months',
      startAt: '2026-01-01T00:00:00.000Z',
    });
    await new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db) }),
    }).generateDueWorkOrders(new Date('2026-02-02T00:00:00Z'));
    const pm = (await t.db.selectFrom('work_orders').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow()).id;
    expect((await act(yinlun, pm, { action: 'assign', assigneeUserId: tech.userId })).statusCode).toBe(200);
    expect((await act(tech, pm, { action: 'start' })).statusCode).toBe(200);
    expect(await state()).toBe('under_maintenance');
    expect((await act(tech, pm, { action: 'hold', reason: '等备件' })).statusCode).toBe(200);
    expect(await state()).toBe('under_maintenance');
    expect((await act(tech, pm, { action: 'resume' })).statusCode).toBe(200);
    // the admin moves the asset by hand meanwhile: finishing the order leaves it where the admin put it
    for (const to of ['in_service', 'idle'])
      expect((await yinlun.post(`/api/assets/${assetId}/lifecycle`, { to, reason: '人工调整' })).statusCode).toBe(200);
    await complete(pm);
    expect(await state()).toBe('idle');

    // the lifecycle table holds: an idle asset is not taken under repair (idle → under_repair is no move)
    expect((await yinlun.post(`/api/assets/${idleId}/lifecycle`, { to: 'idle', reason: '停产' })).statusCode).toBe(200);
    const onIdle = await repair(idleId);
    expect(await state(idleId)).toBe('idle');
    await complete(onIdle.id);
    expect(await state(idleId)).toBe('idle');
    // every move is audited: 4 by the repairs, 1 by the 保养, 2 by hand
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', assetId!)
      .where('action', '=', 'lifecycle')
      .execute();
    expect(audit.length).toBe(7);
  });

  it('copies the plan checklist to its work order, ticked item by item; done waits for every required item', async () => {
    const plan = await createPlan({
      trigger: 'time',
      intervalValue: 1,
      intervalUnit: 'months',
      startAt: '2025-06-01T00:00:00.000Z',
      checklist: ['检查液压油位', '紧固地脚螺栓'],
    });
    await new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db) }),
    }).generateDueWorkOrders(new Date('2025-07-02T00:00:00Z'));
    const id = (await t.db.selectFrom('work_orders').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow()).id;
    type Checked = Omit<Order, 'checklist'> & {
      checklist: Array<{
        id: string;
        item: string;
        required: boolean;
        result: string | null;
        value: string | null;
        checkedBy: string | null;
      }>;
    };
    const order = (await tech.get(`/api/work-orders/${id}`)).json<Checked>();
    expect(order.checklist.map((c) => [c.item, c.required, c.result])).toEqual([
      ['检查液压油位', true, null],
      ['紧固地脚螺栓', true, null],
    ]);
    const [oil, bolts] = order.checklist.map((c) => c.id);
    const tick = (who: Client, itemId: string, body: Record<string, unknown>) =>
      who.request('PUT', `/api/work-orders/${id}/checklist/${itemId}`, body);

    expect((await act(yinlun, id, { action: 'assign', assigneeUserId: tech.userId })).statusCode).toBe(200);
    const early = await tick(tech, oil!, { result: 'pass' });
    expect([early.statusCode, errorCode(early)]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await act(tech, id, { action: 'start' })).statusCode).toBe(200);
    const refused = await act(tech, id, { action: 'complete', result: '完成', labourMinutes: 30 });
    expect([refused.statusCode, errorCode(refused)]).toEqual([409, 'CHECKLIST_INCOMPLETE']);

    const ticked = await tick(tech, oil!, { result: 'pass', value: '45 L', note: '油色正常' });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json<Checked>().checklist[0]).toMatchObject({ result: 'pass', value: '45 L', checkedBy: '银轮 维修技师 林志强' });
    expect((await tick(tech, oil!, { result: 'maybe' })).statusCode).toBe(400);
    expect((await tick(tech, 'no-such-item', { result: 'pass' })).statusCode).toBe(404);
    expect((await tick(shanhe, bolts!, { result: 'pass' })).statusCode).toBe(404);
    expect((await tick(zhujian, bolts!, { result: 'pass' })).statusCode).toBe(403);
    const stillOpen = await act(tech, id, { action: 'complete', result: '完成', labourMinutes: 30 });
    expect(errorCode(stillOpen)).toBe('CHECKLIST_INCOMPLETE');
    expect((await tech.get(`/api/work-orders/${id}`)).json<Order>().status).toBe('in_progress');

    expect((await tick(tech, bolts!, { result: 'fail', note: '一颗螺栓滑丝，已更换' })).statusCode).toBe(200);
    expect((await tick(tech, bolts!, { result: 'na' })).json<Checked>().checklist[1]!.result).toBe('na');
    expect((await act(tech, id, { action: 'complete', result: '完成一级保养', labourMinutes: 45 })).statusCode).toBe(200);
    expect((await tick(tech, oil!, { result: 'fail' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'tick').execute();
    expect(audit.length).toBe(3);
    // orders without a plan have no checklist and complete as before
    expect((await report()).checklist).toEqual([]);
  });

  it('lets the admin delete an unused plan but not one with work orders', async () => {
    const plan = await createPlan({ trigger: 'time', intervalValue: 1, intervalUnit: 'days', startAt: '2026-01-01T00:00:00.000Z' });
    await new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db) }),
    }).generateDueWorkOrders(new Date('2026-01-03T00:00:00Z'));
    expect((await tech.delete(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(403);
    expect((await yinlun.delete(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(409);
    expect((await yinlun.patch(`/api/maintenance/plans/${plan.id}`, { active: false })).json().active).toBe(false);
    const unused = await createPlan({ trigger: 'time', intervalValue: 1, intervalUnit: 'months' });
    expect((await yinlun.delete(`/api/maintenance/plans/${unused.id}`)).statusCode).toBe(204);
  });
});

// The demo is loaded on the day the platform first starts; whatever day that is, the technician has this
// month's 保养 to open on his phone (loaded on 18 January, the demo used to leave him none).
describe.each(ENGINES)('the maintenance demo loaded on another day, on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demoAt: new Date('2026-01-18T20:00:00Z') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the technician an assigned 保养 order with its plan’s checklist', async () => {
    const tech = await login(t.app, 'yinlun.tech');
    const mine = (await tech.get('/api/work-orders?mine=true&open=true&kind=maintenance&status=assigned&pageSize=50')).json()
      .items as Order[];
    expect(mine.length).toBeGreaterThan(0);
    const order = (await tech.get(`/api/work-orders/${mine[0]!.id}`)).json() as Order;
    expect(order.checklist.length).toBeGreaterThan(1);
  });
});
