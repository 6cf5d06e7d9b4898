// Demo maintenance for the demo enterprises' machines and molds: monthly first-level and half-yearly
// second-level maintenance of every press, shot-based maintenance of every mold, and a year of history —
// maintenance served mostly on time, a few late, and breakdowns at realistic intervals (a press every
// couple of months, repaired in one to eight hours), so the KPIs have something true to show.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { pick, seededRandom } from '../../lib/random';
import type { MaintenanceDb } from './maintenance.repository';
import type { MaintenancePlansTable, WorkOrderChecklistTable, WorkOrderEventsTable, WorkOrdersTable } from './maintenance.tables';
import { dueState, type SchedulePlan } from './plan-schedule';

const HOUR = 3_600_000;
const FAULTS = [
  '液压系统压力异常',
  '主电机过热报警',
  '模具冷却水路泄漏',
  '顶出机构卡滞',
  '伺服驱动器报警',
  '润滑系统油压低',
  '安全光栅故障',
];
const CAUSES = ['更换密封圈后恢复', '清理滤网并更换冷却液', '更换损坏传感器', '调整参数并紧固松动部件', '更换轴承'];

export async function loadMaintenanceDemo(db: MaintenanceDb, now: Date): Promise<number> {
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

    // Breakdowns: presses and machines fail every couple of months, and are back in one to eight hours.
    if (asset.kind !== 'mold') {
      let at = yearAgo.getTime() + random() * 60 * 24 * HOUR;
      while (at < now.getTime() - 2 * HOUR) {
        const repairHours = 1 + random() * 7;
        const start = new Date(at);
        const end = new Date(at + repairHours * HOUR);
        const id = randomUUID();
        const fault = pick(random, FAULTS);
        const finished = end <= now;
        orderRows.push({
          at: start,
          row: {
            ...base,
            id,
            kind: 'repair',
            title: `${asset.name} ${fault}`,
            description: `${fault}，停机待修`,
            status: finished ? 'accepted' : 'in_progress',
            plan_id: null,
            due_point: null,
            due_at: null,
            reported_by: technician?.id ?? null,
            downtime_start: start.toISOString(),
            downtime_end: finished ? end.toISOString() : null,
            labour_minutes: finished ? Math.round(repairHours * 60) : null,
            result: finished ? pick(random, CAUSES) : null,
            completed_at: finished ? end.toISOString() : null,
            accepted_at: finished ? new Date(end.getTime() + HOUR).toISOString() : null,
            created_at: start.toISOString(),
            updated_at: (finished ? end : start).toISOString(),
          },
        });
        event(id, 'reported', start, 'reported', technician?.display_name ?? null, fault);
        event(id, 'started', new Date(start.getTime() + 0.3 * HOUR), 'in_progress', technician?.display_name ?? null, null);
        if (finished) {
          event(id, 'completed', end, 'done', technician?.display_name ?? null, null);
          event(id, 'accepted', new Date(end.getTime() + HOUR), 'accepted', '设备主管', null);
        }
        at += (30 + random() * 60) * 24 * HOUR;
      }
    }
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
