// The live stream, over real connections, scoped like the HTTP API. Ordering does the proving: a stream delivers events in order, so when an enterprise's stream
// shows its own later event first, the other enterprise's earlier event was never on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { startTestPlatform, type TestPlatform } from '../../../test/platform';
import { acceptedShanheRequest, firstPress, httpSession, openSse, type Session } from '../../../test/sse';

describe.each(ENGINES)('realtime stream on %s', (engine) => {
  let server: TestPlatform;
  let base: string;
  let yinlun: Session, shanhe: Session, officer: Session, admin: Session, zhujian: Session;
  beforeAll(async () => {
    server = await startTestPlatform(engine);
    base = server.base;
    [yinlun, shanhe, officer, admin, zhujian] = (await Promise.all(
      ['yinlun', 'shanhe', 'officer', 'admin', 'zhujian'].map((u) => httpSession(base, u)),
    )) as [Session, Session, Session, Session, Session];
  });
  afterAll(async () => server?.close());

  it("never carries another enterprise's event; the county sees it without names", async () => {
    const press = await firstPress(yinlun);
    const requestId = await acceptedShanheRequest(shanhe, officer);
    const departmentId = (await zhujian.get('/api/auth/session')).body.user as { organisationId: string };

    const shanheStream = await openSse(`${base}/api/realtime/stream`, shanhe.headers);
    const yinlunStream = await openSse(`${base}/api/realtime/stream`, yinlun.headers);
    const countyStream = await openSse(`${base}/api/realtime/stream`, admin.headers);
    for (const s of [shanheStream, yinlunStream, countyStream]) {
      expect(s.status).toBe(200);
      expect((await s.next())?.event).toBe('ready');
    }

    const order = await yinlun.post('/api/work-orders', { assetId: press.id, kind: 'repair', title: '液压系统漏油 <script>' });
    expect(order.status).toBe(201);
    const dispatched = await officer.post(`/api/service-requests/${requestId}/actions`, {
      action: 'dispatch',
      leadDepartmentId: departmentId.organisationId,
      coDepartmentIds: [],
    });
    expect(dispatched.status).toBe(200);

    // 银轮 sees its own order with its title and plant, and not 山河's request.
    const own = (await yinlunStream.next())!;
    expect(own.event).toBe('work_order.created');
    const yinlunId = ((await yinlun.get('/api/auth/session')).body.user as { organisationId: string }).organisationId;
    expect(own.json).toMatchObject({ workOrderId: order.body.id, enterpriseId: yinlunId, plantId: press.plantId });
    expect(own.json!.title).toBe('液压系统漏油 <script>');

    // 山河's first event is its own request: 银轮's earlier order was never on its stream.
    const shanheFirst = (await shanheStream.next())!;
    expect(shanheFirst.event).toBe('request.dispatched');
    expect(shanheFirst.json).toMatchObject({ requestId, number: expect.any(String) });

    // The county sees both, the work order only as ids and states.
    const county = await countyStream.until((f) => f.event === 'request.dispatched');
    const countyOrder = county.find((f) => f.event === 'work_order.created')!;
    expect(countyOrder.json).toMatchObject({ workOrderId: order.body.id, status: 'reported', kind: 'repair' });
    expect(countyOrder.json).not.toHaveProperty('title');
    expect(countyOrder.json).not.toHaveProperty('assetCode');
    for (const s of [shanheStream, yinlunStream, countyStream]) s.close();
  });

  it("a plant stream carries only that plant's events", async () => {
    const plants = (await yinlun.get('/api/plants')).body as unknown as Array<{ id: string }>;
    const press = await firstPress(yinlun);
    const other = plants.find((p) => p.id !== press.plantId);
    const assets = (await yinlun.get('/api/assets?kind=equipment&pageSize=200')).body.items as Array<{
      id: string;
      plantId: string;
      holder: boolean;
    }>;
    const elsewhere = other ? assets.find((a) => a.holder && a.plantId === other.id) : undefined;
    const stream = await openSse(`${base}/api/realtime/stream?plantId=${press.plantId}`, yinlun.headers);
    expect((await stream.next())?.event).toBe('ready');
    if (elsewhere) expect((await yinlun.post('/api/work-orders', { assetId: elsewhere.id, title: '别处的报修' })).status).toBe(201);
    const here = await yinlun.post('/api/work-orders', { assetId: press.id, title: '本厂区报修' });
    const first = (await stream.next())!;
    expect(first.json).toMatchObject({ workOrderId: here.body.id, plantId: press.plantId });
    stream.close();
  });

  it('refuses strangers, departments and other enterprises’ plants', async () => {
    expect((await fetch(`${base}/api/realtime/stream`)).status).toBe(401);
    const department = await fetch(`${base}/api/realtime/stream`, { headers: zhujian.headers });
    expect(department.status).toBe(403);
    const plantId = ((await yinlun.get('/api/plants')).body as unknown as Array<{ id: string }>)[0]!.id;
    expect((await fetch(`${base}/api/realtime/stream?plantId=${plantId}`, { headers: shanhe.headers })).status).toBe(404);
    expect((await fetch(`${base}/api/realtime/stream?token=tts_not-a-token`)).status).toBe(401);
  });

  it('takes an API token as a Bearer header', async () => {
    const token = (await yinlun.post('/api/api-tokens', { name: '大屏' })).body.token as string;
    const stream = await openSse(`${base}/api/realtime/stream`, { authorization: `Bearer ${token}` });
    expect(stream.status).toBe(200);
    expect((await stream.next())?.event).toBe('ready');
    const press = await firstPress(yinlun);
    const order = await yinlun.post('/api/work-orders', { assetId: press.id, title: 'Bearer 报修' });
    expect((await stream.next())!.json).toMatchObject({ workOrderId: order.body.id });
    stream.close();
  });
  it('announces the repair order a failed inspection item opens', async () => {
    const press = await firstPress(yinlun);
    const route = await yinlun.post('/api/inspection/routes', { name: '班前点检' });
    const withPoint = await yinlun.post(`/api/inspection/routes/${route.body.id}/points`, {
      name: '液压站',
      assetId: press.id,
      items: [{ label: '有无泄漏', kind: 'pass_fail' }],
    });
    const point = (withPoint.body.points as Array<{ id: string; items: Array<{ id: string }> }>)[0]!;
    const label = await fetch(`${base}/api/inspection/points/${point.id}/label`, { headers: yinlun.headers });
    const qrToken = /\/inspect\/([\w-]+)</.exec(await label.text())![1]!;
    const round = await yinlun.post('/api/inspection/rounds', { routeId: route.body.id });
    expect((await yinlun.post(`/api/inspection/rounds/${round.body.id}/check-in`, { qrToken })).status).toBe(200);

    const stream = await openSse(`${base}/api/realtime/stream`, yinlun.headers);
    expect((await stream.next())?.event).toBe('ready');
    const failed = await yinlun.post(`/api/inspection/rounds/${round.body.id}/results`, {
      pointId: point.id,
      itemId: point.items[0]!.id,
      value: 'fail',
    });
    expect(failed.status).toBe(200);
    const opened = (failed.body.results as Array<{ workOrderId: string | null }>)[0]!.workOrderId;
    expect(opened).not.toBeNull();
    expect((await stream.next())!.json).toMatchObject({ type: 'work_order.created', workOrderId: opened, kind: 'repair' });
    stream.close();
  });
  it('tells the enterprise its request was dispatched, answered and rated, in that order', async () => {
    const requestId = await acceptedShanheRequest(shanhe, officer);
    const departmentId = ((await zhujian.get('/api/auth/session')).body.user as { organisationId: string }).organisationId;
    const stream = await openSse(`${base}/api/realtime/stream`, shanhe.headers);
    expect((await stream.next())?.event).toBe('ready');
    const act = (who: Session, body: object) => who.post(`/api/service-requests/${requestId}/actions`, body);
    expect((await act(officer, { action: 'dispatch', leadDepartmentId: departmentId, coDepartmentIds: [] })).status).toBe(200);
    expect((await act(zhujian, { action: 'sign' })).status).toBe(200);
    expect((await act(zhujian, { action: 'start' })).status).toBe(200);
    expect((await act(zhujian, { action: 'answer', answer: '已上门灭治' })).status).toBe(200);
    expect((await act(shanhe, { action: 'rate', rating: 'satisfied' })).status).toBe(200);
    const frames = [(await stream.next())!, (await stream.next())!, (await stream.next())!];
    expect(frames.map((f) => f.json)).toEqual([
      expect.objectContaining({ type: 'request.dispatched', requestId, leadDepartmentId: departmentId }),
      expect.objectContaining({ type: 'request.answered', requestId, onTime: true }),
      expect.objectContaining({ type: 'request.rated', requestId, rating: 'satisfied' }),
    ]);
    stream.close();
  });
});
