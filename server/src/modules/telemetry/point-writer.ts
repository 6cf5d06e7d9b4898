// Group commit for machine data: points from many messages wait a few milliseconds, are written in one
// transaction, and only then is each message's promise resolved (the QoS 1 PUBACK or the HTTP 200 waits
// for it). One flush runs at a time; what arrives meanwhile forms the next batch, so batches grow with load.
// A point already stored (a redelivered message) is skipped by the (series, ts) key; rollups and latest
// values are built from the rows actually inserted, so a redelivery never counts twice. Latest values are
// written every couple of seconds rather than with each batch (a third fewer row writes on the hot path);
// after a crash they may lag the stored points by that much.
import { sql, type Kysely } from 'kysely';
import type { DbEngine } from '../../db/connection';
import type { TelemetryTables } from './telemetry.tables';

export interface SeriesPoint {
  seriesId: number;
  ts: number;
  value: number;
}

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

const MINUTE = 60_000;

interface Rollup {
  seriesId: number;
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTs: number;
}

export function rollupsOf(points: readonly SeriesPoint[], bucketMs: number): Rollup[] {
  const byKey = new Map<string, Rollup>();
  for (const p of points) {
    const bucket = p.ts - (p.ts % bucketMs);
    const key = `${p.seriesId}:${bucket}`;
    const r = byKey.get(key);
    if (!r) {
      byKey.set(key, { seriesId: p.seriesId, bucket, min: p.value, max: p.value, sum: p.value, count: 1, last: p.value, lastTs: p.ts });
      continue;
    }
    r.min = Math.min(r.min, p.value);
    r.max = Math.max(r.max, p.value);
    r.sum += p.value;
    r.count += 1;
    if (p.ts >= r.lastTs) {
      r.last = p.value;
      r.lastTs = p.ts;
    }
  }
  return [...byKey.values()];
}

function latestOf(points: readonly SeriesPoint[]): SeriesPoint[] {
  const latest = new Map<number, SeriesPoint>();
  for (const p of points) {
    const seen = latest.get(p.seriesId);
    if (!seen || p.ts >= seen.ts) latest.set(p.seriesId, p);
  }
  return [...latest.values()];
}

/** Writes one batch in the caller's transaction and returns the points that were new. */
export async function storeBatch(trx: Kysely<TelemetryTables>, engine: DbEngine, points: readonly SeriesPoint[]): Promise<SeriesPoint[]> {
  if (points.length === 0) return [];
  let inserted: SeriesPoint[];
  if (engine === 'postgres') {
    const result = await sql<{ series_id: number; ts: number; value: number }>`
      insert into telemetry_points (series_id, ts, value)
      select * from unnest(${points.map((p) => p.seriesId)}::int[], ${points.map((p) => p.ts)}::bigint[], ${points.map((p) => p.value)}::float8[])
      on conflict do nothing returning series_id, ts, value`.execute(trx);
    inserted = result.rows.map((r) => ({ seriesId: r.series_id, ts: Number(r.ts), value: r.value }));
  } else {
    const json = JSON.stringify(points.map((p) => [p.seriesId, p.ts, p.value]));
    const result = await sql<{ series_id: number; ts: number; value: number }>`
      insert into telemetry_points (series_id, ts, value)
      select j.value ->> 0, j.value ->> 1, j.value ->> 2 from json_each(${json}) j where true
      on conflict do nothing returning series_id, ts, value`.execute(trx);
    inserted = result.rows.map((r) => ({ seriesId: r.series_id, ts: r.ts, value: r.value }));
  }
  if (inserted.length === 0) return inserted;
  await upsertRollups(trx, engine, 'telemetry_rollup_1m', rollupsOf(inserted, MINUTE));
  return inserted;
}

export async function upsertRollups(
  trx: Kysely<TelemetryTables>,
  engine: DbEngine,
  table: 'telemetry_rollup_1m' | 'telemetry_rollup_1h',
  rollups: readonly Rollup[],
): Promise<void> {
  if (rollups.length === 0) return;
  const t = sql.table(table);
  const merge = sql`
    on conflict (series_id, bucket) do update set
      min = ${engine === 'postgres' ? sql`least` : sql`min`}(${t}.min, excluded.min),
      max = ${engine === 'postgres' ? sql`greatest` : sql`max`}(${t}.max, excluded.max),
      sum = ${t}.sum + excluded.sum,
      count = ${t}.count + excluded.count,
      last = case when excluded.last_ts >= ${t}.last_ts then excluded.last else ${t}.last end,
      last_ts = case when excluded.last_ts >= ${t}.last_ts then excluded.last_ts else ${t}.last_ts end`;
  if (engine === 'postgres') {
    const col = <K extends keyof Rollup>(k: K) => rollups.map((r) => r[k]);
    await sql`insert into ${t} (series_id, bucket, min, max, sum, count, last, last_ts)
      select * from unnest(${col('seriesId')}::int[], ${col('bucket')}::bigint[], ${col('min')}::float8[], ${col('max')}::float8[],
        ${col('sum')}::float8[], ${col('count')}::int[], ${col('last')}::float8[], ${col('lastTs')}::bigint[])
      ${merge}`.execute(trx);
    return;
  }
  const json = JSON.stringify(rollups.map((r) => [r.seriesId, r.bucket, r.min, r.max, r.sum, r.count, r.last, r.lastTs]));
  await sql`insert into ${t} (series_id, bucket, min, max, sum, count, last, last_ts)
    select j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7
    from json_each(${json}) j where true
    ${merge}`.execute(trx);
}

/** Keeps each series' latest value; conditional on time, so it may run at any moment after the points' commit. */
export async function updateLatest(trx: Kysely<TelemetryTables>, engine: DbEngine, latest: readonly SeriesPoint[]): Promise<void> {
  if (latest.length === 0) return;
  if (engine === 'postgres') {
    await sql`update telemetry_series s set last_ts = u.ts, last_value = u.value
      from unnest(${latest.map((p) => p.seriesId)}::int[], ${latest.map((p) => p.ts)}::bigint[], ${latest.map((p) => p.value)}::float8[])
        as u(id, ts, value)
      where s.id = u.id and s.last_ts <= u.ts`.execute(trx);
    return;
  }
  const json = JSON.stringify(latest.map((p) => [p.seriesId, p.ts, p.value]));
  await sql`update telemetry_series set last_ts = u.ts, last_value = u.value
    from (select j.value ->> 0 as id, j.value ->> 1 as ts, j.value ->> 2 as value from json_each(${json}) j) as u
    where telemetry_series.id = u.id and telemetry_series.last_ts <= u.ts`.execute(trx);
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
    private readonly db: Kysely<TelemetryTables>,
    private readonly engine: DbEngine,
    private readonly options: WriterOptions,
    /** After each commit, with the points that were new (machine state, alarms, counters). */
    private readonly onCommitted: (inserted: SeriesPoint[]) => void,
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
      if (this.pendingPoints >= this.options.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.maxDelayMs);
    });
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      if (this.pendingPoints >= this.options.maxBatch) this.kick();
      else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.kick(), this.options.maxDelayMs);
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
      inserted = await this.db.transaction().execute((trx) => storeBatch(trx, this.engine, points));
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
    this.onCommitted(inserted);
  }

  /** Writes the series' latest values gathered since the last call (every couple of seconds, and on close). */
  async flushLatest(): Promise<void> {
    if (this.latest.size === 0) return;
    const latest = [...this.latest.values()];
    this.latest = new Map();
    await updateLatest(this.db, this.engine, latest);
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
