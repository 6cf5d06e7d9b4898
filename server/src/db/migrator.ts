import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
 * SQLite has no advisory lock: a second process may read the migration table before the first commits,
 * then collide with its tables (busy, or "already exists"). Its transaction rolled back whole, so retry.
 */
function isSqliteRace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('SQLITE_BUSY') || (code === 'SQLITE_ERROR' && 'message' in error && /already exists/.test(String(error.message)));
}

/**
 * Runs every pending migration in one transaction. PostgreSQL serialises concurrent starts with Kysely's
 * advisory lock; on SQLite the loser of a race retries and then finds the migrations applied.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: folderProvider,
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).map((r) => r.migrationName);
    if (!isSqliteRace(error) || attempt >= 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}
