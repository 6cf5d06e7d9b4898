import { Migrator, SqliteAdapter, sql, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migration-list';

/** The migrations compiled into this build (no folder read at run time, so the bundled server carries them). */
const listedProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/**
 * Runs every pending migration in one transaction. PostgreSQL serialises concurrent starts with Kysely's
 * advisory lock. SQLite has none, so the whole run happens inside `BEGIN IMMEDIATE`: a second process
 * (another instance, the CLI) waits for the write lock (busy_timeout), then reads the migrations as applied.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // Unordered: migrations written on parallel branches merged with earlier names than one that was already
  // released (the 19-xx maintenance ones after 20-00 telemetry); a database made in between must still upgrade.
  const migrator = new Migrator({ db, provider: listedProvider, disableTransactions: sqlite, allowUnorderedMigrations: true });
  if (sqlite) await sql`begin immediate`.execute(db);
  const { error, results } = await migrator.migrateToLatest();
  if (sqlite) await sql.raw(error ? 'rollback' : 'commit').execute(db);
  if (error) throw error;
  return (results ?? []).map((r) => r.migrationName);
}
