// API tokens end with the password they were made under and with their user's access; they may expire and
// may be read-only. Kiosk screen tokens live only as long as their creator may manage the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';

/** The password factories' users choose at their first sign-in. */
const OWN_PASSWORD = 'Own-Password#2026';

describe.each(ENGINES)('API token limits on %s', (engine) => {
  let t: TestApp;
  let county: Client;
  let company: { id: string; admin: Client };
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    county = await countyAdmin(t);
    company = await enterprise(t.app, county);
  });
  afterAll(async () => t?.close());

  const newToken = async (client: Client, body: Record<string, unknown> = {}) => {
    const res = await client.post('/api/api-tokens', { name: '对接', ...body });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; token: string; scope: string; expiresAt: string | null }>();
  };
  const bearerGet = (token: string, url = '/api/auth/session') =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const tokenAudit = async (id: string) =>
    (await county.get(`/api/audit?entity=api_token&entityId=${id}`)).json<{ items: Array<{ action: string; after: unknown }> }>().items;

  it("ends a user's API tokens when the user changes the password", async () => {
    const member = await userOf(t.app, county, company.id, 'enterprise_member');
    const { id, token } = await newToken(member);
    expect((await bearerGet(token)).statusCode).toBe(200);
    const changed = await member.post('/api/auth/password', { currentPassword: OWN_PASSWORD, newPassword: 'Newer-Password#2026' });
    expect(changed.statusCode).toBe(204);
    const after = await bearerGet(token);
    expect([after.statusCode, errorCode(after)]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await member.get('/api/api-tokens')).json()).toEqual([]);
    expect(await tokenAudit(id)).toContainEqual(expect.objectContaining({ action: 'revoke', after: { reason: 'password_changed' } }));
  });

  it("ends a user's API tokens when an admin resets the password", async () => {
    const member = await userOf(t.app, county, company.id, 'enterprise_member');
    const { id, token } = await newToken(member);
    expect((await company.admin.patch(`/api/users/${member.userId}`, { password: 'Reset-Password#2026' })).statusCode).toBe(200);
    expect((await bearerGet(token)).statusCode).toBe(401);
    expect(await tokenAudit(id)).toContainEqual(expect.objectContaining({ action: 'revoke', after: { reason: 'password_reset' } }));
  });

  it('ends API tokens and sessions at deactivation, and reactivation does not revive them', async () => {
    const member = await userOf(t.app, county, company.id, 'enterprise_member');
    const { token } = await newToken(member);
    expect((await company.admin.patch(`/api/users/${member.userId}`, { active: false })).statusCode).toBe(200);
    expect((await bearerGet(token)).statusCode).toBe(401);
    expect((await member.get('/api/auth/session')).statusCode).toBe(401);
    expect((await company.admin.patch(`/api/users/${member.userId}`, { active: true })).statusCode).toBe(200);
    expect((await bearerGet(token)).statusCode).toBe(401);
    expect((await member.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses an expired token with 401 like an unknown one, and expiries in the past or over a year away', async () => {
    const member = await userOf(t.app, county, company.id, 'enterprise_member');
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const created = await newToken(member, { expiresAt: soon });
    expect(created.expiresAt).toBe(soon);
    expect((await bearerGet(created.token)).statusCode).toBe(200);
    expect((await member.get('/api/api-tokens')).json()).toEqual([
      expect.objectContaining({ id: created.id, expiresAt: soon, scope: 'full' }),
    ]);
    // The clock moves on: the row's expiry passes.
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', created.id)
      .execute();
    const expired = await bearerGet(created.token);
    expect([expired.statusCode, errorCode(expired)]).toEqual([401, 'UNAUTHENTICATED']);

    for (const expiresAt of [
      new Date(Date.now() - 60_000).toISOString(),
      new Date(Date.now() + 400 * 86_400_000).toISOString(),
      'tomorrow',
    ]) {
      const res = await member.post('/api/api-tokens', { name: '坏期限', expiresAt });
      expect([res.statusCode, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('lets a read token GET and refuses its writes with 403 TOKEN_READ_ONLY', async () => {
    const { token, scope } = await newToken(company.admin, { scope: 'read' });
    expect(scope).toBe('read');
    expect((await bearerGet(token, '/api/users')).statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: '提权' },
    });
    expect([write.statusCode, errorCode(write)]).toEqual([403, 'TOKEN_READ_ONLY']);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${company.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { contactPhone: '0576-83000001' },
    });
    expect([patch.statusCode, errorCode(patch)]).toEqual([403, 'TOKEN_READ_ONLY']);
    // Open311 takes its key in the form body: a read token files nothing there either.
    const filed = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: token,
        service_code: 'power',
        description: '只读令牌不能报件',
        address_string: '天台县',
      }).toString(),
    });
    expect(filed.statusCode, filed.body).toBe(403);
    expect(filed.json<Array<{ description: string }>>()[0]!.description).toMatch(/read-only/);
    expect((await company.admin.post('/api/api-tokens', { name: 'x', scope: 'admin' })).statusCode).toBe(400);
  });

  it('closes a kiosk screen token when its creator is deactivated or loses the right to manage it', async () => {
    const other = await enterprise(t.app, county);
    const plantId = await plant(other.admin);
    const kiosk = async (token: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/screens/plant/${plantId}?token=${token}` })).statusCode;
    const make = async () => {
      const res = await other.admin.post('/api/screen-tokens', { name: '车间大屏', screen: 'plant', plantId });
      expect(res.statusCode).toBe(201);
      return res.json<{ token: string }>().token;
    };
    const token = await make();
    expect(await kiosk(token)).toBe(200);
    expect((await county.patch(`/api/users/${other.admin.userId}`, { active: false })).statusCode).toBe(200);
    expect(await kiosk(token)).toBe(401);
    expect((await county.patch(`/api/users/${other.admin.userId}`, { active: true })).statusCode).toBe(200);

    // An admin made a member no longer manages screen tokens: the ones it made stop opening the screen.
    const admin = await userOf(t.app, county, other.id, 'enterprise_admin');
    const res = await admin.post('/api/screen-tokens', { name: '二号大屏', screen: 'plant', plantId });
    const second = res.json<{ token: string }>().token;
    expect(await kiosk(second)).toBe(200);
    expect((await county.patch(`/api/users/${admin.userId}`, { role: 'enterprise_member' })).statusCode).toBe(200);
    expect(await kiosk(second)).toBe(401);
  });

  it('lists the new fields in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>
      >;
    }>();
    const body = spec.paths['/api/api-tokens']!.post!.requestBody!.content['application/json']!.schema.properties;
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['name', 'expiresAt', 'scope']));
    expect(JSON.stringify(spec.paths['/api/api-tokens']!.get)).toContain('expiresAt');
  });
});
