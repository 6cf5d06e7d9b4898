// The ingest path as devices and operators meet it: the whole platform on real ports, real MQTT clients
// (MQTT.js and Debian's mosquitto_pub), bad input that must be counted and survived, a platform process
// killed with SIGKILL under load (no acknowledged point may be lost), and an external Mosquitto with the
// dynamic-security plugin holding per-device credentials.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DeviceCredentialsView, DeviceDetailView, DeviceView, IngestStatsView, SeriesView } from '@tiantai/shared';
import type { IClientOptions, MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/engines';
import { connackCode, connect, startMosquitto, type Mosquitto } from '../../../test/mosquitto';
import { startTestPlatform, type TestPlatform } from '../../../test/platform';
import { openDatabase } from '../../db/connection';
import { PUBLISHED_DEMO_PASSWORD } from '../../demo/load-demo';
import type { TelemetryTables } from './telemetry.tables';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';
const ME = 'v1/devices/me/telemetry';
const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits that depend on commits, 5 s count flushes and broker syncs on two shared cores. */
const SLOW = { timeout: 30_000, interval: 200 };

// --- HTTP as the web app and the devices use it -------------------------------------------------------------

class Session {
  constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async login(base: string, username: string): Promise<Session> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PUBLISHED_DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new Session(base, cookie, ((await res.json()) as { csrfToken: string }).csrfToken);
  }

  async get<T>(url: string): Promise<T> {
    const res = await fetch(`${this.base}${url}`, { headers: { cookie: this.cookie } });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async post<T>(url: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  device(id: string) {
    return this.get<DeviceDetailView>(`/api/telemetry/devices/${id}`);
  }

  async latest(id: string, key: string): Promise<number | undefined> {
    return (await this.device(id)).latest.find((l) => l.key === key)?.value;
  }

  async counts(id: string) {
    return (await this.device(id)).counts;
  }

  /** Every stored raw point of one metric in [from, to]. */
  async raw(id: string, key: string, from: number, to: number) {
    return (await this.get<SeriesView>(`/api/telemetry/devices/${id}/series?key=${key}&from=${from}&to=${to}&resolution=raw`)).points;
  }
}

interface Dev {
  id: string;
  token: string;
}

/** The enterprise's demo devices with their access tokens. */
async function devicesOf(session: Session, count: number): Promise<Dev[]> {
  const list = await session.get<DeviceView[]>('/api/telemetry/devices');
  const plain = list.filter((d) => d.kind === 'device' && d.gatewayId === null).slice(0, count);
  if (plain.length < count) throw new Error(`the demo has only ${plain.length} devices here, ${count} wanted`);
  return Promise.all(
    plain.map(async (d) => ({
      id: d.id,
      token: (await session.get<DeviceCredentialsView>(`/api/telemetry/devices/${d.id}/credentials`)).accessToken,
    })),
  );
}

// --- MQTT ---------------------------------------------------------------------------------------------------

const closed = (client: MqttClient) => new Promise<void>((resolve) => client.once('close', () => resolve()));

function mosquittoPub(args: string[]) {
  return execFileAsync(MOSQUITTO_PUB, ['-h', '127.0.0.1', '-q', '1', ...args], { timeout: 20_000 });
}

/** POSTs a body in chunks, without a Content-Length; resolves with the answer's status and body. */
function postChunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the last chunk went out: only an error without an answer counts.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

async function health(base: string) {
  const res = await fetch(`${base}/api/health`);
  return { status: res.status, body: (await res.json()) as { status: string } };
}

// --- 1 and 2: the embedded broker, good and bad input ------------------------------------------------------

describe.each(ENGINES)('telemetry ingest through the embedded broker on %s', (engine) => {
  let tp: TestPlatform;
  let url: string;
  let yinlun: Session;
  let admin: Session;
  let devices: Dev[];
  let foreign: Dev;
  const clients: MqttClient[] = [];
  const device = async (token: string) => {
    const client = await connect(url, { username: token });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    tp = await startTestPlatform(engine);
    url = `mqtt://127.0.0.1:${tp.platform.mqttPort}`;
    yinlun = await Session.login(tp.base, 'yinlun');
    admin = await Session.login(tp.base, 'admin');
    devices = await devicesOf(yinlun, 6);
    // Another enterprise's device (山河包装箱 has no machines in the demo: its admin provisions one).
    const created = await (
      await Session.login(tp.base, 'shanhe')
    ).post<{ device: DeviceView; credentials: DeviceCredentialsView }>('/api/telemetry/devices', { name: '纸箱线 1 号' });
    foreign = { id: created.device.id, token: created.credentials.accessToken };
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await tp?.close();
  });

  it('closes a connected device whose token was rotated meanwhile; the new token works', async () => {
    const d = devices[5]!;
    const client = await device(d.token);
    await client.publishAsync(ME, JSON.stringify({ before: 1 }), { qos: 1 });
    const rotated = await yinlun.post<DeviceCredentialsView>(`/api/telemetry/devices/${d.id}/rotate-token`, {});
    const gone = closed(client);
    client.publish(ME, JSON.stringify({ after: 1 }), { qos: 1 });
    await gone;
    const fresh = await device(rotated.accessToken);
    await fresh.publishAsync(ME, JSON.stringify({ after: 2 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(d.id, 'after'), SLOW).toBe(2);
    d.token = rotated.accessToken;
  });

  it('stores what MQTT.js publishes with QoS 1, in both payload forms', async () => {
    const [d] = devices;
    const client = await device(d!.token);
    await client.publishAsync(ME, JSON.stringify({ temp: 61.5 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(d!.id, 'temp'), SLOW).toBe(61.5);

    const ts = Date.now() - 60_000;
    // a key the demo press has no history of (its `pressure` has 30 days, reported up to the demo's load)
    await client.publishAsync(ME, JSON.stringify({ ts, values: { mold_pressure: 12.25, running: true } }), { qos: 1 });
    await expect
      .poll(async () => (await yinlun.device(d!.id)).latest.find((l) => l.key === 'mold_pressure'), SLOW)
      .toEqual({
        key: 'mold_pressure',
        ts,
        value: 12.25,
      });
    expect(await yinlun.latest(d!.id, 'running')).toBe(1);
  });

  it('stores what mosquitto_pub publishes with QoS 1', async () => {
    const d = devices[1]!;
    const port = String(tp.platform.mqttPort);
    await mosquittoPub(['-p', port, '-u', d.token, '-t', ME, '-m', JSON.stringify({ oil_temp: 47.25 })]);
    await expect.poll(() => yinlun.latest(d.id, 'oil_temp'), SLOW).toBe(47.25);
    // mosquitto_pub, too, is refused without a known token.
    await expect(mosquittoPub(['-p', port, '-u', 'no-such-token', '-t', ME, '-m', '{"x": 1}'])).rejects.toThrow();
  });

  it('refuses CONNECT with an empty username (4) and an unknown token (5)', async () => {
    expect(await connackCode(url, {})).toBe(4);
    expect(await connackCode(url, { username: '' })).toBe(4);
    expect(await connackCode(url, { username: 'no-such-device-token' })).toBe(5);
    expect(await connackCode(url, { username: devices[0]!.token })).toBe(0);
  });

  it('counts garbage and an array of strings as malformed and keeps the connection', async () => {
    const d = devices[2]!;
    const client = await device(d.token);
    const before = await yinlun.counts(d.id);
    await client.publishAsync(ME, Buffer.from([0xff, 0x00, 0x7b, 0x22, 0x9c]), { qos: 1 });
    await client.publishAsync(ME, 'this is not {json', { qos: 1 });
    await client.publishAsync(ME, JSON.stringify(['temp', 'hot']), { qos: 1 });
    await expect.poll(async () => (await yinlun.counts(d.id)).rejectedMalformed, SLOW).toBe(before.rejectedMalformed + 3);
    // Still connected: the next good message is stored.
    expect(client.connected).toBe(true);
    await client.publishAsync(ME, JSON.stringify({ current: 33 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(d.id, 'current'), SLOW).toBe(33);
    // The counts are written just after the latest values (one flush, two statements): wait for them too.
    await expect.poll(async () => (await yinlun.counts(d.id)).messages, SLOW).toBe(before.messages + 1);
    expect((await yinlun.counts(d.id)).rejectedMalformed).toBe(before.rejectedMalformed + 3);
    expect((await admin.get<IngestStatsView>('/api/telemetry/ingest-stats')).malformed).toBeGreaterThanOrEqual(3);
  });

  it('refuses a 10 MB payload over MQTT (connection closed at its header) and over HTTP (413 PAYLOAD_TOO_LARGE), counted, and keeps serving', async () => {
    const d = devices[3]!;
    const before = await yinlun.counts(d.id);
    const huge = Buffer.alloc(10 * 1024 * 1024, 'x');
    // JSON-looking, so only its size is wrong.
    huge.write('{"temp": 1, "pad": "', 0);
    huge.write('"}', huge.length - 2);

    // Announced at 10 MB, the packet closes its connection at its fixed header: the broker never holds it.
    const client = await device(d.token);
    const gone = closed(client);
    void client.publishAsync(ME, huge, { qos: 1 }).catch(() => undefined);
    await gone;
    await expect.poll(async () => (await yinlun.counts(d.id)).rejectedSize, SLOW).toBe(before.rejectedSize + 1);
    // Over the payload limit (64 KB) but under the packet limit (128 KB): refused and counted, still connected.
    const mid = await device(d.token);
    await mid.publishAsync(ME, `{"temp": 1, "pad": "${'x'.repeat(100 * 1024)}"}`, { qos: 1 });
    expect(mid.connected).toBe(true);
    await expect.poll(async () => (await yinlun.counts(d.id)).rejectedSize, SLOW).toBe(before.rejectedSize + 2);

    const res = await fetch(`${tp.base}/api/v1/${d.token}/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    }).catch((error: unknown) => error as Error);
    expect(res).toBeInstanceOf(Response);
    const response = res as Response;
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    await expect.poll(async () => (await yinlun.counts(d.id)).rejectedSize, SLOW).toBe(before.rejectedSize + 3);
    // Without a Content-Length (chunked), the body limit stops it while it is read.
    const chunked = await postChunked(
      `${tp.base}/api/v1/${d.token}/telemetry`,
      Array.from({ length: 10 }, () => Buffer.alloc(1024 * 1024, ' ')),
    );
    expect(chunked.status).toBe(413);
    expect((JSON.parse(chunked.body) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    await expect.poll(async () => (await yinlun.counts(d.id)).rejectedSize, SLOW).toBe(before.rejectedSize + 4);
    expect((await yinlun.device(d.id)).latest.find((l) => l.key === 'temp')).toBeUndefined();

    // The platform still answers, and the same device still gets through (HTTP and MQTT).
    expect(await health(tp.base)).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
    const ok = await fetch(`${tp.base}/api/v1/${d.token}/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temp: 70.5 }),
    });
    expect(ok.status).toBe(200);
    await expect.poll(() => yinlun.latest(d.id, 'temp'), SLOW).toBe(70.5);
    const again = await device(d.token);
    await again.publishAsync(ME, JSON.stringify({ temp: 71.5 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(d.id, 'temp'), SLOW).toBe(71.5);
  });

  it("closes the connection on a publish to another device's topic or a stray topic, counted, nothing delivered", async () => {
    const d = devices[4]!;
    const before = await yinlun.counts(d.id);
    // the demo machine's history: its latest values as they stood before the stray publishes
    const latestBefore = (await yinlun.device(d.id)).latest;
    const shanhe = await Session.login(tp.base, 'shanhe');

    for (const topic of [`v1/devices/${foreign.token}/telemetry`, 'foo/bar']) {
      const client = await device(d.token);
      const gone = closed(client);
      void client.publishAsync(topic, JSON.stringify({ temp: 999 }), { qos: 1 }).catch(() => undefined);
      await gone;
      expect(client.connected).toBe(false);
    }
    await expect.poll(async () => (await yinlun.counts(d.id)).rejectedTopic, SLOW).toBe(before.rejectedTopic + 2);
    expect((await shanhe.device(foreign.id)).latest).toEqual([]);
    expect((await yinlun.device(d.id)).latest).toEqual(latestBefore);
    expect((await admin.get<IngestStatsView>('/api/telemetry/ingest-stats')).forbiddenTopic).toBeGreaterThanOrEqual(2);
  });

  it("rate-limits a flood of 500 messages from one device while another device's messages are stored", async () => {
    const flooder = devices[5]!;
    const steady = devices[0]!;
    const from = Date.now() - 120_000;
    const floodClient = await device(flooder.token);
    const steadyClient = await device(steady.token);
    const before = await yinlun.counts(flooder.id);

    const flood = Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        floodClient.publishAsync(ME, JSON.stringify({ ts: from + i, values: { flood: i } }), { qos: 1 }),
      ),
    );
    // The other device publishes one message after another (each waits for its PUBACK) meanwhile.
    for (let i = 0; i < 20; i++) await steadyClient.publishAsync(ME, JSON.stringify({ ts: from + i, values: { steady: i } }), { qos: 1 });
    await flood;

    const to = from + 1000;
    expect((await yinlun.raw(steady.id, 'steady', from, to)).map((p) => p.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));

    // Every one of the 500 is either stored or counted as rate-limited (counts reach the database every 2 s).
    const stored = (await yinlun.raw(flooder.id, 'flood', from, to)).length;
    await expect.poll(async () => (await yinlun.counts(flooder.id)).rejectedRate - before.rejectedRate, SLOW).toBe(500 - stored);
    expect((await yinlun.counts(steady.id)).rejectedRate).toBe(0);
    const counts = await yinlun.counts(flooder.id);
    const rateLimited = counts.rejectedRate - before.rejectedRate;
    console.log(`${engine}: flood of 500 → ${stored} stored, ${rateLimited} rate-limited`);
    expect(rateLimited).toBeGreaterThan(0);
    expect(stored).toBeGreaterThan(0);
    expect(stored + rateLimited).toBe(500);
    expect(counts.messages - before.messages).toBe(stored);
    expect((await admin.get<IngestStatsView>('/api/telemetry/ingest-stats')).rateLimited).toBeGreaterThanOrEqual(rateLimited);
    expect(await health(tp.base)).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
  });
});

// --- 3: SIGKILL under load ---------------------------------------------------------------------------------

interface Child {
  process: ChildProcessWithoutNullStreams;
  httpPort: number;
  mqttPort: number;
  output(): string;
  exited: Promise<unknown>;
}

/** Starts server/test/platform-child.ts on the test database; resolves once it printed its ports. */
async function startChild(db: TestDatabase): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    WEB_DIST: '/nonexistent',
    SIMULATE: 'false',
    DATA_DIR: db.location.dataDir,
  };
  delete env.DATABASE_URL;
  delete env.MQTT_URL;
  if (db.location.databaseUrl) env.DATABASE_URL = db.location.databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/platform-child.ts'], { cwd: ROOT, env });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const ports = await new Promise<{ httpPort: number; mqttPort: number }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.startsWith('{"httpPort"')) continue;
        resolve(JSON.parse(line) as { httpPort: number; mqttPort: number });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the platform process exited (${String(code)}):\n${output}`)));
  });
  return { process: child, ...ports, output: () => output, exited };
}

const DEVICES = 40;

/** A device's own pacing under the platform's per-device limit (10/s, burst 50), with some margin. */
class Pace {
  private tokens = 40;
  private at = Date.now();
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(40, this.tokens + ((now - this.at) / 1000) * 8);
      this.at = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / 8) * 1000));
    }
  }
}

describe.each(ENGINES)('a platform process killed with SIGKILL on %s', (engine) => {
  let db: TestDatabase;
  const children: Child[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await db?.drop();
  });

  it('keeps every point it acknowledged (QoS 1 PUBACK) across the kill and a restart', async () => {
    const first = await startChild(db);
    children.push(first);
    // Many devices (of several enterprises), so that points wait for a commit at every moment.
    const tokensNow = async () => {
      const { db: store } = openDatabase<TelemetryTables>(db.location);
      try {
        return await store
          .selectFrom('devices')
          .select(['id', 'access_token as token'])
          .where('kind', '=', 'device')
          .where('access_token', 'is not', null)
          .orderBy('id')
          .limit(DEVICES)
          .execute();
      } finally {
        await store.destroy();
      }
    };
    const devices = await tokensNow();
    expect(devices).toHaveLength(DEVICES);
    const clients = await Promise.all(devices.map((d) => connect(`mqtt://127.0.0.1:${first.mqttPort}`, { username: d.token! })));

    // Unique, increasing timestamps across all devices; the value is the device's own sequence number.
    const start = Date.now() - 3600_000;
    let nextTs = start;
    const sent = devices.map(() => new Map<number, number>()); // ts → seq
    const acked: number[][] = devices.map(() => []);
    let stop = false;
    const killed = new Promise<void>((resolve) => void first.exited.then(() => resolve()));
    const WINDOW = 8;
    const pump = async (client: MqttClient, n: number) => {
      // Staggered, so the devices' paced sends never fall into step (the load has no pauses to kill into).
      await sleep((n * 125) / devices.length);
      const pace = new Pace();
      const inflight = new Set<Promise<void>>();
      for (let seq = 0; !stop; seq++) {
        await pace.take();
        while (inflight.size >= WINDOW && !stop) await Promise.race([...inflight, killed]);
        if (stop) break;
        const ts = nextTs++;
        sent[n]!.set(ts, seq);
        const p: Promise<void> = client
          .publishAsync('v1/devices/me/telemetry', JSON.stringify({ ts, values: { seq } }), { qos: 1 })
          .then(
            () => void acked[n]!.push(ts),
            () => undefined,
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
    };
    const pumps = clients.map((c, n) => pump(c, n));

    // Killed mid-stream once a few hundred points are acknowledged (a loaded machine takes longer to get there).
    const ackedSoFar = () => acked.reduce((sum, a) => sum + a.length, 0);
    for (const until = Date.now() + 15_000; ackedSoFar() < 300 && Date.now() < until;) await sleep(50);
    first.process.kill('SIGKILL');
    await first.exited;
    stop = true;
    const ackedAtKill = acked.map((a) => [...a]);
    for (const c of clients) c.end(true);
    await Promise.all(pumps);
    expect(first.process.signalCode).toBe('SIGKILL');

    const second = await startChild(db);
    children.push(second);
    // The demo was not loaded a second time: the same devices with the same tokens.
    expect(await tokensNow()).toEqual(devices);

    const { db: store } = openDatabase<TelemetryTables>(db.location);
    const rows = await store
      .selectFrom('telemetry_points')
      .innerJoin('telemetry_series', 'telemetry_series.id', 'telemetry_points.series_id')
      .select(['telemetry_series.device_id', 'telemetry_points.ts', 'telemetry_points.value'])
      .where('telemetry_series.key', '=', 'seq')
      .where('telemetry_points.ts', '>=', start)
      .execute()
      .finally(() => store.destroy());
    const storedOf = new Map<string, Map<number, number>>(devices.map((d) => [d.id, new Map()]));
    for (const r of rows) storedOf.get(r.device_id)?.set(Number(r.ts), r.value);

    let totalAcked = 0;
    for (const [n, d] of devices.entries()) {
      const stored = storedOf.get(d.id)!;
      const missing = ackedAtKill[n]!.filter((ts) => !stored.has(ts));
      expect(missing, `device ${d.id}: acknowledged points missing after the restart`).toEqual([]);
      // Nothing stored that was not sent, and each point kept its value.
      expect([...stored].filter(([ts, value]) => sent[n]!.get(ts) !== value)).toEqual([]);
      totalAcked += ackedAtKill[n]!.length;
    }
    expect(rows.length).toBe(devices.reduce((sum, d) => sum + storedOf.get(d.id)!.size, 0));

    // The API tells the same for 银轮's devices among them.
    const yinlun = await Session.login(`http://127.0.0.1:${second.httpPort}`, 'yinlun');
    const theirs = (await yinlun.get<DeviceView[]>('/api/telemetry/devices')).filter((v) => storedOf.has(v.id));
    expect(theirs.length).toBeGreaterThan(0);
    for (const v of theirs) {
      const points = await yinlun.raw(v.id, 'seq', start, nextTs);
      expect(new Map(points.map((p) => [p.ts, p.value]))).toEqual(storedOf.get(v.id));
    }

    const totalSent = sent.reduce((sum, m) => sum + m.size, 0);
    console.log(
      `${engine}: SIGKILL with ${devices.length} devices after ${totalSent} sent: ${totalAcked} acknowledged, ${rows.length} stored, none missing`,
    );
    expect(totalAcked).toBeGreaterThan(200);

    second.process.kill('SIGTERM');
    await second.exited;
  });
});

// --- 4: an external Mosquitto with dynamic security ----------------------------------------------------------

describe.each(ENGINES)('telemetry through an external Mosquitto with dynamic security on %s', (engine) => {
  const ADMIN = 'tiantai-admin';
  const ADMIN_PASS = 'Dynsec#Admin2026';
  let broker: Mosquitto;
  let tp: TestPlatform;
  let yinlun: Session;
  let a: Dev;
  let b: Dev;
  let c: Dev;
  const clients: MqttClient[] = [];
  const topicOf = (d: Dev) => `v1/devices/${d.token}/telemetry`;

  beforeAll(async () => {
    // A broker of its own per engine: the platform's persistent session must not outlive into the next run.
    broker = await startMosquitto(ADMIN, ADMIN_PASS);
    tp = await startTestPlatform(engine, {
      MQTT_URL: `mqtt://${ADMIN}:${encodeURIComponent(ADMIN_PASS)}@127.0.0.1:${broker.port}`,
      MQTT_DYNSEC: 'true',
      MQTT_CLIENT_ID: `tiantai-test-${engine}`,
    });
    yinlun = await Session.login(tp.base, 'yinlun');
    [a, b, c] = (await devicesOf(yinlun, 3)) as [Dev, Dev, Dev];
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await tp?.close();
    await broker?.stop();
  });

  const device = async (d: Dev, options: IClientOptions = {}) => {
    const client = await connect(broker.url, { username: d.token, password: d.token, ...options });
    clients.push(client);
    return client;
  };

  it('declares the devices on the broker (dynamic security) once connected to it', async () => {
    expect(await health(tp.base)).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', mqtt: 'external' }) });
    expect(tp.platform.mqttPort).toBeNull();
    // The sync runs after the platform connected: retry until the broker knows the devices.
    await expect.poll(() => connackCode(broker.url, { username: a.token, password: a.token }), SLOW).toBe(0);
    await expect.poll(() => connackCode(broker.url, { username: b.token, password: b.token }), SLOW).toBe(0);
  });

  it('stores what a device publishes to its own topic with its token (MQTT.js and mosquitto_pub)', async () => {
    const client = await device(a);
    await client.publishAsync(topicOf(a), JSON.stringify({ temp: 55.5 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(a.id, 'temp'), SLOW).toBe(55.5);

    await mosquittoPub(['-p', String(broker.port), '-u', b.token, '-P', b.token, '-t', topicOf(b), '-m', JSON.stringify({ temp: 20.25 })]);
    await expect.poll(() => yinlun.latest(b.id, 'temp'), SLOW).toBe(20.25);
  });

  it('is refused by Mosquitto with a wrong password or an unknown user', async () => {
    expect(await connackCode(broker.url, { username: a.token, password: 'wrong-password' })).toBe(5);
    expect(await connackCode(broker.url, { username: 'no-such-token', password: 'no-such-token' })).toBe(5);
    expect(await connackCode(broker.url, { username: a.token })).toBe(5);
    await expect(
      mosquittoPub(['-p', String(broker.port), '-u', a.token, '-P', 'wrong-password', '-t', topicOf(a), '-m', '{"temp": 1}']),
    ).rejects.toThrow();
  });

  it("does not deliver what a device publishes to another device's topic", async () => {
    const own = await device(b);
    await own.publishAsync(topicOf(b), JSON.stringify({ temp: 21.5 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(b.id, 'temp'), SLOW).toBe(21.5);

    // MQTT 5 tells the publisher: PUBACK "not authorized" (135).
    const intruder = await device(a, { protocolVersion: 5 });
    await expect(intruder.publishAsync(topicOf(b), JSON.stringify({ temp: 999 }), { qos: 1 })).rejects.toMatchObject({ code: 135 });
    // MQTT 3.1.1 has no such answer: the broker drops it silently.
    const intruder311 = await device(a, { clientId: `intruder-${engine}` });
    await intruder311.publishAsync(topicOf(b), JSON.stringify({ temp: 998 }), { qos: 1 });
    // A marker after them on the intruder's own topic: once it is stored, the intrusions would have been too.
    await intruder311.publishAsync(topicOf(a), JSON.stringify({ marker: 1 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(a.id, 'marker'), SLOW).toBe(1);
    expect(await yinlun.latest(b.id, 'temp')).toBe(21.5);
    const now = Date.now();
    expect((await yinlun.raw(b.id, 'temp', now - 3600_000, now + 60_000)).map((p) => p.value)).not.toContain(999);
    expect((await yinlun.raw(b.id, 'temp', now - 3600_000, now + 60_000)).map((p) => p.value)).not.toContain(998);
  });

  it('follows a token rotation on the broker: the old token is refused, the new one publishes', async () => {
    await expect.poll(() => connackCode(broker.url, { username: c.token, password: c.token }), SLOW).toBe(0);
    const rotated = await yinlun.post<DeviceCredentialsView>(`/api/telemetry/devices/${c.id}/rotate-token`, {});
    const fresh = { id: c.id, token: rotated.accessToken };
    expect(fresh.token).not.toBe(c.token);
    await expect.poll(() => connackCode(broker.url, { username: fresh.token, password: fresh.token }), SLOW).toBe(0);
    await expect.poll(() => connackCode(broker.url, { username: c.token, password: c.token }), SLOW).toBe(5);
    const client = await device(fresh);
    await client.publishAsync(topicOf(fresh), JSON.stringify({ temp: 33.5 }), { qos: 1 });
    await expect.poll(() => yinlun.latest(c.id, 'temp'), SLOW).toBe(33.5);
  });
});

describe.runIf(ENGINES.includes('postgres'))('two platform instances sharing one PostgreSQL and one Mosquitto', () => {
  const ADMIN = 'tiantai-admin';
  const ADMIN_PASS = 'Dynsec#Admin2026';
  let broker: Mosquitto;
  let first: TestPlatform;
  let second: TestPlatform;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    broker = await startMosquitto(ADMIN, ADMIN_PASS);
    const vars = (clientId: string) => ({
      MQTT_URL: `mqtt://${ADMIN}:${encodeURIComponent(ADMIN_PASS)}@127.0.0.1:${broker.port}`,
      MQTT_DYNSEC: 'true',
      MQTT_CLIENT_ID: clientId,
    });
    first = await startTestPlatform('postgres', vars('tiantai-test-a'));
    second = await startTestPlatform('postgres', vars('tiantai-test-b'), first.db);
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await second?.close();
    await first?.close();
    await broker?.stop();
  });

  it('shares the devices’ messages between the instances (shared subscription) and stores each point once', async () => {
    const yinlun = await Session.login(first.base, 'yinlun');
    const devices = await devicesOf(yinlun, 4);
    for (const d of devices) await expect.poll(() => connackCode(broker.url, { username: d.token, password: d.token }), SLOW).toBe(0);
    const start = Date.now() - 60_000;
    const PER_DEVICE = 20;
    await Promise.all(
      devices.map(async (d, i) => {
        const client = await connect(broker.url, { username: d.token, password: d.token });
        clients.push(client);
        for (let n = 0; n < PER_DEVICE; n++) {
          await client.publishAsync(`v1/devices/${d.token}/telemetry`, JSON.stringify({ ts: start + n * 1000 + i, values: { seq: n } }), {
            qos: 1,
          });
          await sleep(120); // under the device's rate limit on either instance
        }
      }),
    );
    for (const d of devices) {
      await expect.poll(async () => (await yinlun.raw(d.id, 'seq', start - 1, start + 60_000)).length, SLOW).toBe(PER_DEVICE);
    }
    const stats = await Promise.all(
      [first.base, second.base].map(async (base) =>
        (await Session.login(base, 'admin')).get<IngestStatsView>('/api/telemetry/ingest-stats'),
      ),
    );
    expect(stats.map((s) => s.acceptedMessages).every((n) => n > 0)).toBe(true);
    expect(stats[0]!.acceptedMessages + stats[1]!.acceptedMessages).toBe(devices.length * PER_DEVICE);
  });
});
