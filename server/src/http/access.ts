// The server's side of the access policy. Role rules come from shared/src/access.ts (the web's menus read the
// same declarations); the enterprise scope — an enterprise's users work on their own enterprise's data only —
// is one rule here with each module's own wording. Service methods call these first, before any query.
import { can, type Actor, type Permission } from '@tiantai/shared';
import { forbidden } from './errors';

/** 403 unless the actor's role holds `permission`. */
export function requirePermission(actor: Actor, permission: Permission, message: string): void {
  if (!can(actor.role, permission)) throw forbidden(message);
}

/**
 * For a module whose records belong to one enterprise: `enterpriseOf` gives the actor's enterprise (403 for
 * county and department staff, with `notEnterprise`), `requireAdmin` the same for its enterprise admin only.
 * Another enterprise's ids are then not found (404) by the module's own queries, which take this id.
 */
export function enterpriseScope(notEnterprise: string, notAdmin = 'Only the enterprise admin does this') {
  const enterpriseOf = (actor: Actor): string => {
    if (actor.organisationKind !== 'enterprise') throw forbidden(notEnterprise);
    return actor.organisationId;
  };
  const requireAdmin = (actor: Actor): string => {
    const enterpriseId = enterpriseOf(actor);
    if (actor.role !== 'enterprise_admin') throw forbidden(notAdmin);
    return enterpriseId;
  };
  return { enterpriseOf, requireAdmin };
}
