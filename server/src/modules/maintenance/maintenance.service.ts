import { randomUUID } from 'node:crypto';
import {
  ATTACHMENTS_PER_REQUEST,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  COUNTY_ROLES,
  matchesFileSignature,
  type Actor,
  type AssetState,
  type ChecklistTickBody,
  type CountyKpiView,
  type CounterKind,
  type KpiQuery,
  type KpiView,
  type MaintenanceSharingBody,
  type MaintenanceSharingView,
  type Paged,
  type PlanStatusView,
  type PlanUpdateBody,
  type PlanView,
  type PublishEvent,
  type SparePartView,
  type StockAdjustBody,
  type WorkOrderActionBody,
  type WorkOrderDetailView,
  type WorkOrderListQuery,
  type WorkOrderStatus,
  type WorkOrderView,
  eventText,
  type createWorkOrderBody,
  type planBody,
  type sparePartBody,
} from '@tiantai/shared';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { enterpriseScope } from '../../http/access';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../http/errors';
import { assetsForKpis, counterTotal, findKeptAsset, moveAssetForWorkOrder, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import * as repo from './maintenance.repository';
import type { MaintenanceDb, PlanRow, WorkOrderRow } from './maintenance.repository';
import type { SparePartsTable, WorkOrdersTable } from './maintenance.tables';
import { computeKpis } from './kpis';
import { dueState, isDue, type SchedulePlan } from './plan-schedule';
import { TRANSITIONS, allowedActions, partiesOf } from './workflow';

type PlanInput = z.output<typeof planBody>;
type CreateOrderInput = z.output<typeof createWorkOrderBody>;
type SparePartInput = z.output<typeof sparePartBody>;

/** Maintenance belongs to the enterprise keeping the asset: county staff and departments get nothing here. */
const { enterpriseOf, requireAdmin } = enterpriseScope('Maintenance belongs to enterprises; county aggregates come later');

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Whole days in China time; this year by default. */
function kpiPeriod(query: Pick<KpiQuery, 'from' | 'to'>, now: Date): { from: Date; to: Date } {
  const year = new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  const from = new Date(`${query.from ?? `${year}-01-01`}T00:00:00+08:00`);
  const to = new Date(Date.parse(`${query.to ?? `${year}-12-31`}T00:00:00+08:00`) + 86_400_000);
  return { from, to };
}

const periodStrings = (p: { from: Date; to: Date }) => ({ from: p.from.toISOString(), to: p.to.toISOString() });

const toSharingView = (row: { shared: number; updated_at: string; updated_by: string | null } | undefined): MaintenanceSharingView => ({
  shared: Boolean(row && Number(row.shared)),
  updatedAt: row?.updated_at ?? null,
  updatedBy: row?.updated_by ?? null,
});

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

const toSparePartView = (p: SparePartsTable): SparePartView => ({
  id: p.id,
  enterpriseId: p.enterprise_id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  quantity: Number(p.quantity),
  minQuantity: Number(p.min_quantity),
  lowStock: Number(p.quantity) <= Number(p.min_quantity),
  updatedAt: p.updated_at,
});

/** The state a running order holds its asset in: a repair with the asset stopped, or a maintenance. */
function holdingState(kind: WorkOrderRow['kind'], downtimeStart: string | null | undefined): AssetState | null {
  if (kind === 'repair') return downtimeStart ? 'under_repair' : null;
  return kind === 'maintenance' ? 'under_maintenance' : null;
}

const ACTION_EVENT: Record<WorkOrderActionBody['action'], string> = {
  assign: 'assigned',
  start: 'started',
  hold: 'held',
  resume: 'resumed',
  use_part: 'part_used',
  complete: 'completed',
  accept: 'accepted',
  reject: 'rejected',
};

export class MaintenanceService {
  private readonly db: MaintenanceDb;

  private readonly now: () => Date;
  private readonly publish: PublishEvent;

  constructor(deps: {
    db: MaintenanceDb;
    /** The time source: tests move the clock past due points. */
    now?: () => Date;
    /** Live screens: work orders created and changed, published once committed. */
    publish?: PublishEvent;
  }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.publish = deps.publish ?? (() => undefined);
  }

  // ---- plans ----

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
      const inserted = await this.insertNumbered(now, async (trx, number) => {
        const ok = await repo.insertWorkOrder(trx, {
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
          assignee_user_id: null,
          reported_by: null,
          downtime_start: null,
          downtime_end: null,
          labour_minutes: null,
          result: null,
          completed_at: null,
          accepted_at: null,
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
        await this.recordStep(trx, null, id, 'generated', { to: 'reported', note: `${state.status}: ${state.duePoint}`, at });
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
        await this.announceCreated(plan.enterprise_id, id);
      }
    }
    return created;
  }

  // ---- work orders ----

  async listWorkOrders(actor: Actor, query: WorkOrderListQuery): Promise<Paged<WorkOrderView>> {
    const { page, pageSize, mine, open, ...filter } = query;
    const { rows, total } = await repo.listWorkOrders(
      this.db,
      enterpriseOf(actor),
      { ...filter, assigneeUserId: mine ? actor.userId : undefined, openOnly: open },
      { page, pageSize },
    );
    return { items: rows.map((r) => this.orderView(actor, r)), total, page, pageSize };
  }

  async getWorkOrder(actor: Actor, id: string): Promise<WorkOrderDetailView> {
    return this.detail(this.db, actor, await this.visibleOrder(this.db, actor, id));
  }

  /** 报修: any user of the enterprise keeping the asset reports a fault (or logs an inspection). */
  async reportWorkOrder(actor: Actor, body: CreateOrderInput): Promise<WorkOrderDetailView> {
    const enterpriseId = enterpriseOf(actor);
    if (!(await findKeptAsset(withTablesOf<AssetTables>(this.db), enterpriseId, body.assetId))) throw notFound('Asset');
    const now = this.now();
    const at = now.toISOString();
    if (body.downtimeStart && body.downtimeStart > at)
      throw new AppError(400, 'VALIDATION_FAILED', 'downtimeStart: the asset cannot stop in the future');
    const id = randomUUID();
    await this.insertNumbered(now, async (trx, number) => {
      await this.insertReportedOrder(trx, actor, { id, enterpriseId, number, at, ...body });
      return true;
    });
    await this.announceCreated(enterpriseId, id);
    return this.getWorkOrder(actor, id);
  }

  /**
   * 报修 raised by the platform itself (an alarm rule that opens a repair): no user reports it. Returns the
   * order's id; the caller checked that the enterprise keeps the asset.
   */
  async reportForAlarm(input: { enterpriseId: string; assetId: string; title: string; description: string; downtimeStart: string | null }) {
    const now = this.now();
    const id = randomUUID();
    const { enterpriseId, downtimeStart, ...body } = input;
    await this.insertNumbered(now, async (trx, number) => {
      const at = now.toISOString();
      await this.insertReportedOrder(trx, null, {
        id,
        enterpriseId,
        number,
        at,
        kind: 'repair',
        ...body,
        downtimeStart: downtimeStart ?? undefined,
      });
      return true;
    });
    return id;
  }

  /**
   * The insert behind 报修, inside the caller's transaction: the order, its first timeline step and the
   * audit row. The inspection service opens repairs for failed check items through it.
   */
  async insertReportedOrder(
    trx: MaintenanceDb,
    actor: Actor | null,
    order: CreateOrderInput & { id: string; enterpriseId: string; number: string; at: string },
  ): Promise<void> {
    const { id, enterpriseId, number, at, ...body } = order;
    await repo.insertWorkOrder(trx, {
      id,
      enterprise_id: enterpriseId,
      asset_id: body.assetId,
      kind: body.kind,
      number,
      title: body.title,
      description: body.description,
      status: 'reported',
      plan_id: null,
      due_point: null,
      due_at: null,
      assignee_user_id: null,
      reported_by: actor?.userId ?? null,
      downtime_start: body.downtimeStart ?? null,
      downtime_end: null,
      labour_minutes: null,
      result: null,
      completed_at: null,
      accepted_at: null,
      created_at: at,
      updated_at: at,
    });
    await this.recordStep(trx, actor, id, 'reported', { to: 'reported', note: body.title, at });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'work_order',
      entityId: id,
      organisationId: enterpriseId,
      after: { number, ...body },
    });
  }

  async act(actor: Actor, id: string, body: WorkOrderActionBody): Promise<WorkOrderDetailView> {
    const detail = await this.db.transaction().execute(async (trx) => {
      const row = await this.visibleOrder(trx, actor, id);
      const transition = TRANSITIONS[body.action];
      const parties = partiesOf(actor, { enterpriseId: row.enterprise_id });
      if (!parties.has(transition.by)) throw forbidden(`Only the ${transition.by} may ${body.action} this work order`);
      if (!allowedActions(parties, row.status).includes(body.action))
        throw new AppError(409, 'INVALID_TRANSITION', `Cannot ${body.action} a work order that is ${row.status}`, {
          from: row.status,
          action: body.action,
        });
      const now = this.now();
      const at = now.toISOString();
      const changes: Updateable<WorkOrdersTable> = { updated_at: at, ...(transition.to && { status: transition.to }) };
      let note: string | null = null;

      switch (body.action) {
        case 'assign': {
          const assignee = await repo.isActiveUserOf(trx, row.enterprise_id, body.assigneeUserId);
          if (!assignee) throw new AppError(400, 'VALIDATION_FAILED', `assigneeUserId: no active user ${body.assigneeUserId} here`);
          note = assignee.display_name;
          Object.assign(changes, { assignee_user_id: assignee.id, ...(body.dueAt && { due_at: body.dueAt }) });
          break;
        }
        case 'start':
          if (actor.role !== 'enterprise_admin' && row.assignee_user_id !== actor.userId)
            throw forbidden('Only the assigned technician or the admin starts this work order');
          if (row.kind === 'repair' && !row.downtime_start) changes.downtime_start = at;
          break;
        case 'hold':
          note = body.reason;
          break;
        case 'resume':
          break;
        case 'use_part': {
          const part = await repo.findSparePart(trx, row.enterprise_id, body.partId);
          if (!part) throw notFound('Spare part');
          if (!(await repo.moveStock(trx, part.id, -body.quantity, at)))
            throw new AppError(409, 'INSUFFICIENT_STOCK', `Only ${Number(part.quantity)} ${part.unit} of ${part.code} in stock`, {
              partId: part.id,
              available: Number(part.quantity),
            });
          await repo.insertOrderPart(trx, {
            id: randomUUID(),
            work_order_id: id,
            part_id: part.id,
            quantity: body.quantity,
            at,
            actor_user_id: actor.userId,
          });
          const left = Number(part.quantity) - body.quantity;
          note = `${part.code} ${part.name} × ${body.quantity} ${part.unit}${left <= Number(part.min_quantity) ? `（低库存：余 ${left}）` : ''}`;
          break;
        }
        case 'complete': {
          const unticked = (await repo.listChecklist(trx, id)).filter((c) => Number(c.required) === 1 && c.result === null);
          if (unticked.length > 0)
            throw new AppError(409, 'CHECKLIST_INCOMPLETE', `${unticked.length} required checklist item(s) not ticked yet`, {
              items: unticked.map((c) => ({ id: c.id, item: c.item })),
            });
          const start = body.downtimeStart ?? row.downtime_start;
          const end = body.downtimeEnd ?? (start ? at : null);
          if (body.downtimeEnd && !start) throw new AppError(400, 'VALIDATION_FAILED', 'downtimeEnd: no downtime start');
          if (start && end && end < start) throw new AppError(400, 'VALIDATION_FAILED', 'downtimeEnd: before the downtime start');
          note = body.result;
          Object.assign(changes, {
            result: body.result,
            labour_minutes: body.labourMinutes,
            downtime_start: start,
            downtime_end: end,
            completed_at: at,
          });
          if (row.kind === 'maintenance' && row.plan_id) await this.recordCompletion(trx, actor, row, at);
          break;
        }
        case 'accept':
          note = body.note ?? null;
          changes.accepted_at = at;
          break;
        case 'reject':
          note = body.reason;
          changes.completed_at = null;
          break;
      }

      await this.moveAsset(trx, actor, row, transition.to, changes);
      if (!(await repo.updateWorkOrderFrom(trx, id, { status: row.status, updatedAt: row.updated_at }, changes)))
        throw new AppError(409, 'CONFLICT', 'The work order changed meanwhile; reload and try again');
      await this.recordStep(trx, actor, id, ACTION_EVENT[body.action], { from: row.status, to: transition.to ?? row.status, note, at });
      await recordAudit(trx, actor, {
        action: body.action,
        entity: 'work_order',
        entityId: id,
        organisationId: row.enterprise_id,
        before: { status: row.status },
        after: { ...changes },
      });
      return this.detail(trx, actor, await this.visibleOrder(trx, actor, id));
    });
    await this.announce('work_order.changed', detail.enterpriseId, id, body.action);
    return detail;
  }

  /** Tells live screens about a committed new work order (the inspection service calls it for its repairs). */
  async announceCreated(enterpriseId: string, id: string): Promise<void> {
    await this.announce('work_order.created', enterpriseId, id);
  }

  private async announce(type: 'work_order.created' | 'work_order.changed', enterpriseId: string, id: string, action = 'report') {
    const row = await repo.findWorkOrder(this.db, enterpriseId, id);
    if (!row) return;
    const fields = {
      enterpriseId,
      plantId: row.plant_id,
      workOrderId: row.id,
      number: row.number,
      kind: row.kind,
      status: row.status,
      assetId: row.asset_id,
      assetCode: eventText(row.asset_code),
      title: eventText(row.title),
    };
    this.publish(type === 'work_order.created' ? { type, ...fields } : { type, ...fields, action });
  }

  // ---- checklist ----

  /**
   * Ticks one checklist item (pass / fail / n.a., a value, a note) while the order is in progress or on
   * hold; ticking again corrects it. The assigned technician or the admin does it.
   */
  async tick(actor: Actor, id: string, itemId: string, body: ChecklistTickBody): Promise<WorkOrderDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.visibleOrder(trx, actor, id);
      const item = await repo.findChecklistItem(trx, id, itemId);
      if (!item) throw notFound('Checklist item');
      if (!partiesOf(actor, { enterpriseId: row.enterprise_id }).has('technician'))
        throw forbidden('Only users of the enterprise running the work order tick its checklist');
      if (actor.role !== 'enterprise_admin' && row.assignee_user_id !== actor.userId)
        throw forbidden('Only the assigned technician or the admin ticks this checklist');
      if (row.status !== 'in_progress' && row.status !== 'on_hold')
        throw new AppError(409, 'INVALID_TRANSITION', `Cannot tick the checklist of a work order that is ${row.status}`, {
          from: row.status,
          action: 'tick',
        });
      const at = this.now().toISOString();
      const who = await repo.displayName(trx, actor.userId);
      const changes = {
        result: body.result,
        value: body.value || null,
        note: body.note || null,
        checked_at: at,
        checked_by: who?.display_name ?? actor.username,
      };
      await repo.tickChecklistItem(trx, item.id, changes);
      await repo.updateWorkOrderFrom(trx, id, { status: row.status, updatedAt: row.updated_at }, { updated_at: at });
      await recordAudit(trx, actor, {
        action: 'tick',
        entity: 'work_order',
        entityId: id,
        organisationId: row.enterprise_id,
        before: { itemId: item.id, result: item.result, value: item.value, note: item.note },
        after: { itemId: item.id, item: item.item, ...changes },
      });
      return this.detail(trx, actor, await this.visibleOrder(trx, actor, id));
    });
  }

  // ---- attachments ----

  /**
   * Photos and PDFs (the fault, the repaired part) from any user of the enterprise running the order,
   * until it is accepted. The declared type must match the file's own first bytes.
   */
  async attach(actor: Actor, id: string, file: { filename: string; mime: string; content: Buffer }): Promise<WorkOrderDetailView> {
    const row = await this.visibleOrder(this.db, actor, id);
    if (!partiesOf(actor, { enterpriseId: row.enterprise_id }).has('technician'))
      throw forbidden('Only users of the enterprise running the work order attach files');
    if (row.status === 'accepted')
      throw new AppError(409, 'INVALID_TRANSITION', 'Cannot attach to an accepted work order', { from: row.status, action: 'attach' });
    const rejectFile = (message: string) => new AppError(400, 'ATTACHMENT_REJECTED', message);
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.mime)) throw rejectFile(`Only ${ATTACHMENT_TYPES.join(', ')} files`);
    if (file.content.length === 0) throw rejectFile('The file is empty');
    if (file.content.length > ATTACHMENT_MAX_BYTES) throw rejectFile(`At most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB per file`);
    if (!matchesFileSignature(file.mime, file.content)) throw rejectFile(`The file's content is not ${file.mime}`);
    const existing = await repo.listAttachments(this.db, id);
    if (existing.length >= ATTACHMENTS_PER_REQUEST) throw rejectFile(`At most ${ATTACHMENTS_PER_REQUEST} files per work order`);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const who = await repo.displayName(trx, actor.userId);
      await repo.insertAttachment(trx, {
        id: randomUUID(),
        work_order_id: id,
        filename: file.filename,
        mime: file.mime,
        size: file.content.length,
        content: file.content,
        uploaded_at: at,
        uploaded_by: who?.display_name ?? null,
      });
      await this.recordStep(trx, actor, id, 'attach', { note: file.filename, at });
    });
    return this.getWorkOrder(actor, id);
  }

  async attachment(actor: Actor, id: string, attachmentId: string) {
    await this.visibleOrder(this.db, actor, id);
    const file = await repo.findAttachment(this.db, id, attachmentId);
    if (!file) throw notFound('Attachment');
    return file;
  }

  // ---- spare parts ----

  // ---- KPIs ----

  /** The enterprise's own KPIs for a period (this year by default, China time), grouped by plant, line or asset. */
  async kpis(actor: Actor, query: KpiQuery): Promise<KpiView> {
    const enterpriseId = enterpriseOf(actor);
    const period = kpiPeriod(query, this.now());
    const [assets, orders] = await Promise.all([assetsForKpis(this.db, enterpriseId), repo.kpiOrders(this.db, enterpriseId)]);
    return { ...periodStrings(period), ...computeKpis(assets, orders, query.groupBy, period, this.now()) };
  }

  /**
   * The county's roll-up: the same figures over every enterprise — aggregates only, plus one total row for
   * each enterprise that chose to share (and for no other).
   */
  async countyKpis(actor: Actor, query: KpiQuery): Promise<CountyKpiView> {
    if (!COUNTY_ROLES.includes(actor.role)) throw forbidden('The county roll-up is for county staff');
    const period = kpiPeriod(query, this.now());
    const [assets, orders, sharing] = await Promise.all([
      assetsForKpis(this.db, undefined),
      repo.kpiOrders(this.db, undefined),
      repo.sharingEnterprises(this.db),
    ]);
    const now = this.now();
    const { total } = computeKpis(assets, orders, 'plant', period, now);
    // Each shared row is computed exactly as the enterprise's own page computes its total.
    const sharedEnterprises = await Promise.all(
      sharing.map(async (e) => {
        const [own, ownOrders] = await Promise.all([assetsForKpis(this.db, e.id), repo.kpiOrders(this.db, e.id)]);
        const row = computeKpis(own, ownOrders, 'plant', period, now).total;
        return { ...row, key: e.id, label: e.name, enterpriseName: e.name };
      }),
    );
    return { ...periodStrings(period), enterprises: new Set(assets.map((a) => a.enterpriseId)).size, total, sharedEnterprises };
  }

  // ---- sharing with the county ----

  /** The caller's own enterprise's choice; county staff and departments 403. */
  async getSharing(actor: Actor): Promise<MaintenanceSharingView> {
    return toSharingView(await repo.findSharing(this.db, enterpriseOf(actor)));
  }

  /** The enterprise admin turns sharing on or off; audited. */
  async setSharing(actor: Actor, body: MaintenanceSharingBody): Promise<MaintenanceSharingView> {
    const enterpriseId = requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findSharing(trx, enterpriseId);
      const row = {
        enterprise_id: enterpriseId,
        shared: body.shared ? 1 : 0,
        updated_at: this.now().toISOString(),
        updated_by: actor.username,
      };
      await repo.upsertSharing(trx, row);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'maintenance_sharing',
        entityId: enterpriseId,
        organisationId: enterpriseId,
        before: { shared: Boolean(before && Number(before.shared)) },
        after: { shared: body.shared },
      });
      return toSharingView(row);
    });
  }

  async listSpareParts(actor: Actor): Promise<SparePartView[]> {
    return (await repo.listSpareParts(this.db, enterpriseOf(actor))).map(toSparePartView);
  }

  async createSparePart(actor: Actor, body: SparePartInput): Promise<SparePartView> {
    const enterpriseId = requireAdmin(actor);
    const at = this.now().toISOString();
    const id = randomUUID();
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findSparePartByCode(trx, enterpriseId, body.code))
        throw new AppError(409, 'DUPLICATE', `A spare part with code ${body.code} already exists`, { field: 'code' });
      const row: SparePartsTable = {
        id,
        enterprise_id: enterpriseId,
        code: body.code,
        name: body.name,
        unit: body.unit,
        quantity: body.quantity,
        min_quantity: body.minQuantity,
        created_at: at,
        updated_at: at,
      };
      await repo.insertSparePart(trx, row);
      const created = toSparePartView(row);
      await recordAudit(trx, actor, { action: 'create', entity: 'spare_part', entityId: id, organisationId: enterpriseId, after: created });
      return created;
    });
  }

  /** Goods received (+) or a count correction (−); the stock never goes below zero. */
  async adjustStock(actor: Actor, id: string, body: StockAdjustBody): Promise<SparePartView> {
    const enterpriseId = enterpriseOf(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findSparePart(trx, enterpriseId, id);
      if (!before) throw notFound('Spare part');
      requireAdmin(actor);
      if (!(await repo.moveStock(trx, id, body.delta, this.now().toISOString())))
        throw new AppError(409, 'INSUFFICIENT_STOCK', `Only ${Number(before.quantity)} ${before.unit} of ${before.code} in stock`, {
          available: Number(before.quantity),
        });
      const after = toSparePartView((await repo.findSparePart(trx, enterpriseId, id))!);
      await recordAudit(trx, actor, {
        action: 'adjust',
        entity: 'spare_part',
        entityId: id,
        organisationId: enterpriseId,
        before: toSparePartView(before),
        after: { ...after, reason: body.reason },
      });
      return after;
    });
  }

  // ---- helpers ----

  private async visiblePlan(db: MaintenanceDb, actor: Actor, id: string): Promise<PlanRow> {
    const plan = await repo.findPlan(db, enterpriseOf(actor), id);
    if (!plan) throw notFound('Maintenance plan');
    return plan;
  }

  private async visibleOrder(db: MaintenanceDb, actor: Actor, id: string): Promise<WorkOrderRow> {
    const order = await repo.findWorkOrder(db, enterpriseOf(actor), id);
    if (!order) throw notFound('Work order');
    return order;
  }

  private async counterOf(db: MaintenanceDb, plan: PlanRow): Promise<number | null> {
    if (plan.trigger !== 'usage') return null;
    return counterTotal(withTablesOf<AssetTables>(db), plan.asset_id, plan.interval_unit as CounterKind);
  }

  private async dueOf(db: MaintenanceDb, plan: PlanRow, now: Date) {
    return dueState(scheduleOf(plan), now, await this.counterOf(db, plan));
  }

  private async statusOf(db: MaintenanceDb, plan: PlanRow): Promise<PlanStatusView> {
    const counterValue = await this.counterOf(db, plan);
    const state = dueState(scheduleOf(plan), this.now(), counterValue);
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
  private async moveAsset(
    trx: MaintenanceDb,
    actor: Actor,
    row: WorkOrderRow,
    to: WorkOrderStatus | undefined,
    changes: Updateable<WorkOrdersTable>,
  ): Promise<void> {
    const order = { enterpriseId: row.enterprise_id, assetId: row.asset_id, workOrderId: row.id };
    if (to === 'in_progress' && row.asset_state_set === null) {
      const hold = holdingState(row.kind, changes.downtime_start ?? row.downtime_start);
      const reason = `工单 ${row.number}：${hold === 'under_repair' ? '开始维修' : '开始保养'}`;
      if (hold && (await moveAssetForWorkOrder(trx, actor, { ...order, to: hold, reason }))) changes.asset_state_set = hold;
    } else if (to === 'done' && row.asset_state_set !== null) {
      changes.asset_state_set = null;
      const next = await repo.findOrderToHoldAsset(trx, row.asset_id, row.id, row.asset_state_set);
      if (next) await repo.setAssetStateSet(trx, next.id, row.asset_state_set);
      else
        await moveAssetForWorkOrder(trx, actor, {
          ...order,
          from: row.asset_state_set,
          to: 'in_service',
          reason: `工单 ${row.number}：${row.asset_state_set === 'under_repair' ? '维修完成' : '保养完成'}，恢复在用`,
        });
    }
  }

  /** A completed maintenance order moves its plan: the next due point counts from this one. */
  private async recordCompletion(trx: MaintenanceDb, actor: Actor, order: WorkOrderRow, at: string): Promise<void> {
    const plan = await repo.findPlan(trx, order.enterprise_id, order.plan_id!);
    if (!plan) return;
    const counter = await this.counterOf(trx, plan);
    const changes = { last_done_at: at, last_done_counter: counter, last_due_point: order.due_point, updated_at: at };
    await repo.updatePlan(trx, plan.id, changes);
    await recordAudit(trx, actor, {
      action: 'complete',
      entity: 'maintenance_plan',
      entityId: plan.id,
      organisationId: plan.enterprise_id,
      before: { lastDoneAt: plan.last_done_at, lastDoneCounter: plan.last_done_counter, lastDuePoint: plan.last_due_point },
      after: { lastDoneAt: at, lastDoneCounter: counter, lastDuePoint: order.due_point },
    });
  }

  private orderView(actor: Actor, r: WorkOrderRow): WorkOrderView {
    return {
      id: r.id,
      number: r.number,
      enterpriseId: r.enterprise_id,
      assetId: r.asset_id,
      assetCode: r.asset_code,
      assetName: r.asset_name,
      kind: r.kind,
      title: r.title,
      description: r.description,
      status: r.status,
      planId: r.plan_id,
      duePoint: r.due_point,
      dueAt: r.due_at,
      assigneeUserId: r.assignee_user_id,
      assigneeName: r.assignee_name,
      reportedBy: r.reported_by,
      downtimeStart: r.downtime_start,
      downtimeEnd: r.downtime_end,
      labourMinutes: r.labour_minutes === null ? null : Number(r.labour_minutes),
      result: r.result,
      completedAt: r.completed_at,
      acceptedAt: r.accepted_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      allowedActions: allowedActions(partiesOf(actor, { enterpriseId: r.enterprise_id }), r.status),
    };
  }

  private async detail(db: MaintenanceDb, actor: Actor, row: WorkOrderRow): Promise<WorkOrderDetailView> {
    const [events, parts, attachments, checklist] = await Promise.all([
      repo.listEvents(db, row.id),
      repo.listOrderParts(db, row.id),
      repo.listAttachments(db, row.id),
      repo.listChecklist(db, row.id),
    ]);
    return {
      ...this.orderView(actor, row),
      checklist: checklist.map((c) => ({
        id: c.id,
        seq: Number(c.seq),
        item: c.item,
        required: Number(c.required) === 1,
        result: c.result,
        value: c.value,
        note: c.note,
        checkedAt: c.checked_at,
        checkedBy: c.checked_by,
      })),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        at: e.at,
        actorName: e.actor_name,
        note: e.note,
      })),
      parts: parts.map((p) => ({
        id: p.id,
        partId: p.part_id,
        partCode: p.code,
        partName: p.name,
        unit: p.unit,
        quantity: Number(p.quantity),
        at: p.at,
      })),
      attachments: attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        mime: a.mime,
        size: Number(a.size),
        uploadedAt: a.uploaded_at,
        uploadedBy: a.uploaded_by,
      })),
    };
  }

  private async recordStep(
    trx: MaintenanceDb,
    actor: Actor | null,
    workOrderId: string,
    kind: string,
    step: { from?: WorkOrderStatus; to?: WorkOrderStatus; note: string | null; at: string },
  ): Promise<void> {
    const who = actor ? await repo.displayName(trx, actor.userId) : undefined;
    await repo.insertEvent(trx, {
      id: randomUUID(),
      work_order_id: workOrderId,
      kind,
      from_status: step.from ?? null,
      to_status: step.to ?? null,
      at: step.at,
      actor_user_id: actor?.userId ?? null,
      actor_name: who?.display_name ?? null,
      note: step.note,
    });
  }

  /**
   * Runs `write` in a transaction with the next work-order number (WO + year in China + 6 digits). Two
   * writers may draw the same number: the loser retries with the next one, so `write` must be repeatable.
   */
  async insertNumbered(now: Date, write: (trx: MaintenanceDb, number: string) => Promise<boolean>): Promise<boolean> {
    const prefix = `WO${new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const number = `${prefix}${String((await repo.countOrdersWithPrefix(trx, prefix)) + 1 + attempt).padStart(6, '0')}`;
          return write(trx, number);
        });
      } catch (error) {
        if (attempt < 10 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }
}
