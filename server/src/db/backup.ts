// Backups and restores of the platform's database, while it runs. SQLite: `VACUUM INTO` reads one consistent
// snapshot (WAL readers never block the writer) into a new file. PostgreSQL: pg_dump's custom format, which
// is one consistent snapshot too; pg_restore brings it back. A backup is written under a temporary name and
// renamed when complete, so a file named like a backup is always a whole one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';

export const SQLITE_FILE = 'tiantai.sqlite';
const BACKUP_NAME = /^tiantai-\d{8}T\d{6}Z\.(sqlite|pgdump)$/;

export interface DatabaseLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** A failure the operator can act on; its message is one line naming what to fix. */
export class BackupError extends Error {}

const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

function checkDirectory(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new BackupError(`backup folder ${dir} does not exist`);
  }
  if (!stat.isDirectory()) throw new BackupError(`backup folder ${dir} is not a folder`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new BackupError(`backup folder ${dir} is not writable`);
  }
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    if (error.code === 'SQLITE_FULL' || error.code === 'ENOSPC') return 'the disk is full';
    if (error.code === 'SQLITE_CANTOPEN' || error.code === 'EACCES') return 'cannot write there';
  }
  return error instanceof Error ? error.message : String(error);
}

/** The connection for pg_dump / pg_restore: the password goes in their environment, not on a command line others can read. */
function pgConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: `--dbname=${url.toString()}`, env: { ...process.env, ...(password && { PGPASSWORD: password }) } };
}

function run(command: string, args: string[], what: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} not found: install PostgreSQL's client tools (the server's major version or newer)`
            : error.message,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${what} failed: ${stderr.trim().split('\n').pop() ?? `exit code ${code}`}`));
    });
  });
}

/**
 * Writes one backup into `dir` and returns its path. Safe while the platform runs. `connection`: the
 * platform's own SQLite connection, for a backup made inside the running process.
 */
export async function backupDatabase(
  location: DatabaseLocation,
  dir: string,
  options: { connection?: SQLite.Database; at?: Date } = {},
): Promise<string> {
  const at = options.at ?? new Date();
  checkDirectory(dir);
  const postgres = Boolean(location.databaseUrl);
  const file = path.join(dir, `tiantai-${stamp(at)}.${postgres ? 'pgdump' : 'sqlite'}`);
  const partial = `${file}.partial`;
  try {
    if (postgres) {
      const { dbname, env } = pgConnection(location.databaseUrl!);
      await run('pg_dump', ['--format=custom', `--file=${partial}`, '--no-owner', dbname], 'pg_dump', env);
    } else {
      const own = options.connection === undefined;
      const source = path.join(location.dataDir, SQLITE_FILE);
      if (own && !fs.existsSync(source)) throw new BackupError(`no database at ${source} (DATA_DIR)`);
      const db = options.connection ?? new SQLite(source, { fileMustExist: true });
      try {
        if (own) db.pragma('busy_timeout = 10000');
        // SQLite's online backup. On a connection of its own (npm run backup) the copy is one step: the
        // platform's writes come through another connection and would restart a stepwise copy. On the
        // platform's own connection it copies 100 pages a turn and follows that connection's writes.
        // A backup begun while this connection holds an open write transaction (an ingest batch) copies
        // nothing and still resolves (0 pages, no file): wait for the transaction to end and begin again.
        for (let attempt = 0; ; attempt++) {
          const { totalPages } = await db.backup(partial, { progress: () => (own ? 0x7fffffff : 100) });
          if (totalPages > 0 && fs.existsSync(partial)) break;
          if (attempt === 100) throw new BackupError('the database stayed inside a write transaction for 10 s; nothing was copied');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        if (own) db.close();
      }
    }
    fs.renameSync(partial, file);
    return file;
  } catch (error) {
    // SQLite's backup writes through a rollback journal beside the copy; a full disk can leave it behind.
    for (const left of [partial, `${partial}-journal`]) fs.rmSync(left, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`backup to ${dir} failed: ${describe(error)}`);
  }
}

/** Keeps the newest `keep` backups in `dir` (only files named as this module names them); returns the removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = fs
    .readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort()
    .reverse();
  const removed = backups.slice(keep).map((f) => path.join(dir, f));
  for (const file of removed) fs.rmSync(file, { force: true });
  return removed;
}

/** The newest backup's time in `dir`, or null. */
export function newestBackupTime(dir: string): Date | null {
  const newest = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => BACKUP_NAME.test(f))
        .sort()
        .pop()
    : undefined;
  if (!newest) return null;
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(newest)!;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** The process id written by a platform running on this data folder (SQLite), if it still runs. */
export function runningPlatformPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'tiantai.pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function postgresHasTables(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = 'kysely_migration'",
    );
    return Number(rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Brings a backup back into the configured database. It must be empty unless `force` is given; SQLite's
 * replaced file is kept beside it. The platform must be stopped (checked for SQLite by its pid file).
 */
export async function restoreDatabase(location: DatabaseLocation, file: string, options: { force: boolean }): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`no backup at ${file}`);
  if (location.databaseUrl) {
    if (!file.endsWith('.pgdump')) throw new BackupError(`${file} is not a PostgreSQL backup (.pgdump); DATABASE_URL names PostgreSQL`);
    if (!options.force && (await postgresHasTables(location.databaseUrl)))
      throw new BackupError('DATABASE_URL already holds a Tiantai database; stop the platform and pass --force to replace it');
    const { dbname, env } = pgConnection(location.databaseUrl);
    await run(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--single-transaction', dbname, file],
      'pg_restore',
      env,
    );
    return;
  }
  if (!file.endsWith('.sqlite'))
    throw new BackupError(`${file} is not a SQLite backup (.sqlite); set DATABASE_URL to restore a PostgreSQL one`);
  const check = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${file} is damaged (quick_check: ${String(result)})`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database`);
  } finally {
    check.close();
  }
  fs.mkdirSync(location.dataDir, { recursive: true });
  const target = path.join(location.dataDir, SQLITE_FILE);
  const pid = runningPlatformPid(location.dataDir);
  if (pid !== null) throw new BackupError(`the platform (pid ${pid}) is running on ${location.dataDir}; stop it first`);
  if (fs.existsSync(target)) {
    if (!options.force) throw new BackupError(`${target} exists; pass --force to replace it (the old file is kept beside it)`);
    fs.renameSync(target, `${target}.before-restore-${stamp(new Date())}`);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.copyFileSync(file, `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target);
}
