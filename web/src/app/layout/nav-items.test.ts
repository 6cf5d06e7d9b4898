import { ACCESS_POLICY, ROLES, type Permission, type Role } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser } from '@/test/render';
import routerSource from '../router.tsx?raw';
import { navItemsFor, selectedNavPath, type NavItem } from './nav-items';

/**
 * The permission each page of the router requires, read from router.tsx itself (`<Allow permission=…>`), so a
 * guard added or changed there is checked against the menus without a second list to keep up to date.
 */
const ROUTE_PERMISSIONS: ReadonlyMap<string, Permission> = new Map(
  [...routerSource.matchAll(/path: '([^']+)',\s*element: \(\s*<Allow permission="([a-z.]+)">/g)].map(([, path, permission]) => [
    `/${path}`,
    permission as Permission,
  ]),
);

const menuOf = (role: Role, organisationId = 'org-1'): NavItem[] => navItemsFor(makeUser(role, { organisationId }));

describe('the guards read from router.tsx', () => {
  it('cover the guarded pages (the pattern still matches the router)', () => {
    expect(ROUTE_PERMISSIONS.get('/parks')).toBe('parks.read');
    expect(ROUTE_PERMISSIONS.get('/requests/categories')).toBe('requests.office');
    expect(ROUTE_PERMISSIONS.get('/requests/calendar')).toBe('calendar.manage');
    expect(ROUTE_PERMISSIONS.get('/maintenance/county')).toBe('maintenance.county');
    expect(ROUTE_PERMISSIONS.get('/targets/tasks')).toBe('targets.read');
    expect(ROUTE_PERMISSIONS.size).toBeGreaterThanOrEqual(25);
    for (const permission of ROUTE_PERMISSIONS.values()) expect(Object.keys(ACCESS_POLICY)).toContain(permission);
  });
});

describe('the side menu of each role follows ACCESS_POLICY', () => {
  it.each(ROLES)('%s is offered no page that would answer 403', (role) => {
    for (const item of menuOf(role)) {
      const permission = ROUTE_PERMISSIONS.get(item.path);
      if (permission) expect(ACCESS_POLICY[permission], `${role} → ${item.path}`).toContain(role);
    }
  });

  it.each(ROLES)('%s finds every guarded page its role may open in the menu', (role) => {
    const paths = menuOf(role).map((item) => item.path);
    const menuPaths = new Set(ROLES.flatMap((r) => menuOf(r).map((item) => item.path)));
    for (const [path, permission] of ROUTE_PERMISSIONS) {
      // Detail pages (/assets/:id, /work-orders/:id…) are opened from their list, not from the menu.
      if (!menuPaths.has(path)) continue;
      expect(paths.includes(path), `${role} → ${path}`).toBe(ACCESS_POLICY[permission].includes(role));
    }
  });

  it('gives a department handler no office pages: no categories, calendar, statistics or screens', () => {
    const paths = menuOf('department_handler').map((item) => item.path);
    expect(paths).toEqual([
      '/',
      '/requests',
      '/departments',
      '/enterprises',
      '/projects',
      '/projects/statistics',
      '/targets',
      '/targets/tasks',
    ]);
  });

  it("links an enterprise user's own enterprise, and gives county staff the register instead", () => {
    const member = menuOf('enterprise_member', 'ent 7/a');
    expect(member.find((item) => item.label === 'nav.ownEnterprise')?.path).toBe('/enterprises/ent%207%2Fa');
    expect(member.map((item) => item.path)).not.toContain('/enterprises');
    const viewer = menuOf('county_viewer');
    expect(viewer.map((item) => item.label)).not.toContain('nav.ownEnterprise');
    expect(viewer.map((item) => item.path)).toContain('/enterprises');
  });

  it('starts every menu at home and lists each page once', () => {
    for (const role of ROLES) {
      const paths = menuOf(role).map((item) => item.path);
      expect(paths[0]).toBe('/');
      expect(new Set(paths).size).toBe(paths.length);
    }
  });
});

describe('selectedNavPath', () => {
  const items = menuOf('county_admin');

  it.each([
    ['/', '/'],
    ['/requests', '/requests'],
    ['/requests/42', '/requests'],
    ['/requests/statistics', '/requests/statistics'],
    ['/targets/tasks', '/targets/tasks'],
    ['/enterprises/e1', '/enterprises'],
    ['/requestsx', undefined],
    ['/tokens', undefined],
  ])('highlights %s as %s', (pathname, selected) => {
    expect(selectedNavPath(items, pathname)).toBe(selected);
  });
});
