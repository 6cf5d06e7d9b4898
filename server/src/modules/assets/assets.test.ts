import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';

interface Detail {
  id: string;
  state: string;
  holder: boolean;
  enterpriseId: string;
  custodianEnterpriseId: string | null;
  shots: number | null;
  remainingShots: number | null;
  overLifeShots: number | null;
  mountedOnAssetId: string | null;
  press: boolean;
  plantId: string | null;
  counters: Array<{ counter: string; value: number; lastReading: number; resetCount: number }>;
  events: Array<{ kind: string; fromState: string | null; toState: string | null; actorName: string | null; reason: string | null }>;
  readings: Array<{ kind: string; delta: number; value: number }>;
  mounts: Array<{ moldId: string; pressId: string; removedAt: string | null }>;
  allowedTransitions: string[];
}

describe.each(ENGINES)('assets on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let admin: Client;
  let zhujian: Client;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    yinlun = await login(t.app, 'yinlun');
    tech = await login(t.app, 'yinlun.tech');
    shanhe = await login(t.app, 'shanhe');
    admin = await login(t.app, 'admin');
    zhujian = await login(t.app, 'zhujian');
  });
  afterAll(async () => t?.close());

  const create = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post('/api/assets', { code: `T-${++seq}`, name: `测试资产 ${seq}`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Detail>();
  };
  const move = (client: Client, id: string, to: string) => client.post(`/api/assets/${id}/lifecycle`, { to, reason: `→ ${to}` });
  const read = (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/assets/${id}/readings`, body);

  it('shows the demo shop floor: plants, lines, machines, molds near end of life and a customer’s mold', async () => {
    const plants = (await yinlun.get('/api/plants')).json<Array<{ id: string; name: string }>>();
    expect(plants.map((p) => p.name).sort()).toEqual(['一号厂区', '二号厂区']);
    const lines = (await yinlun.get(`/api/lines?plantId=${plants[0]!.id}`)).json<Array<{ plantId: string }>>();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.plantId === plants[0]!.id)).toBe(true);
    const equipment = (await yinlun.get('/api/assets?kind=equipment&pageSize=200')).json<{
      total: number;
      items: Array<{ maker: string }>;
    }>();
    expect(equipment.total).toBe(15);
    const molds = (await yinlun.get('/api/assets?kind=mold&pageSize=200')).json<{
      items: Array<{ designLifeShots: number; shots: number; remainingShots: number; holder: boolean; enterpriseName: string }>;
    }>();
    expect(molds.items.length).toBe(11);
    expect(molds.items.some((m) => m.shots / m.designLifeShots >= 0.9)).toBe(true);
    expect(molds.items.every((m) => m.remainingShots === Math.max(0, m.designLifeShots - m.shots))).toBe(true);
    const kept = molds.items.filter((m) => m.enterpriseName !== '银轮机械股份有限公司');
    expect(kept).toMatchObject([{ enterpriseName: '祥和实业股份有限公司', holder: true }]);
  });

  it('moves along the lifecycle, records who and why, and refuses illegal moves with 409', async () => {
    const asset = await create(yinlun, { kind: 'equipment' });
    expect(asset.state).toBe('planned');
    expect(asset.allowedTransitions).toEqual(['commissioned', 'scrapped']);
    const illegal = await move(yinlun, asset.id, 'in_service');
    expect(illegal.statusCode).toBe(409);
    expect(errorCode(illegal)).toBe('INVALID_TRANSITION');
    for (const to of [
      'commissioned',
      'in_service',
      'idle',
      'in_service',
      'under_repair',
      'in_service',
      'under_maintenance',
      'in_service',
    ]) {
      const res = await move(yinlun, asset.id, to);
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    }
    const scrapped = (await move(yinlun, asset.id, 'scrapped')).json<Detail>();
    expect(scrapped.state).toBe('scrapped');
    expect(scrapped.allowedTransitions).toEqual([]);
    expect(scrapped.events.filter((e) => e.kind === 'lifecycle')).toHaveLength(9);
    expect(scrapped.events.find((e) => e.toState === 'scrapped')).toMatchObject({
      fromState: 'in_service',
      actorName: 'yinlun',
      reason: '→ scrapped',
    });
    expect(errorCode(await move(yinlun, asset.id, 'in_service'))).toBe('INVALID_TRANSITION');
    expect(errorCode(await move(yinlun, asset.id, 'under_repair'))).toBe('INVALID_TRANSITION');
  });

  it('lets a technician take a running asset down for work and back, but not commission, idle or scrap it', async () => {
    const asset = await create(yinlun, { kind: 'equipment', state: 'in_service' });
    expect((await tech.get(`/api/assets/${asset.id}`)).json<Detail>().allowedTransitions).toEqual(['under_maintenance', 'under_repair']);
    expect((await move(tech, asset.id, 'under_repair')).statusCode).toBe(200);
    expect((await move(tech, asset.id, 'in_service')).statusCode).toBe(200);
    expect((await move(tech, asset.id, 'idle')).statusCode).toBe(403);
    expect((await move(tech, asset.id, 'scrapped')).statusCode).toBe(403);
    expect((await tech.post('/api/assets', { kind: 'equipment', code: 'X-1', name: 'x' })).statusCode).toBe(403);
    expect((await tech.patch(`/api/assets/${asset.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/assets/${asset.id}`)).json<Detail>().state).toBe('in_service');
  });

  it('keeps counters: never backwards, except a reset (new counter) or a rollover at the counter maximum', async () => {
    const mold = await create(yinlun, { kind: 'mold', designLifeShots: 500_000, cavities: 2, state: 'in_service' });
    expect(mold).toMatchObject({ shots: 0, remainingShots: 500_000 });
    expect((await read(tech, mold.id, { counter: 'shots', value: 999_000 })).json<Detail>()).toMatchObject({ shots: 999_000 });

    const backwards = await read(tech, mold.id, { counter: 'shots', value: 998_000 });
    expect(backwards.statusCode).toBe(409);
    expect(errorCode(backwards)).toBe('COUNTER_BACKWARDS');
    expect(errorCode(await read(tech, mold.id, { counter: 'shots', value: 500, rollover: true }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await read(tech, mold.id, { counter: 'shots', value: 500, rollover: true, reset: true, rolloverAt: 999_999 }))).toBe(
      'VALIDATION_FAILED',
    );

    // A 999 999 counter wrapped: 999 999 − 999 000 + 500 = 1 499 more shots.
    const rolled = (await read(tech, mold.id, { counter: 'shots', value: 500, rollover: true, rolloverAt: 999_999 })).json<Detail>();
    expect(rolled.shots).toBe(1_000_499);
    expect(rolled.readings[0]).toMatchObject({ kind: 'rollover', delta: 1_499, value: 500 });
    expect([rolled.remainingShots, rolled.overLifeShots]).toEqual([0, 1_000_499 - 500_000]);

    const reset = (await read(tech, mold.id, { counter: 'shots', value: 300, reset: true })).json<Detail>();
    expect(reset.shots).toBe(1_000_799);
    expect(reset.counters.find((c) => c.counter === 'shots')).toMatchObject({ value: 1_000_799, lastReading: 300, resetCount: 1 });
    expect(reset.readings.map((r) => r.kind)).toEqual(['reset', 'rollover', 'reading']);

    const hours = (await read(tech, mold.id, { counter: 'run_hours', value: 12.5 })).json<Detail>();
    expect(hours.counters.map((c) => c.counter).sort()).toEqual(['run_hours', 'shots']);
    expect(hours.shots).toBe(1_000_799);
  });

  it('mounts a mold on one press of the same enterprise at a time and keeps the history', async () => {
    const press = await create(yinlun, { kind: 'equipment', state: 'in_service', press: true });
    const other = await create(yinlun, { kind: 'equipment', state: 'in_service', press: true });
    const lathe = await create(yinlun, { kind: 'equipment', state: 'in_service' });
    const mold = await create(yinlun, { kind: 'mold', state: 'in_service', designLifeShots: 300_000 });
    const theirPress = await create(shanhe, { kind: 'equipment', state: 'in_service', press: true });
    expect([press.press, lathe.press, mold.press]).toEqual([true, false, false]);
    // only presses take molds, and only equipment is a press
    expect(errorCode(await yinlun.post(`/api/assets/${mold.id}/mount`, { pressId: lathe.id }))).toBe('VALIDATION_FAILED');
    expect((await yinlun.post('/api/assets', { kind: 'mold', code: `T-${++seq}`, name: '模具', press: true })).statusCode).toBe(400);
    expect((await yinlun.patch(`/api/assets/${mold.id}`, { press: true })).statusCode).toBe(400);
    const presses = (await yinlun.get('/api/assets?kind=equipment&press=true&pageSize=200')).json<{ items: Detail[] }>().items;
    expect(presses.map((a) => a.id)).toEqual(expect.arrayContaining([press.id, other.id]));
    expect(presses.map((a) => a.id)).not.toContain(lathe.id);
    expect(presses.every((a) => a.press)).toBe(true);

    expect((await tech.post(`/api/assets/${mold.id}/mount`, { pressId: press.id })).statusCode).toBe(403);
    expect(errorCode(await yinlun.post(`/api/assets/${press.id}/mount`, { pressId: other.id }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await yinlun.post(`/api/assets/${mold.id}/mount`, { pressId: mold.id }))).toBe('VALIDATION_FAILED');
    expect((await yinlun.post(`/api/assets/${mold.id}/mount`, { pressId: theirPress.id })).statusCode).toBe(404);

    const mounted = (await yinlun.post(`/api/assets/${mold.id}/mount`, { pressId: press.id })).json<Detail>();
    expect(mounted.mountedOnAssetId).toBe(press.id);
    const again = await yinlun.post(`/api/assets/${mold.id}/mount`, { pressId: other.id });
    expect(again.statusCode).toBe(409);
    expect(errorCode(await move(yinlun, mold.id, 'scrapped'))).toBe('CONFLICT');
    expect(errorCode(await move(yinlun, press.id, 'scrapped'))).toBe('CONFLICT');
    expect((await yinlun.get(`/api/assets/${press.id}`)).json<Detail>().mounts).toMatchObject([{ moldId: mold.id, removedAt: null }]);
    // a press carrying a mold stays a press until the mold comes off
    expect(errorCode(await yinlun.patch(`/api/assets/${press.id}`, { press: false }))).toBe('CONFLICT');

    expect((await yinlun.post(`/api/assets/${mold.id}/unmount`)).json<Detail>().mountedOnAssetId).toBeNull();
    expect(errorCode(await yinlun.post(`/api/assets/${mold.id}/unmount`))).toBe('CONFLICT');
    const moved = (await yinlun.post(`/api/assets/${mold.id}/mount`, { pressId: other.id })).json<Detail>();
    expect(moved.mounts.map((m) => [m.pressId, m.removedAt === null])).toEqual([
      [other.id, true],
      [press.id, false],
    ]);
    expect(moved.events.map((e) => e.kind).slice(0, 3)).toEqual(['mounted', 'unmounted', 'mounted']);
  });

  it('finds a transfer receiver by exact credit code or a name, ids and names only, never the caller itself', async () => {
    const lookup = (client: Client, q: string) => client.get(`/api/assets/transfer-targets?q=${encodeURIComponent(q)}`);
    const { credit_code } = await t.db
      .selectFrom('enterprises')
      .select('credit_code')
      .where('id', '=', shanhe.organisationId)
      .executeTakeFirstOrThrow();
    const byCode = await lookup(yinlun, credit_code!);
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(byCode.json()).toEqual([{ id: shanhe.organisationId, name: expect.stringContaining('山河') }]);
    expect((await lookup(yinlun, credit_code!.toLowerCase())).json()).toHaveLength(1);
    expect((await lookup(yinlun, `${credit_code!.slice(0, 17)}0`)).json<unknown[]>().length).toBeLessThanOrEqual(0);
    const byName = (await lookup(yinlun, '山河')).json<Array<Record<string, unknown>>>();
    expect(byName.map((e) => e.id)).toContain(shanhe.organisationId);
    expect(byName.every((e) => Object.keys(e).sort().join() === 'id,name')).toBe(true);
    expect((await lookup(yinlun, '银轮')).json<Array<{ id: string }>>().map((e) => e.id)).not.toContain(yinlun.organisationId);
    expect((await lookup(yinlun, '有限公司')).json<unknown[]>().length).toBeLessThanOrEqual(5);
    expect((await lookup(yinlun, '%%')).json()).toEqual([]);
    expect((await lookup(yinlun, '山')).statusCode).toBe(400);
    expect((await lookup(tech, '山河')).statusCode).toBe(403);
    expect((await lookup(admin, '山河')).statusCode).toBe(403);
    expect((await lookup(zhujian, '山河')).statusCode).toBe(403);
  });

  it('transfers an asset with its history once the receiver accepts; the old enterprise no longer sees it', async () => {
    const mold = await create(yinlun, { kind: 'mold', state: 'in_service', designLifeShots: 800_000 });
    await read(yinlun, mold.id, { counter: 'shots', value: 42_000 });
    expect((await tech.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: shanhe.organisationId, role: 'owner' })).statusCode).toBe(
      403,
    );
    const bad = await yinlun.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: 'no-such-enterprise', role: 'owner' });
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');

    const offered = await yinlun.post(`/api/assets/${mold.id}/transfer`, {
      enterpriseId: shanhe.organisationId,
      role: 'owner',
      reason: '出售',
    });
    expect(offered.statusCode, offered.body).toBe(202);
    const sold = await shanhe.post(`/api/asset-transfers/${offered.json<{ id: string }>().id}/accept`);
    expect(sold.statusCode, sold.body).toBe(200);
    expect((await yinlun.get(`/api/assets/${mold.id}`)).statusCode).toBe(404);
    expect(
      (await yinlun.get('/api/assets?pageSize=200&kind=mold')).json<{ items: Array<{ id: string }> }>().items.map((a) => a.id),
    ).not.toContain(mold.id);

    const theirs = (await shanhe.get(`/api/assets/${mold.id}`)).json<Detail>();
    expect(theirs).toMatchObject({
      enterpriseId: shanhe.organisationId,
      custodianEnterpriseId: null,
      holder: true,
      shots: 42_000,
      plantId: null,
    });
    expect(theirs.events.map((e) => e.kind)).toEqual(['transferred', 'created']);
    expect(theirs.readings).toHaveLength(1);

    // shanhe keeps owning it but sends it to 银轮 to be kept and run there, once 银轮 accepts.
    const sent = await shanhe.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: yinlun.organisationId, role: 'custodian' });
    expect(sent.statusCode, sent.body).toBe(202);
    expect((await yinlun.get(`/api/assets/${mold.id}`)).statusCode).toBe(404);
    expect((await yinlun.post(`/api/asset-transfers/${sent.json<{ id: string }>().id}/accept`)).statusCode).toBe(200);
    expect((await shanhe.get(`/api/assets/${mold.id}`)).json<Detail>()).toMatchObject({
      enterpriseId: shanhe.organisationId,
      custodianEnterpriseId: yinlun.organisationId,
      holder: false,
    });
    expect((await yinlun.get(`/api/assets/${mold.id}`)).json<Detail>().holder).toBe(true);
    expect((await read(yinlun, mold.id, { counter: 'shots', value: 43_000 })).statusCode).toBe(200);
    // The owner reads but no longer changes what another enterprise keeps.
    expect((await move(shanhe, mold.id, 'idle')).statusCode).toBe(403);
    expect((await shanhe.get(`/api/assets/${mold.id}`)).json<Detail>().shots).toBe(43_000);

    // Back home to its owner, whose inventory holds it already: at once, answered with the asset.
    const home = await yinlun.post(`/api/assets/${mold.id}/transfer`, { enterpriseId: shanhe.organisationId, role: 'custodian' });
    expect(home.statusCode, home.body).toBe(200);
    // the answer is the asset as its owner sees it, `holder` as ever for the caller, who no longer keeps it
    expect(home.json<Detail>()).toMatchObject({ enterpriseId: shanhe.organisationId, custodianEnterpriseId: null, holder: false });
    expect((await yinlun.get(`/api/assets/${mold.id}`)).statusCode).toBe(404);
    expect((await shanhe.get(`/api/assets/${mold.id}`)).json<Detail>().holder).toBe(true);
  });

  it('isolates enterprises: another enterprise gets 404 on every route of an asset it neither owns nor keeps', async () => {
    const asset = await create(yinlun, { kind: 'mold', state: 'in_service', designLifeShots: 300_000 });
    const url = `/api/assets/${asset.id}`;
    const answers = [
      await shanhe.get(url),
      await shanhe.patch(url, { name: 'pwned' }),
      await move(shanhe, asset.id, 'idle'),
      await read(shanhe, asset.id, { counter: 'shots', value: 1 }),
      await shanhe.post(`${url}/mount`, { pressId: asset.id }),
      await shanhe.post(`${url}/unmount`),
      await shanhe.post(`${url}/transfer`, { enterpriseId: shanhe.organisationId, role: 'owner' }),
      await shanhe.get(`${url}/label`),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual(Array(answers.length).fill(404));
    expect((await shanhe.get('/api/assets?pageSize=200')).json<{ items: Array<{ id: string }> }>().items.map((a) => a.id)).not.toContain(
      asset.id,
    );
    const mine = (await yinlun.get(url)).json<Detail>();
    expect(mine).toMatchObject({ state: 'in_service', shots: 0 });
  });

  it('gives county staff aggregates only, and departments nothing', async () => {
    expect((await admin.get('/api/assets')).statusCode).toBe(403);
    expect((await admin.get('/api/plants')).statusCode).toBe(403);
    const summary = await admin.get('/api/assets/summary');
    expect(summary.statusCode).toBe(200);
    const body = summary.json<{
      total: number;
      enterprises: number;
      byKind: Record<string, number>;
      byState: Record<string, number>;
      moldsNearEndOfLife: number;
      sharedEnterprises: unknown[];
    }>();
    expect(Object.keys(body).sort()).toEqual(['byKind', 'byState', 'enterprises', 'moldsNearEndOfLife', 'sharedEnterprises', 'total']);
    expect(body.sharedEnterprises).toEqual([]); // no enterprise has opted in to showing its own figures
    expect(body.enterprises).toBeGreaterThanOrEqual(3);
    expect(body.byKind.equipment! + body.byKind.mold! + body.byKind.tooling!).toBe(body.total);
    expect(Object.values(body.byState).reduce((a, b) => a + b, 0)).toBe(body.total);
    expect(body.moldsNearEndOfLife).toBeGreaterThan(0);
    expect(summary.body).not.toContain('YL-');
    const own = (await yinlun.get('/api/assets/summary')).json<{ total: number; enterprises: number }>();
    expect(own.total).toBeLessThan(body.total);
    expect((await zhujian.get('/api/assets/summary')).statusCode).toBe(403);
    expect((await zhujian.get('/api/assets')).statusCode).toBe(403);
  });

  it('prints a QR label for the asset page', async () => {
    const asset = await create(yinlun, { kind: 'tooling', name: '检具 <A&B>' });
    const res = await tech.get(`/api/assets/${asset.id}/label`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toMatch(/^<svg /);
    expect(res.body).toContain(`/assets/${asset.id}</title>`);
    expect(res.body).toContain('检具 &lt;A&amp;B&gt;');
  });

  it('validates places and codes', async () => {
    const [plant] = (await yinlun.get('/api/plants')).json<Array<{ id: string }>>();
    const [line] = (await yinlun.get(`/api/lines?plantId=${plant!.id}`)).json<Array<{ id: string }>>();
    const placed = await create(yinlun, { kind: 'equipment', lineId: line!.id });
    expect(placed.plantId).toBe(plant!.id);
    const [theirPlant] = (await shanhe.get('/api/plants')).json<Array<{ id: string }>>();
    const elsewhere = await yinlun.post('/api/assets', { kind: 'equipment', code: 'Z-1', name: 'x', plantId: theirPlant?.id ?? 'none' });
    expect(errorCode(elsewhere)).toBe('VALIDATION_FAILED');
    const dup = await yinlun.post('/api/assets', { kind: 'equipment', code: 'YL-EQ-001', name: 'x' });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('DUPLICATE');
  });
});
