import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, SqliteAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'migrations');

/** Every `*.ts` file of the migrations folder, by name. The import is ours so test runners can load TypeScript. */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}-.*\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  },
};

/**
 * Runs every pending migration in one transaction. PostgreSQL serialises concurrent starts with Kysely's
 * advisory lock. SQLite has none, so the whole run happens inside `BEGIN IMMEDIATE`: a second process
 * (another instance, the CLI) waits for the write lock (busy_timeout), then reads the migrations as applied.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const migrator = new Migrator({ db, provider: folderProvider, disableTransactions: sqlite });
  if (sqlite) await sql`begin immediate`.execute(db);
  const { error, results } = await migrator.migrateToLatest();
  if (sqlite) await sql.raw(error ? 'rollback' : 'commit').execute(db);
  if (error) throw error;
  return (results ?? []).map((r) => r.migrationName);
}
