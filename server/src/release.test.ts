// The release as a county's IT office installs it: `npm run release` makes the archive, it is unpacked into a
// fresh folder and installed with deploy/install.sh (npm ci --omit=dev, no dev dependency), then started on
// PostgreSQL without demo data. The first admin signs in, is made to choose a password, Prometheus scrapes
// /metrics, and SIGTERM stops it cleanly.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../test/engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_PASSWORD = 'First-Admin#2026';
const METRICS_TOKEN = 'scrape-token-0123456789';

describe.runIf(ENGINES.includes('postgres'))('a release installed with npm ci --omit=dev, on PostgreSQL', () => {
  let work: string;
  let tree: string;
  let db: TestDatabase;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-release-'));
    const made = spawnSync(process.execPath, ['scripts/release.mjs', '--out', work], { cwd: ROOT, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const archive = fs.readdirSync(work).find((f) => f.endsWith('.tar.gz'))!;
    const unpacked = path.join(work, 'unpacked');
    fs.mkdirSync(unpacked);
    expect(spawnSync('tar', ['-xzf', path.join(work, archive), '-C', unpacked]).status).toBe(0);
    tree = path.join(unpacked, fs.readdirSync(unpacked)[0]!);
    // The addon this checkout's `npm ci` compiled a minute ago, offered as a local prebuild
    // (TIANTAI_ADDON_PREBUILDS): compiling it again would time g++, not the release. Without the variable
    // install.sh compiles it, as deploy/Dockerfile and a county's first machine do.
    const addon = path.join(ROOT, 'node_modules/better-sqlite3');
    const { version } = JSON.parse(fs.readFileSync(path.join(addon, 'package.json'), 'utf8')) as { version: string };
    const prebuilds = path.join(work, 'prebuilds');
    fs.mkdirSync(prebuilds);
    const tarball = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    expect(spawnSync('tar', ['-czf', path.join(prebuilds, tarball), '-C', addon, 'build/Release/better_sqlite3.node']).status).toBe(0);
    const installed = spawnSync('sh', ['deploy/install.sh'], {
      cwd: tree,
      encoding: 'utf8',
      env: { ...process.env, TIANTAI_ADDON_PREBUILDS: prebuilds },
    });
    expect(installed.status, installed.stderr).toBe(0);
    // The addon in the release is the one offered: nothing was compiled, nothing downloaded.
    expect(fs.readFileSync(path.join(tree, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toEqual(
      fs.readFileSync(path.join(addon, 'build/Release/better_sqlite3.node')),
    );
    db = await createTestDatabase('postgres');
  }, 600_000);

  afterAll(async () => {
    await db?.drop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('holds the build and runtime packages only: no sources, no TypeScript, no bundler', () => {
    expect(fs.existsSync(path.join(tree, 'server/dist/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(tree, 'web/dist/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(tree, 'server/src'))).toBe(false);
    for (const dev of ['tsx', 'typescript', 'vite', 'esbuild', 'vitest', 'react', 'antd'])
      expect(fs.existsSync(path.join(tree, 'node_modules', dev)), dev).toBe(false);
  });

  it('starts without demo data, makes the first admin choose a password, serves metrics and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['server/dist/main.js'], {
      cwd: tree,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.location.databaseUrl,
        DATA_DIR: db.location.dataDir,
        DEMO_DATA: 'false',
        ADMIN_PASSWORD,
        METRICS_TOKEN,
        PORT: '0',
        MQTT_PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const base = await new Promise<string>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const up = /Tiantai is up: (http:\/\/localhost:\d+)/.exec(output);
        if (up) resolve(up[1]!);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    try {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const session = (await login.json()) as { csrfToken: string; mustChangePassword: boolean };
      expect(session.mustChangePassword).toBe(true);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const headers = { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };

      const refused = await fetch(`${base}/api/users`, { headers });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const changed = await fetch(`${base}/api/auth/password`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ currentPassword: ADMIN_PASSWORD, newPassword: 'County-Own-Pass-1' }),
      });
      expect(changed.status).toBe(204);
      expect((await fetch(`${base}/api/users`, { headers })).status).toBe(200);

      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toMatch(/tiantai_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/password",status="204"\} 1/);
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      expect(text).toContain('tiantai_db_pool_connections{state="total"}');
      const health = await fetch(`${base}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', db: 'postgres', mqtt: 'embedded' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
  });
});
