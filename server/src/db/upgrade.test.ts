// Upgrades: a database made by an earlier commit of this repository (its schema and its demo county, pinned in
// server/test/fixtures by scripts/make-upgrade-fixture.ts) is upgraded by starting the current platform on
// it; every row is still there and the county works. Also: the compiled migration list is the folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/engines';
import { httpSession } from '../../test/sse';
import { testConfig } from '../../test/platform';
import type { Database } from '../app';
import { startPlatform, type Platform } from '../platform';
import { openDatabase } from './connection';
import { MIGRATIONS } from './migration-list';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures');
const PINNED = '2e64336';
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, `upgrade-${PINNED}.json`), 'utf8')) as {
  migrations: string[];
  counts: Record<'sqlite' | 'postgres', Record<string, number>>;
};

it('lists every migration file of the folder, in order, in the compiled migration list', () => {
  const files = fs
    .readdirSync(path.resolve(import.meta.dirname, 'migrations'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  expect(Object.keys(MIGRATIONS)).toEqual(files);
});

describe.each(ENGINES)(`upgrade from ${PINNED} on %s`, (engine) => {
  let db: TestDatabase;
  let platform: Platform;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    if (engine === 'sqlite') {
      const file = zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, `upgrade-${PINNED}.sqlite.gz`)));
      fs.writeFileSync(path.join(db.location.dataDir, 'tiantai.sqlite'), file);
    } else {
      execFileSync('pg_restore', [
        '--no-owner',
        '--exit-on-error',
        `--dbname=${db.location.databaseUrl}`,
        path.join(FIXTURES, `upgrade-${PINNED}.pgdump`),
      ]);
    }
    platform = await startPlatform(testConfig(db));
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('applies the newer migrations and keeps every row of every table', async () => {
    const { db: store } = openDatabase<Database>(db.location);
    onTestFinished(() => store.destroy());
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    expect(manifest.migrations.length).toBeLessThan(Object.keys(MIGRATIONS).length);
    for (const [table, count] of Object.entries(manifest.counts[engine])) {
      const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store);
      // The demo is not loaded again on an upgraded database (its one-time key is there): counts are the old ones,
      // except app_state, where the platform may record what it did since.
      if (table === 'app_state') expect(Number(row.rows[0]!.n), table).toBeGreaterThanOrEqual(count);
      else expect(Number(row.rows[0]!.n), table).toBe(count);
    }
  });

  it('serves the upgraded county: the demo accounts sign in and their pages answer', async () => {
    const base = `http://127.0.0.1:${platform.httpPort}`;
    const officer = await httpSession(base, 'officer');
    const requests = await officer.get('/api/service-requests?pageSize=5');
    expect(requests.status).toBe(200);
    expect((requests.body as { total: number }).total).toBe(manifest.counts[engine].service_requests);
    const yinlun = await httpSession(base, 'yinlun');
    for (const url of [
      '/api/assets?pageSize=5',
      '/api/work-orders?pageSize=5',
      '/api/maintenance/kpis',
      '/api/telemetry/devices',
      '/api/screens/enterprise',
    ])
      expect((await yinlun.get(url)).status, url).toBe(200);
    const admin = await httpSession(base, 'admin');
    for (const url of ['/api/screens/county', '/api/projects?pageSize=5', '/api/enterprises?pageSize=5'])
      expect((await admin.get(url)).status, url).toBe(200);
  });
});
