// The big screens: snapshots from the pages' own queries, who may open which, and kiosk tokens that open
// exactly one screen (snapshot and stream) until revoked.
import type { CountyScreenView, PlantScreenView } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { startTestPlatform, type TestPlatform } from '../../../test/platform';
import { firstPress, httpSession, openSse, type Session } from '../../../test/sse';

describe.each(ENGINES)('screens on %s', (engine) => {
  let server: TestPlatform;
  let base: string;
  let yinlun: Session, tech: Session, shanhe: Session, admin: Session, leader: Session, zhujian: Session;
  let press: { id: string; plantId: string };
  beforeAll(async () => {
    server = await startTestPlatform(engine);
    base = server.base;
    [yinlun, tech, shanhe, admin, leader, zhujian] = (await Promise.all(
      ['yinlun', 'yinlun.tech', 'shanhe', 'admin', 'leader', 'zhujian'].map((u) => httpSession(base, u)),
    )) as [Session, Session, Session, Session, Session, Session];
    press = await firstPress(yinlun);
  });
  afterAll(async () => server?.close());

  const anonymous = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("shows a plant's machines, open work orders and ticker from the maintenance pages' figures", async () => {
    // The press's PLC reports it running (telemetry's device API), as the demo simulator would.
    const [device] = (await yinlun.get(`/api/telemetry/devices?assetId=${press.id}`)).body as unknown as Array<{ id: string }>;
    const token = ((await yinlun.get(`/api/telemetry/devices/${device!.id}/credentials`)).body as { accessToken: string }).accessToken;
    expect((await fetch(`${base}/api/v1/${token}/telemetry`, { method: 'POST', body: '{"state": 1}' })).status).toBe(200);
    const stateOfPress = async () =>
      ((await yinlun.get(`/api/screens/plant/${press.plantId}`)).body as unknown as PlantScreenView).lines
        .flatMap((l) => l.machines)
        .find((m) => m.assetId === press.id)?.state;
    await expect.poll(stateOfPress).toBe('running');
    const before = (await yinlun.get(`/api/screens/plant/${press.plantId}`)).body as unknown as PlantScreenView;
    expect(before.kind).toBe('plant');
    expect(before.enterpriseName).toBe('银轮机械股份有限公司');
    const tiles = before.tiles;
    expect(tiles.machines).toBeGreaterThan(0);
    expect(before.week.length).toBe(7);
    const machines = before.lines.flatMap((l) => l.machines);
    expect(machines.find((m) => m.assetId === press.id)?.state).toBe('running');

    const order = await tech.post('/api/work-orders', { assetId: press.id, kind: 'repair', title: '主缸异响' });
    expect(order.status).toBe(201);
    await tech.post(`/api/assets/${press.id}/lifecycle`, { to: 'under_repair', reason: '主缸异响，停机检修' });
    const after = (await yinlun.get(`/api/screens/plant/${press.plantId}`)).body as unknown as PlantScreenView;
    const afterTiles = after.tiles;
    expect(afterTiles.openWorkOrders).toBe(tiles.openWorkOrders + 1);
    expect(afterTiles.down).toBe(tiles.down + 1);
    expect(afterTiles.running).toBe(tiles.running - 1);
    expect(after.ticker[0]).toMatchObject({
      workOrderId: order.body.id,
      title: '主缸异响',
    });

    // The same count as the work-order page's open list.
    const openOnPage = (await yinlun.get('/api/work-orders?open=true&pageSize=200')).body.items as Array<{ assetId: string }>;
    const whole = (await yinlun.get('/api/screens/enterprise')).body as unknown as PlantScreenView;
    expect(whole.kind).toBe('enterprise');
    expect(whole.tiles.openWorkOrders).toBe(openOnPage.length);
    await tech.post(`/api/assets/${press.id}/lifecycle`, { to: 'in_service', reason: '修复' });
  });

  it("shows days before a plant's devices existed, and machines without a device, as no data, not 0 % (#14 item 5)", async () => {
    // The demo's devices have watched their machines for 30 days: every day of the week has a figure.
    const screen = (await yinlun.get(`/api/screens/plant/${press.plantId}`)).body as unknown as PlantScreenView;
    for (const day of screen.week) expect(day.utilisation, day.date).not.toBeNull();
    expect(screen.week[6]!.utilisation!).toBeCloseTo(screen.tiles.utilisationToday!, 2);

    // A plant whose one machine has no device has no utilisation to show, on the plant and in the week.
    const plant = await yinlun.post('/api/plants', { name: '未接入厂区' });
    expect(plant.status).toBe(201);
    const machine = await yinlun.post('/api/assets', {
      kind: 'equipment',
      code: 'NODEV-01',
      name: '未接入设备的车床',
      plantId: plant.body.id,
      state: 'in_service',
    });
    expect(machine.status).toBe(201);
    const unwatched = (await yinlun.get(`/api/screens/plant/${plant.body.id as string}`)).body as unknown as PlantScreenView;
    expect(unwatched.tiles.machines).toBe(1);
    expect(unwatched.tiles.utilisationToday).toBeNull();
    expect(unwatched.week.map((d) => d.utilisation)).toEqual([null, null, null, null, null, null, null]);

    // Its device fitted today: the days before it are no data, today a figure (0 % would still be a figure).
    expect((await yinlun.post('/api/telemetry/devices', { name: '车床 新接入', assetId: machine.body.id })).status).toBe(201);
    const fitted = (await yinlun.get(`/api/screens/plant/${plant.body.id as string}`)).body as unknown as PlantScreenView;
    expect(fitted.week.slice(0, 6).map((d) => d.utilisation)).toEqual([null, null, null, null, null, null]);
    expect(fitted.week[6]!.utilisation).not.toBeNull();
    expect(fitted.week[6]!.utilisation!).toBeCloseTo(fitted.tiles.utilisationToday!, 2);
  });

  it('opens the plant screen to its own enterprise only, and the county screen to county staff only', async () => {
    expect((await shanhe.get(`/api/screens/plant/${press.plantId}`)).status).toBe(404);
    expect((await admin.get(`/api/screens/plant/${press.plantId}`)).status).toBe(403);
    expect((await zhujian.get('/api/screens/enterprise')).status).toBe(403);
    expect((await anonymous(`/api/screens/plant/${press.plantId}`)).status).toBe(401);
    expect((await yinlun.get('/api/screens/county')).status).toBe(403);
    expect((await zhujian.get('/api/screens/county')).status).toBe(403);

    const county = (await leader.get('/api/screens/county')).body as unknown as CountyScreenView;
    expect(county.tiles.enterprises).toBeGreaterThan(0);
    expect(county.tiles.devices).toBeGreaterThan(0);
    // Projects and targets from the statistics page's own figures: the seed's 104 projects of 10 M yuan and more.
    const projectPage = (await leader.get('/api/projects/statistics')).body as { bands: Array<{ band: string; count: number }> };
    expect(county.projects?.bySize.find((b) => b.band === 'ge10m')?.count).toBe(projectPage.bands.find((b) => b.band === 'ge10m')?.count);
    expect(county.projects?.bySize.find((b) => b.band === 'ge10m')?.count).toBe(104);
    // The seed's headline: 55 projects of 100 M yuan and more, 1.158 bn yuan planned this year = 66.48 % of the plan.
    expect(county.projects?.bySize.find((b) => b.band === 'ge100m')).toMatchObject({ count: 55, plannedYearWan: 115_800 });
    expect(county.projects?.bySize.find((b) => b.band === 'ge100m')?.shareOfYearPlan).toBeCloseTo(0.6648, 4);
    expect(county.targets?.items.length).toBeGreaterThan(0);
    const statistics = (await leader.get(`/api/service-requests/statistics?from=${county.requests.year}-01-01`)).body as {
      total: { received: number };
    };
    expect(county.requests.received).toBe(statistics.total.received);
  });

  it('manages kiosk tokens: the enterprise admin for its plants, the county admin for the county screen', async () => {
    const plant = { name: '一号厂区大屏', screen: 'plant', plantId: press.plantId };
    expect((await tech.post('/api/screen-tokens', plant)).status).toBe(403);
    expect((await admin.post('/api/screen-tokens', plant)).status).toBe(403);
    expect((await yinlun.post('/api/screen-tokens', { name: '县屏', screen: 'county' })).status).toBe(403);
    expect((await shanhe.post('/api/screen-tokens', plant)).status).toBe(404);
    expect((await yinlun.post('/api/screen-tokens', { name: '缺厂区', screen: 'plant' })).status).toBe(400);
    const created = await yinlun.post('/api/screen-tokens', plant);
    expect(created.status).toBe(201);
    expect(created.body.path).toBe(`/screens/plant/${press.plantId}?token=${created.body.token as string}`);
    expect(((await yinlun.get('/api/screen-tokens')).body as unknown as Array<{ id: string }>).map((t) => t.id)).toContain(created.body.id);
    expect(((await shanhe.get('/api/screen-tokens')).body as unknown as unknown[]).length).toBe(0);
    expect((await shanhe.delete(`/api/screen-tokens/${created.body.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/screen-tokens/${created.body.id}`)).status).toBe(404);
  });

  it('a kiosk token opens its one screen and stream without login, until revoked', async () => {
    const created = await yinlun.post('/api/screen-tokens', { name: '车间大屏', screen: 'plant', plantId: press.plantId });
    const token = created.body.token as string;
    const screen = await anonymous(`/api/screens/plant/${press.plantId}?token=${token}`);
    expect(screen.status).toBe(200);
    expect(screen.body.plantId).toBe(press.plantId);
    expect((await anonymous(`/api/screens/enterprise?token=${token}`)).status).toBe(403);
    expect((await anonymous(`/api/screens/county?token=${token}`)).status).toBe(403);
    const otherPlant = ((await yinlun.get('/api/plants')).body as unknown as Array<{ id: string }>).find((p) => p.id !== press.plantId);
    if (otherPlant) expect((await anonymous(`/api/screens/plant/${otherPlant.id}?token=${token}`)).status).toBe(403);
    // The token is not a login: the rest of the API does not take it.
    expect((await anonymous(`/api/work-orders?token=${token}`)).status).toBe(401);

    const stream = await openSse(`${base}/api/realtime/stream?token=${token}`);
    expect(stream.status).toBe(200);
    expect((await stream.next())?.event).toBe('ready');
    const order = await tech.post('/api/work-orders', { assetId: press.id, title: '大屏可见的报修' });
    expect((await stream.next())!.json).toMatchObject({ type: 'work_order.created', workOrderId: order.body.id, title: '大屏可见的报修' });

    expect((await yinlun.delete(`/api/screen-tokens/${created.body.id}`)).status).toBe(204);
    expect(await stream.next()).toBeNull(); // the open stream ends
    expect((await anonymous(`/api/screens/plant/${press.plantId}?token=${token}`)).status).toBe(401);
    expect((await fetch(`${base}/api/realtime/stream?token=${token}`)).status).toBe(401);
    expect((await yinlun.delete(`/api/screen-tokens/${created.body.id}`)).status).toBe(409);
    const listed = (await yinlun.get('/api/screen-tokens')).body as unknown as Array<{ id: string; revokedAt: string | null }>;
    expect(listed.find((t) => t.id === created.body.id)?.revokedAt).not.toBeNull();
  });

  it("a county kiosk token opens the county screen, whose stream carries enterprises' events without names", async () => {
    const created = await admin.post('/api/screen-tokens', { name: '县指挥中心', screen: 'county' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect((await anonymous(`/api/screens/county?token=${token}`)).status).toBe(200);
    expect((await anonymous(`/api/screens/plant/${press.plantId}?token=${token}`)).status).toBe(403);
    const stream = await openSse(`${base}/api/realtime/stream?token=${token}`);
    expect((await stream.next())?.event).toBe('ready');
    const order = await tech.post('/api/work-orders', { assetId: press.id, title: '县里不该看到的标题' });
    const frame = (await stream.next())!;
    expect(frame.json).toMatchObject({ workOrderId: order.body.id });
    expect(frame.data).not.toContain('县里不该看到的标题');
    stream.close();
  });
});
