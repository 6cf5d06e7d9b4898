// Who may change a project, beside the role rules of ACCESS_POLICY: the service finds the row in the actor's
// scope first (another's project is 404), then asks these about that project.
import type { Actor } from '@tiantai/shared';
import type { ProjectsTable } from './projects.tables';

/** Stage, plan and profile changes: the county admin, or the department responsible for the project. */
export function canEdit(actor: Actor, row: Pick<ProjectsTable, 'responsible_department_id'>): boolean {
  if (actor.role === 'county_admin') return true;
  return actor.role === 'department_handler' && row.responsible_department_id === actor.organisationId;
}

/** Progress (investment by month, milestone dates, output and tax): also the project's own enterprise. */
export function canReportProgress(actor: Actor, row: Pick<ProjectsTable, 'responsible_department_id' | 'enterprise_id'>): boolean {
  return canEdit(actor, row) || (actor.organisationKind === 'enterprise' && row.enterprise_id === actor.organisationId);
}
