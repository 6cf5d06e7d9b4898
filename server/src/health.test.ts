// /api/health tells the truth: a running platform whose PostgreSQL, or whose external broker, goes away
// answers 503 naming the part, and 200 again once it is back (the pool and the broker link reconnect).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../test/engines';
import { startMosquitto, type Mosquitto } from '../test/mosquitto';
import { testConfig } from '../test/platform';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy';
import { startPlatform, type Platform } from './platform';

const health = async (platform: Platform) => {
  const res = await fetch(`http://127.0.0.1:${platform.httpPort}/api/health`);
  return { status: res.status, body: (await res.json()) as { status: string; failed?: string[] } };
};

const NO_DEMO = { DEMO_DATA: 'false', ADMIN_PASSWORD: 'Health-Check-2026' };
const METRICS_TOKEN = 'health-suite-metrics-token';

describe.runIf(ENGINES.includes('postgres'))('health under a PostgreSQL outage', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let platform: Platform;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const url = new URL(db.location.databaseUrl!);
    proxy = await startTcpProxy(Number(url.port || 5432), url.hostname);
    url.port = String(proxy.port);
    platform = await startPlatform(
      testConfig({ ...db, location: { ...db.location, databaseUrl: url.toString() } }, { ...NO_DEMO, METRICS_TOKEN }),
    );
  });
  afterAll(async () => {
    await platform?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('exposes every metric the Grafana dashboard in docs/ plots', async () => {
    const dashboard = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/grafana-dashboard.json'), 'utf8');
    const used = new Set(
      [...dashboard.matchAll(/\b((?:tiantai|nodejs|process)_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, '')),
    );
    expect(used.size).toBeGreaterThan(10);
    const res = await fetch(`http://127.0.0.1:${platform.httpPort}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const exposed = new Set([...(await res.text()).matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('turns 503 naming the database while it is unreachable, and 200 when it returns', async () => {
    expect(await health(platform)).toEqual({ status: 200, body: { status: 'ok', db: 'postgres', mqtt: 'embedded' } });
    await proxy.cut();
    await expect
      .poll(() => health(platform))
      .toEqual({
        status: 503,
        body: { status: 'degraded', db: 'postgres', mqtt: 'embedded', failed: ['db'] },
      });
    // Liveness is about the process, not its dependencies.
    expect((await fetch(`http://127.0.0.1:${platform.httpPort}/api/health/live`)).status).toBe(200);
    await proxy.restore();
    await expect.poll(() => health(platform)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe.each(ENGINES)('health with an external broker that goes away, on %s', (engine) => {
  const ADMIN = 'tiantai-admin';
  const ADMIN_PASS = 'Dynsec#Health2026';
  let broker: Mosquitto;
  let proxy: TcpProxy;
  let db: TestDatabase;
  let platform: Platform;
  beforeAll(async () => {
    broker = await startMosquitto(ADMIN, ADMIN_PASS);
    proxy = await startTcpProxy(broker.port);
    db = await createTestDatabase(engine);
    platform = await startPlatform(
      testConfig(db, { ...NO_DEMO, MQTT_URL: `mqtt://${ADMIN}:${encodeURIComponent(ADMIN_PASS)}@127.0.0.1:${proxy.port}` }),
    );
  });
  afterAll(async () => {
    await platform?.close();
    await proxy?.close();
    await broker?.stop();
    await db?.drop();
  });

  it('turns 503 naming the broker while the link is down, and 200 after it reconnects', async () => {
    expect((await health(platform)).body).toEqual({ status: 'ok', db: engine, mqtt: 'external' });
    await proxy.cut();
    await expect
      .poll(() => health(platform))
      .toEqual({
        status: 503,
        body: { status: 'degraded', db: engine, mqtt: 'external', failed: ['mqtt'] },
      });
    await proxy.restore();
    // The back-off starts at 1 s and doubles; the link is back within a few seconds.
    await expect.poll(() => health(platform), { timeout: 20_000 }).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
