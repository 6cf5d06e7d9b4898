// `npm run bench:ingest`: the seed's 2023 county — 500 enterprises × 30 machines, one message of 10 metrics
// per machine every 5 s (3,000 msg/s, 30,000 points/s) over QoS 1 — first through the embedded broker into
// SQLite, then through a private Mosquitto into PostgreSQL; as 15,000 device connections and as 500 gateway
// connections; then the rate is stepped up (×1.5) until p99 > 1 s or the server falls behind, and the raw
// batched-insert ceiling of the same storage (storeBatch, 10k-point batches) is timed for the ratio.
// The server runs in a child process (scripts/bench-ingest-server.ts) so its CPU and memory are its own;
// the load generator speaks raw MQTT 3.1.1 (mqtt-packet over net sockets) to stay light. Prints figures;
// asserts nothing.
//
// Environment: BENCH_SECONDS (measured seconds per phase, default 15), BENCH_WARMUP (default 10),
// BENCH_STEP_SECONDS (measured seconds per ramp step, default half of BENCH_SECONDS, at least 5),
// BENCH_MAX_STEPS (default 6), BENCH_CEILING_SECONDS (default 8), BENCH_ENGINES (default sqlite,postgres when
// reachable), BENCH_MODES (default devices,gateways), BENCH_RAMP (devices | gateways | both | none; default
// devices), BENCH_COLD=1 (the machines' series do not exist yet: the first messages create them),
// BENCH_FIRST_ROUND_TIMEOUT (s, default 240), BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof), BENCH_SQL_PROFILE=1
// (SQLite: time per SQL statement, printed when the server stops), SQLITE_SYNCHRONOUS (full, the platform's
// default, or normal: SQLite's fsync at every commit or only at checkpoints).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import mqttPacket, { type Packet } from 'mqtt-packet';
import type { DbEngine } from '../server/src/db/connection';
import { openDatabase } from '../server/src/db/connection';
import { dialectOf } from '../server/src/modules/telemetry/dialect';
import { storeBatch, type SeriesPoint } from '../server/src/modules/telemetry/points.repository';
import type { TelemetryTables } from '../server/src/modules/telemetry/telemetry.tables';
import pg from 'pg';
import { ENGINES, POSTGRES_ADMIN_URL, createTestDatabase, type TestDatabase } from '../server/test/engines';

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const MEASURE_S = num('BENCH_SECONDS', 15);
const WARMUP_S = num('BENCH_WARMUP', 10);
const STEP_S = num('BENCH_STEP_SECONDS', Math.max(5, Math.round(MEASURE_S / 2)));
const STEP_WARMUP_S = Math.min(WARMUP_S, 5);
const MAX_STEPS = num('BENCH_MAX_STEPS', 6);
const CEILING_S = num('BENCH_CEILING_SECONDS', 8);
const FIRST_ROUND_TIMEOUT_S = num('BENCH_FIRST_ROUND_TIMEOUT', 240);
/** After the first failing ramp step: this many bisections (geometric) between the last good and the failing rate. */
const REFINE = num('BENCH_REFINE', 1);
const RAMP = env.BENCH_RAMP ?? 'devices';
const MODES = (env.BENCH_MODES ?? 'devices,gateways')
  .split(',')
  .filter((m): m is 'devices' | 'gateways' => m === 'devices' || m === 'gateways');
const engines = (env.BENCH_ENGINES ? env.BENCH_ENGINES.split(',') : ENGINES).filter((e): e is DbEngine => ENGINES.includes(e as DbEngine));

const ENTERPRISES = 500;
const MACHINES = 30;
const DEVICES = ENTERPRISES * MACHINES;
const PERIOD_MS = 5_000;
const KEYS = ['state', 'shots', 'oil_temp', 'current', 'power_kw', 'spindle_rpm', 'pressure_mpa', 'vibration_mm_s', 'voltage', 'cycle_s'];
const METRICS = KEYS.length;
/** Steady state (default): the machines' series exist, as in a county that has been running; BENCH_COLD=1: first sight. */
const COLD = env.BENCH_COLD === '1';
const STEP_FACTOR = 1.5;
const P99_LIMIT_MS = 1_000;
const CONNECT_BATCH = 500;
const CLK_TCK = 100;

const deviceToken = (i: number) => `bench-d-${String(i).padStart(6, '0')}`;
const gatewayToken = (i: number) => `bench-g-${String(i).padStart(4, '0')}`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------- process figures from /proc

function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function statusKb(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** Resets the peak RSS (VmHWM) so the next reading is the peak of the measured window. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL: CPU seconds of the backends serving one database (the server's pool). */
async function backendCpu(database: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, cpuSeconds(pid));
      } catch {
        // ended meanwhile
      }
    }
    return cpu;
  } finally {
    await client.end();
  }
}

const generatorCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------- the load generator: raw MQTT 3.1.1

interface Conn {
  socket: net.Socket;
  topic: string;
  nextId: number;
  /** messageId → performance.now() at PUBLISH */
  inflight: Map<number, number>;
  shots: number;
}

class Load {
  readonly conns: Conn[] = [];
  published = 0;
  acked = 0;
  unexpectedCloses = 0;
  recording = false;
  latencies: number[] = [];
  private cursor = 0;
  private rate = 0;
  private rateStart = 0;
  private sentSinceRateStart = 0;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    private readonly port: number,
    /** devices: 10 metrics of one machine; gateways: 30 machines of 10 metrics each. */
    readonly mode: 'devices' | 'gateways',
    private readonly external: boolean,
  ) {}

  get pointsPerMessage(): number {
    return this.mode === 'devices' ? METRICS : MACHINES * METRICS;
  }

  get unacked(): number {
    let n = 0;
    for (const c of this.conns) n += c.inflight.size;
    return n;
  }

  /** Opens the connections CONNECT_BATCH at a time, each waiting for its CONNACK. */
  async open(tokens: string[]): Promise<void> {
    for (let i = 0; i < tokens.length; i += CONNECT_BATCH) {
      await Promise.all(tokens.slice(i, i + CONNECT_BATCH).map((token) => this.connect(token)));
    }
  }

  private connect(token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: this.port });
      socket.setNoDelay(true);
      const scope = this.mode === 'devices' ? 'devices' : 'gateway';
      const conn: Conn = {
        socket,
        topic: this.external ? `v1/${scope}/${token}/telemetry` : `v1/${scope}/${this.mode === 'devices' ? 'me/' : ''}telemetry`,
        nextId: 1,
        inflight: new Map(),
        shots: 100_000 + Math.floor(Math.random() * 100_000),
      };
      const parser = mqttPacket.parser({ protocolVersion: 4 });
      let acknowledged = false;
      parser.on('packet', (packet: Packet) => {
        if (packet.cmd === 'connack') {
          if (packet.returnCode) return reject(new Error(`CONNACK ${packet.returnCode} for ${token}`));
          acknowledged = true;
          this.conns.push(conn);
          return resolve();
        }
        if (packet.cmd === 'puback') {
          const sentAt = conn.inflight.get(packet.messageId ?? 0);
          if (sentAt === undefined) return;
          conn.inflight.delete(packet.messageId ?? 0);
          this.acked += 1;
          if (this.recording) this.latencies.push(performance.now() - sentAt);
        }
      });
      parser.on('error', (error) => socket.destroy(error));
      socket.on('data', (chunk: Buffer) => parser.parse(chunk));
      socket.on('connect', () =>
        socket.write(
          mqttPacket.generate({
            cmd: 'connect',
            protocolId: 'MQTT',
            protocolVersion: 4,
            clientId: `bench-${token}`,
            clean: true,
            keepalive: 0,
            // Embedded broker: the token is the MQTT username. Mosquitto here is anonymous (see the output).
            ...(this.external ? {} : { username: token }),
          }),
        ),
      );
      socket.on('error', (error) => {
        if (!acknowledged) reject(error);
      });
      socket.on('close', () => {
        if (!this.closing) this.unexpectedCloses += 1;
        if (!acknowledged) reject(new Error(`connection of ${token} closed before CONNACK`));
      });
    });
  }

  private payload(conn: Conn, ts: number): string {
    const machine = (shots: number) => {
      const current = 55 + Math.random() * 20;
      return (
        `{"ts":${ts},"values":{"state":1,"shots":${shots},"oil_temp":${(50 + Math.random() * 4).toFixed(1)},` +
        `"current":${current.toFixed(1)},"power_kw":${(current * 0.56).toFixed(1)},"spindle_rpm":${Math.round(1400 + Math.random() * 50)},` +
        `"pressure_mpa":${(18 + Math.random()).toFixed(2)},"vibration_mm_s":${(2 + Math.random()).toFixed(2)},` +
        `"voltage":${Math.round(378 + Math.random() * 6)},"cycle_s":${(11 + Math.random()).toFixed(2)}}}`
      );
    };
    conn.shots += 2;
    if (this.mode === 'devices') return machine(conn.shots);
    const parts: string[] = [];
    for (let m = 1; m <= MACHINES; m++) parts.push(`"机台 ${m}":[${machine(conn.shots * MACHINES + m)}]`);
    return `{${parts.join(',')}}`;
  }

  private publish(conn: Conn): void {
    if (conn.socket.destroyed) return;
    const messageId = conn.nextId;
    conn.nextId = conn.nextId === 65_535 ? 1 : conn.nextId + 1;
    const ts = Date.now();
    conn.inflight.set(messageId, performance.now());
    conn.socket.write(
      mqttPacket.generate({
        cmd: 'publish',
        topic: conn.topic,
        payload: this.payload(conn, ts),
        qos: 1,
        messageId,
        retain: false,
        dup: false,
      }),
    );
    this.published += 1;
  }

  publishOne(): void {
    this.publish(this.conns[0]!);
  }

  /** Publishes `rate` messages a second in total, round-robin over the connections (evenly spread). */
  setRate(rate: number): void {
    this.rate = rate;
    this.rateStart = performance.now();
    this.sentSinceRateStart = 0;
    this.timer ??= setInterval(() => this.tick(), 5);
  }

  /** Sends exactly one message from every connection at the given rate (first sight: series, children). */
  async oneRound(rate: number): Promise<void> {
    this.setRate(rate);
    const until = this.published + this.conns.length;
    while (this.published < until) {
      await sleep(20);
      if (this.published >= until) break;
    }
    this.stop();
  }

  private tick(): void {
    const due = Math.floor(((performance.now() - this.rateStart) / 1000) * this.rate);
    while (this.sentSinceRateStart < due) {
      const conn = this.conns[this.cursor % this.conns.length]!;
      this.cursor += 1;
      this.sentSinceRateStart += 1;
      this.publish(conn);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async close(): Promise<void> {
    this.stop();
    this.closing = true;
    await Promise.all(
      this.conns.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.socket.destroyed) return resolve();
            c.socket.once('close', () => resolve());
            c.socket.end(mqttPacket.generate({ cmd: 'disconnect' }));
            setTimeout(() => {
              c.socket.destroy();
              resolve();
            }, 5_000).unref();
          }),
      ),
    );
  }
}

// ---------------------------------------------------------------- the server child and its API

interface Answer {
  /** The server's clock (ms) when it answered. */
  at: number;
  stats: IngestStats;
  latency: { p50: number; p99: number; count: number } | null;
}

interface Server {
  child: ChildProcess;
  /** IPC to the server process: 'mark' starts a latency window, 'read' ends it; null if no answer in time. */
  ask(cmd: 'mark' | 'read', timeoutMs?: number): Promise<Answer | null>;
  pid: number;
  httpPort: number;
  mqttPort: number | null;
  cookie: string;
  stop(): Promise<void>;
}

interface IngestStats {
  acceptedMessages: number;
  acceptedPoints: number;
  pendingPoints: number;
  rateLimited: number;
  unknownToken: number;
  malformed: number;
  commitLatencyMs: { p50: number; p99: number; samples: number };
}

async function startServer(db: TestDatabase, mqttUrl: string | undefined, mode: Load['mode']): Promise<Server> {
  const nodeArgs = env.BENCH_SERVER_NODE_ARGS ? env.BENCH_SERVER_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(import.meta.dirname, 'bench-ingest-server.ts')], {
    env: {
      ...process.env,
      BENCH_DATA_DIR: db.location.dataDir,
      BENCH_DATABASE_URL: db.location.databaseUrl ?? '',
      BENCH_MQTT_URL: mqttUrl ?? '',
      BENCH_MODE: mode,
      BENCH_ENTERPRISES: String(ENTERPRISES),
      BENCH_MACHINES: String(MACHINES),
      BENCH_KEYS: KEYS.join(','),
      BENCH_SERIES: COLD ? '0' : '1',
    },
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
  });
  let forwarded = 0;
  const ready = await new Promise<{ pid: number; httpPort: number; mqttPort: number | null }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"pid"')) return resolve(JSON.parse(line));
      // The server's own warnings (refusals are logged once a minute per device): show the first few.
      if (line.includes('web app not built')) return;
      if (forwarded++ < 10) console.error(`  [server] ${line.slice(0, 300)}`);
    });
  });
  const base = `http://127.0.0.1:${ready.httpPort}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Tiantai@2026' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let nextId = 1;
  const waiting = new Map<number, (answer: Answer) => void>();
  child.on('message', (message: Answer & { id: number }) => waiting.get(message.id)?.(message));
  const ask = (cmd: 'mark' | 'read', timeoutMs = 90_000) =>
    new Promise<Answer | null>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(answer);
      });
      child.send({ id, cmd });
    });
  return {
    child,
    ask,
    ...ready,
    cookie,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      }),
  };
}

/** How long GET /api/telemetry/ingest-stats takes right now (the API under load), or null past the timeout. */
async function apiTime(server: Server, timeoutMs = 30_000): Promise<number | null> {
  const start = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${server.httpPort}/api/telemetry/ingest-stats`, {
      headers: { cookie: server.cookie },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`ingest-stats: ${res.status}`);
    await res.json();
    return performance.now() - start;
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return null;
    throw error;
  }
}

/**
 * Waits until the server has accepted `expected` more messages than at `since` with nothing pending and no
 * PUBACK outstanding; false after the timeout.
 */
async function drain(server: Server, load: Load, since: number, expected: number, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const s = (await server.ask('read', 10_000))?.stats;
    if (s && s.acceptedMessages - since >= expected && s.pendingPoints === 0 && load.unacked === 0) return true;
    await sleep(500);
  }
  return false;
}

/** Waits until the server has worked off what it received: nothing pending, no PUBACK outstanding, counters still. */
async function settle(server: Server, load: Load, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  let previous = -1;
  while (performance.now() < until) {
    const s = (await server.ask('read', 10_000))?.stats;
    if (s && s.pendingPoints === 0 && load.unacked === 0 && s.acceptedMessages === previous) return true;
    if (s) previous = s.acceptedMessages;
    await sleep(1_000);
  }
  return false;
}

/** Publishes one message from the first connection until the server has stored one (the platform's subscription is up). */
async function probe(server: Server, load: Load): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const before = (await server.ask('read', 10_000))?.stats.acceptedMessages ?? 0;
    load.publishOne();
    if (await drain(server, load, before, 1, 2_000)) return;
  }
  throw new Error('the server stored none of the probe messages in 60 s');
}

// ---------------------------------------------------------------- Mosquitto (PostgreSQL run)

interface Mosquitto {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

async function startMosquitto(dir: string): Promise<Mosquitto> {
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      'persistence false',
      'set_tcp_nodelay true',
      'log_dest stderr',
      'log_type error',
      '',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  const until = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > until) throw new Error('mosquitto did not start');
    await sleep(100);
  }
  return {
    pid: child.pid!,
    url: `mqtt://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------- one measured phase

interface Row {
  setup: string;
  mode: string;
  conns: number;
  targetMsgs: number;
  offeredMsgs: number;
  offeredPoints: number;
  sustainedPoints: number;
  p50: number;
  p99: number;
  serverP99: number;
  serverCpu: number;
  generatorCpu: number;
  brokerCpu: number | null;
  dbCpu: number | null;
  peakRssMb: number;
  good: boolean;
  note: string;
}

async function measure(
  ctx: { setup: string; server: Server; mosquitto: Mosquitto | null; database: string | null },
  load: Load,
  rate: number,
  warmupS: number,
  measureS: number,
  label: string,
): Promise<Row> {
  load.setRate(rate);
  await sleep(warmupS * 1000);
  const { server, mosquitto } = ctx;
  const peakReset = resetPeak(server.pid);
  const a0 = await server.ask('mark');
  const cpu0 = cpuSeconds(server.pid);
  const gen0 = generatorCpu();
  const broker0 = mosquitto ? cpuSeconds(mosquitto.pid) : 0;
  const db0 = ctx.database ? await backendCpu(ctx.database) : null;
  const pub0 = load.published;
  const acked0 = load.acked;
  const t0 = performance.now();
  load.latencies = [];
  load.recording = true;
  await sleep(measureS * 1000);
  load.recording = false;
  const seconds = (performance.now() - t0) / 1000;
  const published = load.published - pub0;
  const ackedPoints = (load.acked - acked0) * load.pointsPerMessage;
  const serverCpu = ((cpuSeconds(server.pid) - cpu0) / seconds) * 100;
  const genCpu = ((generatorCpu() - gen0) / seconds) * 100;
  const brokerCpu = mosquitto ? ((cpuSeconds(mosquitto.pid) - broker0) / seconds) * 100 : null;
  let dbCpu: number | null = null;
  if (db0 && ctx.database) {
    // Backends alive at both ends of the window (the pool keeps its connections while busy).
    const db1 = await backendCpu(ctx.database);
    dbCpu = 0;
    for (const [pid, before] of db0) if (db1.has(pid)) dbCpu += db1.get(pid)! - before;
    dbCpu = (dbCpu / seconds) * 100;
  }
  const peakRssMb = statusKb(server.pid, peakReset ? 'VmHWM' : 'VmRSS') / 1024;
  const unacked = load.unacked;
  const a1 = await server.ask('read');
  const api = await apiTime(server);
  const s0 = a0?.stats ?? null;
  const s1 = a1?.stats ?? null;
  const offeredMsgs = published / seconds;
  const offeredPoints = offeredMsgs * load.pointsPerMessage;
  // Points the server committed (its own counter); when it did not answer, what the PUBACKs confirmed (embedded).
  const sustainedPoints =
    a0 && a1 ? ((a1.stats.acceptedPoints - a0.stats.acceptedPoints) / (a1.at - a0.at)) * 1000 : mosquitto ? NaN : ackedPoints / seconds;
  const serverP99 = a1?.latency?.p99 ?? NaN;
  let p50 = a1?.latency?.p50 ?? NaN;
  let p99 = serverP99;
  if (!mosquitto) {
    // Embedded broker: the PUBACK waits for the commit, so the client's PUBLISH→PUBACK time is publish→committed.
    const sorted = Float64Array.from(load.latencies).sort();
    p50 = percentile(sorted, 0.5);
    p99 = percentile(sorted, 0.99);
  }
  const refusals = (s: IngestStats | null) => (s ? s.rateLimited + s.malformed + s.unknownToken : 0);
  const refused = s0 && s1 ? refusals(s1) - refusals(s0) : 0;
  const notes: string[] = [];
  if (offeredMsgs < 0.9 * rate) notes.push(`generator offered only ${Math.round((offeredMsgs / rate) * 100)}% of the target`);
  if (refused > 0) notes.push(`${refused} refused`);
  if (load.unexpectedCloses > 0) notes.push(`${load.unexpectedCloses} connections closed by the broker so far`);
  if (!s0 || !s1) notes.push('the server did not answer over IPC within 90 s');
  if (!mosquitto && unacked > 0) notes.push(`${fmt(unacked)} PUBACKs outstanding at the end`);
  if (mosquitto && s1 && s1.pendingPoints > 0) notes.push(`${fmt(s1.pendingPoints)} points pending in the writer`);
  // Unknown latency (no sample) counts as bad: nothing was committed in the window.
  const good = Number.isFinite(p99) && p99 <= P99_LIMIT_MS && sustainedPoints >= 0.95 * offeredPoints;
  const row: Row = {
    setup: ctx.setup,
    mode: label,
    conns: load.conns.length,
    targetMsgs: rate,
    offeredMsgs,
    offeredPoints,
    sustainedPoints,
    p50,
    p99,
    serverP99,
    serverCpu,
    generatorCpu: genCpu,
    brokerCpu,
    dbCpu,
    peakRssMb,
    good,
    note: notes.join('; '),
  };
  log(
    `  ${label}: offered ${fmt(offeredMsgs)} msg/s (${fmt(offeredPoints)} pts/s), sustained ${fmt(sustainedPoints)} pts/s, ` +
      `p50 ${ms(p50)} p99 ${ms(p99)} (server's own p99 ${ms(serverP99)}), server CPU ${serverCpu.toFixed(0)}%, generator CPU ${genCpu.toFixed(0)}%` +
      `${brokerCpu === null ? '' : `, mosquitto CPU ${brokerCpu.toFixed(0)}%`}${dbCpu === null ? '' : `, PostgreSQL backends CPU ${dbCpu.toFixed(0)}%`}, peak RSS ${peakRssMb.toFixed(0)} MB, ` +
      `GET ingest-stats ${api === null ? '> 30 s' : ms(api)}, load average ${os.loadavg()[0]!.toFixed(1)}${row.note ? ` — ${row.note}` : ''}`,
  );
  return row;
}

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} ms` : '—');

// ---------------------------------------------------------------- raw storage ceiling

/** storeBatch in a loop, one transaction per 10,000-point batch, over the series the load created. */
async function rawCeiling(db: TestDatabase): Promise<{ pointsPerSecond: number; batches: number }> {
  const synchronous = env.SQLITE_SYNCHRONOUS === 'normal' ? 'normal' : 'full';
  const { db: kdb, engine } = openDatabase<TelemetryTables>({ ...db.location, sqliteSynchronous: synchronous });
  const dialect = dialectOf(engine);
  try {
    const ids = (await kdb.selectFrom('telemetry_series').select('id').orderBy('id').limit(150_000).execute()).map((r) => r.id);
    if (ids.length === 0) return { pointsPerSecond: NaN, batches: 0 };
    // Points one period apart per series, after everything the load wrote, so none is a duplicate.
    let ts = Date.now() + 3_600_000;
    let cursor = 0;
    let points = 0;
    let batches = 0;
    const start = performance.now();
    while (performance.now() - start < CEILING_S * 1000) {
      const batch: SeriesPoint[] = [];
      for (let i = 0; i < 10_000; i++) {
        batch.push({ seriesId: ids[cursor]!, ts, value: 50 + Math.random() * 10 });
        cursor += 1;
        if (cursor === ids.length) {
          cursor = 0;
          ts += PERIOD_MS;
        }
      }
      await kdb.transaction().execute((trx) => storeBatch(trx, dialect, batch));
      points += batch.length;
      batches += 1;
    }
    return { pointsPerSecond: points / ((performance.now() - start) / 1000), batches };
  } finally {
    await kdb.destroy();
  }
}

// ---------------------------------------------------------------- one engine

interface EngineResult {
  rows: Row[];
  ceiling: number;
  highestGood: { msgs: number; points: number; mode: string } | null;
  lifetimePeakMb: number;
  setupNotes: string[];
}

async function runEngine(engine: DbEngine): Promise<EngineResult> {
  const rows: Row[] = [];
  const setupNotes: string[] = [];
  let highestGood: EngineResult['highestGood'] = null;
  let ceiling = NaN;
  let lifetimePeakMb = 0;
  const setup = engine === 'sqlite' ? 'SQLite · aedes' : 'PostgreSQL · Mosquitto';
  // Each connection shape gets a fresh database and server, so one's backlog never weighs on the other.
  for (const mode of MODES) {
    const db = await createTestDatabase(engine);
    let mosquitto: Mosquitto | null = null;
    let server: Server | null = null;
    let load: Load | null = null;
    try {
      if (engine === 'postgres') {
        mosquitto = await startMosquitto(db.location.dataDir);
        log(`mosquitto ${mosquitto.url} (private: anonymous, NO per-device auth, persistence off, unlimited queues)`);
      }
      const startedAt = performance.now();
      server = await startServer(db, mosquitto?.url, mode);
      const tokens =
        mode === 'devices'
          ? Array.from({ length: DEVICES }, (_, i) => deviceToken(i))
          : Array.from({ length: ENTERPRISES }, (_, i) => gatewayToken(i));
      log(
        `${setup}, ${mode}: server pid ${server.pid} up with the demo county and ${fmt(tokens.length)} bench ${mode}` +
          `${COLD ? '' : ` (${fmt(DEVICES * METRICS)} series already known)`} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
      );
      const ctx = {
        setup,
        server,
        mosquitto,
        database: db.location.databaseUrl ? new URL(db.location.databaseUrl).pathname.slice(1) : null,
      };
      load = new Load(mosquitto ? Number(new URL(mosquitto.url).port) : server.mqttPort!, mode, Boolean(mosquitto));
      let t = performance.now();
      await load.open(tokens);
      const connectS = (performance.now() - t) / 1000;
      const rate = tokens.length / (PERIOD_MS / 1000);
      t = performance.now();
      await probe(server, load);
      const before = (await server.ask('read'))?.stats.acceptedMessages ?? 0;
      await load.oneRound(rate);
      const drained = await drain(server, load, before, tokens.length, FIRST_ROUND_TIMEOUT_S * 1000);
      const firstS = (performance.now() - t) / 1000;
      const created = mode === 'devices' ? '150,000 series' : '15,000 devices behind the gateways and 150,000 series';
      const note =
        `${setup}, ${mode}: ${fmt(tokens.length)} connections opened in ${connectS.toFixed(1)} s; ` +
        `first message of each${COLD ? ` (creates ${created})` : ''} stored in ${firstS.toFixed(1)} s${drained ? '' : ` (NOT all stored after ${FIRST_ROUND_TIMEOUT_S} s)`}`;
      setupNotes.push(note);
      log(note);
      const label = mode === 'devices' ? '15,000 devices' : '500 gateways';
      const row = await measure(ctx, load, rate, WARMUP_S, MEASURE_S, label);
      rows.push(row);
      if (row.good) highestGood = pickHigher(highestGood, rate, load);
      if (row.good && (RAMP === mode || RAMP === 'both')) {
        let good = rate;
        let bad = 0;
        for (let step = 1; step <= MAX_STEPS; step++) {
          const stepRate = Math.round(rate * STEP_FACTOR ** step);
          const stepRow = await measure(ctx, load, stepRate, STEP_WARMUP_S, STEP_S, `${label} step ${step}`);
          rows.push(stepRow);
          if (stepRow.good) {
            highestGood = pickHigher(highestGood, stepRate, load);
            good = stepRate;
          } else bad = stepRate;
          if (!stepRow.good || stepRow.note.includes('generator offered only')) break;
        }
        // Between the last good and the first failing rate: after the backlog is worked off, try the middle.
        for (let i = 0; i < REFINE && bad > 0; i++) {
          const mid = Math.round(Math.sqrt(good * bad));
          load.stop();
          if (!(await settle(server, load, 60_000))) break;
          const midRow = await measure(ctx, load, mid, STEP_WARMUP_S, STEP_S, `${label} refine ${i + 1}`);
          rows.push(midRow);
          if (midRow.good) {
            highestGood = pickHigher(highestGood, mid, load);
            good = mid;
          } else bad = mid;
        }
      }
      load.stop();
      lifetimePeakMb = Math.max(lifetimePeakMb, statusKb(server.pid, 'VmHWM') / 1024);
      await load.close();
      await server.stop();
      server = null;
      if (mode === MODES[0]) {
        log(`${setup}: timing the raw storeBatch ceiling for ${CEILING_S} s…`);
        const c = await rawCeiling(db);
        ceiling = c.pointsPerSecond;
        log(`  raw ceiling ${fmt(ceiling)} pts/s (${c.batches} batches of 10,000 points, one transaction each)`);
      }
    } finally {
      await load?.close().catch(() => undefined);
      await server?.stop();
      await mosquitto?.stop();
      await db.drop();
    }
  }
  return { rows, ceiling, highestGood, lifetimePeakMb, setupNotes };
}

function pickHigher(current: EngineResult['highestGood'], rate: number, load: Load): EngineResult['highestGood'] {
  const points = rate * load.pointsPerMessage;
  if (current && current.points >= points) return current;
  return { msgs: rate, points, mode: load.mode };
}

// ---------------------------------------------------------------- main

log(
  `bench:ingest — ${ENTERPRISES} enterprises × ${MACHINES} machines, ${METRICS} metrics per message every ${PERIOD_MS / 1000} s, QoS 1; ` +
    `phases: warm-up ${WARMUP_S} s + ${MEASURE_S} s measured, ramp steps ${STEP_WARMUP_S} s + ${STEP_S} s (×${STEP_FACTOR}, up to ${MAX_STEPS}); engines ${engines.join(', ')}`,
);
log(
  `machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} — the load generator runs on the same cores as the server (its CPU is printed), and so does anyone else's work`,
);

const results = new Map<DbEngine, EngineResult>();
for (const engine of engines) results.set(engine, await runEngine(engine));

const header = [
  'setup',
  'phase',
  'conns',
  'offered msg/s',
  'offered pts/s',
  'sustained pts/s',
  'p50',
  'p99',
  'srv CPU',
  'gen CPU',
  'broker CPU',
  'PG CPU',
  'srv peak RSS',
  'ok',
];
const table = [...results.values()].flatMap((r) =>
  r.rows.map((row) => [
    row.setup,
    row.mode,
    fmt(row.conns),
    fmt(row.offeredMsgs),
    fmt(row.offeredPoints),
    fmt(row.sustainedPoints),
    ms(row.p50),
    ms(row.p99),
    `${row.serverCpu.toFixed(0)}%`,
    `${row.generatorCpu.toFixed(0)}%`,
    row.brokerCpu === null ? '—' : `${row.brokerCpu.toFixed(0)}%`,
    row.dbCpu === null ? '—' : `${row.dbCpu.toFixed(0)}%`,
    `${row.peakRssMb.toFixed(0)} MB`,
    row.good ? 'yes' : 'NO',
  ]),
);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
if (engines.includes('sqlite')) console.log(`\nSQLite synchronous = ${env.SQLITE_SYNCHRONOUS === 'normal' ? 'NORMAL' : 'FULL'}`);
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const r of table) console.log(line(r));
console.log(
  '\np50/p99: publish → committed, over the measured window. Embedded broker: on the client, PUBLISH→PUBACK (the PUBACK waits' +
    "\nfor the commit). Mosquitto acks on receipt, so there it is the server's own figure (commit time − the device's ts, as" +
    "\ningest-stats' commitLatencyMs, read over IPC for exactly the window). CPU in % of one core; the machine has 2 cores shared" +
    '\nby server, generator and broker (and whatever else runs: see the load averages). ok: p99 ≤ 1 s and sustained ≥ 95% of' +
    '\noffered. Peak RSS: the server process during the measured window (VmHWM). PG CPU: the PostgreSQL backends of the' +
    "\nbench database (the server's pool; not the WAL writer/checkpointer). Ramp: ×1.5 per step, then bisected once." +
    '\nThe bench Mosquitto allows anonymous clients: it has NO per-device auth (production uses dynamic security, MQTT_DYNSEC).',
);
for (const [engine, r] of results) {
  const ratio = (points: number) => (Number.isFinite(points / r.ceiling) ? `${((points / r.ceiling) * 100).toFixed(0)}%` : '—');
  const best = r.highestGood;
  console.log(
    `\n${engine}: raw storeBatch ceiling (10k-point batches) ${fmt(r.ceiling)} pts/s; highest good rate ` +
      (best
        ? `${fmt(best.msgs)} msg/s = ${fmt(best.points)} pts/s (${best.mode}), ${ratio(best.points)} of the ceiling`
        : 'below the 3,000 msg/s goal') +
      `; server lifetime peak RSS ${r.lifetimePeakMb.toFixed(0)} MB`,
  );
  for (const row of r.rows.filter((x) => !/step|refine/.test(x.mode)))
    console.log(
      `  ${row.mode} at the county's rate: sustained ${fmt(row.sustainedPoints)} pts/s = ${ratio(row.sustainedPoints)} of the ceiling`,
    );
  for (const note of r.setupNotes) console.log(`  ${note}`);
}
process.exit(0);
