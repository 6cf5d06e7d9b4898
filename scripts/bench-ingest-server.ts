// The server side of `npm run bench:ingest`, run as its own process so its CPU and memory are measured apart
// from the load generator. Starts the platform (demo county, no simulator) on free ports over the database
// the parent created, adds the benchmark's devices (BENCH_MODE=devices) or gateways with their machines
// (BENCH_MODE=gateways) with predictable tokens, prints one JSON line {pid, httpPort, mqttPort}, and stops
// cleanly when stdin closes or on SIGTERM. With BENCH_SERIES=1 the machines' series exist beforehand (a
// county that has been running for a while); otherwise the first messages create them.
import SQLite from 'better-sqlite3';
import type { Database } from '../server/src/app';
import { openDatabase } from '../server/src/db/connection';
import { newDeviceRow } from '../server/src/modules/telemetry';
import { startPlatform } from '../server/src/platform';
import { testConfig } from '../server/test/platform';

const env = process.env;
const mode = env.BENCH_MODE === 'gateways' ? 'gateways' : 'devices';
const enterpriseCount = Number(env.BENCH_ENTERPRISES ?? 500);
const perEnterprise = Number(env.BENCH_MACHINES ?? 30);
const keys = (env.BENCH_KEYS ?? 'value').split(',');
const location = { dataDir: env.BENCH_DATA_DIR ?? '', ...(env.BENCH_DATABASE_URL ? { databaseUrl: env.BENCH_DATABASE_URL } : {}) };

const deviceToken = (i: number) => `bench-d-${String(i).padStart(6, '0')}`;
const gatewayToken = (i: number) => `bench-g-${String(i).padStart(4, '0')}`;

// BENCH_SQL_PROFILE=1 (SQLite): time spent per SQL statement, printed on stderr when the server stops.
const sqlTime = new Map<string, { ms: number; calls: number }>();
if (env.BENCH_SQL_PROFILE === '1') {
  const prepare = SQLite.prototype.prepare;
  let patched = false;
  SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
    const statement = prepare.call(this, source) as SQLite.Statement & { _sql?: string };
    statement._sql = source;
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(statement) as Record<string, (...args: unknown[]) => unknown>;
      for (const method of ['run', 'all', 'get']) {
        const original = proto[method]!;
        proto[method] = function (this: { _sql?: string }, ...args: unknown[]) {
          const start = performance.now();
          try {
            return original.apply(this, args);
          } finally {
            const key = (this._sql ?? '?').replace(/\s+/g, ' ').slice(0, 140);
            const t = sqlTime.get(key) ?? { ms: 0, calls: 0 };
            t.ms += performance.now() - start;
            t.calls += 1;
            sqlTime.set(key, t);
          }
        };
      }
    }
    return statement;
  } as typeof prepare;
}

const platform = await startPlatform(
  testConfig(
    { engine: location.databaseUrl ? 'postgres' : 'sqlite', location, drop: async () => undefined },
    {
      DEMO_DATA: 'true',
      SIMULATE: 'false',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...(env.BENCH_MQTT_URL ? { MQTT_URL: env.BENCH_MQTT_URL } : {}),
      ...(env.SQLITE_SYNCHRONOUS ? { SQLITE_SYNCHRONOUS: env.SQLITE_SYNCHRONOUS } : {}),
    },
  ),
);

// The benchmark's machines belong to the demo enterprises (the county's 500 enterprises spread over them).
const { db } = openDatabase<Database>(location);
const enterprises = (await db.selectFrom('enterprises').select('id').orderBy('id').execute()).map((e) => e.id);
const at = new Date().toISOString();
const row = (enterprise: number, kind: 'device' | 'gateway', token: string | null, name: string, gatewayId: string | null = null) =>
  newDeviceRow(
    {
      enterprise_id: enterprises[enterprise % enterprises.length]!,
      name,
      kind,
      gateway_id: gatewayId,
      device_type: kind === 'gateway' ? 'gateway' : 'press',
      access_token: token,
    },
    at,
  );
const rows: Array<ReturnType<typeof row>> = [];
const machines: string[] = [];
for (let e = 0; e < enterpriseCount; e++) {
  if (mode === 'gateways') {
    const gateway = row(e, 'gateway', gatewayToken(e), `压测网关 企业${e + 1}`);
    rows.push(gateway);
    // The names the gateway publishes under (v1/gateway/telemetry), as if announced before.
    if (env.BENCH_SERIES === '1')
      for (let m = 1; m <= perEnterprise; m++) {
        const child = row(e, 'device', null, `机台 ${m}`, gateway.id);
        rows.push(child);
        machines.push(child.id);
      }
    continue;
  }
  for (let m = 0; m < perEnterprise; m++) {
    const device = row(e, 'device', deviceToken(e * perEnterprise + m), `压测 企业${e + 1} 机台${m + 1}`);
    rows.push(device);
    machines.push(device.id);
  }
}
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('devices')
      .values(rows.slice(i, i + 500))
      .execute();
  if (env.BENCH_SERIES !== '1') return;
  const series = machines.flatMap((deviceId) => keys.map((key) => ({ device_id: deviceId, key, last_ts: 0, last_value: 0 })));
  for (let i = 0; i < series.length; i += 2_000)
    await trx
      .insertInto('telemetry_series')
      .values(series.slice(i, i + 2_000))
      .execute();
});
await db.destroy();

// The parent asks over IPC (not HTTP: under load the API answers slowly; the bench prints how slowly):
// 'mark' starts a latency window, 'read' returns the counters of ingest-stats and the window's
// publish→commit latency (committed − the device's ts, the figure ingest-stats' commitLatencyMs keeps for
// its last 8,192 messages only).
const ingest = platform.app.telemetry.ingest;
let latencies: number[] = [];
const write = ingest.writer.write.bind(ingest.writer);
ingest.writer.write = (points) =>
  write(points).then(() => {
    let newest = 0;
    for (const p of points) if (p.ts > newest) newest = p.ts;
    if (newest > 0) latencies.push(Date.now() - newest);
  });
process.on('message', (message: { id: number; cmd: 'mark' | 'read' }) => {
  let latency: { p50: number; p99: number; count: number } | null = null;
  if (message.cmd === 'read') {
    const sorted = Float64Array.from(latencies).sort();
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    latency = { p50: at(0.5), p99: at(0.99), count: sorted.length };
  } else latencies = [];
  process.send?.({ id: message.id, at: Date.now(), stats: ingest.stats(), latency });
});

process.stdout.write(`${JSON.stringify({ pid: process.pid, httpPort: platform.httpPort, mqttPort: platform.mqttPort })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await platform.close();
  for (const [source, t] of [...sqlTime].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    process.stderr.write(`  [sql] ${t.ms.toFixed(0).padStart(7)} ms ${String(t.calls).padStart(8)}× ${source}\n`);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.stdin.resume();
process.stdin.on('end', () => void stop());
