// Scheduled backups (BACKUP_DIR): one when the newest in the folder is older than BACKUP_INTERVAL_HOURS
// (so the first comes at start), the newest BACKUP_KEEP kept. A failure (folder gone, disk full) is logged
// and tried again in 15 minutes; the platform keeps serving. Several instances: set BACKUP_DIR on one.
import type SQLite from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import { backupDatabase, newestBackupTime, pruneBackups, type DatabaseLocation } from './backup';

const CHECK_EVERY_MS = 60_000;
const RETRY_AFTER_MS = 15 * 60_000;

export function startBackupSchedule(
  location: DatabaseLocation,
  connection: SQLite.Database | null,
  settings: { dir: string; keep: number; intervalHours: number },
  log: FastifyBaseLogger,
): () => Promise<void> {
  const intervalMs = settings.intervalHours * 3600_000;
  let last = newestBackupTime(settings.dir)?.getTime() ?? 0;
  let failedAt = 0;
  let running: Promise<void> | null = null;

  const tick = () => {
    const now = Date.now();
    if (running || now - last < intervalMs || now - failedAt < RETRY_AFTER_MS) return;
    const started = now;
    running = backupDatabase(location, settings.dir, { ...(connection && { connection }) })
      .then((file) => {
        last = started;
        const removed = pruneBackups(settings.dir, settings.keep);
        log.info({ file, seconds: (Date.now() - started) / 1000, removed: removed.length }, 'scheduled backup written');
      })
      .catch((error: unknown) => {
        failedAt = Date.now();
        log.error({ err: error }, `scheduled backup failed: ${error instanceof Error ? error.message : String(error)}; next try in 15 min`);
      })
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, Math.min(CHECK_EVERY_MS, intervalMs));
  return async () => {
    clearInterval(timer);
    await running;
  };
}
