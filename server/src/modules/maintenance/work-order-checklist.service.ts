import type { Actor, ChecklistTickBody, WorkOrderDetailView } from '@tiantai/shared';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import * as repo from './maintenance.repository';
import type { MaintenanceDb } from './maintenance.repository';
import { requireAssigneeOrAdmin, requireRunningEnterprise, visibleOrder } from './work-order.access';
import { orderDetail } from './work-order-views';

/**
 * A maintenance order's checklist (copied from its plan when the order was generated), ticked item by item
 * while the order runs. Completing the order checks that the required items are ticked (work-orders.service.ts).
 */
export class WorkOrderChecklistService {
  private readonly db: MaintenanceDb;
  private readonly now: () => Date;

  constructor(deps: {
    db: MaintenanceDb;
    /** The time source: tests set the clock. */
    now?: () => Date;
  }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Ticks one checklist item (pass / fail / n.a., a value, a note) while the order is in progress or on
   * hold; ticking again corrects it. The assigned technician or the admin does it.
   */
  async tick(actor: Actor, id: string, itemId: string, body: ChecklistTickBody): Promise<WorkOrderDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await visibleOrder(trx, actor, id);
      const item = await repo.findChecklistItem(trx, id, itemId);
      if (!item) throw notFound('Checklist item');
      requireRunningEnterprise(actor, row, 'Only users of the enterprise running the work order tick its checklist');
      requireAssigneeOrAdmin(actor, row, 'Only the assigned technician or the admin ticks this checklist');
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
      return orderDetail(trx, actor, await visibleOrder(trx, actor, id));
    });
  }
}
