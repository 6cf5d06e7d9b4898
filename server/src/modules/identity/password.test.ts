// Passwords are hashed at OWASP's scrypt cost and re-hashed at sign-in when stored at a lower one; the
// commonest passwords are refused wherever a password is chosen.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, enterprise, userOf } from '../../../test/factories';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import { TEST_PASSWORD_COST } from '../../../test/password-cost';
import { RECOMMENDED_COST, hashPassword, needsRehash, setPasswordCost, verifyPassword } from './password';

const OWN_PASSWORD = 'Own-Password#2026';

afterEach(() => setPasswordCost(TEST_PASSWORD_COST));

describe('password hashes', () => {
  it('hash at N=2^14, r=8, p=5 by default and verify only the right password', async () => {
    setPasswordCost(RECOMMENDED_COST);
    const hash = await hashPassword('Correct-Horse#2026');
    expect(hash).toMatch(/^scrypt\$16384\$8\$5\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('Correct-Horse#2026', hash)).toBe(true);
    expect(await verifyPassword('correct-horse#2026', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('call a cheaper or unreadable stored hash due for re-hashing', async () => {
    const cheap = await hashPassword('Correct-Horse#2026');
    setPasswordCost(RECOMMENDED_COST);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash('scrypt$16384$8$1$c2FsdA$a2V5')).toBe(true); // the cost before this change
    expect(needsRehash('bcrypt$garbage')).toBe(true);
    expect(await verifyPassword('x', 'scrypt$NaN$8$1$c2FsdA$a2V5')).toBe(false);
  });
});

describe.each(ENGINES)('passwords on %s', (engine) => {
  let t: TestApp;
  let county: Client;
  let company: { id: string; admin: Client };
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    county = await countyAdmin(t);
    company = await enterprise(t.app, county);
  });
  afterAll(async () => t?.close());

  const storedHash = async (userId: string) =>
    (await t.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;

  it('re-hashes a password stored at a lower cost when its user signs in, once', async () => {
    const member = await userOf(t.app, county, company.id, 'enterprise_member');
    expect(await storedHash(member.userId)).toMatch(/^scrypt\$1024\$8\$1\$/);

    setPasswordCost(RECOMMENDED_COST);
    await login(t.app, member.username, OWN_PASSWORD);
    const rehashed = await storedHash(member.userId);
    expect(rehashed).toMatch(/^scrypt\$16384\$8\$5\$/);
    await login(t.app, member.username, OWN_PASSWORD);
    expect(await storedHash(member.userId)).toBe(rehashed);

    const audit = (await county.get(`/api/audit?entity=user&entityId=${member.userId}`)).json<{ items: Array<{ action: string }> }>();
    expect(audit.items.filter((row) => row.action === 'rehash_password')).toHaveLength(1);
  });

  it('keeps the stored hash when the password is wrong', async () => {
    const member = await userOf(t.app, county, company.id, 'enterprise_member');
    const before = await storedHash(member.userId);
    setPasswordCost(RECOMMENDED_COST);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: member.username, password: 'Wrong-Password#1' },
    });
    expect(res.statusCode).toBe(401);
    expect(await storedHash(member.userId)).toBe(before);
  });

  it.each(['password123', 'Password123', 'woaini1314', '1qaz2wsx', 'P@ssw0rd', '12345678', 'Admin@123'])(
    'refuses %s as a new, created or reset password',
    async (common) => {
      const member = await userOf(t.app, county, company.id, 'enterprise_member');
      const changed = await member.post('/api/auth/password', { currentPassword: OWN_PASSWORD, newPassword: common });
      expect([changed.statusCode, errorCode(changed)]).toEqual([400, 'VALIDATION_FAILED']);
      expect(changed.body).toContain('commonest passwords');
      const reset = await company.admin.patch(`/api/users/${member.userId}`, { password: common });
      expect([reset.statusCode, errorCode(reset)]).toEqual([400, 'VALIDATION_FAILED']);
      const created = await company.admin.post('/api/users', {
        username: `common${Math.random().toString(36).slice(2, 8)}`,
        displayName: '弱密码',
        role: 'enterprise_member',
        organisationId: company.id,
        password: common,
      });
      expect([created.statusCode, errorCode(created)]).toEqual([400, 'VALIDATION_FAILED']);
      // The member still signs in with the password it had.
      await login(t.app, member.username, OWN_PASSWORD);
    },
  );
});
