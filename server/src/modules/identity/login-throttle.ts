/**
 * Counts failed logins per key (a username, a client address) in a sliding window. In-process: with several
 * instances each keeps its own count, which still bounds guessing to instances × limit per window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until the key may try again, 0 if it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? (recent[0] ?? now) + this.windowMs - now : 0;
  }

  recordFailure(key: string, now = Date.now()): void {
    // Random usernames must not grow the map without bound: sweep stale keys once it is large.
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.recent(k, now);
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
