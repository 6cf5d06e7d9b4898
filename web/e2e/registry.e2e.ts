// The county admin, in a real browser against the real server: logs in, creates an enterprise with a
// valid credit code, finds it in the list, and switches the interface to English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { startTestPlatform, type TestPlatform } from '../../server/test/platform';
import { HAS_BROWSER, WEB_DIST, launchBrowser, screenshot } from './browser';

describe.runIf(HAS_BROWSER).each(ENGINES)('enterprise register in Chromium on %s', (engine) => {
  let server: TestPlatform;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startTestPlatform(engine, { WEB_DIST });
    base = server.base;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each role its own home, dated on the county’s clock in a browser on UTC', async () => {
    const countyToday = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })
      .format(new Date())
      .replace(/\s/g, '');
    const homes = [
      ['admin', 'county'],
      ['leader', 'county'],
      ['officer', 'office'],
      ['zhujian', 'department'],
      ['yinlun', 'enterprise'],
      ['yinlun.tech', 'technician'],
    ] as const;
    // One tab on a shared office computer: each person signs in, sees their own home, and signs out.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' });
    try {
      const home = await context.newPage();
      await home.goto(`${base}/`);
      for (const [username, kind] of homes) {
        await home.locator('#username').fill(username);
        await home.locator('#password').fill('Tiantai@2026');
        await home.getByTestId('login-submit').click();
        await expect.poll(() => home.getByTestId(`home-${kind}`).isVisible()).toBe(true);
        expect(await home.getByTestId('home-today').innerText()).toContain(countyToday);
        await screenshot(home, engine, `${engine}-00-home-${username}-utc.png`);
        await home.getByTestId('user-menu').click();
        await home.getByTestId('logout').click();
        await home.locator('#username').waitFor({ state: 'visible' });
      }
    } finally {
      await context.close();
    }
  });

  it('logs in as the county admin', async () => {
    await page.goto(`${base}/`);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('Tiantai@2026');
    await screenshot(page, engine, `${engine}-01-login.png`);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('side-menu').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('经信局 管理员').first().isVisible()).toBe(true);
    await screenshot(page, engine, `${engine}-02-home.png`);
  });

  it('creates an enterprise with a valid credit code and finds it in the list', async () => {
    await page.getByTestId('side-menu').getByText('企业', { exact: true }).click();
    await expect.poll(() => page.getByTestId('new-enterprise').isVisible()).toBe(true);
    await page.getByTestId('new-enterprise').click();

    await page.locator('#enterprise_name').fill('天台智造精密模具有限公司');
    await page.locator('#enterprise_creditCode').fill('91350100M000100Y43');
    await expect.poll(() => page.getByTestId('credit-code-valid').isVisible()).toBe(true);
    await screenshot(page, engine, `${engine}-03-enterprise-form.png`);
    await page.getByTestId('enterprise-submit').click();
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);

    await page.getByTestId('enterprise-search').fill('智造精密');
    await page.getByTestId('enterprise-search').press('Enter');
    const row = page.locator('tr', { hasText: '天台智造精密模具有限公司' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('91350100M000100Y43');
    await screenshot(page, engine, `${engine}-04-enterprise-found.png`);

    // The browser's view is the server's: the record is there through the API too.
    const api = await page.evaluate(async () => {
      const res = await fetch('/api/enterprises?q=%E6%99%BA%E9%80%A0%E7%B2%BE%E5%AF%86');
      return (await res.json()) as { items: Array<{ creditCode: string; creditCodeValid: boolean }> };
    });
    expect(api.items).toHaveLength(1);
    expect(api.items[0]).toMatchObject({ creditCode: '91350100M000100Y43', creditCodeValid: true });
  });

  it('switches the interface to English and keeps it after a reload', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('side-menu').getByText('Enterprises', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, engine, `${engine}-05-english.png`);
    await page.reload();
    await expect.poll(() => page.getByTestId('side-menu').getByText('Enterprises', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByTestId('side-menu').getByText('企业', { exact: true }).count()).toBe(0);
  });
});
