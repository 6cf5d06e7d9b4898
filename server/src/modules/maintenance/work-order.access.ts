// Who may touch a work order, beside enterprise scope (maintenance.access.ts): the services find the order in
// the actor's enterprise first (another's order is 404), then ask these about that order. The workflow's own
// parties per action stay in workflow.ts.
import type { Actor } from '@tiantai/shared';
import { forbidden, notFound } from '../../http/errors';
import { enterpriseOf } from './maintenance.access';
import * as repo from './maintenance.repository';
import type { MaintenanceDb, WorkOrderRow } from './maintenance.repository';
import { partiesOf } from './workflow';

/** The actor's enterprise's work order, or 404: another enterprise's ids are not found. */
export async function visibleOrder(db: MaintenanceDb, actor: Actor, id: string): Promise<WorkOrderRow> {
  const order = await repo.findWorkOrder(db, enterpriseOf(actor), id);
  if (!order) throw notFound('Work order');
  return order;
}

/** 403 with `message` unless the actor belongs to the enterprise running the order (the technician's side). */
export function requireRunningEnterprise(actor: Actor, row: WorkOrderRow, message: string): void {
  if (!partiesOf(actor, { enterpriseId: row.enterprise_id }).has('technician')) throw forbidden(message);
}

/** 403 with `message` unless the actor is the order's assigned technician or the enterprise admin. */
export function requireAssigneeOrAdmin(actor: Actor, row: WorkOrderRow, message: string): void {
  if (actor.role !== 'enterprise_admin' && row.assignee_user_id !== actor.userId) throw forbidden(message);
}
