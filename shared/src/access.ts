// Who may do what, declared once for both sides: the web shows only what a role may use, and the server
// checks the same declarations (server/src/http/access.ts) before it touches any data. Enterprise-scoped
// rules (one's own enterprise only, another's ids answer 404) are applied in the services on top of these.
import type { Role } from './identity';

export type Permission =
  | 'parks.read'
  | 'departments.read'
  | 'enterprises.read'
  | 'enterprises.edit'
  | 'enterprises.export'
  | 'registry.write'
  | 'users.manage'
  | 'audit.read'
  | 'audit.query'
  | 'requests.file'
  | 'requests.office'
  | 'requests.statistics'
  | 'calendar.manage'
  | 'assets.read'
  | 'assets.manage'
  | 'assets.summary'
  | 'maintenance.work'
  | 'maintenance.manage'
  | 'maintenance.county'
  | 'telemetry.read'
  | 'telemetry.manage'
  | 'telemetry.health'
  | 'screens.open'
  | 'screens.county'
  | 'screens.tokens'
  | 'projects.register'
  | 'projects.statistics'
  | 'targets.read'
  | 'targets.manage';

const COUNTY_READERS: readonly Role[] = ['county_admin', 'service_officer', 'county_viewer'];
/** The direct-service office (直通办): triage, dispatch, categories, the green-rate formula. */
const SERVICE_OFFICE: readonly Role[] = ['county_admin', 'service_officer'];

export const ACCESS_POLICY: Record<Permission, readonly Role[]> = {
  'parks.read': COUNTY_READERS,
  'departments.read': [...COUNTY_READERS, 'department_handler'],
  'enterprises.read': [...COUNTY_READERS, 'department_handler'],
  // An enterprise's profile: the county admin edits any, an enterprise admin its own (the service scopes it).
  'enterprises.edit': ['county_admin', 'enterprise_admin'],
  'enterprises.export': COUNTY_READERS,
  'registry.write': ['county_admin'],
  // The county admin administers every user, an enterprise admin its own enterprise's (the service scopes it).
  'users.manage': ['county_admin', 'enterprise_admin'],
  // The web's audit page is the county admin's; the audit API also answers an enterprise admin, with the
  // entries of its own enterprise only ('audit.query', scoped by the service).
  'audit.read': ['county_admin'],
  'audit.query': ['county_admin', 'enterprise_admin'],
  'requests.file': ['enterprise_admin', 'enterprise_member'],
  'requests.office': SERVICE_OFFICE,
  'requests.statistics': COUNTY_READERS,
  'calendar.manage': ['county_admin'],
  'assets.read': ['enterprise_admin', 'enterprise_member'],
  // The enterprise admin's '*.manage' below are what each module's enterpriseScope(…).requireAdmin checks on the
  // server (inside the actor's own enterprise). Plants, lines, assets, transfers, sharing the asset summary:
  'assets.manage': ['enterprise_admin'],
  // Asset counts: the county's across the county, an enterprise's over its own assets.
  'assets.summary': [...COUNTY_READERS, 'enterprise_admin', 'enterprise_member'],
  // Work orders, plans, spare parts and KPIs of the user's own enterprise; the county sees only roll-ups.
  'maintenance.work': ['enterprise_admin', 'enterprise_member'],
  // Plans, spare parts, inspection routes, sharing the KPIs:
  'maintenance.manage': ['enterprise_admin'],
  'maintenance.county': COUNTY_READERS,
  // Devices, live machine data and alarms of the user's own enterprise; the admin provisions devices and writes rules.
  'telemetry.read': ['enterprise_admin', 'enterprise_member'],
  // Provisioning devices, alarm rules:
  'telemetry.manage': ['enterprise_admin'],
  // The platform's ingest health (all enterprises' machine data arriving).
  'telemetry.health': ['county_admin'],
  // Big screens and their live streams: a plant's or the enterprise's for its users, the county's for county staff.
  'screens.open': [...COUNTY_READERS, 'enterprise_admin', 'enterprise_member'],
  'screens.county': COUNTY_READERS,
  // Kiosk tokens for wall displays: an enterprise admin its enterprise's screens, the county admin the county's.
  'screens.tokens': ['county_admin', 'enterprise_admin'],
  // Projects: every role has a list (the server scopes it); statistics, the export and targets are the government's.
  'projects.register': ['county_admin'],
  'projects.statistics': [...COUNTY_READERS, 'department_handler'],
  'targets.read': [...COUNTY_READERS, 'department_handler'],
  // Indicator targets and actuals, and the tasks assigned to departments.
  'targets.manage': ['county_admin'],
};

export function can(role: Role, permission: Permission): boolean {
  return ACCESS_POLICY[permission].includes(role);
}

export function isEnterpriseRole(role: Role): boolean {
  return role === 'enterprise_admin' || role === 'enterprise_member';
}
