import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

export type DbEngine = 'sqlite' | 'postgres';

export interface DbHandle<DB> {
  db: Kysely<DB>;
  engine: DbEngine;
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * SQLite file in DATA_DIR by default; PostgreSQL when a postgres:// URL is given.
 * Counts come back from PostgreSQL as int8 strings; every number we count fits a double, so parse them.
 */
export function openDatabase<DB>(options: { databaseUrl?: string | undefined; dataDir: string }): DbHandle<DB> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server ends (restart, failover, admin kill) must not crash the process:
    // the pool drops it and opens a new one on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres' };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(options.dataDir, 'tiantai.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (another instance, the CLI migrator) waits for the write lock instead of failing.
  sqlite.pragma('busy_timeout = 10000');
  return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) }), engine: 'sqlite' };
}

/**
 * A module's view of the shared connection: the same Kysely instance typed with only the tables that
 * module names. Kysely's types are invariant, so Kysely<A & B> is not a Kysely<A> without this one cast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withTablesOf<T>(db: Kysely<any>): Kysely<T> {
  return db as Kysely<T>;
}
