// Group commit for machine data: points from many messages wait a few milliseconds, are written in one
// transaction, and only then is each message's promise resolved (the QoS 1 PUBACK or the HTTP 200 waits
// for it). One flush runs at a time; what arrives meanwhile forms the next batch, so batches grow with load.
// A point already stored (a redelivered message) is skipped by the (series, ts) key; rollups and latest
// values are built from the rows actually inserted, so a redelivery never counts twice. Latest values are
// written every couple of seconds rather than with each batch (a third fewer row writes on the hot path);
// after a crash they may lag the stored points by that much.
import type { Kysely } from 'kysely';
import type { TelemetryDialect } from './dialect';
import { storeBatch, updateLatest, type SeriesPoint } from './points.repository';
import type { TelemetryTables } from './telemetry.tables';

export type { SeriesPoint } from './points.repository';

interface Pending {
  points: SeriesPoint[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface WriterOptions {
  /** Flush at once when this many points wait. */
  maxBatch: number;
  /** Otherwise flush this long after the first point arrived. */
  maxDelayMs: number;
}

function latestOf(points: readonly SeriesPoint[]): SeriesPoint[] {
  const latest = new Map<number, SeriesPoint>();
  for (const p of points) {
    const seen = latest.get(p.seriesId);
    if (!seen || p.ts >= seen.ts) latest.set(p.seriesId, p);
  }
  return [...latest.values()];
}

export class PointWriter {
  private pending: Pending[] = [];
  private pendingPoints = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** The newest committed point of each series since the last flushLatest: written apart from the hot path. */
  private latest = new Map<number, SeriesPoint>();
  /** Told of every committed batch: its size in points and its transaction's time (for the metrics). */
  onBatch: ((points: number, seconds: number) => void) | null = null;

  constructor(
    private readonly deps: {
      db: Kysely<TelemetryTables>;
      dialect: TelemetryDialect;
      options: WriterOptions;
      /** After each commit, with the points that were new (machine state, alarms, counters). */
      onCommitted: (inserted: SeriesPoint[]) => void;
    },
  ) {}

  get queued(): number {
    return this.pendingPoints;
  }

  /** Resolves once the points are committed; rejects if the transaction failed (nothing of it stored). */
  write(points: SeriesPoint[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the point writer is closed'));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ points, resolve, reject });
      this.pendingPoints += points.length;
      if (this.pendingPoints >= this.deps.options.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.deps.options.maxDelayMs);
    });
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      if (this.pendingPoints >= this.deps.options.maxBatch) this.kick();
      else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.kick(), this.deps.options.maxDelayMs);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingPoints = 0;
    const points = batch.flatMap((b) => b.points);
    let inserted: SeriesPoint[];
    const started = performance.now();
    try {
      inserted = await this.deps.db.transaction().execute((trx) => storeBatch(trx, this.deps.dialect, points));
    } catch (error) {
      for (const b of batch) b.reject(error);
      return;
    }
    this.onBatch?.(points.length, (performance.now() - started) / 1000);
    for (const b of batch) b.resolve();
    if (inserted.length === 0) return;
    for (const p of latestOf(inserted)) {
      const seen = this.latest.get(p.seriesId);
      if (!seen || p.ts >= seen.ts) this.latest.set(p.seriesId, p);
    }
    this.deps.onCommitted(inserted);
  }

  /** Writes the series' latest values gathered since the last call (every couple of seconds, and on close). */
  async flushLatest(): Promise<void> {
    if (this.latest.size === 0) return;
    const latest = [...this.latest.values()];
    this.latest = new Map();
    await updateLatest(this.deps.db, this.deps.dialect, latest);
  }

  /** Writes what waits, then refuses more. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.pending.length > 0) {
      this.kick();
      await this.flushing;
    }
    await this.flushLatest();
  }
}
