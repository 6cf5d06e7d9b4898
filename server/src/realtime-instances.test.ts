// Two platform instances on one PostgreSQL and one Mosquitto: a domain event raised through instance A reaches
// a screen connected to instance B (LISTEN/NOTIFY), once, and still only the enterprise it belongs to; an
// alarm from a device publishing to the shared broker reaches the screen whichever instance ingested it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from '../test/engines';
import { connect, connackCode, startMosquitto, type Mosquitto } from '../test/mosquitto';
import { testConfig } from '../test/platform';
import { acceptedShanheRequest, firstPress, httpSession, openSse } from '../test/sse';
import { startPlatform, type Platform } from './platform';

describe.skipIf(!ENGINES.includes('postgres'))('realtime across two instances on one PostgreSQL and one Mosquitto', () => {
  const ADMIN = 'tiantai-admin';
  const ADMIN_PASS = 'Dynsec#Admin2026';
  let broker: Mosquitto;
  let database: TestDatabase;
  let a: Platform, b: Platform;
  beforeAll(async () => {
    broker = await startMosquitto(ADMIN, ADMIN_PASS);
    database = await createTestDatabase('postgres');
    const vars = (clientId: string) => ({
      MQTT_URL: `mqtt://${ADMIN}:${encodeURIComponent(ADMIN_PASS)}@127.0.0.1:${broker.port}`,
      MQTT_DYNSEC: 'true',
      MQTT_CLIENT_ID: clientId,
    });
    a = await startPlatform(testConfig(database, vars('tiantai-instance-a')));
    b = await startPlatform(testConfig(database, vars('tiantai-instance-b')));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await broker?.stop();
  });

  it('an event raised through instance A reaches a screen connected to instance B, once', async () => {
    const onA = await httpSession(`http://127.0.0.1:${a.httpPort}`, 'yinlun');
    const onB = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'shanhe');
    const yinlunOnB = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'yinlun');
    const stream = await openSse(`http://127.0.0.1:${b.httpPort}/api/realtime/stream`, yinlunOnB.headers);
    const other = await openSse(`http://127.0.0.1:${b.httpPort}/api/realtime/stream`, onB.headers);
    const bell = await openSse(`http://127.0.0.1:${b.httpPort}/api/notifications/stream`, yinlunOnB.headers);
    const ready = (await stream.next())!;
    expect(ready.event).toBe('ready');
    expect((await other.next())?.event).toBe('ready');

    const press = await firstPress(onA);
    const first = await onA.post('/api/work-orders', { assetId: press.id, title: '实例A报修一' });
    const second = await onA.post('/api/work-orders', { assetId: press.id, title: '实例A报修二' });
    const frames = [(await stream.next())!, (await stream.next())!];
    expect(frames.map((f) => f.json!.workOrderId)).toEqual([first.body.id, second.body.id]);
    expect(frames.map((f) => f.json!.title)).toEqual(['实例A报修一', '实例A报修二']);
    // Raised on A: the id names A's instance, not B's.
    expect(frames[0]!.id!.split(':')[0]).not.toBe((ready.json as { instanceId: string }).instanceId);

    // 山河's stream on B got neither: its first frame is an event of its own raised on B.
    const shanhe = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'shanhe');
    const officer = await httpSession(`http://127.0.0.1:${a.httpPort}`, 'officer');
    const zhujian = await httpSession(`http://127.0.0.1:${a.httpPort}`, 'zhujian');
    const requestId = await acceptedShanheRequest(shanhe, officer);
    const departmentId = ((await zhujian.get('/api/auth/session')).body.user as { organisationId: string }).organisationId;
    await officer.post(`/api/service-requests/${requestId}/actions`, {
      action: 'dispatch',
      leadDepartmentId: departmentId,
      coDepartmentIds: [],
    });
    expect((await other.next())!.json).toMatchObject({ type: 'request.dispatched', requestId });

    // A press's PLC publishes an overheating through the shared Mosquitto: the alarm reaches the screen on B.
    expect(
      (await onA.post('/api/telemetry/alarm-rules', { name: '液压油温过高', metric: 'oil_temp', condition: 'above', threshold: 62 }))
        .status,
    ).toBe(201);
    const [device] = (await onA.get(`/api/telemetry/devices?assetId=${press.id}`)).body as unknown as Array<{ id: string }>;
    const token = ((await onA.get(`/api/telemetry/devices/${device!.id}/credentials`)).body as { accessToken: string }).accessToken;
    await expect.poll(() => connackCode(broker.url, { username: token, password: token }), { timeout: 30_000 }).toBe(0);
    const plc = await connect(broker.url, { username: token, password: token });
    await plc.publishAsync(`v1/devices/${token}/telemetry`, JSON.stringify({ oil_temp: 68 }), { qos: 1 });
    await plc.endAsync();
    let frame = await stream.next();
    while (frame && (frame.json as { type?: string } | undefined)?.type !== 'alarm.raised') frame = await stream.next();
    expect(frame?.json).toMatchObject({ type: 'alarm.raised', assetId: press.id, deviceId: device!.id });
    // …and 银轮's admin, signed in on B, hears of it under the bell.
    const notices = await bell.until((f) => f.event === 'notification');
    expect(notices.at(-1)!.json).toMatchObject({ kind: 'alarm_major', link: '/alarms', text: expect.stringContaining('液压油温过高') });
    stream.close();
    other.close();
    bell.close();
  });

  it('a notification written on instance A rings the bell of a user whose stream is on instance B, once', async () => {
    const officerOnB = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'officer');
    const shanheOnA = await httpSession(`http://127.0.0.1:${a.httpPort}`, 'shanhe');
    const officerBell = await openSse(`http://127.0.0.1:${b.httpPort}/api/notifications/stream`, officerOnB.headers);
    const titles = ['实例A诉求一', '实例A诉求二'];
    const ids: string[] = [];
    for (const title of titles) {
      const filed = await shanheOnA.post('/api/service-requests', {
        categoryCode: 'power',
        title,
        description: '新产线需要增容',
        contactName: '徐丽华',
        contactPhone: '13800000000',
      });
      expect(filed.status).toBe(201);
      ids.push(filed.body.id!);
    }
    const frames = [(await officerBell.next())!, (await officerBell.next())!];
    expect(frames.map((f) => f.event)).toEqual(['notification', 'notification']);
    expect(frames.map((f) => f.json!.requestId)).toEqual(ids);
    expect(frames.map((f) => f.json!.kind)).toEqual(['submit', 'submit']);
    // 山河's own bell on B carries none of the office's notices.
    const shanheOnB = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'shanhe');
    const shanheBell = await openSse(`http://127.0.0.1:${b.httpPort}/api/notifications/stream`, shanheOnB.headers);
    const officerOnA = await httpSession(`http://127.0.0.1:${a.httpPort}`, 'officer');
    expect(
      (await officerOnA.post(`/api/service-requests/${ids[0]}/actions`, { action: 'accept', phoneContact: '已电话联系' })).status,
    ).toBe(200);
    const own = (await shanheBell.next())!;
    expect(own.json).toMatchObject({ requestId: ids[0], kind: 'accept' });
    officerBell.close();
    shanheBell.close();
  });
});
