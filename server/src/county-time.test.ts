// COUNTY_TIME_ZONE: the web learns the county's zone from the session, and the server counts days and months on
// the county's clock, not on a fixed UTC+8. Ürümqi (UTC+6, no daylight saving) tells the two apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { asset, countyAdmin, enterprise, plant } from '../test/factories';
import { createTestApp, type Client, type TestApp } from '../test/harness';

describe.each(ENGINES)("the county's clock on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let factory: Client;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false, config: { countyTimeZone: 'Asia/Urumqi' } });
    admin = await countyAdmin(t);
    factory = (await enterprise(t.app, admin)).admin;
  });
  afterAll(async () => t?.close());

  it('tells the web the county zone with the session', async () => {
    const session = await factory.get('/api/auth/session');
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json()).toMatchObject({ timeZone: 'Asia/Urumqi' });
  });

  it('takes a KPI period as whole days on the county clock', async () => {
    const res = await factory.get('/api/maintenance/kpis?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    // Midnight in Ürümqi is 18:00 UTC the day before (it would be 16:00 on a fixed UTC+8).
    expect(res.json()).toMatchObject({ from: '2026-02-28T18:00:00.000Z', to: '2026-03-31T18:00:00.000Z' });
    const county = await admin.get('/api/maintenance/kpis/county?from=2026-03-01&to=2026-03-01');
    expect(county.json()).toMatchObject({ from: '2026-02-28T18:00:00.000Z', to: '2026-03-01T18:00:00.000Z' });
  });

  it('counts a monthly plan in calendar months of the county', async () => {
    const press = await asset(factory, { plantId: await plant(factory) });
    // 30 January 23:30 in Ürümqi (already 31 January in Beijing): a month on is 28 February 23:30 there.
    const res = await factory.post('/api/maintenance/plans', {
      assetId: press.id,
      name: '月度保养',
      trigger: 'time',
      intervalValue: 1,
      intervalUnit: 'months',
      startAt: '2026-01-30T17:30:00.000Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: { dueAt: '2026-02-28T17:30:00.000Z' } });
  });
});
