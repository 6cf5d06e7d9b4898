// Demo maintenance for the demo enterprises' machines and molds: monthly first-level and half-yearly
// second-level maintenance of every press, shot-based maintenance of every mold, and a year of history —
// maintenance served mostly on time, a few late — with the year's repairs as the demo's machine history
// (demo/history.ts) has them: breakdowns reported by the technician, and since each machine's device was fitted
// the orders its alarms opened (an overheating hydraulic unit, a tripped motor), with their downtime, so MTBF,
// MTTR and availability agree with the machines' states and alarms.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { MachineHistory, PlannedRepair } from '../../demo/history';
import { seededRandom } from '../../lib/random';
import type { MaintenanceDb } from './maintenance.repository';
import type { MaintenancePlansTable, WorkOrderChecklistTable, WorkOrderEventsTable, WorkOrdersTable } from './maintenance.tables';
import { dueState, type SchedulePlan } from './plan-schedule';

const HOUR = 3_600_000;

export async function loadMaintenanceDemo(db: MaintenanceDb, now: Date, history: MachineHistory): Promise<number> {
  const random = seededRandom(20230601);
  const assets = await db
    .selectFrom('assets')
    .select(['id', 'name', 'kind', 'enterprise_id', 'custodian_enterprise_id', 'design_life_shots'])
    .where('state', '!=', 'scrapped')
    .orderBy('code')
    .execute();
  const shots = new Map(
    (await db.selectFrom('asset_counters').select(['asset_id', 'value']).where('counter', '=', 'shots').execute()).map((c) => [
      c.asset_id,
      Number(c.value),
    ]),
  );
  const technicians = new Map(
    (await db.selectFrom('users').select(['id', 'organisation_id', 'display_name']).where('role', '=', 'enterprise_member').execute()).map(
      (u) => [u.organisation_id, u],
    ),
  );
  const yearAgo = new Date(now.getTime() - 365 * 24 * HOUR);
  const plans: Insertable<MaintenancePlansTable>[] = [];
  const orders: Insertable<WorkOrdersTable>[] = [];
  const events: Insertable<WorkOrderEventsTable>[] = [];
  const checklistRows: Insertable<WorkOrderChecklistTable>[] = [];
  const seq = new Map<string, number>();
  const numberFor = (at: Date) => {
    const prefix = `WO${new Date(at.getTime() + 8 * HOUR).getUTCFullYear()}`;
    const n = (seq.get(prefix) ?? 0) + 1;
    seq.set(prefix, n);
    return `${prefix}${String(n).padStart(6, '0')}`;
  };
  const event = (
    orderId: string,
    kind: string,
    at: Date,
    to: WorkOrdersTable['status'] | null,
    actor: string | null,
    note: string | null,
  ) =>
    events.push({
      id: randomUUID(),
      work_order_id: orderId,
      kind,
      from_status: null,
      to_status: to,
      at: at.toISOString(),
      actor_user_id: null,
      actor_name: actor,
      note,
    });

  const orderRows: Array<{ at: Date; row: Omit<Insertable<WorkOrdersTable>, 'number'> }> = [];

  const repairsOf = new Map(history.machines.map((m) => [m.machine.assetId, m.repairs]));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  /** A planned repair as its order stands at the load: steps after `now` have not happened yet. */
  const addRepair = (r: PlannedRepair, base: { assignee_user_id: string | null }, technician: string | null) => {
    const happened = (ms: number | null) => (ms !== null && ms <= now.getTime() ? ms : null);
    const acceptedAt = happened(r.acceptedAt);
    const completedAt = happened(r.completedAt);
    const startedAt = happened(r.startedAt);
    const assignedAt = happened(r.assignedAt);
    const status = acceptedAt ? 'accepted' : completedAt ? 'done' : startedAt ? 'in_progress' : assignedAt ? 'assigned' : 'reported';
    const last = acceptedAt ?? completedAt ?? startedAt ?? assignedAt ?? r.reportedAt;
    orderRows.push({
      at: new Date(r.reportedAt),
      row: {
        id: r.id,
        enterprise_id: r.enterpriseId,
        asset_id: r.assetId,
        assignee_user_id: status === 'reported' ? null : base.assignee_user_id,
        kind: 'repair',
        title: r.title,
        description: r.description,
        status,
        plan_id: null,
        due_point: null,
        due_at: null,
        reported_by: r.reportedBy === 'technician' ? base.assignee_user_id : null,
        downtime_start: iso(r.downtimeStart),
        downtime_end: completedAt === null ? null : iso(r.downtimeEnd),
        labour_minutes: completedAt === null ? null : r.labourMinutes,
        result: completedAt === null ? null : r.result,
        completed_at: iso(completedAt),
        accepted_at: iso(acceptedAt),
        created_at: new Date(r.reportedAt).toISOString(),
        updated_at: new Date(last).toISOString(),
        asset_state_set: r.holdsAsset && status === 'in_progress' ? 'under_repair' : null,
      },
    });
    const byAlarm = r.reportedBy === 'alarm';
    event(r.id, 'reported', new Date(r.reportedAt), 'reported', byAlarm ? null : technician, byAlarm ? r.title : r.description);
    if (assignedAt !== null) event(r.id, 'assigned', new Date(assignedAt), 'assigned', '设备主管', technician);
    if (startedAt !== null) event(r.id, 'started', new Date(startedAt), 'in_progress', technician, null);
    if (completedAt !== null) event(r.id, 'completed', new Date(completedAt), 'done', technician, r.result);
    if (acceptedAt !== null) event(r.id, 'accepted', new Date(acceptedAt), 'accepted', '设备主管', null);
  };

  // Each enterprise's first machine keeps this month's 一级保养 open, so its technician always has 保养 work to
  // show, whatever the day the demo is loaded (elsewhere an order is open only by chance).
  const withOpenWork = new Set<string>();
  for (const asset of assets) {
    const enterpriseId = asset.custodian_enterprise_id ?? asset.enterprise_id;
    const technician = technicians.get(enterpriseId);
    const showcase = asset.kind !== 'mold' && !withOpenWork.has(enterpriseId);
    if (showcase) withOpenWork.add(enterpriseId);
    const base = {
      enterprise_id: enterpriseId,
      asset_id: asset.id,
      assignee_user_id: technician?.id ?? null,
      reported_by: null,
      result: null,
      labour_minutes: null,
      downtime_start: null,
      downtime_end: null,
      accepted_at: null,
    };
    const schedules: Array<{ name: string; level: 'level1' | 'level2'; schedule: SchedulePlan; checklist: string[] }> =
      asset.kind === 'mold'
        ? [
            {
              name: '模具保养（每 5 万模次）',
              level: 'level1',
              checklist: ['清洁型腔与分型面', '检查顶针与导柱磨损', '检查冷却水路', '涂防锈油'],
              schedule: {
                trigger: 'usage',
                intervalValue: 50_000,
                intervalUnit: 'shots',
                anchor: 'floating',
                warningShare: 0.1,
                startAt: yearAgo.toISOString(),
                startCounter: Math.max(0, (shots.get(asset.id) ?? 0) - 160_000 - Math.floor(random() * 30_000)),
                lastDoneAt: null,
                lastDoneCounter: null,
                lastDuePoint: null,
              },
            },
          ]
        : [
            {
              name: '一级保养（每月）',
              level: 'level1',
              checklist: ['清洁设备表面与导轨', '检查润滑油位', '紧固松动螺栓', '检查安全防护装置'],
              schedule: {
                trigger: 'time',
                intervalValue: 1,
                intervalUnit: 'months',
                anchor: 'fixed',
                warningShare: 0.2,
                startAt: new Date(yearAgo.getTime() + random() * 20 * 24 * HOUR).toISOString(),
                startCounter: null,
                lastDoneAt: null,
                lastDoneCounter: null,
                lastDuePoint: null,
              },
            },
            {
              name: '二级保养（每半年）',
              level: 'level2',
              checklist: ['更换液压油与滤芯', '检测电气绝缘', '校验压力表与温控', '检查主轴与丝杠精度'],
              schedule: {
                trigger: 'time',
                intervalValue: 6,
                intervalUnit: 'months',
                anchor: 'floating',
                warningShare: 0.1,
                startAt: new Date(yearAgo.getTime() + random() * 60 * 24 * HOUR).toISOString(),
                startCounter: null,
                lastDoneAt: null,
                lastDoneCounter: null,
                lastDuePoint: null,
              },
            },
          ];

    for (const { name, level, schedule, checklist } of schedules) {
      const planId = randomUUID();
      const current = shots.get(asset.id) ?? 0;
      const shotsPerHour = asset.kind === 'mold' ? Math.max(1, (current - (schedule.startCounter ?? 0)) / (365 * 24)) : 1;
      // Serve each due point that has come, as a maintenance team would, until one is still open.
      for (let guard = 0; guard < 30; guard++) {
        const state = dueState(schedule, now, asset.kind === 'mold' ? current : null);
        const dueAt =
          schedule.trigger === 'time'
            ? new Date(state.dueAt!)
            : new Date(yearAgo.getTime() + ((state.dueCounter! - (schedule.startCounter ?? 0)) / shotsPerHour) * HOUR);
        const reached = schedule.trigger === 'time' ? dueAt <= now : state.dueCounter! <= current;
        if (!reached) break;
        const late = random() < 0.15;
        const done = new Date(dueAt.getTime() + (late ? 24 + random() * 96 : -random() * 48) * HOUR);
        const id = randomUUID();
        const open =
          done > now ||
          (dueAt.getTime() > now.getTime() - 10 * 24 * HOUR && random() < 0.4) ||
          // a monthly plan on a fixed day has always come due within the last month
          (showcase && level === 'level1' && dueAt.getTime() > now.getTime() - 32 * 24 * HOUR);
        orderRows.push({
          at: dueAt,
          row: {
            ...base,
            id,
            kind: 'maintenance',
            title: `${asset.name} ${name}`,
            description: checklist.join('；'),
            status: open ? 'assigned' : 'accepted',
            plan_id: planId,
            due_point: state.duePoint,
            due_at: dueAt.toISOString(),
            labour_minutes: open ? null : 30 + Math.floor(random() * 150),
            result: open ? null : '按清单完成保养',
            completed_at: open ? null : done.toISOString(),
            accepted_at: open ? null : new Date(done.getTime() + 2 * HOUR).toISOString(),
            created_at: new Date(dueAt.getTime() - 24 * HOUR).toISOString(),
            updated_at: (open ? dueAt : done).toISOString(),
          },
        });
        event(id, 'generated', new Date(dueAt.getTime() - 24 * HOUR), 'reported', null, `${state.status}: ${state.duePoint}`);
        event(id, 'assigned', new Date(dueAt.getTime() - 20 * HOUR), 'assigned', '设备主管', null);
        if (open) {
          // the open order carries its plan's checklist, to be ticked item by item
          checklistRows.push(
            ...checklist.map((item, index) => ({ id: randomUUID(), work_order_id: id, seq: index + 1, item, required: 1 })),
          );
          break;
        }
        event(id, 'completed', done, 'done', technician?.display_name ?? null, '按清单完成保养');
        event(id, 'accepted', new Date(done.getTime() + 2 * HOUR), 'accepted', '设备主管', null);
        schedule.lastDoneAt = done.toISOString();
        schedule.lastDuePoint = state.duePoint;
        if (schedule.trigger === 'usage') schedule.lastDoneCounter = state.dueCounter;
      }
      plans.push({
        id: planId,
        enterprise_id: enterpriseId,
        asset_id: asset.id,
        name,
        level,
        trigger: schedule.trigger,
        interval_value: schedule.intervalValue,
        interval_unit: schedule.intervalUnit,
        anchor: schedule.anchor,
        warning_share: schedule.warningShare,
        checklist: JSON.stringify(checklist),
        active: 1,
        start_at: schedule.startAt,
        start_counter: schedule.startCounter,
        last_done_at: schedule.lastDoneAt,
        last_done_counter: schedule.lastDoneCounter,
        last_due_point: schedule.lastDuePoint,
        created_at: yearAgo.toISOString(),
        updated_at: schedule.lastDoneAt ?? yearAgo.toISOString(),
      });
    }

    for (const repair of repairsOf.get(asset.id) ?? []) addRepair(repair, base, technician?.display_name ?? null);
  }

  orderRows.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { at, row } of orderRows) orders.push({ ...row, number: numberFor(at) } as Insertable<WorkOrdersTable>);
  for (let i = 0; i < plans.length; i += 200)
    await db
      .insertInto('maintenance_plans')
      .values(plans.slice(i, i + 200))
      .execute();
  for (let i = 0; i < orders.length; i += 200)
    await db
      .insertInto('work_orders')
      .values(orders.slice(i, i + 200))
      .execute();
  for (let i = 0; i < checklistRows.length; i += 500)
    await db
      .insertInto('work_order_checklist')
      .values(checklistRows.slice(i, i + 500))
      .execute();
  for (let i = 0; i < events.length; i += 500)
    await db
      .insertInto('work_order_events')
      .values(events.slice(i, i + 500))
      .execute();
  return orders.length;
}
