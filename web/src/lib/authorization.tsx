// Who may see or do what in the web UI. The server enforces every rule again; this only decides what to
// show, so a user is not offered a button that would answer 403.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Role, UserView } from '@tiantai/shared';

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

const POLICY: Record<Permission, readonly Role[]> = {
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
  return POLICY[permission].includes(role);
}

/** The county admin edits any profile; an enterprise admin edits its own enterprise's profile. */
export function canEditEnterprise(user: UserView, enterpriseId: string): boolean {
  return user.role === 'county_admin' || (user.role === 'enterprise_admin' && user.organisationId === enterpriseId);
}

export function isEnterpriseRole(role: Role): boolean {
  return role === 'enterprise_admin' || role === 'enterprise_member';
}

const CurrentUserContext = createContext<UserView | null>(null);

export function CurrentUserProvider({ user, children }: { user: UserView; children: ReactNode }) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

/** The signed-in user; only used below the authenticated layout. */
export function useCurrentUser(): UserView {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside <CurrentUserProvider>');
  return user;
}

export function useCan(permission: Permission): boolean {
  return can(useCurrentUser().role, permission);
}
