// The work-order workflow as data (报修 → 派工 → 维修 → 验收): which action moves an order from which
// status to which, and who may take it. The service checks every action against this table; anything
// else is a 409 INVALID_TRANSITION.
import { OPEN_WORK_ORDER_STATUSES, type Actor, type WorkOrderAction, type WorkOrderStatus } from '@tiantai/shared';

/** manager: the keeping enterprise's admin; technician: any user of that enterprise (the admin too). */
export type Party = 'manager' | 'technician';

export interface Transition {
  from: readonly WorkOrderStatus[];
  by: Party;
  /** The status after the action; undefined keeps it (parts used). */
  to?: WorkOrderStatus;
}

export const TRANSITIONS: Record<WorkOrderAction, Transition> = {
  // re-assigning an order not yet started is allowed
  assign: { from: ['reported', 'assigned'], by: 'manager', to: 'assigned' },
  start: { from: ['assigned'], by: 'technician', to: 'in_progress' },
  hold: { from: ['in_progress'], by: 'technician', to: 'on_hold' },
  resume: { from: ['on_hold'], by: 'technician', to: 'in_progress' },
  use_part: { from: ['in_progress', 'on_hold'], by: 'technician' },
  complete: { from: ['in_progress'], by: 'technician', to: 'done' },
  accept: { from: ['done'], by: 'manager', to: 'accepted' },
  // 验收不通过: back to the technician
  reject: { from: ['done'], by: 'manager', to: 'in_progress' },
};

/**
 * Not an action anyone takes: when its asset goes to another keeper, the platform closes the old keeper's
 * orders still to be worked on as cancelled, with the reason 'transferred' (a done order still waits for 验收).
 */
export const CLOSED_ON_TRANSFER = { from: OPEN_WORK_ORDER_STATUSES, to: 'cancelled', reason: 'transferred' } as const satisfies {
  from: readonly WorkOrderStatus[];
  to: WorkOrderStatus;
  reason: string;
};

export function partiesOf(actor: Actor, order: { enterpriseId: string }): Set<Party> {
  const parties = new Set<Party>();
  if (actor.organisationKind !== 'enterprise' || actor.organisationId !== order.enterpriseId) return parties;
  parties.add('technician');
  if (actor.role === 'enterprise_admin') parties.add('manager');
  return parties;
}

export function allowedActions(parties: Set<Party>, status: WorkOrderStatus): WorkOrderAction[] {
  return (Object.entries(TRANSITIONS) as Array<[WorkOrderAction, Transition]>)
    .filter(([, t]) => parties.has(t.by) && t.from.includes(status))
    .map(([action]) => action);
}
