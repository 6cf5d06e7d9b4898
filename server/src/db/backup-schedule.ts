// Scheduled backups (BACKUP_DIR), as a county job of server/src/jobs.ts: one when the newest in the folder is
// older than BACKUP_INTERVAL_HOURS (so the first comes at start), the newest BACKUP_KEEP kept. A failure
// (folder gone, disk full) is logged and tried again in 15 minutes; the platform keeps serving.
import type SQLite from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import { prom, type MetricsRegistry } from '../http/metrics';
import type { Job } from '../lib/job';
import { backupDatabase, newestBackupTime, pruneBackups, type DatabaseLocation } from './backup';

const CHECK_EVERY_MS = 60_000;
const RETRY_AFTER_MS = 15 * 60_000;

export function scheduledBackupJob(
  location: DatabaseLocation,
  connection: SQLite.Database | null,
  settings: { dir: string; keep: number; intervalHours: number },
  log: FastifyBaseLogger,
  metrics: MetricsRegistry,
): Job {
  // For an alert on a failing backup (and for tests that must know an attempt ended).
  const outcomes = new prom.Counter({
    name: 'tiantai_backups_total',
    help: 'Scheduled backups by outcome (ok, failed)',
    labelNames: ['outcome'],
    registers: [metrics],
  });
  const intervalMs = settings.intervalHours * 3600_000;
  let last = newestBackupTime(settings.dir)?.getTime() ?? 0;
  let failedAt = 0;
  return {
    name: 'scheduled backup',
    everyMs: Math.min(CHECK_EVERY_MS, intervalMs),
    kind: 'county',
    atStart: true,
    run: async () => {
      const started = Date.now();
      if (started - last < intervalMs || started - failedAt < RETRY_AFTER_MS) return;
      try {
        const file = await backupDatabase(location, settings.dir, { ...(connection && { connection }) });
        last = started;
        outcomes.inc({ outcome: 'ok' });
        const removed = pruneBackups(settings.dir, settings.keep);
        log.info({ file, seconds: (Date.now() - started) / 1000, removed: removed.length }, 'scheduled backup written');
      } catch (error) {
        failedAt = Date.now();
        outcomes.inc({ outcome: 'failed' });
        log.error({ err: error }, `scheduled backup failed: ${error instanceof Error ? error.message : String(error)}; next try in 15 min`);
      }
    },
  };
}
