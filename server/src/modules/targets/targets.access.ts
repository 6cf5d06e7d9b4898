// Who works on targets, beside the role rules of ACCESS_POLICY: the county and its departments read them,
// and a task is reported on by its own department (or the county admin).
import type { Actor } from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import type { TaskRow } from './targets.repository';

/** Targets are the county's and its departments' business; enterprises do not see them. */
export function requireGovernment(actor: Actor): void {
  requirePermission(actor, 'targets.read', 'Targets are for the county and its departments');
}

/** Progress on a task: the department responsible for it, or the county admin. */
export function canReport(actor: Actor, row: Pick<TaskRow, 'department_id'>): boolean {
  return actor.role === 'county_admin' || (actor.role === 'department_handler' && actor.organisationId === row.department_id);
}
