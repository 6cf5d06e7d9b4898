import type { ReactNode } from 'react';
import { render, renderHook, screen } from '@testing-library/react';
import { ACCESS_POLICY, ROLES, type Permission, type Role } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser } from '@/test/render';
import { canEditEnterprise, CurrentUserProvider, isEnterpriseRole, useCan, useCurrentUser } from './authorization';

const PERMISSIONS = Object.keys(ACCESS_POLICY) as Permission[];

function asRole(role: Role, overrides = {}) {
  const user = makeUser(role, overrides);
  return ({ children }: { children: ReactNode }) => <CurrentUserProvider user={user}>{children}</CurrentUserProvider>;
}

/** Every permission the signed-in user's role has, as the UI sees them through useCan. */
function grantedTo(role: Role): Permission[] {
  const { result } = renderHook(() => PERMISSIONS.filter((p) => useCan(p)), { wrapper: asRole(role) });
  return result.current;
}

/** A stand-in for a page's office-only toolbar: the dispatch button appears only where useCan allows. */
function DispatchToolbar() {
  const office = useCan('requests.office');
  const files = useCan('requests.file');
  return (
    <div>
      {office && <button type="button">派单</button>}
      {files && <button type="button">提交诉求</button>}
    </div>
  );
}

describe('useCan follows ACCESS_POLICY for the signed-in user', () => {
  it.each(ROLES)('%s is granted exactly what the shared policy lists', (role) => {
    const expected = PERMISSIONS.filter((p) => ACCESS_POLICY[p].includes(role));
    expect(grantedTo(role)).toEqual(expected);
  });

  // The same facts written out by hand: a change to the policy that breaks one of them fails here.
  it('the office (county admin, service officer) triages and dispatches; no one else does', () => {
    expect(ROLES.filter((role) => grantedTo(role).includes('requests.office'))).toEqual(['county_admin', 'service_officer']);
  });

  it('a department handler reads the register, projects and targets, but neither dispatches nor writes', () => {
    expect(grantedTo('department_handler')).toEqual(['departments.read', 'enterprises.read', 'projects.statistics', 'targets.read']);
  });

  it("only enterprise users file requests and work on their enterprise's assets, machines and maintenance", () => {
    for (const role of ROLES) {
      const granted = grantedTo(role);
      const enterprise = role === 'enterprise_admin' || role === 'enterprise_member';
      for (const permission of ['requests.file', 'assets.read', 'maintenance.work', 'telemetry.read'] as const)
        expect(granted.includes(permission), `${role} ${permission}`).toBe(enterprise);
    }
  });

  it('only the county admin writes the register, reads the audit log and keeps the work calendar', () => {
    for (const permission of ['registry.write', 'audit.read', 'calendar.manage'] as const)
      expect(ROLES.filter((role) => grantedTo(role).includes(permission))).toEqual(['county_admin']);
    expect(grantedTo('enterprise_admin')).toContain('users.manage');
    expect(grantedTo('service_officer')).not.toContain('users.manage');
  });

  it.each([
    ['county_admin', ['派单']],
    ['service_officer', ['派单']],
    ['county_viewer', []],
    ['department_handler', []],
    ['enterprise_admin', ['提交诉求']],
    ['enterprise_member', ['提交诉求']],
  ] as const)('%s sees the buttons %j', (role, buttons) => {
    render(<DispatchToolbar />, { wrapper: asRole(role) });
    expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(buttons);
  });
});

describe('useCurrentUser', () => {
  it('gives the user of the surrounding provider', () => {
    const { result } = renderHook(() => useCurrentUser(), { wrapper: asRole('service_officer', { displayName: '李娜' }) });
    expect(result.current).toMatchObject({ role: 'service_officer', displayName: '李娜' });
  });

  it('refuses to run outside the authenticated layout', () => {
    expect(() => renderHook(() => useCurrentUser())).toThrow('useCurrentUser must be used inside <CurrentUserProvider>');
  });
});

describe('canEditEnterprise', () => {
  it('lets the county admin edit any enterprise profile', () => {
    expect(canEditEnterprise(makeUser('county_admin'), 'ent-1')).toBe(true);
  });

  it("lets an enterprise admin edit only its own enterprise's profile", () => {
    const admin = makeUser('enterprise_admin', { organisationId: 'ent-1' });
    expect(canEditEnterprise(admin, 'ent-1')).toBe(true);
    expect(canEditEnterprise(admin, 'ent-2')).toBe(false);
  });

  it.each(['service_officer', 'county_viewer', 'department_handler', 'enterprise_member'] as const)('denies %s', (role) => {
    // Even for the organisation the user belongs to.
    const user = makeUser(role, { organisationId: 'ent-1' });
    expect(canEditEnterprise(user, 'ent-1')).toBe(false);
  });
});

describe('isEnterpriseRole', () => {
  it('is true for the two enterprise roles only', () => {
    expect(ROLES.filter(isEnterpriseRole)).toEqual(['enterprise_admin', 'enterprise_member']);
  });
});
