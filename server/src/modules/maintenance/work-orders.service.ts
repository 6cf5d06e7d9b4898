import { randomUUID } from 'node:crypto';
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyYear,
  type Actor,
  type AssetState,
  type Paged,
  type PublishEvent,
  type WorkOrderActionBody,
  type WorkOrderDetailView,
  type WorkOrderListQuery,
  type WorkOrderStatus,
  type WorkOrderView,
  eventText,
  type createWorkOrderBody,
} from '@tiantai/shared';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../http/errors';
import { findKeptAsset, moveAssetForWorkOrder, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import { enterpriseOf } from './maintenance.access';
import * as repo from './maintenance.repository';
import type { MaintenanceDb, WorkOrderRow } from './maintenance.repository';
import type { WorkOrdersTable } from './maintenance.tables';
import { requireAssigneeOrAdmin, visibleOrder } from './work-order.access';
import { orderDetail, recordStep, toOrderView } from './work-order-views';
import { TRANSITIONS, allowedActions, partiesOf } from './workflow';

type CreateOrderInput = z.output<typeof createWorkOrderBody>;

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

/**
 * Work orders 保养/巡检/维修 from 报修 to 验收: the transition table (workflow.ts), the asset held under repair or
 * maintenance while one runs, spare parts used, the plan moved on completion, numbering. The checklist is ticked
 * in work-order-checklist.service.ts, files attached in work-order-attachments.service.ts.
 */
export class WorkOrderService {
  private readonly db: MaintenanceDb;

  private readonly now: () => Date;
  private readonly publish: PublishEvent;
  private readonly timeZone: string;

  constructor(deps: {
    db: MaintenanceDb;
    /** The time source: tests move the clock past due points. */
    now?: () => Date;
    /** Live screens: work orders created and changed, published once committed. */
    publish?: PublishEvent;
    /** COUNTY_TIME_ZONE: the year in a work order's number is the county's. */
    timeZone?: string;
  }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.publish = deps.publish ?? (() => undefined);
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
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
    return { items: rows.map((r) => toOrderView(actor, r)), total, page, pageSize };
  }

  async getWorkOrder(actor: Actor, id: string): Promise<WorkOrderDetailView> {
    return orderDetail(this.db, actor, await visibleOrder(this.db, actor, id));
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
      // Columns not named here start null (nothing done on the order yet).
      id,
      enterprise_id: enterpriseId,
      asset_id: body.assetId,
      kind: body.kind,
      number,
      title: body.title,
      description: body.description,
      status: 'reported',
      reported_by: actor?.userId ?? null,
      downtime_start: body.downtimeStart ?? null,
      created_at: at,
      updated_at: at,
    });
    await recordStep(trx, actor, id, 'reported', { to: 'reported', note: body.title, at });
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
      const row = await visibleOrder(trx, actor, id);
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
          requireAssigneeOrAdmin(actor, row, 'Only the assigned technician or the admin starts this work order');
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
      await recordStep(trx, actor, id, ACTION_EVENT[body.action], { from: row.status, to: transition.to ?? row.status, note, at });
      await recordAudit(trx, actor, {
        action: body.action,
        entity: 'work_order',
        entityId: id,
        organisationId: row.enterprise_id,
        before: { status: row.status },
        after: { ...changes },
      });
      return orderDetail(trx, actor, await visibleOrder(trx, actor, id));
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

  // ---- helpers ----

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
    const counter = await repo.planCounter(trx, plan);
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

  /** A step in the order's timeline, in the caller's transaction: the plan service's generated orders write theirs here. */
  async recordStep(...args: Parameters<typeof recordStep>): Promise<void> {
    await recordStep(...args);
  }

  /**
   * Runs `write` in a transaction with the next work-order number (WO + the county's year + 6 digits). Two
   * writers may draw the same number: the loser retries with the next one, so `write` must be repeatable.
   */
  async insertNumbered(now: Date, write: (trx: MaintenanceDb, number: string) => Promise<boolean>): Promise<boolean> {
    const prefix = `WO${countyYear(now, this.timeZone)}`;
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
