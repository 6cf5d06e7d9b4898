// Inspection (巡检) end to end in a real browser: 银轮's admin lays out a route with one point on a press
// (through the API), a technician starts a round on a phone, opens the point's label address as a scan would,
// fails the oil level and enters a hydraulic temperature above its range, and sees the repair orders the
// failures opened, and takes a photo of the station with the phone's camera (a real PNG through the page's
// file input). The maintenance lead then finds the repair orders among the enterprise's repair orders.
import type { AssetView, InspectionRouteDetailView, InspectionRoundDetailView, Paged, WorkOrderView } from '@tiantai/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection';
import { ENGINES } from '../../server/test/engines';
import { BrowserSuite, HAS_BROWSER } from './browser';

const PASSWORD = 'Tiantai@2026';
const ROUTE = '注塑车间日常点检';
const POINT = '1 号注塑机液压站';
const OIL = '油位正常';
const TEMPERATURE = '液压油温';
const PHOTO = '液压站现场照片';
// Browser-side code as text: the e2e suites type-check without the DOM library.
const imageLoaded = (page: Page, selector: string) =>
  page.evaluate<boolean>(
    `(() => { const img = document.querySelector('${selector}'); return Boolean(img && img.complete && img.naturalWidth > 0); })()`,
  );

/** Only the columns the test reads: the token travels on the printed label alone, never in JSON. */
interface TokenTables {
  inspection_points: { id: string; qr_token: string };
}

/** A signed-in API client as the enterprise admin's scripts would use it: session cookie plus CSRF header. */
async function apiAs(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

describe.runIf(HAS_BROWSER).each(ENGINES)('inspection rounds in Chromium on %s', (engine) => {
  const suite = new BrowserSuite(engine, 'in');
  const { shot, signIn } = suite;
  let base: string;
  let press: AssetView;
  let route: InspectionRouteDetailView;
  let token: string;
  let phone: Page;
  let roundId: string;
  const orderNumbers: string[] = [];

  const noSideways = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  const item = (page: Page, label: string) => page.locator(`[data-testid=inspection-item][data-label="${label}"]`);

  beforeAll(async () => {
    await suite.start();
    base = suite.base;

    const admin = await apiAs(base, 'yinlun');
    const presses = await admin<Paged<AssetView>>('GET', '/api/assets?kind=equipment&q=YL-EQ-001');
    press = presses.items.find((a) => a.code === 'YL-EQ-001')!;
    expect(press).toBeDefined();
    const created = await admin<InspectionRouteDetailView>('POST', '/api/inspection/routes', { name: ROUTE });
    route = await admin<InspectionRouteDetailView>('POST', `/api/inspection/routes/${created.id}/points`, {
      name: POINT,
      assetId: press.id,
      items: [
        { label: OIL, kind: 'pass_fail' },
        { label: TEMPERATURE, kind: 'number', unit: '℃', min: 20, max: 60 },
        { label: PHOTO, kind: 'photo' },
      ],
    });
    expect(route.points).toHaveLength(1);

    // The label encodes <origin>/inspect/<token>; reading it back from the database stands in for the camera.
    const { db } = openDatabase<TokenTables>(suite.server.db.location);
    try {
      const row = await db
        .selectFrom('inspection_points')
        .select('qr_token')
        .where('id', '=', route.points[0]!.id)
        .executeTakeFirstOrThrow();
      token = row.qr_token;
    } finally {
      await db.destroy();
    }
  });
  afterAll(suite.stop);

  it('the admin sees the route and prints the point’s QR label', async () => {
    const admin = await signIn('yinlun');
    await admin.getByTestId('side-menu').getByText('巡检', { exact: true }).click();
    const card = admin.locator(`[data-testid=inspection-route][data-route-name="${ROUTE}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.getByTestId('route-point-count').innerText()).toContain('1 个点位');
    await card.getByTestId('manage-route').click();
    await expect.poll(() => card.getByTestId('route-point').count()).toBe(1);
    expect(await card.getByTestId('route-point').innerText()).toContain('YL-EQ-001');
    await card.getByTestId('show-point-label').click();
    await expect.poll(() => imageLoaded(admin, '[data-testid=point-label]')).toBe(true);
    const svg = await admin.evaluate(
      async (src) => (await fetch(src)).text(),
      (await admin.getByTestId('point-label').getAttribute('src'))!,
    );
    expect(svg).toContain('<svg');
    await shot(admin, 'admin-label', false);
  });

  it('a technician starts a round on a phone; a wrong token is not found', async () => {
    phone = await signIn('yinlun.tech', { phone: true, at: '/inspection' });
    const card = phone.locator(`[data-testid=inspection-route][data-route-name="${ROUTE}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.getByTestId('manage-route').count()).toBe(0);
    await shot(phone, 'phone-routes');
    await card.getByTestId('start-round').click();
    await expect.poll(() => new URL(phone.url()).pathname).toMatch(/^\/inspection\/rounds\/[\w-]+$/);
    roundId = new URL(phone.url()).pathname.split('/').pop()!;
    await expect.poll(() => phone.getByTestId('round-progress').getAttribute('data-checked')).toBe('0');
    expect(await phone.getByTestId('round-progress').getAttribute('data-total')).toBe('1');

    await phone.goto(`${base}/inspection`);
    await expect.poll(() => phone.getByTestId('open-round').count()).toBe(1);
    expect(await phone.getByTestId('open-round').getAttribute('data-round-id')).toBe(roundId);
    await shot(phone, 'phone-open-round');

    await phone.goto(`${base}/inspect/not-a-real-token`);
    await expect.poll(() => phone.getByTestId('point-not-found').isVisible()).toBe(true);
    expect(await phone.getByTestId('point-not-found').innerText()).toBe('未找到该点位');
    await shot(phone, 'phone-wrong-token', false);
  });

  it('scanning the point checks it in; failed items show their repair order numbers', async () => {
    await phone.goto(`${base}/inspect/${token}`);
    await expect.poll(() => phone.getByTestId('point-name').isVisible()).toBe(true);
    expect(await phone.getByTestId('point-name').innerText()).toContain(POINT);
    expect(await phone.getByTestId('point-asset-code').innerText()).toContain('YL-EQ-001');
    await expect.poll(() => phone.getByTestId('round-progress').getAttribute('data-checked')).toBe('1');
    expect(await item(phone, TEMPERATURE).getByTestId('item-range').innerText()).toContain('20 ~ 60 ℃');
    // Big enough for a thumb.
    const failBox = await item(phone, OIL).getByTestId('item-fail').boundingBox();
    expect(failBox!.height).toBeGreaterThanOrEqual(48);
    await shot(phone, 'phone-checked-in', false);

    await item(phone, OIL).getByTestId('item-fail').click();
    await expect.poll(() => item(phone, OIL).getByTestId('item-state').getAttribute('data-state')).toBe('failed');
    await expect.poll(() => item(phone, OIL).getByTestId('item-work-order').isVisible()).toBe(true);
    orderNumbers.push((await item(phone, OIL).getByTestId('item-work-order').getAttribute('data-number'))!);

    await item(phone, TEMPERATURE).locator('input').fill('75');
    await expect.poll(() => item(phone, TEMPERATURE).innerText()).toContain('超出正常范围');
    await item(phone, TEMPERATURE).getByTestId('item-submit').click();
    await expect.poll(() => item(phone, TEMPERATURE).getByTestId('item-state').getAttribute('data-state')).toBe('failed');
    await expect.poll(() => item(phone, TEMPERATURE).getByTestId('item-work-order').isVisible()).toBe(true);
    orderNumbers.push((await item(phone, TEMPERATURE).getByTestId('item-work-order').getAttribute('data-number'))!);

    // The photo item: the camera button's file input takes a real picture, which then shows in place.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expect(await item(phone, PHOTO).getByTestId('item-photo-input').getAttribute('capture')).toBe('environment');
    await item(phone, PHOTO).getByTestId('item-photo-input').setInputFiles({ name: '液压站.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => item(phone, PHOTO).getByTestId('item-state').getAttribute('data-state')).toBe('recorded');
    await expect.poll(() => imageLoaded(phone, '[data-testid=item-photo-image] img, img[data-testid=item-photo-image]')).toBe(true);
    expect(await item(phone, PHOTO).getByTestId('item-photo-take').innerText()).toContain('重新拍照');
    // A file that only claims to be a picture is refused, in words.
    await item(phone, PHOTO)
      .getByTestId('item-photo-input')
      .setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('MZ not a picture') });
    await expect.poll(() => item(phone, PHOTO).getByTestId('item-photo-error').isVisible()).toBe(true);
    await item(phone, PHOTO).scrollIntoViewIfNeeded();
    await shot(phone, 'phone-photo-item', false);
    const withPhoto = await phone.evaluate(
      async (id) => (await (await fetch(`/api/inspection/rounds/${id}`)).json()) as InspectionRoundDetailView,
      roundId,
    );
    const photoResult = withPhoto.results.find((r) => r.itemId === route.points[0]!.items[2]!.id)!;
    expect(photoResult).toMatchObject({ value: '液压站.png', passed: null });
    expect(photoResult.photoId).not.toBeNull();

    for (const number of orderNumbers) expect(number).toMatch(/\S/);
    expect(new Set(orderNumbers).size).toBe(2);
    expect(await item(phone, TEMPERATURE).getByTestId('item-work-order').innerText()).toContain(orderNumbers[1]!);
    // The controls come back once the answer is in, so a wrong tap can be corrected.
    await expect.poll(() => item(phone, TEMPERATURE).getByTestId('item-submit').isEnabled()).toBe(true);
    await expect.poll(() => item(phone, OIL).getByTestId('item-pass').isEnabled()).toBe(true);
    expect(await noSideways(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-failed-items');
  });

  it('the round shows the failures with their orders and can be finished', async () => {
    await phone.getByTestId('round-link').click();
    await expect.poll(() => new URL(phone.url()).pathname).toBe(`/inspection/rounds/${roundId}`);
    await expect.poll(() => phone.getByTestId('round-failure').count()).toBe(2);
    await expect.poll(() => phone.getByTestId('round-failures').getAttribute('data-count')).toBe('2');
    const failures = await phone.getByTestId('round-failure').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-work-order')));
    expect(failures.sort()).toEqual([...orderNumbers].sort());
    expect(await phone.getByTestId('round-failure-list').innerText()).toContain('记录值：不合格');
    // The photo taken at the point shows among the point's results.
    await expect.poll(() => imageLoaded(phone, '[data-testid=round-photo] img, img[data-testid=round-photo]')).toBe(true);
    expect(await noSideways(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-round');

    await phone.getByTestId('finish-round').click();
    await phone.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => phone.getByTestId('round-finished-at').innerText()).not.toBe('进行中');
    expect(await phone.getByTestId('finish-round').count()).toBe(0);
    const round = await phone.evaluate(
      async (id) => (await (await fetch(`/api/inspection/rounds/${id}`)).json()) as InspectionRoundDetailView,
      roundId,
    );
    expect(round.finishedAt).not.toBeNull();
    await shot(phone, 'phone-round-finished');
  });

  it('the maintenance lead finds the new repair orders for the press', async () => {
    const lead = await signIn('yinlun');
    const repairs = await lead.evaluate(
      async (assetId) =>
        (await (await fetch(`/api/work-orders?kind=repair&assetId=${assetId}&pageSize=200`)).json()) as Paged<WorkOrderView>,
      press.id,
    );
    for (const number of orderNumbers) {
      const order = repairs.items.find((o) => o.number === number);
      expect(order).toBeDefined();
      expect(order!.assetCode).toBe('YL-EQ-001');
      expect(order!.status).toBe('reported');
      expect(order!.title).toContain(POINT);
    }

    await lead.goto(`${base}/work-orders`);
    for (const number of orderNumbers) await expect.poll(() => lead.getByText(number, { exact: true }).count()).toBeGreaterThan(0);
    await shot(lead, 'lead-work-orders');
  });

  it('the admin lays out a new route on the page: adds, reorders, edits and removes points, then pauses it', async () => {
    const admin = await signIn('yinlun', { at: '/inspection' });
    await admin.getByTestId('new-route').click();
    await admin.getByTestId('route-name').fill('空压站周检');
    await admin.getByTestId('route-submit').click();
    const card = admin.locator('[data-testid=inspection-route][data-route-name="空压站周检"]');
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.getByTestId('manage-route').click();

    const addPoint = async (name: string, itemLabel: string) => {
      await card.getByTestId('add-point').click();
      await expect.poll(() => admin.getByTestId('point-name').isVisible()).toBe(true);
      await admin.getByTestId('point-name').fill(name);
      await admin.getByTestId('item-label').first().fill(itemLabel);
      await admin.getByTestId('point-submit').click();
      await expect.poll(() => card.locator(`[data-testid=route-point][data-point-name="${name}"]`).count()).toBe(1);
    };
    await addPoint('储气罐', '安全阀铅封完好');
    await addPoint('1 号空压机', '有无异响');
    const names = () => card.getByTestId('route-point').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-point-name')));
    expect(await names()).toEqual(['储气罐', '1 号空压机']);

    // the compressor is walked first
    await card.locator('[data-testid=route-point][data-point-name="1 号空压机"]').getByTestId('point-up').click();
    await expect.poll(names).toEqual(['1 号空压机', '储气罐']);

    // edit: rename the item, add a photo item and move it first
    await card.locator('[data-testid=route-point][data-point-name="1 号空压机"]').getByTestId('edit-point').click();
    await expect.poll(() => admin.getByTestId('point-item').count()).toBe(1);
    await admin.getByTestId('item-label').first().fill('运行无异响');
    await admin.getByTestId('add-item').click();
    await admin.getByTestId('item-label').nth(1).fill('仪表盘照片');
    await admin.getByTestId('item-kind').nth(1).click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '照片' }).click();
    await admin.getByTestId('item-up').nth(1).click();
    await shot(admin, 'admin-edit-point', false);
    await admin.getByTestId('point-submit').click();
    await expect.poll(() => admin.getByTestId('point-submit').count()).toBe(0);

    // remove the tank
    await card.locator('[data-testid=route-point][data-point-name="储气罐"]').getByTestId('remove-point').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(names).toEqual(['1 号空压机']);

    // pause the route
    await card.getByTestId('edit-route').click();
    // The dialog fills its form after it opens: click the switch once it shows the route as active, or a late
    // fill turns it back on (seen once under load).
    await expect.poll(() => admin.getByTestId('route-active').getAttribute('aria-checked')).toBe('true');
    await admin.getByTestId('route-active').click();
    await expect.poll(() => admin.getByTestId('route-active').getAttribute('aria-checked')).toBe('false');
    await admin.getByTestId('route-submit').click();
    await expect.poll(() => card.getByTestId('route-point-count').innerText()).toContain('已停用');
    expect(await card.getByTestId('start-round').isDisabled()).toBe(true);
    await shot(admin, 'admin-route-edited');

    const routes = await admin.evaluate(
      async () => (await (await fetch('/api/inspection/routes')).json()) as Array<{ id: string; name: string }>,
    );
    const id = routes.find((r) => r.name === '空压站周检')!.id;
    const saved = await admin.evaluate(
      async (routeId) => (await (await fetch(`/api/inspection/routes/${routeId}`)).json()) as InspectionRouteDetailView,
      id,
    );
    expect(saved.active).toBe(false);
    expect(saved.points.map((p) => [p.seq, p.name, p.items.map((i) => [i.label, i.kind])])).toEqual([
      [
        1,
        '1 号空压机',
        [
          ['仪表盘照片', 'photo'],
          ['运行无异响', 'pass_fail'],
        ],
      ],
    ]);
  });
});
