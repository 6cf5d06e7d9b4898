// The PM job's generated work orders raise events too, once each however many runs race (the API-driven
// writes are covered over real streams in realtime.test.ts).
import type { DomainEvent } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, enterprise, plant } from '../../../test/factories';
import { createTestApp, type Client, type TestApp } from '../../../test/harness';
import { withTablesOf } from '../../db/connection';
import { PlanService, WorkOrderService, type MaintenanceTables } from '../maintenance';
import { InProcessEventBus } from './event-bus';

describe.each(ENGINES)('domain events on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let press: { id: string; plantId: string };
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    yinlun = (await enterprise(t.app, await countyAdmin(t))).admin;
    const plantId = await plant(yinlun);
    press = { id: (await asset(yinlun, { plantId })).id, plantId };
  });
  afterAll(async () => t?.close());

  it('the PM job announces each work order it generates, once, with its plant', async () => {
    const plan = await yinlun.post('/api/maintenance/plans', {
      assetId: press.id,
      name: '事件测试保养',
      trigger: 'time',
      intervalValue: 1,
      intervalUnit: 'months',
      startAt: '2026-01-01T00:00:00.000Z',
    });
    expect(plan.statusCode).toBe(201);
    const bus = new InProcessEventBus();
    const events: DomainEvent[] = [];
    bus.subscribe((e) => events.push(e));
    const publish = bus.publish.bind(bus);
    const a = new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db), publish }),
    });
    const b = new PlanService({
      db: withTablesOf<MaintenanceTables>(t.db),
      workOrders: new WorkOrderService({ db: withTablesOf<MaintenanceTables>(t.db), publish }),
    });
    const feb2 = new Date('2026-02-02T00:00:00Z');
    await Promise.all([a.generateDueWorkOrders(feb2), b.generateDueWorkOrders(feb2)]);
    const generated = await t.db.selectFrom('work_orders').select(['id']).where('plan_id', '=', plan.json().id).execute();
    expect(generated).toHaveLength(1);
    const announced = events.filter((e) => e.type === 'work_order.created' && e.workOrderId === generated[0]!.id);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ kind: 'maintenance', status: 'reported', assetId: press.id, plantId: press.plantId });
  });
});
