// The sign-in throttle on its own, on a clock the test moves: no database, no waiting.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottleOptions } from './login-throttle';

function throttle(options: Partial<LoginThrottleOptions> = {}) {
  const clock = { now: 1_000_000 };
  const t = new LoginThrottle(options, () => clock.now);
  /** One wrong password: the wait it met (0 if it was let through and counted). */
  const fail = (username: string, address: string) => t.begin(username, address)?.waitMs ?? 0;
  return { t, clock, fail };
}

describe('login throttle', () => {
  it('delays a (username, address) 1 s, 2 s, 4 s … after the free failures, up to 15 minutes', () => {
    const { t, clock, fail } = throttle();
    const { freeFailures } = DEFAULT_LOGIN_THROTTLE;
    for (let i = 0; i < freeFailures; i++) expect(fail('alice', '10.0.0.1')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      expect(fail('alice', '10.0.0.1')).toBe(0); // counted
      const refused = t.begin('alice', '10.0.0.1');
      expect(refused?.limit).toBe('user_address');
      waits.push(refused!.waitMs);
      clock.now += refused!.waitMs;
    }
    expect(waits.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(Math.max(...waits)).toBe(15 * 60_000);
    expect(waits.at(-1)).toBe(15 * 60_000);
  });

  it('never slows the same username from another address, and a success starts its (username, address) afresh', () => {
    const { t, fail } = throttle();
    for (let i = 0; i < 8; i++) fail('alice', '10.0.0.1');
    expect(t.begin('alice', '10.0.0.1')?.waitMs).toBeGreaterThan(0);
    expect(t.begin('alice', '10.0.0.2')).toBeNull();
    t.succeeded('alice', '10.0.0.2');

    const { t: other, fail: otherFail } = throttle();
    for (let i = 0; i < 4; i++) otherFail('bob', '10.0.0.3');
    expect(other.begin('bob', '10.0.0.3')).toBeNull();
    other.succeeded('bob', '10.0.0.3');
    // Four more free failures after a success.
    for (let i = 0; i < 4; i++) expect(otherFail('bob', '10.0.0.3')).toBe(0);
  });

  it('caps the failures of one address over every username, drains it slot by slot, and leaves other addresses alone', () => {
    const { t, clock, fail } = throttle({ addressCapacity: 10, addressDrainMs: 60_000 });
    for (let i = 0; i < 10; i++) expect(fail(`user${i}`, '10.0.0.9')).toBe(0);
    const refused = t.begin('someone-else', '10.0.0.9');
    expect(refused).toMatchObject({ limit: 'address', waitMs: 6000 });
    expect(t.begin('someone-else', '10.0.0.10')).toBeNull();
    clock.now += 6000;
    expect(t.begin('someone-else', '10.0.0.9')).toBeNull(); // one slot drained
    expect(t.begin('someone-else-2', '10.0.0.9')?.limit).toBe('address');
    // Right passwords give their slot back.
    t.succeeded('someone-else', '10.0.0.9');
    expect(t.begin('someone-else-2', '10.0.0.9')).toBeNull();
  });

  it('counts an attempt when it starts, so concurrent guesses cannot all pass the check', () => {
    const { t } = throttle();
    // Five begun and none finished yet: the sixth is refused already.
    for (let i = 0; i < 5; i++) expect(t.begin('carol', '10.0.0.4')).toBeNull();
    expect(t.begin('carol', '10.0.0.4')?.waitMs).toBe(1000);
  });

  it('reports only the first refusal of a throttled stretch', () => {
    const { t, clock, fail } = throttle();
    for (let i = 0; i < 5; i++) fail('dave', '10.0.0.5');
    expect(t.begin('dave', '10.0.0.5')?.firstRefusal).toBe(true);
    expect(t.begin('dave', '10.0.0.5')?.firstRefusal).toBe(false);
    clock.now += 1000;
    expect(t.begin('dave', '10.0.0.5')).toBeNull(); // counted: a new stretch of 2 s
    expect(t.begin('dave', '10.0.0.5')).toMatchObject({ firstRefusal: true, waitMs: 2000 });
  });

  it('forgets a (username, address) a day after its last failure', () => {
    const { clock, fail } = throttle();
    for (let i = 0; i < 5; i++) fail('erin', '10.0.0.6');
    clock.now += DEFAULT_LOGIN_THROTTLE.forgetAfterMs + 1;
    for (let i = 0; i < 4; i++) expect(fail('erin', '10.0.0.6')).toBe(0);
  });

  it('keeps its memory bounded, forgetting the key that failed longest ago', () => {
    const { t, fail } = throttle({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) fail(`spray${i}`, `10.1.${Math.floor(i / 250)}.${i % 250}`);
    expect(t.size).toEqual({ pairs: 100, addresses: 100 });
  });
});
