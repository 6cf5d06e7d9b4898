/**
 * The throttle in front of every password check (sign-in, password change). Two independent limits, both
 * in-process (with several instances each keeps its own, which still bounds guessing to instances × limit):
 *
 * - per (username, address): the first `freeFailures` failures cost nothing, then each further one doubles
 *   the wait before the next try (1 s, 2 s, 4 s … up to `maxDelayMs`). It never locks the account: the same
 *   username from another address is not slowed at all, and a success from an address clears its count.
 * - per address, over every username: a leaky bucket of `addressCapacity` failures that drains over
 *   `addressDrainMs`. Once full, that address waits for the bucket to drain a slot; other addresses are not
 *   affected. The capacity leaves a county's or a factory's NAT room for its users' typos while limiting
 *   password spraying (many usernames, one password each) to one guess per drained slot.
 *
 * Attempts are counted as failures when they start and refunded when the password turns out right, so
 * concurrent attempts cannot all pass the check before the first failure is recorded. Both maps are capped:
 * past `maxKeys` the key that failed longest ago is forgotten first.
 */
export interface LoginThrottleOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A (username, address) with no failure for this long starts afresh. */
  forgetAfterMs: number;
  addressCapacity: number;
  /** The time a full address bucket takes to drain completely. */
  addressDrainMs: number;
  maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 4,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
  addressCapacity: 100,
  addressDrainMs: 3_600_000,
  maxKeys: 20_000,
};

/** Which limit refused an attempt. */
export type ThrottleLimit = 'user_address' | 'address';

export interface ThrottleVerdict {
  /** Milliseconds until this (username, address) may try again. */
  waitMs: number;
  limit: ThrottleLimit;
  /** The first refusal since the last counted failure of the limiting key: worth an audit row; later ones are not. */
  firstRefusal: boolean;
}

interface PairState {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
  refusalReported: boolean;
}

interface BucketState {
  level: number;
  at: number;
  refusalReported: boolean;
}

/** A Map that forgets its least recently written key past `max` keys. */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

export class LoginThrottle {
  private readonly pairs = new Map<string, PairState>();
  private readonly addresses = new Map<string, BucketState>();
  private readonly options: LoginThrottleOptions;

  constructor(
    options: Partial<LoginThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  }

  /**
   * Checks both limits and, when neither refuses, counts the attempt as a failure at once (so a burst of
   * concurrent attempts is throttled too). Returns null when the attempt may go on; the caller then reports
   * `succeeded` or leaves the failure counted.
   */
  begin(username: string, address: string): ThrottleVerdict | null {
    const now = this.now();
    const pairKey = this.pairKey(username, address);
    const pair = this.livePair(pairKey, now);
    const bucket = this.drainedBucket(address, now);
    const pairWait = pair ? Math.max(0, pair.blockedUntil - now) : 0;
    const slotMs = this.options.addressDrainMs / this.options.addressCapacity;
    const addressWait =
      bucket && bucket.level + 1 > this.options.addressCapacity ? Math.ceil((bucket.level + 1 - this.options.addressCapacity) * slotMs) : 0;
    if (pairWait > 0 || addressWait > 0) {
      const byPair = pairWait >= addressWait;
      const state = byPair ? pair! : bucket!;
      const firstRefusal = !state.refusalReported;
      state.refusalReported = true;
      return { waitMs: Math.max(pairWait, addressWait), limit: byPair ? 'user_address' : 'address', firstRefusal };
    }
    this.countFailure(pairKey, pair, address, bucket, now);
    return null;
  }

  /** The password was right: the (username, address) starts afresh and the address gets its slot back. */
  succeeded(username: string, address: string): void {
    this.pairs.delete(this.pairKey(username, address));
    const bucket = this.addresses.get(address);
    if (bucket) bucket.level = Math.max(0, bucket.level - 1);
  }

  /** Keys held, for tests of the memory bound. */
  get size(): { pairs: number; addresses: number } {
    return { pairs: this.pairs.size, addresses: this.addresses.size };
  }

  private countFailure(pairKey: string, pair: PairState | undefined, address: string, bucket: BucketState | undefined, now: number): void {
    const { freeFailures, baseDelayMs, maxDelayMs, maxKeys } = this.options;
    const failures = (pair?.failures ?? 0) + 1;
    const over = failures - freeFailures;
    // 2 ** over grows past maxDelayMs long before it overflows; cap the exponent anyway.
    const delay = over > 0 ? Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(over - 1, 40)) : 0;
    setBounded(this.pairs, pairKey, { failures, lastFailureAt: now, blockedUntil: now + delay, refusalReported: false }, maxKeys);
    setBounded(this.addresses, address, { level: (bucket?.level ?? 0) + 1, at: now, refusalReported: false }, maxKeys);
  }

  private livePair(key: string, now: number): PairState | undefined {
    const pair = this.pairs.get(key);
    if (pair && now - pair.lastFailureAt > this.options.forgetAfterMs) {
      this.pairs.delete(key);
      return undefined;
    }
    return pair;
  }

  /** The address's bucket with what has drained since it was last written taken off. */
  private drainedBucket(address: string, now: number): BucketState | undefined {
    const bucket = this.addresses.get(address);
    if (!bucket) return undefined;
    const drained = ((now - bucket.at) * this.options.addressCapacity) / this.options.addressDrainMs;
    bucket.level = Math.max(0, bucket.level - drained);
    bucket.at = now;
    if (bucket.level === 0) {
      this.addresses.delete(address);
      return undefined;
    }
    return bucket;
  }

  private pairKey(username: string, address: string): string {
    // A newline cannot occur in an address, so no two (username, address) pairs share a key.
    return `${address}\n${username}`;
  }
}
