// identity: organisations (county, departments, enterprises), users, roles, sessions, API tokens and the
// audit log. Other modules create organisations and write audit rows only through what this file exports.
export type { IdentityTables, OrganisationsTable } from './identity.tables';
export {
  IdentityService,
  bootstrapCountyAdmin,
  isLoopback,
  setPasswords,
  claimAppState,
  createOrganisation,
  provisionUser,
  recordAudit,
  renameOrganisation,
  type AuditInput,
} from './identity.service';
export { identityRoutes, SESSION_COOKIE, CSRF_COOKIE } from './identity.routes';
