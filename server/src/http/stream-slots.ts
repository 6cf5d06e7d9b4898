import { AppError } from './errors';

/**
 * Open server-sent event streams per holder (a user, or a kiosk screen token): a stream holds a connection,
 * a subscription and a heartbeat for as long as the client keeps it, so one account must not open thousands.
 * Ten covers a person's browser tabs and a wall display or two.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly perHolder = 10) {}

  /** Takes a slot for `holder` and returns its release (call it once, when the stream ends), or answers 429. */
  take(holder: string): () => void {
    const count = this.open.get(holder) ?? 0;
    if (count >= this.perHolder)
      throw new AppError(429, 'RATE_LIMITED', `At most ${this.perHolder} open streams per user; close another tab or screen first`);
    this.open.set(holder, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(holder) ?? 1) - 1;
      if (left > 0) this.open.set(holder, left);
      else this.open.delete(holder);
    };
  }
}
