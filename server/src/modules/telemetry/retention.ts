// Background upkeep of machine data, idempotent so every instance may run it: hourly rollups recomputed
// from the minute rollups (a replace, not an increment, so running twice changes nothing), retention per
// resolution, and on PostgreSQL the daily partitions of the raw points (created ahead, dropped when old).
import { sql, type Kysely } from 'kysely';
import type { DbEngine } from '../../db/connection';
import type { TelemetryTables } from './telemetry.tables';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface Retention {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
}

export const DEFAULT_RETENTION: Retention = { rawDays: 7, minuteDays: 90, hourDays: 3 * 365 };

/** Recomputes the hour rollups of [hourStart, hourStart + 1 h) from the minute rollups. */
export async function rollupHour(db: Kysely<TelemetryTables>, engine: DbEngine, hourStart: number): Promise<void> {
  const end = hourStart + HOUR;
  const last = engine === 'postgres' ? sql`(array_agg(last order by last_ts desc))[1]` : sql`last`; // SQLite: the row of max(last_ts)
  await sql`
    insert into telemetry_rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts)
    select series_id, ${hourStart}, min(min), max(max), sum(sum), sum(count), ${last}, max(last_ts)
    from telemetry_rollup_1m where bucket >= ${hourStart} and bucket < ${end} group by series_id
    on conflict (series_id, bucket) do update set min = excluded.min, max = excluded.max, sum = excluded.sum,
      count = excluded.count, last = excluded.last, last_ts = excluded.last_ts`.execute(db);
}

const partitionName = (dayStart: number) => `telemetry_points_${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}`;

/** PostgreSQL: daily partitions from today to `ahead` days on; a day already holding rows in the default partition is left there. */
export async function ensurePartitions(db: Kysely<TelemetryTables>, now: number, ahead = 2): Promise<void> {
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

export async function applyRetention(db: Kysely<TelemetryTables>, engine: DbEngine, retention: Retention, now: number): Promise<void> {
  const rawCutoff = now - retention.rawDays * DAY;
  if (engine === 'postgres') {
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
