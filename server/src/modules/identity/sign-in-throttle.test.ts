// Issue #13, item 1: the sign-in throttle slows a guesser down without becoming a weapon against the account.
// Through the real app (addresses set with app.inject's remoteAddress), and on the service with a clock the
// test moves for the delays themselves.
import type { Actor } from '@tiantai/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin } from '../../../test/factories';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import { loadConfig } from '../../config';
import { withTablesOf } from '../../db/connection';
import type { IdentityTables } from './identity.tables';
import type { LoginThrottleOptions } from './login-throttle';
import { IdentityService, provisionUser } from '.';

const PASSWORD = 'Right-Pass#2026';

let serial = 0;
const unique = (prefix: string) => `${prefix}${process.pid.toString(36)}x${(++serial).toString(36)}`;

interface AuditItem {
  action: string;
  actorUserId: string | null;
  actorUsername: string | null;
  organisationId: string | null;
  entityId: string;
  after: Record<string, unknown> | null;
}

/** Wrong passwords until one is refused with 429; the answers met on the way. */
async function failUntilThrottled(attempt: (i: number) => Promise<LightMyRequestResponse>) {
  const answers: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await attempt(i);
    answers.push(res.statusCode);
    if (res.statusCode === 429) return { res, answers };
  }
  throw new Error(`never throttled: ${answers.join(' ')}`);
}

function expectRetryAfter(res: LightMyRequestResponse) {
  expect([res.statusCode, errorCode(res)]).toEqual([429, 'RATE_LIMITED']);
  const header = Number(res.headers['retry-after']);
  expect(header).toBeGreaterThanOrEqual(1);
  expect(res.json().error.details.retryAfterSeconds).toBe(header);
}

describe.each(ENGINES)('sign-in throttle on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  /** A county user with PASSWORD, made directly in the database: its username and id. */
  const user = async (db = t.db, organisationId = admin.organisationId) => {
    const username = unique('th');
    const id = await provisionUser(db, { organisationId, username, displayName: '节流', role: 'county_viewer', password: PASSWORD });
    return { username, id };
  };
  const signIn = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const audit = async (client: Client, entityId: string) =>
    (await client.get(`/api/audit?entity=session&entityId=${entityId}&pageSize=200`)).json<{ items: AuditItem[] }>().items;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    admin = await countyAdmin(t);
  });
  afterAll(async () => t?.close());

  describe('through the app', () => {
    it('after five wrong passwords from one address, the right one from another address signs in at once', async () => {
      const { username } = await user();
      const { res, answers } = await failUntilThrottled(() => signIn(username, 'wrong-password', '10.20.0.1'));
      expect(answers.slice(0, 5)).toEqual(Array(5).fill(401));
      expectRetryAfter(res);
      expect((await signIn(username, PASSWORD, '10.20.0.2')).statusCode).toBe(200);
    });

    it('35 failures from one address over many usernames lock out no one: not a colleague there, not the sprayed user elsewhere', async () => {
      const sprayed = await user();
      const colleague = await user();
      for (let i = 0; i < 35; i++) {
        const username = i % 10 === 0 ? sprayed.username : unique('nobody');
        expect((await signIn(username, 'Spring2026!', '10.30.0.1')).statusCode).toBe(401);
      }
      // A county behind one NAT: the address has room for its users' typos.
      expect((await signIn(colleague.username, PASSWORD, '10.30.0.1')).statusCode).toBe(200);
      expect((await signIn(sprayed.username, PASSWORD, '10.30.0.2')).statusCode).toBe(200);
      expect((await signIn(sprayed.username, PASSWORD, '10.30.0.1')).statusCode).toBe(200);
    });

    it('throttles wrong current passwords on POST /api/auth/password with 429 and Retry-After', async () => {
      const { username } = await user();
      const client = await login(t.app, username, PASSWORD);
      const { res, answers } = await failUntilThrottled(() =>
        client.post('/api/auth/password', { currentPassword: 'not-my-password', newPassword: 'Brand-New#2026' }),
      );
      expect(answers.slice(0, 5)).toEqual(Array(5).fill(400));
      expectRetryAfter(res);
      const trail = (await admin.get(`/api/audit?entity=user&entityId=${client.userId}`)).json<{ items: AuditItem[] }>().items;
      expect(trail.filter((e) => e.action === 'change_password_failed').length).toBeGreaterThanOrEqual(5);
      expect(trail.find((e) => e.action === 'change_password_throttled')).toMatchObject({ actorUsername: username });
      expect(JSON.stringify(trail)).not.toContain('not-my-password');
    });

    it('writes failed and throttled sign-ins to the audit log, without the password', async () => {
      const target = await user();
      await failUntilThrottled(() => signIn(target.username, 'Secret-Guess-1', '10.40.0.1'));
      // Refusals cost a client nothing to repeat: they do not each add a row.
      for (let i = 0; i < 5; i++) expect((await signIn(target.username, 'Secret-Guess-1', '10.40.0.1')).statusCode).toBe(429);
      const ghost = unique('ghost');
      expect((await signIn(ghost, 'Secret-Guess-2', '10.40.0.1')).statusCode).toBe(401);

      const rows = await audit(admin, target.id);
      const failed = rows.filter((e) => e.action === 'login_failed');
      const refused = rows.filter((e) => e.action === 'login_throttled');
      expect(failed.length).toBeGreaterThanOrEqual(5);
      for (const row of failed) {
        expect(row).toMatchObject({ actorUserId: null, actorUsername: null, organisationId: admin.organisationId });
        expect(row.after).toEqual({ username: target.username, address: '10.40.0.1', reason: 'wrong_password' });
      }
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused.length).toBeLessThanOrEqual(failed.length - 4);
      expect(refused[0]!.after).toMatchObject({ username: target.username, address: '10.40.0.1', limit: 'user_address' });

      const unknown = (await audit(admin, 'unknown')).filter((e) => e.after?.username === ghost);
      expect(unknown).toEqual([
        expect.objectContaining({
          action: 'login_failed',
          organisationId: null,
          after: { username: ghost, address: '10.40.0.1', reason: 'unknown_user' },
        }),
      ]);
      expect(JSON.stringify([rows, unknown])).not.toContain('Secret-Guess');
    });
  });

  describe('behind a proxy (TRUST_PROXY=1)', () => {
    let proxied: TestApp;
    let proxiedAdmin: Client;
    beforeAll(async () => {
      proxied = await createTestApp(engine, { demo: false, config: { trustProxy: loadConfig({ TRUST_PROXY: '1' }).trustProxy } });
      proxiedAdmin = await countyAdmin(proxied);
    });
    afterAll(async () => proxied?.close());

    /** Through the proxy at 10.0.0.1, which appends the address it saw to what the client sent. */
    const viaProxy = (username: string, password: string, forwardedFor: string) =>
      proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor },
      });

    it('gives a forged left-most X-Forwarded-For no fresh budget: the client is the address the proxy saw', async () => {
      const target = await user(proxied.db, proxiedAdmin.organisationId);
      const { res, answers } = await failUntilThrottled((i) =>
        viaProxy(target.username, 'wrong-password', `198.51.100.${i + 1}, 203.0.113.5`),
      );
      expect(answers.slice(0, 5)).toEqual(Array(5).fill(401));
      expectRetryAfter(res);

      const rows = await audit(proxiedAdmin, target.id);
      const addresses = new Set(rows.map((e) => e.after?.address));
      expect([...addresses]).toEqual(['203.0.113.5']);
      // Another client behind the same proxy is another address: the account is not locked for it.
      expect((await viaProxy(target.username, PASSWORD, '203.0.113.77')).statusCode).toBe(200);
    });
  });

  describe('on the service, with a clock', () => {
    const clock = { now: Date.parse('2026-03-01T08:00:00Z') };
    const service = (throttle: Partial<LoginThrottleOptions> = {}) =>
      new IdentityService({ db: withTablesOf<IdentityTables>(t.db), sessionDays: 1, throttle, now: () => clock.now });
    const rejected = (statusCode: number, code: string) => ({ statusCode, code });

    it('refuses even the right password from the failing address until its delay has passed, never from another address', async () => {
      const s = service();
      const { username } = await user();
      for (let i = 0; i < 5; i++)
        await expect(s.login({ username, password: 'wrong' }, '10.50.0.1')).rejects.toMatchObject(rejected(401, 'INVALID_CREDENTIALS'));
      await expect(s.login({ username, password: PASSWORD }, '10.50.0.1')).rejects.toMatchObject({
        statusCode: 429,
        details: { retryAfterSeconds: 1 },
      });
      await s.login({ username, password: PASSWORD }, '10.50.0.2');
      clock.now += 1000;
      await s.login({ username, password: PASSWORD }, '10.50.0.1');
    });

    it('counts wrong current passwords like wrong sign-ins of the same user from the same address', async () => {
      const s = service();
      const { username } = await user();
      const { user: view } = await s.login({ username, password: PASSWORD }, '10.60.0.1');
      const actor: Actor = {
        userId: view.id,
        username: view.username,
        role: view.role,
        organisationId: view.organisationId,
        organisationKind: view.organisationKind,
        via: 'session',
      };
      const change = (currentPassword: string) =>
        s.changePassword(actor, { currentPassword, newPassword: 'Brand-New#2026' }, undefined, '10.60.0.1');
      for (let i = 0; i < 5; i++) await expect(change('wrong')).rejects.toMatchObject(rejected(400, 'INVALID_CREDENTIALS'));
      await expect(change(PASSWORD)).rejects.toMatchObject(rejected(429, 'RATE_LIMITED'));
      await expect(s.login({ username, password: PASSWORD }, '10.60.0.1')).rejects.toMatchObject(rejected(429, 'RATE_LIMITED'));
      clock.now += 1000;
      await change(PASSWORD);
    });

    it('makes a spraying address wait once its cap is full, while every other address signs in', async () => {
      const s = service({ addressCapacity: 6, addressDrainMs: 60_000 });
      const { username } = await user();
      for (let i = 0; i < 6; i++)
        await expect(s.login({ username: unique('spray'), password: 'Spring2026!' }, '10.70.0.1')).rejects.toMatchObject(
          rejected(401, 'INVALID_CREDENTIALS'),
        );
      await expect(s.login({ username, password: PASSWORD }, '10.70.0.1')).rejects.toMatchObject({
        statusCode: 429,
        details: { retryAfterSeconds: 10 },
      });
      await s.login({ username, password: PASSWORD }, '10.70.0.2');
      clock.now += 10_000;
      await s.login({ username, password: PASSWORD }, '10.70.0.1');
    });
  });
});
