// Equipment and molds end to end in a real browser: 银轮's equipment admin picks a plant, opens a mold near
// the end of its design life, records a shot reading (first one that runs backwards, then the right one),
// sees the life bar move, mounts the mold on an injection press and sees its QR label. Then a technician
// opens the label's address on a phone, as a scan would, and sees the same mold. Last, the admin offers
// another mold to 山河包装箱 for keeping, finding the receiver by name instead of a raw id, 山河's admin accepts
// it from the assets page, and 银轮 shares its asset summary with the county, whose roll-up page then lists
// 银轮 with its own figures.
import type { AssetDetailView } from '@tiantai/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { BrowserSuite, HAS_BROWSER } from './browser';

const PLANT = '一号厂区';
// The demo's eighth mold: 90–100 % of its design life used, in 一号厂区's 注塑车间, not on a press.
const MOLD = 'YL-MJ-008';
const PRESS = 'YL-EQ-001';
const SHOTS_ADDED = 5000;
// Browser-side code as text: the e2e suites type-check without the DOM library.
const imageLoaded = (page: Page, selector: string) =>
  page.evaluate<boolean>(
    `(() => { const img = document.querySelector('${selector}'); return Boolean(img && img.complete && img.naturalWidth > 0); })()`,
  );

describe.runIf(HAS_BROWSER).each(ENGINES)('equipment and molds in Chromium on %s', (engine) => {
  const suite = new BrowserSuite(engine, 'as');
  const { shot, signIn } = suite;
  let base: string;
  let admin: Page;
  let moldPath: string;

  /** The asset as the API answers the signed-in user. */
  const assetOf = (page: Page, id: string) =>
    page.evaluate(async (assetId) => (await (await fetch(`/api/assets/${assetId}`)).json()) as AssetDetailView, id);

  const lifeShots = async (page: Page) => Number(await page.getByTestId('mold-life').first().getAttribute('data-shots'));

  beforeAll(async () => {
    await suite.start();
    base = suite.base;
  });
  afterAll(suite.stop);

  it('the enterprise admin finds a mold near its end of life under its plant', async () => {
    admin = await signIn('yinlun');
    expect(await admin.getByTestId('side-menu').innerText()).toContain('设备与模具');
    await expect.poll(() => admin.getByTestId('home-assets-text').innerText()).toMatch(/共 \d+ 台（套），\d+ 套模具接近寿命/);
    await admin.getByTestId('side-menu').getByText('设备与模具', { exact: true }).click();
    await expect.poll(() => admin.getByTestId('plant-tree').isVisible()).toBe(true);
    await expect.poll(() => admin.getByTestId('new-asset').isVisible()).toBe(true);

    await admin.getByTestId('plant-tree').getByText(PLANT, { exact: true }).click();
    await expect.poll(() => new URL(admin.url()).searchParams.has('plantId')).toBe(true);
    const row = admin.locator('.ant-table-row', { hasText: MOLD });
    await expect.poll(() => row.count()).toBe(1);
    // Every row is in the chosen plant, and the near-end mold's bar is red.
    const places = await admin.locator('.ant-table-row td:nth-child(5)').allInnerTexts();
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(place).toContain(PLANT);
    expect(await row.getByTestId('mold-life').getAttribute('data-near')).toBe('true');
    await shot(admin, 'plant-list');

    await row.getByTestId('asset-link').click();
    await expect.poll(() => admin.getByTestId('asset-code').isVisible()).toBe(true);
    expect(await admin.getByTestId('asset-code').innerText()).toBe(MOLD);
    moldPath = new URL(admin.url()).pathname;
    expect(moldPath).toMatch(/^\/assets\/[\w-]+$/);
    expect(await admin.getByTestId('asset-state').getAttribute('data-state')).toBe('in_service');
    expect(await admin.getByTestId('mounted-on-name').innerText()).toBe('未上机');
    await shot(admin, 'mold-detail');
  });

  it('records a shot reading: a backwards one is explained, the right one moves the life bar', async () => {
    const id = moldPath.split('/').pop()!;
    const before = await assetOf(admin, id);
    const meter = before.counters.find((c) => c.counter === 'shots')!;
    expect(await lifeShots(admin)).toBe(before.shots);

    // A reading below the meter's last one: the server answers 409 COUNTER_BACKWARDS and the form says why.
    await admin.getByTestId('reading-value').fill(String(meter.lastReading - 100));
    await admin.getByTestId('reading-submit').click();
    await expect.poll(() => admin.getByTestId('reading-error').isVisible()).toBe(true);
    const explanation = await admin.getByTestId('reading-error').innerText();
    expect(explanation).toContain('读数小于上次读数');
    expect(explanation).toContain('换表清零');
    await admin.getByTestId('reading-error').scrollIntoViewIfNeeded();
    await shot(admin, 'reading-backwards', false);
    expect(await lifeShots(admin)).toBe(before.shots);

    await admin.getByTestId('reading-value').fill(String(meter.lastReading + SHOTS_ADDED));
    await admin.getByTestId('reading-submit').click();
    await expect.poll(() => lifeShots(admin)).toBe((before.shots ?? 0) + SHOTS_ADDED);
    await expect.poll(() => admin.getByTestId('reading-error').count()).toBe(0);
    expect(Number(await admin.getByTestId('counter-shots').getAttribute('data-value'))).toBe(meter.value + SHOTS_ADDED);
    const after = await assetOf(admin, id);
    expect(after.shots).toBe((before.shots ?? 0) + SHOTS_ADDED);
    // Past its design life the page says by how much, in red.
    if (after.remainingShots !== null && after.remainingShots < 0)
      expect(await admin.getByTestId('mold-remaining').innerText()).toContain('已超出设计寿命');
    await shot(admin, 'reading-recorded');
  });

  it('mounts the mold on an injection press and shows its QR label', async () => {
    const press = admin.getByTestId('mount-press');
    await press.click();
    // Only presses are offered: injection, die-casting and stamping presses, no lathes or compressors.
    // Read once the dropdown has settled (it animates in): some options, all of them presses.
    const options = admin.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect
      .poll(async () => {
        const offered = await options.allInnerTexts();
        return offered.length > 0 && offered.every((text) => /注塑机|压铸机|冲压机/.test(text));
      })
      .toBe(true);
    await admin.keyboard.type(PRESS);
    const option = admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: PRESS });
    await option.first().waitFor({ state: 'visible' });
    await option.first().click();
    await admin.getByTestId('mount-submit').click();
    await expect.poll(() => admin.getByTestId('mounted-on-name').innerText()).toContain('注塑机');
    await expect.poll(() => admin.getByTestId('unmount').isVisible()).toBe(true);
    const kinds = await admin.getByTestId('asset-event').evaluateAll((events) => events.map((e) => e.getAttribute('data-kind')));
    expect(kinds[0]).toBe('mounted');
    expect(await admin.getByTestId('mount-card').locator('.ant-table-row').count()).toBeGreaterThan(0);

    // The label is an SVG the server draws; it loaded into the <img>.
    const label = admin.getByTestId('asset-label');
    await label.scrollIntoViewIfNeeded();
    await expect.poll(() => imageLoaded(admin, '[data-testid=asset-label]')).toBe(true);
    const svg = await admin.evaluate(async (src) => (await fetch(src)).text(), (await label.getAttribute('src'))!);
    expect(svg).toContain('<svg');
    expect(svg).toContain(MOLD);
    await shot(admin, 'mounted-with-label');

    // 打印标签 opens the label alone in a window of its own.
    const [popup] = await Promise.all([admin.waitForEvent('popup'), admin.getByTestId('print-label').click()]);
    await expect.poll(() => imageLoaded(popup, 'img')).toBe(true);
    await popup.close();
  });

  it('a technician opens the label’s address on a phone and sees the mold', async () => {
    const phone = await signIn('yinlun.tech', { phone: true, at: moldPath });
    await expect.poll(() => phone.getByTestId('asset-code').isVisible()).toBe(true);
    expect(await phone.getByTestId('asset-code').innerText()).toBe(MOLD);
    expect(await phone.getByTestId('asset-name').innerText()).toContain('模具');
    expect(await phone.getByTestId('asset-state').getAttribute('data-state')).toBe('in_service');
    expect(await phone.getByTestId('mounted-on-name').innerText()).toContain('注塑机');
    // A technician records readings but does not mount, unmount or transfer.
    expect(await phone.getByTestId('reading-form').count()).toBe(1);
    expect(await phone.getByTestId('unmount').count()).toBe(0);
    expect(await phone.getByTestId('transfer').count()).toBe(0);
    // Nothing runs off the side of the phone's screen.
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-top', false);
    await shot(phone, 'phone-full');
  });

  it('the admin offers another mold to 山河包装箱 for keeping, finding it by name; 山河 accepts', async () => {
    const molds = await admin.evaluate(
      async () =>
        (await (await fetch('/api/assets?kind=mold&pageSize=200')).json()) as {
          items: Array<{
            id: string;
            code: string;
            holder: boolean;
            mountedOnAssetId: string | null;
            custodianEnterpriseId: string | null;
          }>;
        },
    );
    const mold = molds.items.find((m) => m.holder && !m.mountedOnAssetId && !m.custodianEnterpriseId && m.code !== MOLD)!;
    await admin.goto(`${base}/assets/${mold.id}`);
    await expect.poll(() => admin.getByTestId('transfer').isVisible()).toBe(true);
    await admin.getByTestId('transfer').click();
    await expect.poll(() => admin.getByTestId('transfer-enterprise').isVisible()).toBe(true);
    await admin.locator('.ant-modal').getByText('保管（交对方保管使用）').click();
    await admin.getByTestId('transfer-enterprise').click();
    await admin.keyboard.type('山河');
    const option = admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '山河' });
    await option.first().waitFor({ state: 'visible' });
    await shot(admin, 'transfer-lookup', false);
    await option.first().click();
    await admin.getByTestId('transfer-confirm').click();
    // An offer: nothing moves until 山河's admin accepts; the asset page shows it waiting, with a withdraw button.
    await expect.poll(() => admin.getByTestId('pending-transfer').isVisible()).toBe(true);
    expect(await admin.getByTestId('pending-transfer').innerText()).toContain('山河');
    expect(await admin.getByTestId('pending-transfer-cancel').count()).toBe(1);
    expect((await assetOf(admin, mold.id)).custodianEnterpriseId).toBeNull();
    await shot(admin, 'transfer-offered');

    const shanhe = await signIn('shanhe', { at: '/assets' });
    const incoming = shanhe.getByTestId('incoming-transfer').filter({ hasText: mold.code });
    await expect.poll(() => incoming.isVisible()).toBe(true);
    await shot(shanhe, 'transfer-incoming', false);
    await incoming.getByTestId('incoming-transfer-accept').click();
    await shanhe.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => (await assetOf(admin, mold.id)).custodianName ?? '').toContain('山河');
    await expect.poll(() => incoming.count()).toBe(0);
    await admin.reload();
    await expect.poll(() => admin.getByTestId('asset-read-only').isVisible()).toBe(true);
    expect(await admin.getByTestId('pending-transfer').count()).toBe(0);
    await shot(admin, 'transferred');
  });

  it('the admin shares the asset summary; the county sees 银轮 with its own figures', async () => {
    await admin.goto(`${base}/assets`);
    await expect.poll(() => admin.getByTestId('asset-sharing').isVisible()).toBe(true);
    expect(await admin.getByTestId('asset-sharing').getAttribute('aria-checked')).toBe('false');
    await admin.getByTestId('asset-sharing').click();
    await expect.poll(() => admin.getByTestId('asset-sharing').getAttribute('aria-checked')).toBe('true');
    const own = await admin.evaluate(async () => (await (await fetch('/api/assets/summary')).json()) as { total: number });

    const county = await signIn('admin', { at: '/maintenance/county' });
    const table = county.getByTestId('county-asset-shared-table');
    await expect.poll(() => table.locator('.ant-table-row').count()).toBe(1);
    const row = await table.locator('.ant-table-row').innerText();
    expect(row).toContain('银轮');
    expect(row).toContain(String(own.total));
    await table.scrollIntoViewIfNeeded();
    await shot(county, 'county-asset-sharing', false);
  });
});
