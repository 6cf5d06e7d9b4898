import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, department, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';

interface Route {
  id: string;
  points: Array<{
    id: string;
    seq: number;
    name: string;
    assetId: string | null;
    items: Array<{ id: string; kind: string; label: string }>;
  }>;
}
interface Round {
  id: string;
  pointsTotal: number;
  pointsChecked: number;
  itemsTotal: number;
  itemsDone: number;
  finishedAt: string | null;
  failures: Array<{ itemId: string; workOrderId: string | null; workOrderNumber: string | null }>;
  results: Array<{ itemId: string; passed: boolean | null; workOrderId: string | null; value: string | null; photoId: string | null }>;
}
interface Order {
  id: string;
  number: string;
  assetId: string;
  kind: string;
  title: string;
  description: string;
  status: string;
}

describe.each(ENGINES)('inspection on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let zhujian: Client;
  let route: Route;
  let assetIds: string[];
  const tokens: string[] = [];

  /** The token travels only on the printed label: read it back from the label's URL. */
  const tokenOf = async (pointId: string) => {
    const res = await yinlun.get(`/api/inspection/points/${pointId}/label`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    const url = /<title>([^<]+)<\/title>/.exec(res.body)![1]!;
    expect(url).toMatch(/^http:\/\/[^/]+\/inspect\/[\w-]{32}$/);
    return url.slice(url.lastIndexOf('/') + 1);
  };
  const repairsOf = async (assetId: string) =>
    (await yinlun.get(`/api/work-orders?kind=repair&assetId=${assetId}&pageSize=200`)).json<{ items: Order[] }>().items;

  beforeAll(async () => {
    // Two enterprises, a technician, a department handler and two machines (server/test/factories.ts).
    t = await createTestApp(engine, { demo: false });
    const county = await countyAdmin(t);
    const own = await enterprise(t.app, county, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member', '设备部 技术员');
    shanhe = (await enterprise(t.app, county, '浙江山河机械有限公司')).admin;
    zhujian = (await department(t.app, county, '县住建局')).handler;
    const plantId = await plant(yinlun, '一号厂房');
    assetIds = [(await asset(yinlun, { plantId, name: '压铸机' })).id, (await asset(yinlun, { plantId, name: '空压机' })).id];

    const created = await yinlun.post('/api/inspection/routes', { name: '一号厂房日常点检' });
    expect(created.statusCode, created.body).toBe(201);
    const routeId = created.json<Route>().id;
    const first = await yinlun.post(`/api/inspection/routes/${routeId}/points`, {
      name: '液压站',
      assetId: assetIds[0],
      items: [
        { label: '油温', kind: 'number', unit: '℃', min: 30, max: 55 },
        { label: '有无泄漏', kind: 'pass_fail' },
      ],
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await yinlun.post(`/api/inspection/routes/${routeId}/points`, {
      name: '空压机',
      assetId: assetIds[1],
      items: [
        { label: '排气压力', kind: 'meter', unit: 'MPa', min: 0.6, max: 0.8 },
        { label: '现场情况', kind: 'text', required: false },
      ],
    });
    expect(second.statusCode, second.body).toBe(201);
    route = second.json<Route>();
    for (const point of route.points) tokens.push(await tokenOf(point.id));
  });
  afterAll(async () => t?.close());

  const startRound = async () => {
    const res = await tech.post('/api/inspection/rounds', { routeId: route.id });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Round>();
  };
  const record = (roundId: string, point: number, item: number, value: string, client: Client = tech) =>
    client.post(`/api/inspection/rounds/${roundId}/results`, {
      pointId: route.points[point]!.id,
      itemId: route.points[point]!.items[item]!.id,
      value,
    });

  it('keeps the points in order with their items, and never shows the QR token in JSON', async () => {
    const got = await tech.get(`/api/inspection/routes/${route.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json<Route>().points.map((p) => [p.name, p.items.map((i) => i.kind)])).toEqual([
      ['液压站', ['number', 'pass_fail']],
      ['空压机', ['meter', 'text']],
    ]);
    expect(new Set(tokens).size).toBe(2);
    expect(got.body).not.toContain(tokens[0]);
    expect((await tech.get('/api/inspection/routes')).json<Array<{ id: string; pointCount: number }>>()).toContainEqual(
      expect.objectContaining({ id: route.id, pointCount: 2 }),
    );
    // only the admin edits routes and prints labels
    expect((await tech.post('/api/inspection/routes', { name: 'x' })).statusCode).toBe(403);
    expect((await tech.get(`/api/inspection/points/${route.points[0]!.id}/label`)).statusCode).toBe(403);
  });

  it('a failed item opens exactly one repair work order for the point’s asset, however often it is sent', async () => {
    const round = await startRound();
    expect(round).toMatchObject({ pointsTotal: 2, pointsChecked: 0, itemsTotal: 4, itemsDone: 0 });
    // recording before scanning the point is refused
    expect((await record(round.id, 0, 0, '42')).statusCode).toBe(409);

    const checkIn = await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: tokens[0] });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    expect(checkIn.json<{ point: { id: string; items: unknown[] } }>().point).toMatchObject({ id: route.points[0]!.id });
    expect(checkIn.json<{ point: { items: unknown[] } }>().point.items).toHaveLength(2);

    const before = (await repairsOf(assetIds[0]!)).length;
    const passing = await record(round.id, 0, 0, '42');
    expect(passing.statusCode, passing.body).toBe(200);
    expect(passing.json<Round>().results.find((r) => r.itemId === route.points[0]!.items[0]!.id)).toMatchObject({
      passed: true,
      workOrderId: null,
    });

    const failing = await record(round.id, 0, 1, 'fail');
    expect(failing.statusCode, failing.body).toBe(200);
    const progress = failing.json<Round>();
    expect(progress).toMatchObject({ pointsChecked: 1, itemsDone: 2 });
    expect(progress.failures).toHaveLength(1);
    const failure = progress.failures[0]!;
    expect(failure.workOrderNumber).toMatch(/^WO\d{10}$/);

    const repairs = await repairsOf(assetIds[0]!);
    expect(repairs).toHaveLength(before + 1);
    const order = repairs.find((o) => o.id === failure.workOrderId)!;
    expect(order).toMatchObject({
      kind: 'repair',
      status: 'reported',
      number: failure.workOrderNumber,
      title: '巡检异常：液压站 · 有无泄漏',
    });
    expect(order.description).toContain('记录值：fail');
    expect((await tech.get(`/api/work-orders/${order.id}`)).json<{ events: Array<{ kind: string }> }>().events.map((e) => e.kind)).toEqual([
      'reported',
    ]);

    // resubmitting, even concurrently, keeps the one order
    const again = await Promise.all([record(round.id, 0, 1, 'fail'), record(round.id, 0, 1, 'fail')]);
    expect(again.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await repairsOf(assetIds[0]!)).toHaveLength(before + 1);
    expect((await tech.get(`/api/inspection/rounds/${round.id}`)).json<Round>().failures).toEqual([failure]);
  });

  it('fails a reading outside its range, rejects values that do not fit the item, and 404s foreign tokens', async () => {
    const round = await startRound();
    expect((await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: 'not-a-token' })).statusCode).toBe(404);
    expect((await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: tokens[1] })).statusCode).toBe(200);

    const before = (await repairsOf(assetIds[1]!)).length;
    const low = await record(round.id, 1, 0, '0.45');
    expect(low.statusCode, low.body).toBe(200);
    const failures = low.json<Round>().failures;
    expect(failures.map((f) => f.itemId)).toEqual([route.points[1]!.items[0]!.id]);
    const repairs = await repairsOf(assetIds[1]!);
    expect(repairs).toHaveLength(before + 1);
    expect(repairs[0]!.description).toContain('允许范围：0.6MPa ~ 0.8MPa');

    const bad = await record(round.id, 1, 0, 'high');
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    expect((await record(round.id, 1, 1, '')).statusCode).toBe(200); // an optional text may stay empty
    // a point of this route not scanned in this round
    expect((await record(round.id, 0, 1, 'pass')).statusCode).toBe(409);

    // a token of another route does not check in here
    const other = (await yinlun.post('/api/inspection/routes', { name: '二号厂房' })).json<Route>();
    const otherPoint = await yinlun.post(`/api/inspection/routes/${other.id}/points`, {
      name: '冷却塔',
      assetId: null,
      items: [{ label: '风机运转', kind: 'pass_fail' }],
    });
    const otherToken = await tokenOf(otherPoint.json<Route>().points[0]!.id);
    expect((await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: otherToken })).statusCode).toBe(404);

    const finished = await tech.post(`/api/inspection/rounds/${round.id}/finish`);
    expect(finished.statusCode).toBe(200);
    expect(finished.json<Round>().finishedAt).not.toBeNull();
    expect((await record(round.id, 1, 0, '0.7')).statusCode).toBe(409);
    expect((await tech.post(`/api/inspection/rounds/${round.id}/finish`)).statusCode).toBe(409);
  });

  it('a photo item takes a real picture: checked, stored, served only within the enterprise', async () => {
    const created = (await yinlun.post('/api/inspection/routes', { name: '模具库巡查' })).json<Route>();
    const withPoint = (
      await yinlun.post(`/api/inspection/routes/${created.id}/points`, {
        name: '模具架',
        assetId: null,
        items: [
          { label: '现场照片', kind: 'photo' },
          { label: '标识清晰', kind: 'pass_fail' },
        ],
      })
    ).json<Route>();
    const [photoItem, passItem] = withPoint.points[0]!.items;
    const token = await tokenOf(withPoint.points[0]!.id);
    const round = (await tech.post('/api/inspection/rounds', { routeId: created.id })).json<Round>();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const upload = (who: Client, itemId: string, body: Buffer, type = 'image/png') =>
      who.request('POST', `/api/inspection/rounds/${round.id}/items/${itemId}/photo`, body, {
        'content-type': type,
        'x-filename': encodeURIComponent('模具架.png'),
      });

    // before the point is scanned: refused, nothing stored
    expect((await upload(tech, photoItem!.id, png)).statusCode).toBe(409);
    expect((await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: token })).statusCode).toBe(200);
    const fake = await upload(tech, photoItem!.id, Buffer.from('MZ not a picture'));
    expect([fake.statusCode, errorCode(fake)]).toEqual([400, 'ATTACHMENT_REJECTED']);
    const pdf = await upload(tech, photoItem!.id, Buffer.from('%PDF-1.4 x'), 'application/pdf');
    expect([pdf.statusCode, errorCode(pdf)]).toEqual([400, 'ATTACHMENT_REJECTED']);
    expect((await upload(tech, passItem!.id, png)).statusCode).toBe(400); // not a photo item
    expect((await upload(shanhe, photoItem!.id, png)).statusCode).toBe(404);
    expect((await upload(zhujian, photoItem!.id, png)).statusCode).toBe(403);
    // a text "reference" is no photo
    const text = await tech.post(`/api/inspection/rounds/${round.id}/results`, {
      pointId: withPoint.points[0]!.id,
      itemId: photoItem!.id,
      value: 'IMG_0001.jpg',
    });
    expect([text.statusCode, errorCode(text)]).toEqual([400, 'VALIDATION_FAILED']);

    const ok = await upload(tech, photoItem!.id, png);
    expect(ok.statusCode, ok.body).toBe(201);
    const result = ok.json<Round>().results.find((r) => r.itemId === photoItem!.id)!;
    expect(result).toMatchObject({ value: '模具架.png', passed: null });
    expect(result.photoId).not.toBeNull();
    expect(ok.json<Round>().itemsDone).toBe(1);

    const url = `/api/inspection/rounds/${round.id}/photos/${result.photoId}`;
    const got = await yinlun.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(got.rawPayload, png)).toBe(0);
    expect((await shanhe.get(url)).statusCode).toBe(404);
    expect((await zhujian.get(url)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/rounds/${round.id}/photos/no-such-photo`)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('inspection_photos').select('id').where('round_id', '=', round.id).execute();
    expect(audit.map((p) => p.id)).toEqual([result.photoId]);

    expect((await tech.post(`/api/inspection/rounds/${round.id}/finish`)).statusCode).toBe(200);
    expect((await upload(tech, photoItem!.id, png)).statusCode).toBe(409);
  });

  it('lists a technician his own open rounds only (mine=true&open=true)', async () => {
    const mineOpen = await startRound();
    const finished = await startRound();
    expect((await tech.post(`/api/inspection/rounds/${finished.id}/finish`)).statusCode).toBe(200);
    const adminsRound = (await yinlun.post('/api/inspection/rounds', { routeId: route.id })).json<Round>();
    const list = (await tech.get('/api/inspection/rounds?mine=true&open=true&pageSize=200')).json<{
      items: Array<Round & { startedBy: string }>;
      total: number;
    }>();
    const ids = list.items.map((r) => r.id);
    expect(ids).toContain(mineOpen.id);
    expect(ids).not.toContain(finished.id);
    expect(ids).not.toContain(adminsRound.id);
    expect(list.items.every((r) => r.startedBy === tech.userId && r.finishedAt === null)).toBe(true);
    expect(list.total).toBe(list.items.length);
    const all = (await tech.get('/api/inspection/rounds?pageSize=200')).json<{ items: Round[] }>().items.map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([mineOpen.id, finished.id, adminsRound.id]));
    expect((await tech.get('/api/inspection/rounds?open=maybe')).statusCode).toBe(400);
  });

  it('the admin reorders, edits and removes points; items a round recorded keep their kind and stay', async () => {
    const r = (await yinlun.post('/api/inspection/routes', { name: '二车间点检' })).json<Route>();
    const addPoint = async (name: string, items: Array<Record<string, unknown>>) =>
      (await yinlun.post(`/api/inspection/routes/${r.id}/points`, { name, assetId: null, items })).json<Route>();
    await addPoint('冷却塔', [
      { label: '风机运转', kind: 'pass_fail' },
      { label: '水温', kind: 'number', unit: '℃', min: 10, max: 35 },
    ]);
    await addPoint('配电柜', [{ label: '指示灯', kind: 'pass_fail' }]);
    const three = await addPoint('空压机房', [{ label: '压力', kind: 'meter', unit: 'MPa' }]);
    const [tower, cabinet, compressor] = three.points;
    const order = (ids: string[]) => yinlun.request('PUT', `/api/inspection/routes/${r.id}/point-order`, { pointIds: ids });
    const names = (route: Route) => route.points.map((p) => p.name);

    const reordered = await order([compressor!.id, tower!.id, cabinet!.id]);
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(names(reordered.json<Route>())).toEqual(['空压机房', '冷却塔', '配电柜']);
    expect(reordered.json<Route>().points.map((p) => p.seq)).toEqual([1, 2, 3]);
    for (const bad of [
      [tower!.id, cabinet!.id],
      [tower!.id, tower!.id, cabinet!.id],
      [tower!.id, cabinet!.id, route.points[0]!.id],
    ])
      expect((await order(bad)).statusCode).toBe(400);
    expect((await tech.request('PUT', `/api/inspection/routes/${r.id}/point-order`, { pointIds: [tower!.id] })).statusCode).toBe(403);

    // items as the new list: the second first, a new photo item, the first last
    const [fan, water] = tower!.items;
    const edit = (body: Record<string, unknown>, point = tower!.id) => yinlun.patch(`/api/inspection/points/${point}`, body);
    const edited = await edit({
      name: '1 号冷却塔',
      items: [
        { id: water!.id, label: '出水温度', kind: 'number', unit: '℃', min: 10, max: 32 },
        { label: '现场照片', kind: 'photo', required: false },
        { id: fan!.id, label: '风机运转', kind: 'pass_fail' },
      ],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const point = edited.json<Route>().points.find((p) => p.id === tower!.id)!;
    expect(point.name).toBe('1 号冷却塔');
    expect(point.items.map((i) => [i.label, i.kind])).toEqual([
      ['出水温度', 'number'],
      ['现场照片', 'photo'],
      ['风机运转', 'pass_fail'],
    ]);
    expect([point.items[0]!.id, point.items[2]!.id]).toEqual([water!.id, fan!.id]);
    const foreign = await edit({ items: [{ id: cabinet!.items[0]!.id, label: 'x', kind: 'pass_fail' }] });
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect((await tech.patch(`/api/inspection/points/${tower!.id}`, { name: 'x' })).statusCode).toBe(403);

    // a round records the water temperature: that item now stays, with its kind
    const round = (await tech.post('/api/inspection/rounds', { routeId: r.id })).json<Round>();
    const towerToken = await tokenOf(tower!.id);
    expect((await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: towerToken })).statusCode).toBe(200);
    const recorded = await tech.post(`/api/inspection/rounds/${round.id}/results`, { pointId: tower!.id, itemId: water!.id, value: '20' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const removeWater = await edit({ items: [{ id: fan!.id, label: '风机运转', kind: 'pass_fail' }] });
    expect([removeWater.statusCode, errorCode(removeWater)]).toEqual([409, 'CONFLICT']);
    const retype = await edit({ items: [{ id: water!.id, label: '出水温度', kind: 'text' }] });
    expect(retype.statusCode).toBe(409);
    // a checked-in item may be renamed; items of a point no round has visited may be replaced
    const photoId = point.items[1]!.id;
    const renamed = await edit({
      items: [
        { id: water!.id, label: '冷却水出水温度', kind: 'number', unit: '℃', min: 10, max: 32 },
        { id: photoId, label: '现场照片', kind: 'photo', required: false },
        { id: fan!.id, label: '风机运转', kind: 'pass_fail' },
      ],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(
      renamed
        .json<Route>()
        .points.find((p) => p.id === tower!.id)!
        .items.map((i) => i.label)[0],
    ).toBe('冷却水出水温度');
    const replaced = await edit({ items: [{ label: '柜门锁闭', kind: 'pass_fail' }] }, cabinet!.id);
    expect(replaced.statusCode, replaced.body).toBe(200);
    const cabinetItems = replaced.json<Route>().points.find((p) => p.id === cabinet!.id)!.items;
    expect(cabinetItems.map((i) => i.label)).toEqual(['柜门锁闭']);
    expect(cabinetItems[0]!.id).not.toBe(cabinet!.items[0]!.id);

    // a point with history stays; one without goes, and the rest close up
    expect((await yinlun.delete(`/api/inspection/points/${tower!.id}`)).statusCode).toBe(409);
    const removed = await yinlun.delete(`/api/inspection/points/${compressor!.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(names(removed.json<Route>())).toEqual(['1 号冷却塔', '配电柜']);
    expect(removed.json<Route>().points.map((p) => p.seq)).toEqual([1, 2]);
    expect((await yinlun.get(`/api/inspection/rounds/${round.id}`)).json<Round>().itemsDone).toBe(1);
  });

  it('another enterprise gets 404 on every route, point and round; a department handler 403', async () => {
    const round = await startRound();
    const point = route.points[0]!;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/inspection/routes/${route.id}`],
      ['PATCH', `/api/inspection/routes/${route.id}`, { name: 'pwned' }],
      ['POST', `/api/inspection/routes/${route.id}/points`, { name: 'x', items: [{ label: 'x', kind: 'text' }] }],
      ['GET', `/api/inspection/points/${point.id}/label`],
      ['POST', '/api/inspection/rounds', { routeId: route.id }],
      ['GET', `/api/inspection/rounds/${round.id}`],
      ['POST', `/api/inspection/rounds/${round.id}/check-in`, { qrToken: tokens[0] }],
      ['POST', `/api/inspection/rounds/${round.id}/results`, { pointId: point.id, itemId: point.items[1]!.id, value: 'fail' }],
      ['POST', `/api/inspection/rounds/${round.id}/finish`],
    ];
    for (const [method, url, body] of attempts) {
      expect((await shanhe.request(method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(404);
      expect((await zhujian.request(method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await shanhe.get('/api/inspection/routes')).json()).toEqual([]);
    expect((await shanhe.get('/api/inspection/rounds')).json<{ total: number }>().total).toBe(0);
    expect((await zhujian.get('/api/inspection/routes')).statusCode).toBe(403);
    // nothing changed for 银轮
    const after = (await tech.get(`/api/inspection/rounds/${round.id}`)).json<Round>();
    expect(after).toMatchObject({ pointsChecked: 0, finishedAt: null });
    expect((await tech.get(`/api/inspection/routes/${route.id}`)).json<Route & { name: string }>().name).toBe('一号厂房日常点检');
  });
});
