// The big screens in a real browser: a plant screen opened by a signed-in enterprise admin at 1920×1080
// and on a wall display at 1366×768 through a kiosk token (no login); a work order created through the API
// and an alarm raised through the device API appear on both, live; names full of markup stay text, on the screen and in the county screen's chart
// tooltips; revoking the token takes the wall display off the air. A 60-machine plant's board pages through
// every machine within one rotation, each page's tiles inside the panel.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { httpSession } from '../../server/test/sse';
import { BrowserSuite, HAS_BROWSER } from './browser';

const FULL_HD = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe.runIf(HAS_BROWSER).each(ENGINES)('big screens in Chromium on %s', (engine) => {
  const suite = new BrowserSuite(engine, 'sc');
  const { shot, signIn } = suite;
  let base: string;
  let yinlun: Awaited<ReturnType<typeof httpSession>>;
  let plantId: string;
  let pressId: string;
  let desk: Page;
  let wall: Page;
  let tokenId: string;
  let kioskAddress: string;

  const tickerTexts = (page: Page) => page.getByTestId('ticker-item').allTextContents();
  const xss = (page: Page) => page.evaluate<number | null>('window.__xss ?? null');

  beforeAll(async () => {
    await suite.start();
    base = suite.base;
    yinlun = await httpSession(base, 'yinlun');
    const plants = (await yinlun.get('/api/plants')).body as unknown as Array<{ id: string }>;
    plantId = plants[0]!.id;
    const assets = (await yinlun.get(`/api/assets?kind=equipment&plantId=${plantId}&pageSize=200`)).body.items as Array<{
      id: string;
      state: string;
      holder: boolean;
    }>;
    pressId = assets.find((a) => a.holder && a.state === 'in_service')!.id;
  });
  afterAll(suite.stop);

  it('an enterprise admin makes a kiosk token for a plant screen on the screens page', async () => {
    desk = await signIn('yinlun', { viewport: FULL_HD, at: '/screens' });
    await desk.getByTestId('new-screen-token').click();
    await expect.poll(() => desk.getByTestId('screen-token-submit').isVisible()).toBe(true);
    await desk.getByTestId('screen-token-screen').click();
    const option = desk.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '一号厂区' });
    await option.first().waitFor({ state: 'visible' });
    await option.first().click();
    await desk.getByTestId('screen-token-name').fill('一号厂区入口大屏');
    await desk.getByTestId('screen-token-submit').click();
    await expect.poll(() => desk.getByTestId('screen-token-address').isVisible()).toBe(true);
    kioskAddress = (await desk.getByTestId('screen-token-address').textContent())!.trim();
    expect(kioskAddress).toMatch(new RegExp(`/screens/plant/${plantId}\\?token=tts_`));
    await shot(desk, 'screens-page-token', false);
    const tokens = (await yinlun.get('/api/screen-tokens')).body as unknown as Array<{ id: string; name: string }>;
    tokenId = tokens.find((t) => t.name === '一号厂区入口大屏')!.id;
  });

  it('opens the plant screen signed in at 1920×1080 and by kiosk token at 1366×768', async () => {
    await desk.goto(`${base}/screens/plant/${plantId}`);
    await expect.poll(() => desk.getByTestId('screen-live').getAttribute('data-status')).toBe('live');
    await expect.poll(() => desk.getByTestId('screen-organisation').textContent()).toContain('银轮机械股份有限公司');
    // Designed at 1920×1080: at that size the stage is not scaled, and nothing spills out of the window.
    expect(await desk.getByTestId('plant-screen').getAttribute('data-scale')).toBe('1.0000');
    expect(await desk.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    // The wall display: a fresh browser, no login, only the address with the token.
    const context = await desk.context().browser()!.newContext({ viewport: LAPTOP, locale: 'zh-CN', timezoneId: 'UTC' });
    wall = await context.newPage();
    await wall.goto(kioskAddress);
    await expect.poll(() => wall.getByTestId('screen-live').getAttribute('data-status')).toBe('live');
    await expect.poll(() => wall.getByTestId('ticker-item').count()).toBeGreaterThan(0);
    // Scaled to fit 1366×768 whole: letterboxed, never cropped.
    const stage = await wall.getByTestId('plant-screen').boundingBox();
    expect(stage!.width).toBeLessThanOrEqual(LAPTOP.width + 0.5);
    expect(stage!.height).toBeLessThanOrEqual(LAPTOP.height + 0.5);
    expect(Math.min(LAPTOP.width - stage!.width, LAPTOP.height - stage!.height)).toBeLessThan(1);
    await shot(desk, 'plant-1920', false);
    await shot(wall, 'plant-kiosk-1366', false);
  });

  it('shows a work order created through the API on both screens as it happens, its title as text', async () => {
    const downBefore = Number(await desk.getByTestId('tile-open-work-orders').locator('.tt-screen-tile-value').textContent());
    const created = await yinlun.post('/api/work-orders', { assetId: pressId, kind: 'repair', title: `液压站漏油 ${HOSTILE}` });
    expect(created.status).toBe(201);
    for (const page of [desk, wall]) {
      await expect.poll(async () => (await tickerTexts(page)).some((text) => text.includes(`液压站漏油 ${HOSTILE}`))).toBe(true);
      expect(await xss(page)).toBeNull();
      expect(await page.locator('.tt-screen-stage img').count()).toBe(0);
    }
    await expect
      .poll(async () => Number(await desk.getByTestId('tile-open-work-orders').locator('.tt-screen-tile-value').textContent()))
      .toBe(downBefore + 1);

    // The press goes down for repair: its tile on the board turns red.
    const press = (await yinlun.get(`/api/assets/${pressId}`)).body as { code: string };
    expect((await yinlun.post(`/api/assets/${pressId}/lifecycle`, { to: 'under_repair', reason: '液压站漏油' })).status).toBe(200);
    await expect.poll(() => wall.getByTestId(`machine-${press.code}`).getAttribute('data-state')).toBe('down');
    await shot(desk, 'plant-1920-live', false);
    await shot(wall, 'plant-kiosk-1366-live', false);
  });

  it('shows an alarm raised through the device API on both screens as it happens', async () => {
    const rule = { name: '液压油温过高', metric: 'oil_temp', condition: 'above', threshold: 62 };
    expect((await yinlun.post('/api/telemetry/alarm-rules', rule)).status).toBe(201);
    const [device] = (await yinlun.get(`/api/telemetry/devices?assetId=${pressId}`)).body as unknown as Array<{ id: string }>;
    const credentials = (await yinlun.get(`/api/telemetry/devices/${device!.id}/credentials`)).body as { accessToken: string };
    const sent = await fetch(`${base}/api/v1/${credentials.accessToken}/telemetry`, { method: 'POST', body: '{"oil_temp": 68.5}' });
    expect(sent.status).toBe(200);
    for (const page of [desk, wall]) {
      await expect
        .poll(async () => (await page.getByTestId('alarm-item').allTextContents()).some((t) => t.includes('液压油温过高')))
        .toBe(true);
    }
    await shot(desk, 'plant-1920-alarm', false);
    await shot(wall, 'plant-kiosk-1366-alarm', false);
  });

  it('takes the wall display off the air when its token is revoked', async () => {
    expect((await yinlun.delete(`/api/screen-tokens/${tokenId}`)).status).toBe(204);
    await expect.poll(() => wall.getByTestId('screen-live').getAttribute('data-status')).toBe('offline');
    await expect.poll(() => wall.getByTestId('screen-message').textContent()).toContain('大屏令牌已失效');
    await shot(wall, 'plant-kiosk-revoked', false);
  });

  it('pages a 60-machine plant through every machine within one rotation, each page inside its panel', async () => {
    const plant = await yinlun.post('/api/plants', { name: '三号冲焊厂区' });
    expect(plant.status).toBe(201);
    const plant60 = plant.body.id as string;
    const lines: string[] = [];
    for (const name of ['冲压一线', '焊装二线', '涂装三线']) {
      const line = await yinlun.post('/api/lines', { plantId: plant60, name });
      expect(line.status).toBe(201);
      lines.push(line.body.id as string);
    }
    const codes = Array.from({ length: 60 }, (_, i) => `CH-${String(i + 1).padStart(2, '0')}`);
    // 48 machines with a PLC reporting running, idle or down; the last 12 without one (offline).
    const states = [1, 1, 1, 0, 1, 1, 3, 1];
    for (let i = 0; i < codes.length; i += 6) {
      await Promise.all(
        codes.slice(i, i + 6).map(async (code, k) => {
          const n = i + k;
          const asset = await yinlun.post('/api/assets', {
            kind: 'equipment',
            code,
            name: `${['伺服压力机', '机器人焊接站', '喷涂机器人', '数控折弯机'][n % 4]} ${n + 1} 号`,
            plantId: plant60,
            lineId: lines[Math.floor(n / 20)],
            state: 'in_service',
          });
          expect(asset.status).toBe(201);
          if (n >= 48) return;
          const device = await yinlun.post('/api/telemetry/devices', { name: `${code} PLC`, assetId: asset.body.id });
          expect(device.status).toBe(201);
          const token = (device.body.credentials as { accessToken: string }).accessToken;
          const sent = await fetch(`${base}/api/v1/${token}/telemetry`, { method: 'POST', body: JSON.stringify({ state: states[n % 8] }) });
          expect(sent.status).toBe(200);
        }),
      );
    }

    // Two seconds a page instead of ten, so that a whole rotation fits the test.
    const board = await signIn('yinlun', { viewport: FULL_HD, at: `/screens/plant/${plant60}?rotate=2` });
    await expect.poll(() => board.getByTestId('screen-live').getAttribute('data-status')).toBe('live');
    await expect.poll(() => board.getByTestId('tile-online').locator('.tt-screen-tile-value').textContent()).toBe('48/60');
    const pages = Number(await board.getByTestId('board-pages').getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(1);
    // What the board shows, read in one go: the page, its machines, and whether every tile lies inside the panel.
    const look = () =>
      board.evaluate<{ page: number; codes: string[]; inside: boolean }>(`(() => {
        const panel = document.querySelector('[data-testid="machine-board"]').getBoundingClientRect();
        const tiles = [...document.querySelectorAll('[data-testid="board-page"] .tt-screen-machine')];
        return {
          page: Number(document.querySelector('[data-testid="board-pages"]')?.getAttribute('data-page')),
          codes: tiles.map((t) => t.dataset.testid.replace('machine-', '')),
          inside: tiles.every((t) => {
            const r = t.getBoundingClientRect();
            return r.left >= panel.left && r.right <= panel.right && r.top >= panel.top && r.bottom <= panel.bottom;
          }),
        };
      })()`);
    const seen = new Set<string>();
    const pagesSeen = new Set<number>();
    const started = Date.now();
    let shots = 0;
    while (Date.now() - started < pages * 2000 + 3000 && (seen.size < codes.length || pagesSeen.size < pages)) {
      const now = await look();
      expect(now.inside, `page ${now.page}`).toBe(true);
      expect(now.codes.length).toBeGreaterThan(0);
      now.codes.forEach((code) => seen.add(code));
      if (!pagesSeen.has(now.page) && shots < 2) {
        await shot(board, `plant-60-page-${now.page}-1920`, false);
        shots++;
      }
      pagesSeen.add(now.page);
      await board.waitForTimeout(250);
    }
    expect([...seen].sort()).toEqual(codes);
    expect(pagesSeen.size).toBe(pages);

    // The same board on a 1366×768 laptop: the stage scales as a whole, the pages stay the same.
    await board.setViewportSize(LAPTOP);
    await expect.poll(() => board.getByTestId('plant-screen').getAttribute('data-scale')).not.toBe('1.0000');
    expect(Number(await board.getByTestId('board-pages').getAttribute('data-pages'))).toBe(pages);
    expect((await look()).inside).toBe(true);
    await shot(board, 'plant-60-1366', false);
    await board.close();
  });

  it('draws the county screen with the parks on the map, and escapes a hostile park name in tooltips', async () => {
    const admin = await httpSession(base, 'admin');
    const parks = (await admin.get('/api/parks')).body as unknown as Array<{ id: string; name: string; enterpriseCount: number }>;
    const busiest = [...parks].sort((a, b) => b.enterpriseCount - a.enterpriseCount)[0]!;
    expect((await admin.request('PATCH', `/api/parks/${busiest.id}`, { name: `苍山${HOSTILE}` })).status).toBe(200);

    const county = await signIn('admin', { viewport: FULL_HD, at: '/screens/county' });
    await expect.poll(() => county.getByTestId('screen-live').getAttribute('data-status')).toBe('live');
    await expect.poll(() => county.getByTestId('tile-enterprises').locator('.tt-screen-tile-value').textContent()).not.toBe('0');
    await expect.poll(() => county.getByTestId('screen-pending').count()).toBe(0);
    // The seed's headline figures, in words above the projects chart.
    expect(await county.getByTestId('projects-headline').innerText()).toBe(
      '千万元以上 104 个 · 亿元以上 55 个，年计划投资 11.58 亿元，占全年 66.48%',
    );

    // Hover the park bars until the tooltip names the hostile park: it shows the characters, runs nothing.
    const chart = (await county.getByTestId('by-park').boundingBox())!;
    let shown = false;
    for (let y = chart.y + 12; y < chart.y + chart.height - 24 && !shown; y += 12) {
      await county.mouse.move(chart.x + chart.width / 2, y);
      shown = (await county.getByTestId('by-park').textContent())!.includes(`苍山${HOSTILE}`);
    }
    expect(shown).toBe(true);
    expect(await xss(county)).toBeNull();
    expect(await county.locator('.tt-screen-stage img').count()).toBe(0);
    await shot(county, 'county-1920', false);
    await county.setViewportSize(LAPTOP);
    await expect.poll(() => county.getByTestId('county-screen').getAttribute('data-scale')).not.toBe('1.0000');
    await county.mouse.move(0, 0);
    await shot(county, 'county-1366', false);
  });
});
