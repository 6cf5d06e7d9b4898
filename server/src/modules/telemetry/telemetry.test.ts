// Machine data on each engine through the real app: provisioning, HTTP ingest, rollups, redelivery, machine
// state and utilisation, counters that fire a usage plan exactly once, alarms with duration and hysteresis,
// and refusals counted against the device. The MQTT paths run as processes in ingest.process.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, enterprise, plant } from '../../../test/factories';
import { offlineAfterMs } from '@tiantai/shared';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';
import { parseGatewayTelemetry, parseTelemetry } from './payload';
import { judge, stateFromPoint, thresholdText } from './monitor';
import { metricsOf, resolutionFor, utilisationOf } from './telemetry.service';
import { dialectOf } from './dialect';
import { applyRetention, ensurePartitions, rollupHour, rollupsOf } from './points.repository';
import { TelemetryMachineSource } from './machine-source';
import { withTablesOf } from '../../db/connection';
import type { TelemetryTables } from './telemetry.tables';

const NOW = Date.UTC(2026, 10, 28, 8, 0, 0);

describe('payloads (ThingsBoard formats)', () => {
  const parse = (body: unknown) => parseTelemetry(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), NOW);

  it('takes flat values, ts + values, and arrays; booleans and numeric strings are numbers, text is skipped', () => {
    expect(parse({ temp: 61.5, state: 3 })).toEqual({
      ok: true,
      value: [
        { key: 'temp', ts: NOW, value: 61.5 },
        { key: 'state', ts: NOW, value: 3 },
      ],
    });
    expect(parse([{ ts: NOW - 1000, values: { a: true, b: '2.5', c: 'text' } }, { d: 1 }])).toEqual({
      ok: true,
      value: [
        { key: 'a', ts: NOW - 1000, value: 1 },
        { key: 'b', ts: NOW - 1000, value: 2.5 },
        { key: 'd', ts: NOW, value: 1 },
      ],
    });
  });

  it('refuses garbage with a reason', () => {
    expect(parse('not json')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parse(['a', 'b'])).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parse({ only: 'text' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parse({ ts: 'yesterday', values: { a: 1 } })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parse({ ts: NOW + 2 * 24 * 3600_000, values: { a: 1 } })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parse({ 'bad key!': 1 })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseTelemetry(Buffer.alloc(10 * 1024 * 1024, 0x20), NOW)).toMatchObject({ ok: false, reason: 'oversize' });
  });

  it('reads a gateway message per device', () => {
    const parsed = parseGatewayTelemetry(
      Buffer.from(JSON.stringify({ 'Press 7': [{ ts: NOW, values: { shots: 5 } }], 'Press 8': { shots: 6 } })),
      NOW,
    );
    expect(parsed.ok && [...parsed.value.entries()]).toEqual([
      ['Press 7', [{ key: 'shots', ts: NOW, value: 5 }]],
      ['Press 8', [{ key: 'shots', ts: NOW, value: 6 }]],
    ]);
    expect(parseGatewayTelemetry(Buffer.from('[1]'), NOW)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('rollups, state, alarms and utilisation (pure)', () => {
  it('aggregates a minute: min, max, sum, count and the last value by time', () => {
    const points = [
      { seriesId: 1, ts: NOW + 1000, value: 5 },
      { seriesId: 1, ts: NOW + 50_000, value: 1 },
      { seriesId: 1, ts: NOW + 20_000, value: 9 },
      { seriesId: 1, ts: NOW + 61_000, value: 4 },
    ];
    expect(rollupsOf(points, 60_000)).toEqual([
      { seriesId: 1, bucket: NOW, min: 1, max: 9, sum: 15, count: 3, last: 1, lastTs: NOW + 50_000 },
      { seriesId: 1, bucket: NOW + 60_000, min: 4, max: 4, sum: 4, count: 1, last: 4, lastTs: NOW + 61_000 },
    ]);
  });

  it('reads the state metric and moving counters', () => {
    expect(stateFromPoint('state', 1, undefined)).toBe('running');
    expect(stateFromPoint('state', 3, undefined)).toBe('down');
    expect(stateFromPoint('state', 9, undefined)).toBeNull();
    expect(stateFromPoint('shots', 11, 10)).toBe('running');
    expect(stateFromPoint('shots', 10, 10)).toBeNull();
    expect(stateFromPoint('oil_temp', 50, undefined)).toBeNull();
  });

  it('judges thresholds with hysteresis', () => {
    const rule = { condition: 'above' as const, threshold: 62, clear_threshold: 58 };
    expect(judge(rule, 63)).toEqual({ breach: true, clear: false });
    expect(judge(rule, 60)).toEqual({ breach: false, clear: false });
    expect(judge(rule, 58)).toEqual({ breach: false, clear: true });
    expect(judge({ condition: 'below', threshold: 10, clear_threshold: null }, 9)).toEqual({ breach: true, clear: false });
  });

  it('names the metric with its unit in an alarm text, an unknown key as itself', () => {
    const rule = { name: '模温过高', metric: 'mold_temp', condition: 'above' as const, threshold: 300 };
    expect(thresholdText(rule, 'die_casting', 312.345)).toBe('模温过高：模温 = 312.3 °C（> 300 °C）');
    expect(thresholdText({ ...rule, name: '油温过低', metric: 'oil_temp', condition: 'below', threshold: 15 }, 'press', 9.96)).toBe(
      '油温过低：液压油温 = 10 °C（< 15 °C）',
    );
    expect(thresholdText({ ...rule, name: '负载过高', metric: 'spindle_load', threshold: 110 }, 'cnc', 115)).toBe(
      '负载过高：主轴负载 = 115%（> 110%）',
    );
    expect(thresholdText({ ...rule, name: '探头', metric: 'probe_x' }, 'press', 66.12345)).toBe('探头：probe_x = 66.123（> 300）');
  });

  it("lists a device's metrics: its type's catalogue, then the other keys it has sent", () => {
    const metrics = metricsOf('press', ['zeta', 'oil_temp', 'mold_temp', 'alpha']);
    expect(metrics.map((m) => m.key)).toEqual([
      'state',
      'shots',
      'oil_temp',
      'pressure',
      'current',
      'power_kw',
      'alpha',
      'mold_temp',
      'zeta',
    ]);
    expect(metrics.find((m) => m.key === 'mold_temp')).toMatchObject({ name: { zh: '模温' }, unit: '°C', known: true });
    expect(metrics.find((m) => m.key === 'zeta')).toEqual({
      key: 'zeta',
      name: { zh: 'zeta', en: 'zeta' },
      unit: null,
      precision: null,
      min: null,
      max: null,
      known: false,
    });
    expect(metricsOf('no_such_type', []).length).toBe(0);
  });

  it('splits a range into states; uncovered time is offline', () => {
    const hour = 3600_000;
    const u = utilisationOf(
      [
        { state: 'running', started_at: NOW - 2 * hour, ended_at: NOW + hour / 2 },
        { state: 'idle', started_at: NOW + hour / 2, ended_at: NOW + hour * 0.75 },
        { state: 'down', started_at: NOW + hour * 0.75, ended_at: null },
      ],
      NOW,
      NOW + 2 * hour,
      NOW + hour,
    );
    expect(u.seconds).toEqual({ running: 1800, idle: 900, down: 900, offline: 0 });
    expect(u.utilisation).toBe(0.5);
    expect(u.poweredOnRate).toBe(0.75);
    expect(resolutionFor(0, 6 * hour)).toBe('raw');
    expect(resolutionFor(0, 7 * 24 * hour)).toBe('1m');
    expect(resolutionFor(0, 8 * 24 * hour)).toBe('1h');
  });
});

describe.each(ENGINES)('telemetry on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let shanhe: Client;
  let pressId: string;
  let device: { id: string; token: string };

  const send = (token: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/${token}/telemetry`,
      headers: { 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Latest values and counts reach the database every 2 s in a running platform; here they are flushed by hand.
  const detail = async (id = device.id) => {
    await t.app.telemetry.ingest.flushCounts();
    return (await yinlun.get(`/api/telemetry/devices/${id}`)).json();
  };

  beforeAll(async () => {
    // Two enterprises and a press in service: all this suite needs (server/test/factories.ts).
    t = await createTestApp(engine, { demo: false });
    const county = await countyAdmin(t);
    yinlun = (await enterprise(t.app, county, '浙江银轮机械股份有限公司')).admin;
    shanhe = (await enterprise(t.app, county, '浙江山河机械有限公司')).admin;
    pressId = (await asset(yinlun, { plantId: await plant(yinlun, '一号厂房'), name: '压铸机' })).id;
    const created = await yinlun.post('/api/telemetry/devices', { name: '压铸机 9#', deviceType: 'press', assetId: pressId });
    expect(created.statusCode).toBe(201);
    device = { id: created.json().device.id, token: created.json().credentials.accessToken };
  });
  afterAll(async () => t?.close());

  it('stores points over HTTP once, keeps the latest value and the minute rollup, and skips a redelivered message', async () => {
    const base = Date.now() - (Date.now() % 60_000) - 120_000;
    const body = [
      { ts: base + 1_000, values: { oil_temp: 50 } },
      { ts: base + 2_000, values: { oil_temp: 54 } },
      { ts: base + 3_000, values: { oil_temp: 52 } },
    ];
    expect((await send(device.token, body)).json()).toEqual({ stored: 3 });
    // The same message again (a QoS 1 redelivery): accepted, stored once, not counted twice in the rollup.
    expect((await send(device.token, body)).statusCode).toBe(200);
    const raw = (await yinlun.get(`/api/telemetry/devices/${device.id}/series?key=oil_temp&from=${base}&to=${base + 60_000}`)).json();
    expect(raw.resolution).toBe('raw');
    expect(raw.points.map((p: { value: number }) => p.value)).toEqual([50, 54, 52]);
    const minute = (
      await yinlun.get(`/api/telemetry/devices/${device.id}/series?key=oil_temp&from=${base}&to=${base + 60_000}&resolution=1m`)
    ).json();
    expect(minute.points).toEqual([{ ts: base, value: 52, min: 50, max: 54, count: 3 }]);
    expect((await detail()).latest).toContainEqual({ key: 'oil_temp', ts: base + 3_000, value: 52 });
    // What the keys mean, from the catalogue for a press.
    const metrics = (await detail()).metrics as Array<{ key: string }>;
    expect(metrics.find((m) => m.key === 'oil_temp')).toEqual({
      key: 'oil_temp',
      name: { zh: '液压油温', en: 'Hydraulic oil temperature' },
      unit: '°C',
      precision: 1,
      min: 15,
      max: 60,
      known: true,
    });
    expect(metrics.map((m) => m.key).slice(0, 3)).toEqual(['state', 'shots', 'oil_temp']);
  });

  it('refuses bad input with 4xx codes and counts it against the device', async () => {
    expect((await send(device.token, 'garbage')).statusCode).toBe(400);
    expect((await send(device.token, '["a"]')).statusCode).toBe(400);
    const huge = await t.app.inject({
      method: 'POST',
      url: `/api/v1/${device.token}/telemetry`,
      headers: { 'content-type': 'application/json' },
      payload: Buffer.alloc(10 * 1024 * 1024, 0x20),
    });
    expect(huge.statusCode).toBe(413);
    expect(errorCode(huge)).toBe('PAYLOAD_TOO_LARGE');
    const unknown = await send('no-such-token', { a: 1 });
    expect(unknown.statusCode).toBe(401);
    // An MQTT CONNECT may carry any bytes as its password: a NUL is an unknown token, not a database error.
    expect(await t.app.telemetry.ingest.authenticate(`${device.token}\u0000`)).toBeNull();
    const counts = (await detail()).counts;
    expect(counts.rejectedMalformed).toBe(2);
    expect(counts.rejectedSize).toBe(1);
    expect(t.app.telemetry.ingest.stats().unknownToken).toBeGreaterThanOrEqual(1);
  });

  it('limits a flooding device without slowing another', async () => {
    const flooder = (await yinlun.post('/api/telemetry/devices', { name: '失控网关' })).json().credentials.accessToken as string;
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => send(flooder, { n: i })));
    const limited = answers.filter((r) => r.statusCode === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(errorCode(limited[0]!)).toBe('RATE_LIMITED');
    expect((await send(device.token, { other: 1 })).statusCode).toBe(200);
  });

  it('derives machine state from the state metric and its utilisation from the periods', async () => {
    await send(device.token, { state: 3 });
    await t.app.telemetry.monitor.idle();
    expect((await detail()).state).toBe('down');
    await send(device.token, { state: 1 });
    await t.app.telemetry.monitor.idle();
    expect((await detail()).state).toBe('running');
    const now = Date.now();
    const createdAt = Date.parse((await detail()).createdAt);
    const spanOf = (view: { seconds: { running: number; idle: number; down: number; offline: number } }) =>
      view.seconds.running + view.seconds.idle + view.seconds.down + view.seconds.offline;
    // The hour asked for starts, for this device, when the device was made: the hour before it is not offline.
    const u = (await yinlun.get(`/api/telemetry/devices/${device.id}/utilisation?from=${now - 3600_000}&to=${now + 1000}`)).json();
    expect(u.from).toBe(createdAt);
    expect(spanOf(u)).toBeLessThan(120);
    expect(spanOf(u)).toBeGreaterThan(0);
    expect(u.seconds.offline).toBeLessThan(spanOf(u));
    // A backfilled point from yesterday does not reopen the past: the periods never overlap.
    await send(device.token, { ts: now - 20 * 3600_000, values: { state: 3 } });
    await t.app.telemetry.monitor.idle();
    const day = (await yinlun.get(`/api/telemetry/devices/${device.id}/utilisation?from=${now - 24 * 3600_000}&to=${now + 1000}`)).json();
    expect(spanOf(day)).toBeCloseTo((Math.min(Date.now(), now + 1000) - createdAt) / 1000, -1);
  });

  it('keeps an HTTP device online and running between posts, unconnected, and calls it offline only after three silent intervals', async () => {
    const created = await yinlun.post('/api/telemetry/devices', { name: '冲床 HTTP', deviceType: 'press' });
    const http = { id: created.json().device.id, token: created.json().credentials.accessToken };
    for (const shots of [10, 11, 12]) expect((await send(http.token, { shots })).statusCode).toBe(200);
    await t.app.telemetry.monitor.idle();
    const live = await detail(http.id);
    expect({ online: live.online, connected: live.connected, state: live.state }).toEqual({
      online: true,
      connected: false,
      state: 'running',
    });

    // A press reports every 10 s; three intervals fall under the one-minute floor: 59 s of silence is online, 61 s
    // offline, in the monitor and the API alike. An energy meter reports every 5 minutes: offline after 15.
    expect(offlineAfterMs('press')).toBe(60_000);
    expect(offlineAfterMs('energy_meter')).toBe(900_000);
    const devices = withTablesOf<TelemetryTables>(t.db);
    const seen = (msAgo: number) =>
      devices
        .updateTable('devices')
        .set({ last_seen_at: new Date(Date.now() - msAgo).toISOString() })
        .where('id', '=', http.id)
        .execute();
    await seen(59_000);
    expect((await yinlun.get(`/api/telemetry/devices/${http.id}`)).json()).toMatchObject({ online: true, state: 'running' });
    await seen(61_000);
    expect((await yinlun.get(`/api/telemetry/devices/${http.id}`)).json()).toMatchObject({ online: false, state: 'offline' });
    // Data again: online, and never "online but offline" while the monitor has not yet judged it.
    await devices.updateTable('machine_states').set({ state: 'offline' }).where('device_id', '=', http.id).execute();
    await seen(0);
    expect((await yinlun.get(`/api/telemetry/devices/${http.id}`)).json()).toMatchObject({ online: true, state: 'idle' });

    // The monitor's sweep agrees: a press whose last data is 61 s old goes offline (backdated points, so the
    // sweep runs at the real time and no other device of the suite is touched).
    const late = (await yinlun.post('/api/telemetry/devices', { name: '冲床 停机', deviceType: 'press' })).json();
    const at = Date.now() - 61_000;
    await send(late.credentials.accessToken, [
      { ts: at - 1000, values: { shots: 1 } },
      { ts: at, values: { shots: 2 } },
    ]);
    await t.app.telemetry.monitor.idle();
    const stateOf = async () =>
      (await devices.selectFrom('machine_states').select('state').where('device_id', '=', late.device.id).executeTakeFirst())?.state;
    expect(await stateOf()).toBe('running');
    await t.app.telemetry.monitor.tick();
    expect(await stateOf()).toBe('offline');
  });

  it('feeds shots to the press and its usage plan: crossing the threshold opens exactly one work order', async () => {
    const plan = await yinlun.post('/api/maintenance/plans', {
      assetId: pressId,
      name: '每 1000 模次保养',
      trigger: 'usage',
      intervalValue: 1000,
      intervalUnit: 'shots',
    });
    expect(plan.statusCode).toBe(201);
    const planId = plan.json().id as string;
    const orders = async () =>
      ((await yinlun.get(`/api/work-orders?assetId=${pressId}&pageSize=200`)).json().items as Array<{ planId: string | null }>).filter(
        (o) => o.planId === planId,
      );
    const shotsOf = async () => (await yinlun.get(`/api/assets/${pressId}`)).json().shots as number;
    const before = await shotsOf();
    await send(device.token, { shots: 500_000 }); // the machine's own counter: the baseline
    await t.app.telemetry.monitor.idle();
    await t.app.telemetry.monitor.tick();
    expect(await shotsOf()).toBe(before);
    await send(device.token, { shots: 500_600 });
    await t.app.telemetry.monitor.idle();
    await t.app.telemetry.monitor.tick();
    expect(await shotsOf()).toBe(before + 600);
    expect(await orders()).toHaveLength(0);
    await send(device.token, { shots: 501_050 });
    await t.app.telemetry.monitor.idle();
    await Promise.all([t.app.telemetry.monitor.tick(), t.app.telemetry.monitor.tick()]);
    expect(await shotsOf()).toBe(before + 1050);
    expect(await orders()).toHaveLength(1);
    await send(device.token, { shots: 501_100 });
    await t.app.telemetry.monitor.idle();
    await t.app.telemetry.monitor.tick();
    expect(await orders()).toHaveLength(1);
    // A restarted counter counts in full, not backwards.
    await send(device.token, { shots: 30 });
    await t.app.telemetry.monitor.idle();
    await t.app.telemetry.monitor.tick();
    expect(await shotsOf()).toBe(before + 1130);
  });

  it('raises an alarm after its duration, opens a repair order, clears with hysteresis, and is acknowledged once', async () => {
    const rule = await yinlun.post('/api/telemetry/alarm-rules', {
      name: '液压油温过高',
      deviceType: 'press',
      metric: 'oil_temp',
      condition: 'above',
      threshold: 62,
      clearThreshold: 58,
      durationSeconds: 20,
      openWorkOrder: true,
    });
    expect(rule.statusCode).toBe(201);
    const alarmsOf = async () =>
      (
        (await yinlun.get(`/api/telemetry/alarms?deviceId=${device.id}`)).json().items as Array<{
          id: string;
          ruleId: string;
          status: string;
          workOrderId: string | null;
          metric: string | null;
          unit: string | null;
        }>
      ).filter((a) => a.ruleId === rule.json().id);
    const at = Date.now() - 60_000;
    await send(device.token, { ts: at, values: { oil_temp: 65 } });
    await send(device.token, { ts: at + 10_000, values: { oil_temp: 66 } });
    await t.app.telemetry.monitor.idle();
    expect(await alarmsOf()).toHaveLength(0); // 10 s over the threshold: not yet
    await send(device.token, { ts: at + 25_000, values: { oil_temp: 66 } });
    await t.app.telemetry.monitor.idle();
    const [raised] = await alarmsOf();
    expect(raised?.status).toBe('raised');
    expect(raised?.workOrderId).not.toBeNull();
    expect(raised).toMatchObject({ metric: 'oil_temp', unit: '°C', deviceType: 'press' });
    // The enterprise's admin finds it under the bell, leading to the alarms page; another enterprise does not.
    const alarmNotices = async (client: Client) =>
      ((await client.get('/api/notifications')).json().items as Array<{ kind: string; text: string; link: string | null }>).filter((n) =>
        n.kind.startsWith('alarm_'),
      );
    expect(await alarmNotices(yinlun)).toEqual([
      expect.objectContaining({ kind: 'alarm_major', link: '/alarms', text: '压铸机 9# · 液压油温过高：液压油温 = 66 °C（> 62 °C）' }),
    ]);
    expect(await alarmNotices(shanhe)).toEqual([]);
    await send(device.token, { ts: at + 30_000, values: { oil_temp: 60 } }); // below the threshold, above the clear line
    await t.app.telemetry.monitor.idle();
    expect((await alarmsOf())[0]?.status).toBe('raised');
    await send(device.token, { ts: at + 35_000, values: { oil_temp: 57 } });
    await t.app.telemetry.monitor.idle();
    expect((await alarmsOf()).map((a) => a.status)).toEqual(['cleared']);
    expect((await yinlun.post(`/api/telemetry/alarms/${raised!.id}/acknowledge`)).statusCode).toBe(200);
    const again = await yinlun.post(`/api/telemetry/alarms/${raised!.id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    const order = await yinlun.get(`/api/work-orders/${raised!.workOrderId}`);
    expect(order.json()).toMatchObject({ kind: 'repair', status: 'reported' });
  });

  it('validates provisioning and rules, rotates tokens, and keeps each enterprise to its own devices', async () => {
    expect(errorCode(await yinlun.post('/api/telemetry/devices', { name: '' }))).toBe('VALIDATION_FAILED');
    expect((await yinlun.post('/api/telemetry/devices', { name: 'x', assetId: 'nope' })).statusCode).toBe(404);
    const noMetric = await yinlun.post('/api/telemetry/alarm-rules', { name: 'x', condition: 'above', threshold: 1 });
    expect(errorCode(noMetric)).toBe('VALIDATION_FAILED');
    const wrongSide = await yinlun.post('/api/telemetry/alarm-rules', {
      name: 'x',
      metric: 'a',
      condition: 'above',
      threshold: 1,
      clearThreshold: 5,
    });
    expect(wrongSide.statusCode).toBe(400);
    const rotated = (await yinlun.post(`/api/telemetry/devices/${device.id}/rotate-token`)).json().accessToken as string;
    expect(rotated).not.toBe(device.token);
    expect((await send(device.token, { a: 1 })).statusCode).toBe(401);
    expect((await send(rotated, { a: 1 })).statusCode).toBe(200);
    device.token = rotated;
    // Another enterprise: nothing of 银轮's, and its own device sees only its own data.
    const own = (await shanhe.post('/api/telemetry/devices', { name: '糊盒机' })).json();
    expect((await shanhe.get('/api/telemetry/devices')).json().map((d: { id: string }) => d.id)).toEqual([own.device.id]);
    expect((await shanhe.get(`/api/telemetry/devices/${device.id}`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/telemetry/devices/${own.device.id}`)).statusCode).toBe(404);
    expect((await shanhe.get(`/api/telemetry/alarms?deviceId=${device.id}`)).json().items).toEqual([]);
    // A key the catalogue does not know is named by itself; another enterprise's device lists none of these keys.
    const keysOf = async (client: Client, id: string) =>
      ((await client.get(`/api/telemetry/devices/${id}`)).json().metrics as Array<{ key: string; known: boolean }>).map((m) => m.key);
    expect((await detail()).metrics).toContainEqual({
      key: 'a',
      name: { zh: 'a', en: 'a' },
      unit: null,
      precision: null,
      min: null,
      max: null,
      known: false,
    });
    expect(await keysOf(shanhe, own.device.id)).not.toContain('a');
    expect(await keysOf(shanhe, own.device.id)).not.toContain('other');
    expect(await keysOf(yinlun, device.id)).toContain('other');
  });

  it('gives the screens live machine states, open alarms and utilisation, scoped to an enterprise', async () => {
    const source = new TelemetryMachineSource(withTablesOf<TelemetryTables>(t.db));
    await send(device.token, { state: 1 });
    await t.app.telemetry.monitor.idle();
    const mine = await source.machineStates({ enterpriseId: yinlun.organisationId });
    expect(mine.find((m) => m.assetId === pressId)?.state).toBe('running');
    expect(mine.every((m) => m.enterpriseId === yinlun.organisationId)).toBe(true);
    expect((await source.machineStates({ enterpriseId: shanhe.organisationId })).map((m) => m.assetId)).not.toContain(pressId);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const u = await source.utilisation({ enterpriseId: yinlun.organisationId }, { from: hourAgo, to: new Date().toISOString() });
    expect(u.total).toBeGreaterThan(0);
    expect(u.total).toBeLessThan(1);
    const alarms = await source.openAlarms({ enterpriseId: shanhe.organisationId });
    expect(alarms.every((a) => a.enterpriseId === shanhe.organisationId)).toBe(true);
  });

  it('rolls minutes up into hours idempotently and drops data past its retention', async () => {
    const db = withTablesOf<TelemetryTables>(t.db);
    const hour = 3600_000;
    const start = Date.now() - (Date.now() % hour) - 3 * hour;
    await send(device.token, [
      { ts: start + 60_000, values: { pressure: 10 } },
      { ts: start + 30 * 60_000, values: { pressure: 20 } },
      { ts: start + 59 * 60_000, values: { pressure: 15 } },
    ]);
    await rollupHour(db, dialectOf(engine), start);
    await rollupHour(db, dialectOf(engine), start); // twice: a replace, not an increment
    const hourly = (
      await yinlun.get(`/api/telemetry/devices/${device.id}/series?key=pressure&from=${start}&to=${start + hour}&resolution=1h`)
    ).json();
    expect(hourly.points).toEqual([{ ts: start, value: 15, min: 10, max: 20, count: 3 }]);
    const last = await db
      .selectFrom('telemetry_rollup_1h')
      .select(['last', 'last_ts'])
      .where('bucket', '=', start)
      .where('last_ts', '=', start + 59 * 60_000)
      .executeTakeFirst();
    expect(last?.last).toBe(15);

    if (engine === 'postgres') await ensurePartitions(db, Date.now());
    const old = Date.now() - 10 * 24 * hour;
    const oldSeries = (
      await db
        .selectFrom('telemetry_series')
        .select('id')
        .where('device_id', '=', device.id)
        .where('key', '=', 'pressure')
        .executeTakeFirstOrThrow()
    ).id;
    await db.insertInto('telemetry_points').values({ series_id: oldSeries, ts: old, value: 1 }).execute();
    await applyRetention(db, dialectOf(engine), { rawDays: 7, minuteDays: 90, hourDays: 365 }, Date.now());
    const kept = await db.selectFrom('telemetry_points').select('ts').where('series_id', '=', oldSeries).execute();
    expect(kept.map((k) => Number(k.ts)).sort()).toEqual([start + 60_000, start + 30 * 60_000, start + 59 * 60_000]);
  });

  it("takes a gateway's devices: announced or first seen, created under the gateway's enterprise, stored per device", async () => {
    const made = (await yinlun.post('/api/telemetry/devices', { name: '二厂网关', kind: 'gateway' })).json();
    expect(made.credentials.mqttTopic).toBe('v1/gateway/telemetry');
    const ingest = t.app.telemetry.ingest;
    const gateway = (await ingest.authenticate(made.credentials.accessToken))!;
    expect(await ingest.gatewayConnect(gateway, Buffer.from(JSON.stringify({ device: 'Press 7', type: 'press' })))).toEqual({
      ok: true,
      points: 0,
    });
    const ts = Date.now() - 5_000;
    const result = await ingest.ingestGateway(
      gateway,
      Buffer.from(JSON.stringify({ 'Press 7': [{ ts, values: { shots: 10 } }], 'Press 8': { oil_temp: 51 } })),
    );
    expect(result).toEqual({ ok: true, points: 2 });
    const children = (
      (await yinlun.get('/api/telemetry/devices?q=Press')).json() as Array<{
        id: string;
        name: string;
        gatewayId: string;
        deviceType: string;
      }>
    )
      .filter((d) => d.gatewayId === made.device.id)
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(children.map((c) => [c.name, c.deviceType])).toEqual([
      ['Press 7', 'press'],
      ['Press 8', 'machine'],
    ]);
    expect((await detail(children[0]!.id)).latest).toContainEqual({ key: 'shots', ts, value: 10 });
    expect((await shanhe.get(`/api/telemetry/devices/${children[0]!.id}`)).statusCode).toBe(404);
    // A child has no token of its own; a plain device may not speak for others.
    expect((await yinlun.get(`/api/telemetry/devices/${children[0]!.id}/credentials`)).statusCode).toBe(409);
    const plain = (await ingest.authenticate(device.token))!;
    expect(await ingest.ingestGateway(plain, Buffer.from('{"X":{"a":1}}'))).toMatchObject({ ok: false, reason: 'forbidden_topic' });
    expect(await ingest.ingestGateway(gateway, Buffer.from('{"X": "nope"}'))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('deletes a device with its data', async () => {
    const made = (await yinlun.post('/api/telemetry/devices', { name: '临时' })).json();
    await send(made.credentials.accessToken, { a: 1 });
    expect((await yinlun.delete(`/api/telemetry/devices/${made.device.id}`)).statusCode).toBe(204);
    expect((await yinlun.get(`/api/telemetry/devices/${made.device.id}`)).statusCode).toBe(404);
    expect((await send(made.credentials.accessToken, { a: 1 })).statusCode).toBe(401);
  });
});
