import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, errorCode, login, type TestApp } from '../../../test/harness';

describe.each(ENGINES)('identity on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  describe('login and sessions', () => {
    it('logs in, reports the session and logs out', async () => {
      const admin = await login(t.app, 'admin');
      const session = await admin.get('/api/auth/session');
      expect(session.statusCode).toBe(200);
      expect(session.json().user).toMatchObject({ username: 'admin', role: 'county_admin', organisationKind: 'county' });

      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Tiantai@2026' } });
      const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
      expect(cookies.tt_session?.httpOnly).toBe(true);
      expect(cookies.tt_session?.sameSite).toBe('Lax');
      expect(cookies.tt_csrf?.httpOnly).toBeFalsy();

      expect((await admin.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await admin.get('/api/auth/session')).statusCode).toBe(401);
    });

    it('refuses a wrong password with INVALID_CREDENTIALS and an unknown user the same way', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'nope-nope' } });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'nope-nope' },
      });
      expect([wrong.statusCode, errorCode(wrong)]).toEqual([401, 'INVALID_CREDENTIALS']);
      expect([unknown.statusCode, errorCode(unknown)]).toEqual([401, 'INVALID_CREDENTIALS']);
    });

    it('slows a username down at the address that keeps failing, without locking it anywhere else', async () => {
      const admin = await login(t.app, 'admin');
      const county = (await admin.get('/api/organisations?kind=county')).json<Array<{ id: string }>>()[0]!;
      await admin.post('/api/users', {
        username: 'target',
        displayName: '被猜测',
        role: 'county_viewer',
        organisationId: county.id,
        password: 'Target#2026',
      });
      const attempt = (password: string, remoteAddress = '10.0.0.7') =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password }, remoteAddress });
      for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      // Each further failure doubles the wait (1 s, 2 s, …): one is refused before long.
      let slowed = await attempt('wrong-password');
      for (let i = 0; i < 6 && slowed.statusCode === 401; i++) slowed = await attempt('wrong-password');
      expect([slowed.statusCode, errorCode(slowed)]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // The right password from another address is not refused: the throttle is no lock on the account.
      expect((await attempt('Target#2026', '10.0.0.8')).statusCode).toBe(200);
    });

    it('refuses a cookie-authenticated write without the CSRF header', async () => {
      const admin = await login(t.app, 'admin');
      const res = await admin.request('POST', '/api/api-tokens', { name: 'x' }, { 'x-csrf-token': 'forged' });
      expect([res.statusCode, errorCode(res)]).toEqual([403, 'CSRF_FAILED']);
      const tokens = await admin.get('/api/api-tokens');
      expect(tokens.json()).toEqual([]);
    });

    it('answers 401 to anonymous API calls', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/enterprises' });
      expect([res.statusCode, errorCode(res)]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });

  describe('password change', () => {
    it('needs the current password, then signs out other sessions and accepts the new one', async () => {
      const first = await login(t.app, 'leader');
      const second = await login(t.app, 'leader');
      const bad = await first.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'Another#2026' });
      expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'INVALID_CREDENTIALS']);
      const short = await first.post('/api/auth/password', { currentPassword: 'Tiantai@2026', newPassword: 'short' });
      expect(errorCode(short)).toBe('VALIDATION_FAILED');

      expect((await first.post('/api/auth/password', { currentPassword: 'Tiantai@2026', newPassword: 'Another#2026' })).statusCode).toBe(
        204,
      );
      expect((await first.get('/api/auth/session')).statusCode).toBe(200);
      expect((await second.get('/api/auth/session')).statusCode).toBe(401);
      await expect(login(t.app, 'leader', 'Tiantai@2026')).rejects.toThrow(/401/);
      await login(t.app, 'leader', 'Another#2026');
    });
  });

  describe('passwords everyone knows', () => {
    const fromNetwork = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer', password }, remoteAddress: '192.168.10.23' });

    it('accepts the published demo password only from this machine', async () => {
      const remote = await fromNetwork('Tiantai@2026');
      expect([remote.statusCode, errorCode(remote)]).toEqual([403, 'PASSWORD_LOCAL_ONLY']);
      expect(remote.cookies).toEqual([]);
      const local = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'officer', password: 'Tiantai@2026' },
        remoteAddress: '::ffff:127.0.0.1',
      });
      expect(local.statusCode).toBe(200);
      // A wrong password from the network is a wrong password, as ever.
      expect(errorCode(await fromNetwork('not-the-password'))).toBe('INVALID_CREDENTIALS');
    });

    it('refuses the published password or the current one as a new password', async () => {
      const viewer = await login(t.app, 'zhujian');
      for (const newPassword of ['Tiantai@2026']) {
        const res = await viewer.post('/api/auth/password', { currentPassword: 'Tiantai@2026', newPassword });
        expect([res.statusCode, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('makes a user whose password an admin set choose a new one before anything else', async () => {
      const shanhe = await login(t.app, 'shanhe');
      const created = await shanhe.post('/api/users', {
        username: 'shanhe.fitter',
        displayName: '山河 钳工',
        role: 'enterprise_member',
        organisationId: shanhe.organisationId,
        password: 'First-By-Admin-1',
      });
      const id = created.json<{ id: string }>().id;
      // Created with a password the admin chose, and later reset by the admin: both times the user picks their own.
      expect(
        (await login(t.app, 'shanhe.fitter', 'First-By-Admin-1').then((c) => c.get('/api/auth/session'))).json().mustChangePassword,
      ).toBe(true);
      expect((await shanhe.patch(`/api/users/${id}`, { password: 'Set-By-Admin-1' })).statusCode).toBe(200);

      const tech = await login(t.app, 'shanhe.fitter', 'Set-By-Admin-1');
      const session = await tech.get('/api/auth/session');
      expect(session.json().mustChangePassword).toBe(true);
      for (const url of ['/api/work-orders', '/api/assets', '/api/notifications']) {
        const res = await tech.get(url);
        expect([res.statusCode, errorCode(res)], url).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
      }
      const token = await tech.post('/api/api-tokens', { name: 'bypass' });
      expect(errorCode(token)).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await tech.post('/api/auth/password', { currentPassword: 'Set-By-Admin-1', newPassword: 'Tech-Own-2026' })).statusCode).toBe(
        204,
      );
      expect((await tech.get('/api/auth/session')).json().mustChangePassword).toBe(false);
      expect((await tech.get('/api/work-orders')).statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('authenticates with a Bearer token without CSRF, and not after revocation', async () => {
      const yinlun = await login(t.app, 'yinlun');
      const created = await yinlun.post('/api/api-tokens', { name: 'MES 对接' });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json<{ token: string; id: string }>();
      expect(token).toMatch(/^tt_/);

      const bearer = { authorization: `Bearer ${token}` };
      const me = await t.app.inject({ method: 'GET', url: '/api/enterprises', headers: bearer });
      expect(me.statusCode).toBe(200);
      expect(me.json().items.map((e: { id: string }) => e.id)).toEqual([yinlun.organisationId]);
      const write = await t.app.inject({
        method: 'PATCH',
        url: `/api/enterprises/${yinlun.organisationId}`,
        headers: bearer,
        payload: { contactPhone: '0576-83000001' },
      });
      expect(write.statusCode).toBe(200);

      const listed = await yinlun.get('/api/api-tokens');
      expect(listed.json()).toEqual([expect.objectContaining({ id, name: 'MES 对接', prefix: token.slice(0, 10) })]);
      expect(JSON.stringify(listed.json())).not.toContain(token);

      const shanhe = await login(t.app, 'shanhe');
      expect((await shanhe.delete(`/api/api-tokens/${id}`)).statusCode).toBe(404);
      expect((await yinlun.delete(`/api/api-tokens/${id}`)).statusCode).toBe(204);
      const after = await t.app.inject({ method: 'GET', url: '/api/enterprises', headers: bearer });
      expect([after.statusCode, errorCode(after)]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });

  describe('user administration', () => {
    it('lets the county admin create a user for any organisation, with the role matching its kind', async () => {
      const admin = await login(t.app, 'admin');
      const orgs = (await admin.get('/api/organisations?kind=department')).json<Array<{ id: string; name: string }>>();
      const tax = orgs.find((o) => o.name === '国家税务总局天台县税务局')!;
      const wrongRole = await admin.post('/api/users', {
        username: 'tax1',
        displayName: '税务 张',
        role: 'enterprise_admin',
        organisationId: tax.id,
        password: 'Secret#2026',
      });
      expect([wrongRole.statusCode, errorCode(wrongRole)]).toEqual([400, 'VALIDATION_FAILED']);

      const created = await admin.post('/api/users', {
        username: 'tax1',
        displayName: '税务 张',
        role: 'department_handler',
        organisationId: tax.id,
        password: 'Secret#2026',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ username: 'tax1', organisationName: '国家税务总局天台县税务局', active: true });
      expect(created.json()).not.toHaveProperty('passwordHash');
      await login(t.app, 'tax1', 'Secret#2026');

      const again = await admin.post('/api/users', {
        username: 'TAX1',
        displayName: 'dup',
        role: 'department_handler',
        organisationId: tax.id,
        password: 'Secret#2026',
      });
      expect([again.statusCode, errorCode(again)]).toEqual([409, 'DUPLICATE']);
    });

    it('keeps an enterprise admin to its own enterprise and enterprise roles', async () => {
      const yinlun = await login(t.app, 'yinlun');
      const shanhe = await login(t.app, 'shanhe');
      const users = (await yinlun.get('/api/users')).json<{ items: Array<{ organisationId: string; username: string }> }>();
      expect(users.items.map((u) => u.username).sort()).toEqual(['yinlun', 'yinlun.tech']);
      expect(users.items.every((u) => u.organisationId === yinlun.organisationId)).toBe(true);
      const filteredToOther = await yinlun.get(`/api/users?organisationId=${shanhe.organisationId}`);
      expect(filteredToOther.json().total).toBe(0);

      const intoOther = await yinlun.post('/api/users', {
        username: 'spy',
        displayName: 'x',
        role: 'enterprise_member',
        organisationId: shanhe.organisationId,
        password: 'Secret#2026',
      });
      expect(intoOther.statusCode).toBe(404);
      const countyRole = await yinlun.post('/api/users', {
        username: 'boss',
        displayName: 'x',
        role: 'county_admin',
        organisationId: yinlun.organisationId,
        password: 'Secret#2026',
      });
      expect(countyRole.statusCode).toBe(400);

      const shanheUser = (await shanhe.get('/api/users')).json<{ items: Array<{ id: string }> }>().items[0]!;
      expect((await yinlun.get(`/api/users/${shanheUser.id}`)).statusCode).toBe(404);
      const hijack = await yinlun.patch(`/api/users/${shanheUser.id}`, { password: 'Hijacked#2026' });
      expect(hijack.statusCode).toBe(404);
      await login(t.app, 'shanhe'); // password unchanged

      const tech = await yinlun.post('/api/users', {
        username: 'yinlun.tech2',
        displayName: '银轮 技师 2',
        role: 'enterprise_member',
        organisationId: yinlun.organisationId,
        password: 'Secret#2026',
      });
      expect(tech.statusCode).toBe(201);
      const deactivated = await yinlun.patch(`/api/users/${tech.json().id}`, { active: false });
      expect(deactivated.json().active).toBe(false);
      await expect(login(t.app, 'yinlun.tech2', 'Secret#2026')).rejects.toThrow(/401/);
    });

    it('does not let a department handler or an enterprise member administer users', async () => {
      for (const username of ['zhujian', 'yinlun.tech', 'officer']) {
        const c = await login(t.app, username);
        expect((await c.get('/api/users')).statusCode).toBe(403);
        const create = await c.post('/api/users', {
          username: `x${username}`,
          displayName: 'x',
          role: 'enterprise_member',
          organisationId: c.organisationId,
          password: 'Secret#2026',
        });
        expect(create.statusCode).toBe(403);
        const self = await c.patch(`/api/users/${c.userId}`, { role: 'county_admin' });
        expect(self.statusCode).toBe(403);
      }
    });

    it('stops an admin from deactivating itself', async () => {
      const admin = await login(t.app, 'admin');
      const res = await admin.patch(`/api/users/${admin.userId}`, { active: false });
      expect([res.statusCode, errorCode(res)]).toEqual([409, 'CONFLICT']);
    });
  });

  describe('audit log', () => {
    it('records who changed what with before and after, without password hashes', async () => {
      const admin = await login(t.app, 'admin');
      const yinlun = await login(t.app, 'yinlun');
      const created = await yinlun.post('/api/users', {
        username: 'audit.me',
        displayName: '审计 前',
        role: 'enterprise_member',
        organisationId: yinlun.organisationId,
        password: 'Secret#2026',
      });
      const id = created.json().id as string;
      await yinlun.patch(`/api/users/${id}`, { displayName: '审计 后' });

      const entries = (await admin.get(`/api/audit?entity=user&entityId=${id}`)).json<{
        items: Array<{ action: string; actorUsername: string; before: { display_name: string } | null; after: { display_name: string } }>;
      }>();
      expect(entries.items.map((e) => e.action)).toEqual(['update', 'create']);
      expect(entries.items[0]).toMatchObject({
        actorUsername: 'yinlun',
        before: { display_name: '审计 前' },
        after: { display_name: '审计 后' },
      });
      expect(JSON.stringify(entries)).not.toContain('scrypt');

      const own = (await yinlun.get('/api/audit?entity=user')).json<{ items: Array<{ organisationId: string }> }>();
      expect(own.items.length).toBeGreaterThan(0);
      expect(own.items.every((e) => e.organisationId === yinlun.organisationId)).toBe(true);
      expect((await (await login(t.app, 'yinlun.tech')).get('/api/audit')).statusCode).toBe(403);
      expect((await (await login(t.app, 'zhujian')).get('/api/audit')).statusCode).toBe(403);
    });
  });

  describe('organisations', () => {
    it('shows an enterprise user only its own organisation', async () => {
      const shanhe = await login(t.app, 'shanhe');
      const orgs = (await shanhe.get('/api/organisations')).json<Array<{ id: string }>>();
      expect(orgs.map((o) => o.id)).toEqual([shanhe.organisationId]);
      const admin = await login(t.app, 'admin');
      expect((await admin.get('/api/organisations?kind=enterprise')).json()).toHaveLength(120);
    });
  });
});
