import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Migrator, type Kysely } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'migrations');

function isSqliteBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
}

/**
 * Runs every pending migration in one transaction. PostgreSQL serialises concurrent starts with Kysely's
 * advisory lock; on SQLite a second process that loses the race for the write lock retries and then finds
 * the migrations applied.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).map((r) => r.migrationName);
    if (!isSqliteBusy(error) || attempt >= 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}
