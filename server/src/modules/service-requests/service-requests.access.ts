// Who sees which request: an enterprise its own, a department handler those its department handles (lead or
// co-handling), county staff all; another's request is not found (404). Who may take which workflow action
// stays in workflow.ts.
import { COUNTY_ROLES, type Actor } from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import { forbidden, notFound } from '../../http/errors';
import * as repo from './service-requests.repository';
import type { RequestRow, ServiceRequestDb } from './service-requests.repository';

/** The requests the actor sees, as a list filter; 403 for anyone else. */
export function requestScope(actor: Actor): Pick<repo.RequestFilter, 'enterpriseId' | 'involvingDepartmentId'> {
  if (actor.organisationKind === 'enterprise') return { enterpriseId: actor.organisationId };
  if (actor.role === 'department_handler') return { involvingDepartmentId: actor.organisationId };
  if (COUNTY_ROLES.includes(actor.role)) return {};
  throw forbidden();
}

/** The request if the actor sees it, else 404. */
export async function visibleRequest(db: ServiceRequestDb, actor: Actor, id: string): Promise<RequestRow> {
  const row = await repo.findRequest(db, id);
  if (!row) throw notFound('Request');
  const scope = requestScope(actor);
  if (scope.enterpriseId && row.enterprise_id !== scope.enterpriseId) throw notFound('Request');
  if (scope.involvingDepartmentId) {
    const departments = await repo.listRequestDepartments(db, [id]);
    if (!departments.some((d) => d.department_id === scope.involvingDepartmentId)) throw notFound('Request');
  }
  return row;
}

/** 403 unless the actor is the direct-service office (直通办). */
export function requireOffice(actor: Actor): void {
  requirePermission(actor, 'requests.office', 'Only the direct-service office does this');
}
