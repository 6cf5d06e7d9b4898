// What machine data's SQL does differently on SQLite and PostgreSQL, in one place; the repositories write
// everything else once for both. Bulk statements take their rows as one table expression: PostgreSQL unnests
// one typed array per column (a handful of parameters whatever the batch size), SQLite reads one JSON array
// with json_each (its parameter limit would not hold a 10,000-point batch).
import { sql, type RawBuilder } from 'kysely';
import type { DbEngine } from '../../db/connection';

/** A column of a bulk table expression: its name and its PostgreSQL array element type. */
export type BulkColumn = readonly [name: string, pgType: 'int' | 'bigint' | 'float8' | 'varchar'];

export interface TelemetryDialect {
  readonly engine: DbEngine;
  /** `rows` as a derived table named `u` with the given columns, for `insert … select` and `update … from`. */
  bulk(columns: readonly BulkColumn[], rows: ReadonlyArray<readonly unknown[]>): RawBuilder<unknown>;
  /** The smaller / larger of two values (SQLite's scalar min/max, PostgreSQL's least/greatest). */
  readonly least: RawBuilder<unknown>;
  readonly greatest: RawBuilder<unknown>;
  /** Aggregate: `last` of the group's row with the newest `last_ts` (SQLite's bare column beside max()). */
  readonly lastByTime: RawBuilder<unknown>;
  /** Raw points live in daily partitions (PostgreSQL), created ahead and dropped whole when old. */
  readonly partitioned: boolean;
}

const postgres: TelemetryDialect = {
  engine: 'postgres',
  bulk(columns, rows) {
    const arrays = columns.map(([, type], i) => sql`${rows.map((r) => r[i])}::${sql.raw(type)}[]`);
    return sql`unnest(${sql.join(arrays)}) as u(${sql.join(columns.map(([name]) => sql.id(name)))})`;
  },
  least: sql`least`,
  greatest: sql`greatest`,
  lastByTime: sql`(array_agg(last order by last_ts desc))[1]`,
  partitioned: true,
};

const sqlite: TelemetryDialect = {
  engine: 'sqlite',
  bulk(columns, rows) {
    const fields = columns.map(([name], i) => sql`j.value ->> ${sql.lit(i)} as ${sql.id(name)}`);
    return sql`(select ${sql.join(fields)} from json_each(${JSON.stringify(rows)}) j) as u`;
  },
  least: sql`min`,
  greatest: sql`max`,
  // SQLite takes a bare column's value from the row that max(last_ts) chose, in the same select.
  lastByTime: sql`last`,
  partitioned: false,
};

export function dialectOf(engine: DbEngine): TelemetryDialect {
  return engine === 'postgres' ? postgres : sqlite;
}
