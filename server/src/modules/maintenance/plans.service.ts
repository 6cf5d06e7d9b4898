import { randomUUID } from 'node:crypto';
import { type Actor, type PlanStatusView, type PlanUpdateBody, type PlanView, type planBody, type CounterKind } from '@tiantai/shared';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { AppError, notFound } from '../../http/errors';
import { counterTotal, findKeptAsset, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import { enterpriseOf, requireAdmin } from './maintenance.access';
import * as repo from './maintenance.repository';
import type { MaintenanceDb, PlanRow } from './maintenance.repository';
import { dueState, isDue, type SchedulePlan } from './plan-schedule';
import type { WorkOrderService } from './work-orders.service';

type PlanInput = z.output<typeof planBody>;

const scheduleOf = (p: PlanRow): SchedulePlan => ({
  trigger: p.trigger,
  intervalValue: Number(p.interval_value),
  intervalUnit: p.interval_unit,
  anchor: p.anchor,
  warningShare: Number(p.warning_share),
  startAt: p.start_at,
  startCounter: p.start_counter === null ? null : Number(p.start_counter),
  lastDoneAt: p.last_done_at,
  lastDoneCounter: p.last_done_counter === null ? null : Number(p.last_done_counter),
  lastDuePoint: p.last_due_point,
});

/**
 * Maintenance plans of an asset — by time (fixed or floating) or by usage (a counter) — with their due state,
 * and the idempotent job that turns a due plan into a 保养 work order (one per plan and due point).
 */
export class PlanService {
  private readonly db: MaintenanceDb;
  private readonly workOrders: WorkOrderService;
  private readonly now: () => Date;
  private readonly timeZone: string | undefined;

  constructor(deps: {
    db: MaintenanceDb;
    /** A due plan becomes a work order: numbered, timed and announced as any other. */
    workOrders: WorkOrderService;
    /** The time source: tests move the clock past due points. */
    now?: () => Date;
    /** COUNTY_TIME_ZONE: a monthly plan counts calendar months on this clock. */
    timeZone?: string;
  }) {
    this.db = deps.db;
    this.workOrders = deps.workOrders;
    this.now = deps.now ?? (() => new Date());
    this.timeZone = deps.timeZone;
  }

  async listPlans(actor: Actor, assetId?: string): Promise<PlanView[]> {
    const rows = await repo.listPlans(this.db, enterpriseOf(actor), assetId);
    return Promise.all(rows.map((r) => this.planView(this.db, r)));
  }

  async getPlan(actor: Actor, id: string): Promise<PlanView> {
    return this.planView(this.db, await this.visiblePlan(this.db, actor, id));
  }

  async planStatus(actor: Actor, id: string): Promise<PlanStatusView> {
    return this.statusOf(this.db, await this.visiblePlan(this.db, actor, id));
  }

  async createPlan(actor: Actor, body: PlanInput): Promise<PlanView> {
    const enterpriseId = requireAdmin(actor);
    const id = randomUUID();
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      if (!(await findKeptAsset(withTablesOf<AssetTables>(trx), enterpriseId, body.assetId))) throw notFound('Asset');
      const startCounter =
        body.trigger === 'usage'
          ? (body.startCounter ?? (await counterTotal(withTablesOf<AssetTables>(trx), body.assetId, body.intervalUnit as CounterKind)))
          : null;
      await repo.insertPlan(trx, {
        id,
        enterprise_id: enterpriseId,
        asset_id: body.assetId,
        name: body.name,
        level: body.level,
        trigger: body.trigger,
        interval_value: body.intervalValue,
        interval_unit: body.intervalUnit,
        anchor: body.anchor,
        warning_share: body.warningShare,
        checklist: JSON.stringify(body.checklist),
        active: body.active ? 1 : 0,
        start_at: body.startAt ?? at,
        start_counter: startCounter,
        last_done_at: null,
        last_done_counter: null,
        last_due_point: null,
        created_at: at,
        updated_at: at,
      });
      const created = await this.planView(trx, (await repo.findPlan(trx, enterpriseId, id))!);
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'maintenance_plan',
        entityId: id,
        organisationId: enterpriseId,
        after: created,
      });
      return created;
    });
  }

  async updatePlan(actor: Actor, id: string, body: PlanUpdateBody): Promise<PlanView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.visiblePlan(trx, actor, id);
      requireAdmin(actor);
      await repo.updatePlan(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.level !== undefined && { level: body.level }),
        ...(body.intervalValue !== undefined && { interval_value: body.intervalValue }),
        ...(body.anchor !== undefined && { anchor: body.anchor }),
        ...(body.warningShare !== undefined && { warning_share: body.warningShare }),
        ...(body.checklist !== undefined && { checklist: JSON.stringify(body.checklist) }),
        ...(body.active !== undefined && { active: body.active ? 1 : 0 }),
        updated_at: this.now().toISOString(),
      });
      const after = await this.planView(trx, (await repo.findPlan(trx, before.enterprise_id, id))!);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'maintenance_plan',
        entityId: id,
        organisationId: before.enterprise_id,
        before: await this.planView(trx, before),
        after,
      });
      return after;
    });
  }

  /** A plan with work orders keeps its history: deactivate it instead. */
  async deletePlan(actor: Actor, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.visiblePlan(trx, actor, id);
      requireAdmin(actor);
      const used = await trx.selectFrom('work_orders').select('id').where('plan_id', '=', id).executeTakeFirst();
      if (used) throw new AppError(409, 'CONFLICT', 'The plan has work orders; deactivate it instead (active: false)');
      await repo.deletePlan(trx, id);
      await recordAudit(trx, actor, { action: 'delete', entity: 'maintenance_plan', entityId: id, organisationId: plan.enterprise_id });
    });
  }

  /**
   * The generation job: one maintenance work order per active plan that is DUE or OVERDUE, keyed by plan
   * and due point. Idempotent: the unique key (plan_id, due_point) lets only one of two instances insert.
   * With `assetIds`, only those assets' plans (their counters just moved).
   */
  async generateDueWorkOrders(now: Date = this.now(), assetIds?: readonly string[]): Promise<number> {
    let created = 0;
    for (const plan of await repo.listActivePlans(this.db, assetIds)) {
      const state = await this.dueOf(this.db, plan, now);
      if (!isDue(state)) continue;
      if (await repo.findOrderForDuePoint(this.db, plan.id, state.duePoint)) continue;
      const id = randomUUID();
      const at = now.toISOString();
      const inserted = await this.workOrders.insertNumbered(now, async (trx, number) => {
        const ok = await repo.insertWorkOrder(trx, {
          // Columns not named here start null (nothing done on the order yet).
          id,
          enterprise_id: plan.enterprise_id,
          asset_id: plan.asset_id,
          kind: 'maintenance',
          number,
          title: `${plan.asset_code} ${plan.name}`,
          description: (JSON.parse(plan.checklist) as string[]).map((c) => `□ ${c}`).join('\n'),
          status: 'reported',
          plan_id: plan.id,
          due_point: state.duePoint,
          due_at: state.dueAt,
          created_at: at,
          updated_at: at,
        });
        if (!ok) return false;
        await repo.insertChecklist(
          trx,
          (JSON.parse(plan.checklist) as string[]).map((item, index) => ({
            id: randomUUID(),
            work_order_id: id,
            seq: index + 1,
            item,
            required: 1,
          })),
        );
        await this.workOrders.recordStep(trx, null, id, 'generated', { to: 'reported', note: `${state.status}: ${state.duePoint}`, at });
        await recordAudit(trx, null, {
          action: 'generate',
          entity: 'work_order',
          entityId: id,
          organisationId: plan.enterprise_id,
          after: { planId: plan.id, duePoint: state.duePoint },
        });
        return true;
      });
      if (inserted) {
        created++;
        await this.workOrders.announceCreated(plan.enterprise_id, id);
      }
    }
    return created;
  }

  private async visiblePlan(db: MaintenanceDb, actor: Actor, id: string): Promise<PlanRow> {
    const plan = await repo.findPlan(db, enterpriseOf(actor), id);
    if (!plan) throw notFound('Maintenance plan');
    return plan;
  }

  private async dueOf(db: MaintenanceDb, plan: PlanRow, now: Date) {
    return dueState(scheduleOf(plan), now, await repo.planCounter(db, plan), this.timeZone);
  }

  private async statusOf(db: MaintenanceDb, plan: PlanRow): Promise<PlanStatusView> {
    const counterValue = await repo.planCounter(db, plan);
    const state = dueState(scheduleOf(plan), this.now(), counterValue, this.timeZone);
    const order = await repo.findOrderForDuePoint(db, plan.id, state.duePoint);
    return { planId: plan.id, ...state, counterValue, workOrderId: order?.id ?? null };
  }

  private async planView(db: MaintenanceDb, p: PlanRow): Promise<PlanView> {
    return {
      id: p.id,
      enterpriseId: p.enterprise_id,
      assetId: p.asset_id,
      assetCode: p.asset_code,
      assetName: p.asset_name,
      name: p.name,
      level: p.level,
      trigger: p.trigger,
      intervalValue: Number(p.interval_value),
      intervalUnit: p.interval_unit,
      anchor: p.anchor,
      warningShare: Number(p.warning_share),
      checklist: JSON.parse(p.checklist) as string[],
      active: p.active === 1,
      startAt: p.start_at,
      startCounter: p.start_counter === null ? null : Number(p.start_counter),
      lastDoneAt: p.last_done_at,
      lastDoneCounter: p.last_done_counter === null ? null : Number(p.last_done_counter),
      lastDuePoint: p.last_due_point,
      status: p.active === 1 ? await this.statusOf(db, p) : null,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
    };
  }

  /**
   * The asset follows its work order: going in progress takes it out of service (under repair when a
   * repair has stopped it, under maintenance for a 保养), done puts it back in service — but only when this
   * order took it out; when another running order needs it down, that order holds it instead.
   */
}
