// The big screens on the county's clock (COUNTY_TIME_ZONE, #14 item 7): today, the week and the year are the
// county's, not a fixed UTC+8's, and every snapshot names the zone, so a kiosk display (no session) shows its
// clock and times on it. Ürümqi (UTC+6) tells the two apart: 17:00 UTC on 31 December 2025 is 23:00 on New
// Year's Eve there and already 01:00 on 1 January 2026 in Beijing.
import type { CountyScreenView, PlantScreenView } from '@tiantai/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, enterprise, plant } from '../../../test/factories';
import { createTestApp, type Client, type TestApp } from '../../../test/harness';

const ZONE = 'Asia/Urumqi';
const NEW_YEARS_EVE = new Date('2025-12-31T17:00:00.000Z');

describe.each(ENGINES)("the screens on the county's clock (Asia/Urumqi) on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let factory: Client;
  let plantId: string;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false, config: { countyTimeZone: ZONE } });
    admin = await countyAdmin(t);
    factory = (await enterprise(t.app, admin)).admin;
    plantId = await plant(factory);
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The server's clock (Date only: timers, and so the database drivers, keep real time) at `at`. */
  const at = (instant: Date) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(instant);
  };
  const snapshot = async <T>(client: Client | null, url: string): Promise<T> => {
    const res = client ? await client.get(url) : await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  it("ends the plant screen's week on the county's today and names the zone", async () => {
    at(NEW_YEARS_EVE);
    for (const url of [`/api/screens/plant/${plantId}`, '/api/screens/enterprise']) {
      const screen = await snapshot<PlantScreenView>(factory, url);
      expect(screen.timeZone).toBe(ZONE);
      expect(screen.week.map((d) => d.date)).toEqual([
        '2025-12-25',
        '2025-12-26',
        '2025-12-27',
        '2025-12-28',
        '2025-12-29',
        '2025-12-30',
        '2025-12-31',
      ]);
    }
  });

  it("counts the county screen's requests in the county's year", async () => {
    at(NEW_YEARS_EVE);
    const screen = await snapshot<CountyScreenView>(admin, '/api/screens/county');
    expect(screen.timeZone).toBe(ZONE);
    expect(screen.requests.year).toBe(2025);
  });

  it('tells a kiosk display, which has no session, the county zone with the snapshot', async () => {
    const created = await factory.post('/api/screen-tokens', { name: '车间大屏', screen: 'plant', plantId });
    expect(created.statusCode, created.body).toBe(201);
    const { token } = created.json<{ token: string }>();
    at(NEW_YEARS_EVE);
    const screen = await snapshot<PlantScreenView>(null, `/api/screens/plant/${plantId}?token=${token}`);
    expect(screen.timeZone).toBe(ZONE);
    expect(screen.week.at(-1)?.date).toBe('2025-12-31');
  });
});
