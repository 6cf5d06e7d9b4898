import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's scrypt floor in the form that needs the least memory per hash: N=2^14, r=8, p=5 (16 MiB; the same
 * work as N=2^17, p=1 at an eighth of its 128 MiB, which matters when sign-ins arrive together). Stored hashes
 * carry their cost, so a sign-in with a cheaper stored hash re-hashes the password at this cost.
 */
export const RECOMMENDED_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 5 };
const KEY_LENGTH = 32;

let cost = RECOMMENDED_COST;

/**
 * Tests only (server/test/harness.ts): hash at a lower cost, since suites create hundreds of users; the
 * running platform never calls this.
 */
export function setPasswordCost(next: ScryptCost): void {
  cost = next;
}

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** `scrypt$N$r$p$salt$key`, base64url parts: parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function costOf(stored: string): ScryptCost | null {
  const [scheme, n, r, p] = stored.split('$');
  const parsed = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || ![parsed.N, parsed.r, parsed.p].every((v) => Number.isSafeInteger(v) && v > 0)) return null;
  return parsed;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const storedCost = costOf(stored);
  const [, , , , salt, key] = stored.split('$');
  if (!storedCost || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, storedCost);
  return timingSafeEqual(actual, expected);
}

const work = (c: ScryptCost) => c.N * c.r * c.p;
/** True when the stored hash took less work or less memory than today's cost: the next sign-in re-hashes it. */
export function needsRehash(stored: string): boolean {
  const storedCost = costOf(stored);
  return !storedCost || work(storedCost) < work(cost) || storedCost.N * storedCost.r < cost.N * cost.r;
}

let dummy: { cost: ScryptCost; hash: Promise<string> } | null = null;
/** A hash at today's cost, so checking an unknown username takes as long as checking a real one. */
export function dummyHash(): Promise<string> {
  if (dummy?.cost !== cost) dummy = { cost, hash: hashPassword('not-a-real-password') };
  return dummy.hash;
}
