// What a transfer carries (issue #14, item 2): when an accepted transfer changes who keeps an asset, its active
// plans go to the new keeper and count on, and the old keeper's open orders on it close as cancelled
// ('transferred'), in both enterprises' histories: the asset's timeline and the work order's steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTablesOf } from '../../db/connection';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, type Client, type TestApp } from '../../../test/harness';
import type { MaintenanceTables } from './maintenance.tables';
import { PlanService } from './plans.service';
import { WorkOrderService } from './work-orders.service';

interface Order {
  id: string;
  number: string;
  status: string;
  enterpriseId: string;
  planId: string | null;
  duePoint: string | null;
  allowedActions: string[];
  events: Array<{ kind: string; fromStatus: string | null; toStatus: string | null; note: string | null }>;
}

describe.each(ENGINES)('maintenance following a transferred asset on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let plans: PlanService;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    const county = await countyAdmin(t);
    const own = await enterprise(t.app, county, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member', '银轮 维修技师');
    shanhe = (await enterprise(t.app, county, '天台山河包装箱有限公司')).admin;
    const db = withTablesOf<MaintenanceTables>(t.db);
    plans = new PlanService({ db, workOrders: new WorkOrderService({ db }) });
  });
  afterAll(async () => t?.close());

  const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: <J>() => J }>, status = 200): Promise<T> => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.json<T>();
  };

  it('moves the mold’s active plan to the new keeper and closes the old keeper’s open orders as transferred', async () => {
    const mold = await asset(yinlun, { plantId: await plant(yinlun), kind: 'mold', name: '前盖模具', designLifeShots: 500_000 });
    const plan = await ok<{ id: string }>(
      yinlun.post('/api/maintenance/plans', {
        assetId: mold.id,
        name: '模具保养 每 1000 模',
        trigger: 'usage',
        intervalValue: 1000,
        intervalUnit: 'shots',
        startCounter: 0,
        checklist: ['清理分型面'],
      }),
      201,
    );
    // 1000 shots: the plan is due and the job makes its 保养 order; a technician reports a repair too.
    await ok(tech.post(`/api/assets/${mold.id}/readings`, { counter: 'shots', value: 1000 }));
    expect(await plans.generateDueWorkOrders(new Date(), [mold.id])).toBe(1);
    const pm = (await yinlun.get(`/api/work-orders?assetId=${mold.id}&kind=maintenance`)).json<{ items: Order[] }>().items[0]!;
    expect(pm).toMatchObject({ status: 'reported', planId: plan.id, duePoint: '1000' });
    const repair = await ok<Order>(tech.post('/api/work-orders', { assetId: mold.id, kind: 'repair', title: '顶针断裂' }), 201);
    await ok(yinlun.post(`/api/work-orders/${repair.id}/actions`, { action: 'assign', assigneeUserId: tech.userId }));

    const sent = await ok<{ id: string }>(
      yinlun.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: shanhe.organisationId, role: 'custodian', reason: '委托山河生产' }),
      202,
    );
    // Nothing moves before the answer.
    expect((await shanhe.get('/api/maintenance/plans')).json<Array<{ id: string }>>().map((p) => p.id)).not.toContain(plan.id);
    expect((await yinlun.get(`/api/work-orders/${repair.id}`)).json<Order>().status).toBe('assigned');

    await ok(shanhe.post(`/api/asset-transfers/${sent.id}/accept`));

    // The plan is the new keeper's now, and its counter counts on.
    expect((await yinlun.get(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await shanhe.get('/api/maintenance/plans')).json<Array<{ id: string }>>().map((p) => p.id)).toContain(plan.id);
    await ok(shanhe.post(`/api/assets/${mold.id}/readings`, { counter: 'shots', value: 1500 }));
    const status = (await shanhe.get(`/api/maintenance/plans/${plan.id}/status`)).json<{ counterValue: number; duePoint: string }>();
    expect(status).toMatchObject({ counterValue: 1500, duePoint: '1000' });

    // The old keeper's orders are closed as transferred, in its own history.
    for (const id of [pm.id, repair.id]) {
      const order = (await yinlun.get(`/api/work-orders/${id}`)).json<Order>();
      expect(order.status, order.number).toBe('cancelled');
      expect(order.allowedActions).toEqual([]);
      expect(order.events.at(-1)).toMatchObject({ kind: 'transferred', toStatus: 'cancelled', note: expect.stringContaining('山河') });
    }
    expect((await yinlun.get('/api/work-orders?open=true')).json<{ items: Order[] }>().items.map((o) => o.id)).not.toContain(repair.id);
    expect((await shanhe.get(`/api/work-orders/${repair.id}`)).statusCode).toBe(404);

    // The new keeper's timeline says what came with the mold and what was closed.
    const events = (await shanhe.get(`/api/assets/${mold.id}`)).json<{ events: Array<{ kind: string; reason: string | null }> }>().events;
    expect(events[0]!.kind).toBe('transferred');
    expect(events[0]!.reason).toContain('模具保养 每 1000 模');
    expect(events[0]!.reason).toContain(repair.number);

    // The due point is free again: the plan makes the new keeper its own 保养 order for it.
    expect(await plans.generateDueWorkOrders(new Date(), [mold.id])).toBe(1);
    const theirs = (await shanhe.get(`/api/work-orders?assetId=${mold.id}`)).json<{ items: Order[] }>().items;
    expect(theirs.map((o) => [o.status, o.planId, o.duePoint])).toEqual([['reported', plan.id, '1000']]);

    // Audit rows, in the transaction of the acceptance.
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'organisation_id', 'actor_username'])
      .where('entity_id', 'in', [plan.id, pm.id, repair.id])
      .where('action', 'in', ['hand_over', 'cancel'])
      .execute();
    expect(rows.map((r) => `${r.entity}:${r.action}:${r.organisation_id}:${r.actor_username}`).sort()).toEqual(
      [
        `maintenance_plan:hand_over:${shanhe.organisationId}:${shanhe.username}`,
        `work_order:cancel:${yinlun.organisationId}:${shanhe.username}`,
        `work_order:cancel:${yinlun.organisationId}:${shanhe.username}`,
      ].sort(),
    );
  });

  it('moves nothing when the keeper stays: ownership sold to the enterprise that keeps the asset', async () => {
    const mold = await asset(yinlun, { plantId: await plant(yinlun), kind: 'mold', name: '后盖模具' });
    const plan = await ok<{ id: string }>(
      yinlun.post('/api/maintenance/plans', {
        assetId: mold.id,
        name: '月度保养',
        trigger: 'time',
        intervalValue: 1,
        intervalUnit: 'months',
      }),
      201,
    );
    // 银轮 owns it and sends it to 山河 to be kept: the plan goes with it.
    const kept = await ok<{ id: string }>(
      yinlun.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: shanhe.organisationId, role: 'custodian' }),
      202,
    );
    await ok(shanhe.post(`/api/asset-transfers/${kept.id}/accept`));
    expect((await shanhe.get(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(200);
    const repair = await ok<Order>(shanhe.post('/api/work-orders', { assetId: mold.id, kind: 'repair', title: '冷却水路堵塞' }), 201);

    // 银轮 then sells it to its keeper: 山河 kept it before and keeps it now, so its plan and open order stay.
    const sold = await ok<{ id: string }>(
      yinlun.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: shanhe.organisationId, role: 'owner' }),
      202,
    );
    await ok(shanhe.post(`/api/asset-transfers/${sold.id}/accept`));
    expect((await shanhe.get(`/api/assets/${mold.id}`)).json()).toMatchObject({
      enterpriseId: shanhe.organisationId,
      custodianEnterpriseId: null,
    });
    expect((await shanhe.get(`/api/maintenance/plans/${plan.id}`)).statusCode).toBe(200);
    expect((await shanhe.get(`/api/work-orders/${repair.id}`)).json<Order>().status).toBe('reported');
  });
});
