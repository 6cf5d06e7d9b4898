// Two platform instances on one PostgreSQL: a domain event raised through instance A reaches a screen
// connected to instance B (LISTEN/NOTIFY), once, and still only the enterprise it belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from '../test/engines';
import { testConfig } from '../test/platform';
import { acceptedShanheRequest, firstPress, httpSession, openSse } from '../test/sse';
import { startPlatform, type Platform } from './platform';

describe.skipIf(!ENGINES.includes('postgres'))('realtime across two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: Platform, b: Platform;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await startPlatform(testConfig(database));
    b = await startPlatform(testConfig(database));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('an event raised through instance A reaches a screen connected to instance B, once', async () => {
    const onA = await httpSession(`http://127.0.0.1:${a.httpPort}`, 'yinlun');
    const onB = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'shanhe');
    const yinlunOnB = await httpSession(`http://127.0.0.1:${b.httpPort}`, 'yinlun');
    const stream = await openSse(`http://127.0.0.1:${b.httpPort}/api/realtime/stream`, yinlunOnB.headers);
    const other = await openSse(`http://127.0.0.1:${b.httpPort}/api/realtime/stream`, onB.headers);
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
    stream.close();
    other.close();
  });
});
