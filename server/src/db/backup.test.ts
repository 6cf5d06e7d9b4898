// Backups as an operator makes them: `npm run backup` (the CLI, a process of its own) while the platform runs
// and machines post data; `npm run restore` into an empty database; every row committed before the backup
// began is in it. A full or missing folder is a one-line error and the platform keeps serving.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/engines';
import { startTestPlatform, type TestPlatform } from '../../test/platform';
import type { Database } from '../app';
import { backupDatabase } from './backup';
import { openDatabase } from './connection';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** `npm run backup|restore` as the operator types it, against the database `location` names. */
function cli(args: string[], location: TestDatabase['location']): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: location.dataDir, LOG_LEVEL: 'warn' };
  if (location.databaseUrl) env.DATABASE_URL = location.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { cwd: ROOT, env });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** Row counts of the tables that hold the county's records (telemetry points are checked one by one). */
async function counts(db: Kysely<Database>) {
  const tables = ['organisations', 'users', 'enterprises', 'service_requests', 'assets', 'work_orders', 'projects', 'audit_log', 'devices'];
  const result: Record<string, number> = {};
  for (const table of tables) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    result[table] = Number(row.rows[0]!.n);
  }
  return result;
}

/** A small tmpfs: a backup folder on a disk that fills up. */
function tinyDisk(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', dir]);
  return {
    dir,
    remove: () => {
      execFileSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let server: TestPlatform;
  let backups: string;
  beforeAll(async () => {
    server = await startTestPlatform(engine);
    backups = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-backups-'));
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(backups, { recursive: true, force: true });
  });

  it('backs up the running platform under ingest; a restore into an empty database holds every committed row', async () => {
    const live = openDatabase<Database>(server.db.location);
    const device = await live.db
      .selectFrom('devices')
      .select(['id', 'access_token'])
      .where('access_token', 'is not', null)
      .executeTakeFirstOrThrow();
    // Machines posting while the backup runs: each acknowledged post is committed.
    const acknowledged: Array<{ ts: number; at: number }> = [];
    let posting = true;
    let ts = Date.now() - 60_000;
    const poster = (async () => {
      while (posting) {
        const at = ts++;
        const res = await fetch(`${server.base}/api/v1/${device.access_token}/telemetry`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ts: at, values: { backup_probe: at % 1000 } }),
        });
        if (res.status === 200) acknowledged.push({ ts: at, at: Date.now() });
        else if (res.status !== 429) throw new Error(`ingest answered ${res.status}`);
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await expect.poll(() => acknowledged.length).toBeGreaterThan(20);

    const started = Date.now();
    const backup = await cli(['backup', '--dir', backups], server.db.location);
    expect(backup.code, backup.output).toBe(0);
    const beforeBackup = acknowledged.filter((p) => p.at < started).map((p) => p.ts);
    await expect.poll(() => acknowledged.filter((p) => p.at > Date.now() - 1000).length).toBeGreaterThan(0); // ingest went on
    posting = false;
    await poster;
    const records = await counts(live.db);
    await live.db.destroy();

    const files = fs.readdirSync(backups);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(engine === 'sqlite' ? /^tiantai-\d{8}T\d{6}Z\.sqlite$/ : /^tiantai-\d{8}T\d{6}Z\.pgdump$/);

    const empty = await createTestDatabase(engine);
    try {
      const restore = await cli(['restore', path.join(backups, files[0]!)], empty.location);
      expect(restore.code, restore.output).toBe(0);
      const restored = openDatabase<Database>(empty.location);
      try {
        expect(await counts(restored.db)).toEqual(records);
        const stored = await restored.db
          .selectFrom('telemetry_points')
          .innerJoin('telemetry_series', 'telemetry_series.id', 'telemetry_points.series_id')
          .select('telemetry_points.ts')
          .where('telemetry_series.device_id', '=', device.id)
          .where('telemetry_series.key', '=', 'backup_probe')
          .execute();
        const have = new Set(stored.map((r) => Number(r.ts)));
        expect(beforeBackup.length).toBeGreaterThan(20);
        expect(beforeBackup.filter((t) => !have.has(t))).toEqual([]);
      } finally {
        await restored.db.destroy();
      }
      // A database that is not empty is replaced only on request.
      const again = await cli(['restore', path.join(backups, files[0]!)], empty.location);
      expect(again.code).toBe(1);
      expect(again.output.trim().split('\n')).toHaveLength(1);
      expect(again.output).toMatch(/--force/);
    } finally {
      await empty.drop();
    }
  });

  it('names a missing or full backup folder in one line and exits non-zero', async () => {
    const missing = await cli(['backup', '--dir', '/nonexistent/backups'], server.db.location);
    expect(missing).toEqual({ code: 1, output: 'backup folder /nonexistent/backups does not exist\n' });
    const disk = tinyDisk();
    try {
      const full = await cli(['backup', '--dir', disk.dir], server.db.location);
      expect(full.code).toBe(1);
      expect(full.output.trim().split('\n')).toHaveLength(1);
      expect(full.output).toMatch(/failed/);
      expect(fs.readdirSync(disk.dir)).toEqual([]); // no partial file left behind
    } finally {
      disk.remove();
    }
  });
});

describe("a backup on the platform's own SQLite connection", () => {
  it('waits out a write transaction that connection holds open (SQLite would otherwise copy nothing and report done)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-open-tx-'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-open-tx-backups-'));
    const { db, sqlite } = openDatabase({ dataDir, sqliteSynchronous: 'full' });
    try {
      sqlite!.exec('create table t (x text)');
      sqlite!.exec('begin');
      sqlite!.prepare('insert into t values (?)').run('before the backup');
      const backup = backupDatabase({ dataDir }, dir, { connection: sqlite! });
      setTimeout(() => sqlite!.exec('commit'), 300);
      const file = await backup;
      const copy = new SQLite(file, { readonly: true });
      expect(copy.prepare('select x from t').all()).toEqual([{ x: 'before the backup' }]);
      copy.close();
    } finally {
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)('scheduled backups on %s', (engine) => {
  it('writes one at start and keeps BACKUP_KEEP; a full folder is logged and the platform keeps serving', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-scheduled-'));
    // Older backups from earlier days (names only): the newest two are kept with the one made now.
    for (const day of ['20261101', '20261102', '20261103']) fs.writeFileSync(path.join(dir, `tiantai-${day}T020000Z.sqlite`), '');
    const disk = tinyDisk();
    const vars = { DEMO_DATA: 'false', ADMIN_PASSWORD: 'Backup-Admin-2026', BACKUP_KEEP: '3', METRICS_TOKEN: 'backup-metrics-token-2026' };
    const good = await startTestPlatform(engine, { ...vars, BACKUP_DIR: dir });
    const full = await startTestPlatform(engine, { ...vars, BACKUP_DIR: disk.dir });
    try {
      const ext = engine === 'sqlite' ? 'sqlite' : 'pgdump';
      await expect.poll(() => fs.readdirSync(dir).filter((f) => f.endsWith(`.${ext}`) && !f.startsWith('tiantai-202611')).length).toBe(1);
      await expect.poll(() => fs.readdirSync(dir).sort()).toHaveLength(3);
      expect(fs.readdirSync(dir).sort()[0]).toBe('tiantai-20261102T020000Z.sqlite');
      // The failed one is counted for an alert, left nothing behind, and the platform on that folder still answers.
      const backupsOf = async (platform: TestPlatform) => {
        const res = await fetch(`${platform.base}/metrics`, { headers: { authorization: `Bearer ${vars.METRICS_TOKEN}` } });
        return (await res.text()).split('\n').filter((line) => line.startsWith('tiantai_backups_total{'));
      };
      await expect.poll(() => backupsOf(full), { timeout: 30_000 }).toEqual(['tiantai_backups_total{outcome="failed"} 1']);
      expect(await backupsOf(good)).toEqual(['tiantai_backups_total{outcome="ok"} 1']);
      expect(fs.readdirSync(disk.dir)).toEqual([]);
      expect((await fetch(`${full.base}/api/health`)).status).toBe(200);
    } finally {
      await good.close();
      await full.close();
      disk.remove();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
