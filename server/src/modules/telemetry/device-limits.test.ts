// Device connections on a running platform with real MQTT.js clients: a machine's state follows its data, not
// its connection (issue #14); and hardening (issue #13, items 5 and 6):
// a client id held by one device cannot be taken over by another device's token; gateways and devices are
// capped in what they create (children, series), refusals counted; the ingest caches stay bounded.
import type { DeviceCredentialsView, DeviceDetailView, DeviceView } from '@tiantai/shared';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { connackCode, connect } from '../../../test/mosquitto';
import { startTestPlatform, type TestPlatform } from '../../../test/platform';
import { PUBLISHED_DEMO_PASSWORD } from '../../demo/load-demo';
import { BoundedMap } from './bounded-map';

const ME = 'v1/devices/me/telemetry';
const SLOW = { timeout: 30_000, interval: 200 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function session(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PUBLISHED_DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    get: async <T>(url: string) => (await (await fetch(`${base}${url}`, { headers: { cookie } })).json()) as T,
    post: async <T>(url: string, body: unknown) =>
      (await (
        await fetch(`${base}${url}`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as T,
  };
}

describe('the ingest caches', () => {
  it('keep at most their capacity, dropping the least recently used and telling who was dropped', () => {
    const evicted: string[] = [];
    const map = new BoundedMap<string, number>(3, (key) => evicted.push(key));
    for (let i = 0; i < 1000; i++) {
      map.set(`k${i}`, i);
      if (i === 1) map.get('k0'); // used: k1 is now the oldest
      expect(map.size).toBeLessThanOrEqual(3);
    }
    expect([...map.keys()]).toEqual(['k997', 'k998', 'k999']);
    expect(evicted.slice(0, 2)).toEqual(['k1', 'k0']);
    expect(evicted).toHaveLength(997);
  });
});

describe.each(ENGINES)('device connections and caps on %s', (engine) => {
  let tp: TestPlatform;
  let url: string;
  let yinlun: Awaited<ReturnType<typeof session>>;
  let shanhe: Awaited<ReturnType<typeof session>>;
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  const clients: MqttClient[] = [];
  const stats = () => tp.platform.app.telemetry.ingest.stats();
  const provision = async (s: Awaited<ReturnType<typeof session>>, name: string, kind: 'device' | 'gateway' = 'device') => {
    const created = await s.post<{ device: DeviceView; credentials: DeviceCredentialsView }>('/api/telemetry/devices', { name, kind });
    return { id: created.device.id, token: created.credentials.accessToken };
  };
  /** The device page's refusal counts, once the ingest has written what it counted. */
  const countsOf = async (s: Awaited<ReturnType<typeof session>>, id: string) => {
    await tp.platform.app.telemetry.ingest.flushCounts();
    return (await s.get<DeviceDetailView>(`/api/telemetry/devices/${id}`)).counts;
  };
  const mqttClient = async (token: string, clientId: string) => {
    const client = await connect(url, { username: token, clientId });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    tp = await startTestPlatform(engine, { MAX_GATEWAY_CHILDREN: '3', MAX_DEVICE_SERIES: '5' });
    url = `mqtt://127.0.0.1:${tp.platform.mqttPort}`;
    yinlun = await session(tp.base, 'yinlun');
    a = await provision(yinlun, '压铸机 A');
    shanhe = await session(tp.base, 'shanhe');
    b = await provision(shanhe, '纸箱线 B');
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await tp?.close();
  });

  it("refuses another device's token connecting with a held client id; the holder stays connected and online", async () => {
    const holder = await mqttClient(a.token, `press-a-${engine}`);
    await holder.publishAsync(ME, JSON.stringify({ state: 1 }), { qos: 1 });
    await expect.poll(async () => (await yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${a.id}`)).state, SLOW).toBe('running');
    const before = stats().clientIdTaken;

    expect(await connackCode(url, { username: b.token, clientId: `press-a-${engine}` })).toBe(2);
    await sleep(500);
    expect(holder.connected).toBe(true);
    expect(stats().clientIdTaken).toBe(before + 1);
    // Counted on the intruding device's page, not on the holder's.
    expect((await countsOf(shanhe, b.id)).rejectedClientId).toBe(1);
    expect((await countsOf(yinlun, a.id)).rejectedClientId).toBe(0);
    const detail = await yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${a.id}`);
    expect(detail.connected).toBe(true);
    expect(detail.state).toBe('running');
    // The holder's connection still carries its data.
    await holder.publishAsync(ME, JSON.stringify({ temp: 42 }), { qos: 1 });
    await expect
      .poll(async () => (await yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${a.id}`)).latest.some((l) => l.key === 'temp'), SLOW)
      .toBe(true);
  });

  it('lets a device reconnecting with its own client id replace its stale connection, staying connected', async () => {
    const old = await mqttClient(a.token, `press-a2-${engine}`);
    const gone = new Promise<void>((resolve) => old.once('close', () => resolve()));
    const fresh = await mqttClient(a.token, `press-a2-${engine}`);
    await gone;
    expect(fresh.connected).toBe(true);
    await fresh.publishAsync(ME, JSON.stringify({ state: 1 }), { qos: 1 });
    await sleep(500);
    const detail = await yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${a.id}`);
    expect(detail.connected).toBe(true);
    expect(detail.state).not.toBe('offline');
  });

  it('keeps a machine that connects, publishes and disconnects (as mosquitto_pub does) online and running', async () => {
    const press = await provision(yinlun, '压铸机 短连接');
    for (const shots of [100, 101, 102, 103]) {
      const client = await connect(url, { username: press.token, clientId: `short-${engine}-${shots}` });
      await client.publishAsync(ME, JSON.stringify({ shots }), { qos: 1 });
      await client.endAsync();
    }
    await expect.poll(async () => (await yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${press.id}`)).state, SLOW).toBe('running');
    await sleep(500); // the last disconnect has been handled
    const detail = await yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${press.id}`);
    expect({ online: detail.online, connected: detail.connected, state: detail.state }).toEqual({
      online: true,
      connected: false,
      state: 'running',
    });
  });

  it('creates no more children than the gateway cap; the rest are refused and counted', async () => {
    const gw = await provision(yinlun, '车间网关', 'gateway');
    const client = await mqttClient(gw.token, `gw-${engine}`);
    const before = stats().childrenLimit;
    const message = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`Press ${i}`, { shots: i }]));
    await client.publishAsync('v1/gateway/telemetry', JSON.stringify(message), { qos: 1 });
    await client.publishAsync('v1/gateway/connect', JSON.stringify({ device: 'Press 99' }), { qos: 1 });
    const children = (await yinlun.get<DeviceView[]>('/api/telemetry/devices')).filter((d) => d.gatewayId === gw.id);
    expect(children.map((c) => c.name).sort()).toEqual(['Press 0', 'Press 1', 'Press 2']);
    expect(stats().childrenLimit).toBe(before + 2);
    expect((await countsOf(yinlun, gw.id)).rejectedLimit).toBe(2);
    // Known children still get through.
    await client.publishAsync('v1/gateway/telemetry', JSON.stringify({ 'Press 1': { shots: 11 } }), { qos: 1 });
    expect(client.connected).toBe(true);
  });

  it('creates no more series than the device cap; new keys over it are refused and counted, known ones stored', async () => {
    const d = await provision(yinlun, 'PLC 1');
    const client = await mqttClient(d.token, `plc-${engine}`);
    const before = stats().seriesLimit;
    await client.publishAsync(ME, JSON.stringify(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`tag${i}`, i]))), { qos: 1 });
    await client.publishAsync(ME, JSON.stringify({ tag0: 100, tag8: 8 }), { qos: 1 });
    expect(stats().seriesLimit).toBe(before + 2);
    expect((await countsOf(yinlun, d.id)).rejectedLimit).toBe(2);
    const series = await tp.platform.app.telemetry.ingest.writer
      .flushLatest()
      .then(() => yinlun.get<DeviceDetailView>(`/api/telemetry/devices/${d.id}`));
    expect(series.latest.map((l) => l.key).sort()).toEqual(['tag0', 'tag1', 'tag2', 'tag3', 'tag4']);
    expect(series.latest.find((l) => l.key === 'tag0')?.value).toBe(100);
  });
});
