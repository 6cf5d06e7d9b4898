import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseObserver } from '../http/metrics';
import { SQLITE_FILE } from './backup';

export type DbEngine = 'sqlite' | 'postgres';

export interface DbHandle<DB> {
  db: Kysely<DB>;
  engine: DbEngine;
  /** PostgreSQL's connection pool (for its gauges); null on SQLite. */
  pool: pg.Pool | null;
  /** SQLite's one connection (for online backups that follow its writes); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * SQLite file in DATA_DIR by default; PostgreSQL when a postgres:// URL is given.
 * Counts come back from PostgreSQL as int8 strings; every number we count fits a double, so parse them.
 */
export function openDatabase<DB>(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite: FULL syncs the WAL at every commit, so a commit survives a power cut; NORMAL only a process crash. */
  sqliteSynchronous?: 'full' | 'normal';
  observer?: DatabaseObserver;
}): DbHandle<DB> {
  const observer = options.observer;
  const log = observer ? (event: LogEvent) => observer.query(event.queryDurationMillis / 1000) : undefined;
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
    guardCheckedOutConnections(pool, observer);
    return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log }), engine: 'postgres', pool, sqlite: null };
  }
  const sqlite = new SQLite(path.join(options.dataDir, SQLITE_FILE));
  // A second process (another instance, the CLI migrator) waits for the write lock instead of failing; first,
  // so that switching a new file to WAL waits too.
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'full'}`);
  sqlite.pragma('foreign_keys = ON');
  return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log }), engine: 'sqlite', pool: null, sqlite };
}

/**
 * pg-pool listens for errors only on idle connections. One that dies while checked out (inside a transaction,
 * between two statements) would emit an 'error' nobody hears, and that ends the process: each connection gets
 * a listener of its own (the statement in flight fails, and the pool drops the connection on release). Also
 * times pool.connect() — what Kysely calls per query or transaction — for the pool-wait histogram.
 */
function guardCheckedOutConnections(pool: pg.Pool, observer: DatabaseObserver | undefined): void {
  const guarded = new WeakSet<pg.PoolClient>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  pool.connect = (async () => {
    const started = performance.now();
    const connection = await connect();
    observer?.acquire((performance.now() - started) / 1000);
    if (!guarded.has(connection)) {
      guarded.add(connection);
      connection.on('error', (error) => console.error(`PostgreSQL connection lost while in use: ${error.message}`));
    }
    return connection;
  }) as typeof pool.connect;
}

/**
 * A module's view of the shared connection: the same Kysely instance typed with only the tables that
 * module names. Kysely's types are invariant, so Kysely<A & B> is not a Kysely<A> without this one cast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withTablesOf<T>(db: Kysely<any>): Kysely<T> {
  return db as Kysely<T>;
}
