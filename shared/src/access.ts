// Who may do what, declared once for both sides: the web shows only what a role may use, and the server
// checks the same declarations (server/src/http/access.ts) before it touches any data. Enterprise-scoped
// rules (one's own enterprise only, another's ids answer 404) are applied in the services on top of these.
import type { Role } from './identity';

export type Permission =
  | 'parks.read'
  | 'departments.read'
  | 'enterprises.read'
  | 'registry.write'
  | 'users.manage'
  | 'audit.read'
  | 'requests.file'
  | 'requests.office'
  | 'requests.statistics'
  | 'calendar.manage'
  | 'assets.read'
  | 'maintenance.work'
  | 'maintenance.county'
  | 'telemetry.read'
  | 'screens.open'
  | 'projects.statistics'
  | 'targets.read';

const COUNTY_READERS: readonly Role[] = ['county_admin', 'service_officer', 'county_viewer'];
/** The direct-service office (直通办): triage, dispatch, categories, the green-rate formula. */
const SERVICE_OFFICE: readonly Role[] = ['county_admin', 'service_officer'];

export const ACCESS_POLICY: Record<Permission, readonly Role[]> = {
  'parks.read': COUNTY_READERS,
  'departments.read': [...COUNTY_READERS, 'department_handler'],
  'enterprises.read': [...COUNTY_READERS, 'department_handler'],
  'registry.write': ['county_admin'],
  'users.manage': ['county_admin', 'enterprise_admin'],
  'audit.read': ['county_admin'],
  'requests.file': ['enterprise_admin', 'enterprise_member'],
  'requests.office': SERVICE_OFFICE,
  'requests.statistics': COUNTY_READERS,
  'calendar.manage': ['county_admin'],
  'assets.read': ['enterprise_admin', 'enterprise_member'],
  // Work orders, plans, spare parts and KPIs of the user's own enterprise; the county sees only roll-ups.
  'maintenance.work': ['enterprise_admin', 'enterprise_member'],
  'maintenance.county': COUNTY_READERS,
  // Devices, live machine data and alarms of the user's own enterprise; the admin provisions devices and writes rules.
  'telemetry.read': ['enterprise_admin', 'enterprise_member'],
  // Big screens: a plant's or the enterprise's for its users, the county's for county staff.
  'screens.open': [...COUNTY_READERS, 'enterprise_admin', 'enterprise_member'],
  // Projects: every role has a list (the server scopes it); statistics and targets are the government's.
  'projects.statistics': [...COUNTY_READERS, 'department_handler'],
  'targets.read': [...COUNTY_READERS, 'department_handler'],
};

export function can(role: Role, permission: Permission): boolean {
  return ACCESS_POLICY[permission].includes(role);
}

export function isEnterpriseRole(role: Role): boolean {
  return role === 'enterprise_admin' || role === 'enterprise_member';
}
