// Who may see or do what in the web UI: the declarations of shared/src/access.ts, which the server checks too;
// here they only decide what to show, so a user is not offered a button that would answer 403.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { can, type Permission, type UserView } from '@tiantai/shared';

export { can, isEnterpriseRole, type Permission } from '@tiantai/shared';

/** The county admin edits any profile; an enterprise admin edits its own enterprise's profile. */
export function canEditEnterprise(user: UserView, enterpriseId: string): boolean {
  return can(user.role, 'enterprises.edit') && (user.organisationKind !== 'enterprise' || user.organisationId === enterpriseId);
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
