// The platform as a process would run it: real ports, the embedded MQTT broker, two instances at once.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../test/engines';
import { testConfig } from '../test/platform';
import type { Database } from './app';
import { SQLITE_FILE } from './db/backup';
import { openDatabase } from './db/connection';
import { DEMO_ACCOUNTS } from './demo/load-demo';
import { PortInUseError, startPlatform, type Platform } from './platform';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Holds a port the way this machine's Mosquitto holds 1883. */
async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs `server/src/main.ts` as `npm start` does; resolves once it is up (or has exited). */
async function runMain(vars: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    WEB_DIST: '/nonexistent',
    ...vars,
  };
  if (!vars.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve) => {
    const collect = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Tiantai is up')) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then(() => resolve());
  });
  return {
    get output() {
      return output;
    },
    exitCode: child.exitCode,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function connackCode(port: number, username: string | undefined): Promise<number | undefined> {
  return new Promise((resolve) => {
    const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, { username, reconnectPeriod: 0, connectTimeout: 5000, protocolVersion: 4 });
    client.on('connect', () => {
      client.end();
      resolve(0);
    });
    client.on('error', (error) => {
      client.end(true);
      resolve((error as Error & { code?: number }).code);
    });
  });
}

describe.each(ENGINES)('platform on %s', (engine) => {
  let db: TestDatabase;
  let platform: Platform;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    platform = await startPlatform(testConfig(db));
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('answers /api/health over HTTP as DESIGN.md says', async () => {
    const res = await fetch(`http://127.0.0.1:${platform.httpPort}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', db: engine, mqtt: 'embedded' });
    const docs = await fetch(`http://127.0.0.1:${platform.httpPort}/api/docs/`);
    expect(docs.status).toBe(200);
  });

  it('refuses MQTT CONNECT with an empty username (4) and an unknown token (5)', async () => {
    expect(platform.mqttPort).toBeGreaterThan(0);
    expect(await connackCode(platform.mqttPort!, undefined)).toBe(4);
    expect(await connackCode(platform.mqttPort!, 'no-such-device-token')).toBe(5);
  });

  it('uses an external broker when MQTT_URL is set, and starts none of its own', async () => {
    const external = await startPlatform(testConfig(db, { MQTT_URL: 'mqtt://127.0.0.1:1883' }));
    try {
      const res = await fetch(`http://127.0.0.1:${external.httpPort}/api/health`);
      expect(await res.json()).toEqual({ status: 'ok', db: engine, mqtt: 'external' });
      expect(external.mqttPort).toBeNull();
    } finally {
      await external.close();
    }
  });

  it('stops with a PortInUseError naming MQTT_PORT or PORT', async () => {
    const held = await occupyPort();
    try {
      await expect(startPlatform(testConfig(db, { MQTT_PORT: String(held.port) }))).rejects.toThrow(PortInUseError);
      await expect(startPlatform(testConfig(db, { MQTT_PORT: String(held.port) }))).rejects.toThrow(/Set MQTT_PORT/);
      await expect(startPlatform(testConfig(db, { PORT: String(held.port) }))).rejects.toThrow(/Set PORT/);
    } finally {
      await held.close();
    }
  });

  it('migrates and loads the demo once when two instances start on one empty database', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      const env = { DATA_DIR: fresh.location.dataDir, ...(fresh.location.databaseUrl ? { DATABASE_URL: fresh.location.databaseUrl } : {}) };
      // Two processes, as two instances would be (one process cannot hold two SQLite writers without blocking itself).
      const both = await Promise.all([runMain(env), runMain(env)]);
      for (const p of both) expect(p.output).toContain('Tiantai is up');
      await Promise.all(both.map((p) => p.stop()));

      const { db } = openDatabase<Database>(fresh.location);
      const byKind = await db
        .selectFrom('organisations')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('kind')
        .orderBy('kind')
        .execute();
      const users = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await db.destroy();
      expect(byKind.map((r) => [r.kind, Number(r.n)])).toEqual([
        ['county', 1],
        ['department', 64],
        ['enterprise', 120],
      ]);
      expect(Number(users.n)).toBe(DEMO_ACCOUNTS.length);
    } finally {
      await fresh.drop();
    }
  });

  // SQLite only: PostgreSQL's starts queue on Kysely's advisory lock, which waits without a timeout.
  if (engine === 'sqlite')
    it('waits for another instance that holds the write lock longer than busy_timeout (a first start loading the demo)', async () => {
      const fresh = await createTestDatabase(engine);
      // The other instance: a process that takes the write lock and keeps it 12 s (busy_timeout is 10 s).
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(process.argv[1]); db.pragma('journal_mode = WAL'); db.exec('begin immediate');
           console.log('held'); setTimeout(() => { db.exec('commit'); db.close(); }, 12000);`,
          path.join(fresh.location.dataDir, SQLITE_FILE),
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const released = new Promise((resolve) => holder.on('exit', resolve));
      try {
        await new Promise((resolve) => holder.stdout.once('data', resolve));
        const started = Date.now();
        const platform = await startPlatform(testConfig(fresh, { DEMO_DATA: 'false' }));
        expect(Date.now() - started).toBeGreaterThan(11_000);
        await platform.close();
      } finally {
        await released;
        await fresh.drop();
      }
    });

  it('names the variable in one line and exits 1 when DATA_DIR, DATABASE_URL or MQTT_URL cannot be used', async () => {
    const dead = await occupyPort(); // a port that answers nothing a client expects once closed
    await dead.close();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ DATA_DIR: '/nonexistent/tiantai-data' }, /^Tiantai did not start\. DATA_DIR: \/nonexistent\/tiantai-data does not exist/],
      [
        { DATA_DIR: db.location.dataDir, DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${dead.port}/tiantai` },
        /^Tiantai did not start\. DATABASE_URL: cannot use postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/tiantai \(connect ECONNREFUSED/,
      ],
    ];
    // The broker is waited for 10 s (it may be starting beside the platform); once is enough, on SQLite.
    if (engine === 'sqlite')
      cases.push([
        { DATA_DIR: db.location.dataDir, MQTT_URL: `mqtt://127.0.0.1:${dead.port}` },
        /^Tiantai did not start\. MQTT_URL: cannot reach mqtt:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
      ]);
    for (const [vars, message] of cases) {
      const run = await runMain({ ...vars, LOG_LEVEL: 'warn' });
      const lines = run.output.trim().split('\n');
      expect(lines.at(-1), JSON.stringify(vars)).toMatch(message);
      expect(run.output).not.toMatch(/\n\s+at /);
      expect(run.output).not.toContain('secret');
      expect(await run.stop()).toBe(1);
    }
  });

  it('prints a one-line hint, not a stack trace, when `npm start` finds the port taken', async () => {
    const held = await occupyPort();
    try {
      const run = await runMain({
        MQTT_PORT: String(held.port),
        DATA_DIR: db.location.dataDir,
        ...(db.location.databaseUrl ? { DATABASE_URL: db.location.databaseUrl } : {}),
      });
      expect(run.exitCode).toBe(1);
      expect(run.output).toContain(`MQTT_PORT: port ${held.port} is already in use. Set MQTT_PORT`);
      expect(run.output).not.toMatch(/\n\s+at /);
    } finally {
      await held.close();
    }
  });
});
