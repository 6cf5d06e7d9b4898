// The stored machine data itself: raw points, their minute and hour rollups, each series' latest value, and
// their upkeep (hourly rollups recomputed, retention per resolution, PostgreSQL's daily partitions). The hot
// path writes here in batches (point-writer.ts); the device page reads series from here.
import { sql, type Kysely } from 'kysely';
import type { TelemetryDialect } from './dialect';
import type { TelemetryTables } from './telemetry.tables';

type Db = Kysely<TelemetryTables>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SeriesPoint {
  seriesId: number;
  ts: number;
  value: number;
}

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

export interface Retention {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
}

export const DEFAULT_RETENTION: Retention = { rawDays: 7, minuteDays: 90, hourDays: 3 * 365 };

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

const POINT_COLUMNS = [
  ['series_id', 'int'],
  ['ts', 'bigint'],
  ['value', 'float8'],
] as const;

/** Writes one batch in the caller's transaction and returns the points that were new. */
export async function storeBatch(trx: Db, dialect: TelemetryDialect, points: readonly SeriesPoint[]): Promise<SeriesPoint[]> {
  if (points.length === 0) return [];
  const rows = points.map((p) => [p.seriesId, p.ts, p.value]);
  // `where true` lets SQLite tell the upsert's `on conflict` from a join's `on`.
  const result = await sql<{ series_id: number; ts: number | string; value: number }>`
    insert into telemetry_points (series_id, ts, value)
    select u.series_id, u.ts, u.value from ${dialect.bulk(POINT_COLUMNS, rows)} where true
    on conflict do nothing returning series_id, ts, value`.execute(trx);
  const inserted = result.rows.map((r) => ({ seriesId: r.series_id, ts: Number(r.ts), value: r.value }));
  if (inserted.length > 0) await upsertRollups(trx, dialect, 'telemetry_rollup_1m', rollupsOf(inserted, MINUTE));
  return inserted;
}

/** A rollup row's columns, in the order bulk inserts give them. */
export const ROLLUP_COLUMNS = [
  ['series_id', 'int'],
  ['bucket', 'bigint'],
  ['min', 'float8'],
  ['max', 'float8'],
  ['sum', 'float8'],
  ['count', 'int'],
  ['last', 'float8'],
  ['last_ts', 'bigint'],
] as const;

/** Merges rollups into what the buckets already hold (min of mins, sums added, the newer last). */
export async function upsertRollups(
  trx: Db,
  dialect: TelemetryDialect,
  table: 'telemetry_rollup_1m' | 'telemetry_rollup_1h',
  rollups: readonly Rollup[],
): Promise<void> {
  if (rollups.length === 0) return;
  const t = sql.table(table);
  const rows = rollups.map((r) => [r.seriesId, r.bucket, r.min, r.max, r.sum, r.count, r.last, r.lastTs]);
  await sql`insert into ${t} (series_id, bucket, min, max, sum, count, last, last_ts)
    select u.series_id, u.bucket, u.min, u.max, u.sum, u.count, u.last, u.last_ts from ${dialect.bulk(ROLLUP_COLUMNS, rows)} where true
    on conflict (series_id, bucket) do update set
      min = ${dialect.least}(${t}.min, excluded.min),
      max = ${dialect.greatest}(${t}.max, excluded.max),
      sum = ${t}.sum + excluded.sum,
      count = ${t}.count + excluded.count,
      last = case when excluded.last_ts >= ${t}.last_ts then excluded.last else ${t}.last end,
      last_ts = case when excluded.last_ts >= ${t}.last_ts then excluded.last_ts else ${t}.last_ts end`.execute(trx);
}

const LATEST_COLUMNS = [
  ['id', 'int'],
  ['ts', 'bigint'],
  ['value', 'float8'],
] as const;

/** Keeps each series' latest value; conditional on time, so it may run at any moment after the points' commit. */
export async function updateLatest(db: Db, dialect: TelemetryDialect, latest: readonly SeriesPoint[]): Promise<void> {
  if (latest.length === 0) return;
  const rows = latest.map((p) => [p.seriesId, p.ts, p.value]);
  await sql`update telemetry_series set last_ts = u.ts, last_value = u.value
    from ${dialect.bulk(LATEST_COLUMNS, rows)}
    where telemetry_series.id = u.id and telemetry_series.last_ts <= u.ts`.execute(db);
}

/** Raw points of one series in [from, to], oldest first. */
export function rawPoints(db: Db, seriesId: number, from: number, to: number, limit: number) {
  return db
    .selectFrom('telemetry_points')
    .select(['ts', 'value'])
    .where('series_id', '=', seriesId)
    .where('ts', '>=', from)
    .where('ts', '<=', to)
    .orderBy('ts')
    .limit(limit)
    .execute();
}

/** Rollup buckets of one series starting in [from, to], oldest first. */
export function rollupPoints(
  db: Db,
  table: 'telemetry_rollup_1m' | 'telemetry_rollup_1h',
  seriesId: number,
  from: number,
  to: number,
  limit: number,
) {
  return db
    .selectFrom(table)
    .select(['bucket', 'min', 'max', 'sum', 'count'])
    .where('series_id', '=', seriesId)
    .where('bucket', '>=', from)
    .where('bucket', '<=', to)
    .orderBy('bucket')
    .limit(limit)
    .execute();
}

/** Everything stored for the given devices' series (the device is being deleted), in the caller's transaction. */
export async function deleteSeriesOf(trx: Db, deviceIds: readonly string[]): Promise<void> {
  const series = trx.selectFrom('telemetry_series').select('id').where('device_id', 'in', deviceIds);
  await trx.deleteFrom('telemetry_points').where('series_id', 'in', series).execute();
  await trx.deleteFrom('telemetry_rollup_1m').where('series_id', 'in', series).execute();
  await trx.deleteFrom('telemetry_rollup_1h').where('series_id', 'in', series).execute();
  await trx.deleteFrom('telemetry_series').where('device_id', 'in', deviceIds).execute();
}

// ---- upkeep: idempotent, so every instance may run it ----

/** Recomputes the hour rollups of [hourStart, hourStart + 1 h) from the minute rollups (a replace, not an increment). */
export async function rollupHour(db: Db, dialect: TelemetryDialect, hourStart: number): Promise<void> {
  const end = hourStart + HOUR;
  await sql`
    insert into telemetry_rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts)
    select series_id, ${hourStart}, min(min), max(max), sum(sum), sum(count), ${dialect.lastByTime}, max(last_ts)
    from telemetry_rollup_1m where bucket >= ${hourStart} and bucket < ${end} group by series_id
    on conflict (series_id, bucket) do update set min = excluded.min, max = excluded.max, sum = excluded.sum,
      count = excluded.count, last = excluded.last, last_ts = excluded.last_ts`.execute(db);
}

const partitionName = (dayStart: number) => `telemetry_points_${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}`;

/** Partitioned storage: daily partitions from today to `ahead` days on; a day already holding rows in the default partition is left there. */
export async function ensurePartitions(db: Db, now: number, ahead = 2): Promise<void> {
  const today = now - (now % DAY);
  for (let d = 0; d <= ahead; d++) {
    const start = today + d * DAY;
    const name = partitionName(start);
    try {
      await sql`create table if not exists ${sql.table(name)} partition of telemetry_points for values from (${sql.lit(start)}) to (${sql.lit(start + DAY)})`.execute(
        db,
      );
    } catch {
      // rows of that day already sit in the default partition: they stay there and are deleted by age
    }
  }
}

export async function applyRetention(db: Db, dialect: TelemetryDialect, retention: Retention, now: number): Promise<void> {
  const rawCutoff = now - retention.rawDays * DAY;
  if (dialect.partitioned) {
    const parts = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'telemetry_points' and c.relname ~ '^telemetry_points_[0-9]{8}$'`.execute(db);
    for (const { name } of parts.rows) {
      const day = Date.UTC(Number(name.slice(17, 21)), Number(name.slice(21, 23)) - 1, Number(name.slice(23, 25)));
      if (day + DAY <= rawCutoff) await sql`drop table if exists ${sql.table(name)}`.execute(db);
    }
    await sql`delete from telemetry_points_default where ts < ${rawCutoff}`.execute(db);
  } else {
    // Without partitions: delete series by series along the (series_id, ts) key, so no full scan.
    const series = await db.selectFrom('telemetry_series').select('id').execute();
    for (const { id } of series) {
      await db.deleteFrom('telemetry_points').where('series_id', '=', id).where('ts', '<', rawCutoff).execute();
    }
  }
  await db
    .deleteFrom('telemetry_rollup_1m')
    .where('bucket', '<', now - retention.minuteDays * DAY)
    .execute();
  await db
    .deleteFrom('telemetry_rollup_1h')
    .where('bucket', '<', now - retention.hourDays * DAY)
    .execute();
}
