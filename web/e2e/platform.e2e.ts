// A production start in Chromium: the first county admin signs in with the one-time password and must choose
// a new one before the app opens; the security headers' CSP blocks an injected script (and the suites'
// watcher sees it) while the API docs page works under it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { startTestPlatform, type TestPlatform } from '../../server/test/platform';
import { DESKTOP, HAS_BROWSER, WEB_DIST, cspViolations, launchBrowser, screenshot } from './browser';

const FIRST_PASSWORD = 'One-Time-Admin-1';

describe.runIf(HAS_BROWSER).each(ENGINES)('a production start in Chromium on %s', (engine) => {
  let server: TestPlatform;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => screenshot(page, engine, `${engine}-platform-${name}.png`);

  beforeAll(async () => {
    server = await startTestPlatform(engine, { WEB_DIST, DEMO_DATA: 'false', ADMIN_PASSWORD: FIRST_PASSWORD });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('makes the first admin choose a new password before the app opens', async () => {
    await page.goto(`${server.base}/`);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(FIRST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByText('请设置新密码').isVisible()).toBe(true);
    expect(await page.getByTestId('side-menu').count()).toBe(0);

    await page.locator('#change-password_currentPassword').fill(FIRST_PASSWORD);
    await page.locator('#change-password_newPassword').fill(FIRST_PASSWORD);
    await page.locator('#change-password_confirmPassword').fill(FIRST_PASSWORD);
    await page.getByTestId('required-password-submit').click();
    await expect.poll(() => page.locator('.ant-alert-error').textContent()).toContain('不能与当前密码相同');
    await shot('01-choose-password');

    await page.locator('#change-password_newPassword').fill('County-Chosen-2026');
    await page.locator('#change-password_confirmPassword').fill('County-Chosen-2026');
    await page.getByTestId('required-password-submit').click();
    await expect.poll(() => page.getByTestId('side-menu').isVisible()).toBe(true);
    await shot('02-app-open');
  });

  it('blocks an injected inline script, and the watcher reports it', async () => {
    const before = cspViolations.length;
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.appendChild(script);
    }`);
    await expect.poll(() => cspViolations.length).toBeGreaterThan(before);
    expect(cspViolations.slice(before).every((v) => v.includes('Executing inline script violates'))).toBe(true);
    expect(await page.evaluate('window.__injected')).toBeUndefined();
    cspViolations.splice(before); // seen and expected: the suite's own check must not fail on it
  });

  it('lets browsers keep the hashed build files and revalidate the page', async () => {
    const index = await fetch(`${server.base}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/static\/[^"]+\.js)"/.exec(await index.text())![1]!;
    expect((await fetch(`${server.base}${script}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.base}/projects/some-deep-link`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('shows the API docs under the same policy', async () => {
    await page.goto(`${server.base}/api/docs/`);
    await expect.poll(() => page.locator('.swagger-ui .info .title').isVisible()).toBe(true);
    await shot('03-api-docs');
  });
});
