// Real Chromium (Debian's /usr/bin/chromium) through playwright-core; no browser download.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DbEngine } from '../../server/src/db/connection';
import { PUBLISHED_DEMO_PASSWORD } from '../../server/src/demo/load-demo';
import { startTestPlatform, type TestPlatform } from '../../server/test/platform';
import { audit } from './axe';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/e2e');
const required = process.env.CI === 'true' || process.env.TIANTAI_REQUIRE_BROWSER === '1';

export const HAS_BROWSER = fs.existsSync(CHROMIUM);
if (!HAS_BROWSER) {
  if (required) throw new Error(`Chromium is required here but ${CHROMIUM} is missing (apt-get install chromium)`);
  console.warn(`${CHROMIUM} missing: browser suites skipped (apt-get install chromium)`);
}

export const WEB_DIST = path.resolve(import.meta.dirname, '../dist');
if (HAS_BROWSER && !fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
  throw new Error('web/dist is missing: `npm test` builds it first; alone, run `npm run build`');
}

/**
 * Screenshots are for people to look at, and the pages are the same on both engines: they are taken on SQLite
 * only (E2E_SHOTS=all takes them on PostgreSQL too). Each full-page shot costs a busy machine about half a second.
 * Every page photographed is also audited for accessibility (web/e2e/axe.ts).
 */
export async function screenshot(page: Page, engine: DbEngine, file: string, fullPage = true): Promise<void> {
  if (engine !== 'sqlite' && process.env.E2E_SHOTS !== 'all') return;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage });
  if (engine === 'sqlite') await audit(page, file.replace(/^sqlite-/, '').replace(/\.png$/, ''));
}

/** Content-Security-Policy violations Chromium reported on any page of the suite; web/e2e/setup.ts fails on any. */
export const cspViolations: string[] = [];

function watchPage(page: Page): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(`${page.url()}: ${message.text()}`);
  });
}

export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // Every page of every context is watched for CSP violations, and asks for reduced motion (as a reader may):
  // dialogs, drop-downs and charts show their final state at once, so no step waits out an animation.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext({ reducedMotion: 'reduce', ...options });
    context.on('page', watchPage);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage({ reducedMotion: 'reduce', ...options });
    watchPage(page);
    return page;
  };
  return browser;
}

/**
 * What became of the page's API writes (method, path, status or failure, milliseconds), for a failure message
 * that tells a request never sent from one the server never answered.
 */
export function apiWrites(page: Page): () => string {
  const log: string[] = [];
  const started = new Map<object, number>();
  const path = (url: string) => new URL(url).pathname;
  page.on('request', (request) => {
    if (request.method() === 'GET' || !request.url().includes('/api/')) return;
    started.set(request, Date.now());
    log.push(`${request.method()} ${path(request.url())} sent`);
  });
  page.on('requestfinished', async (request) => {
    if (!started.has(request)) return;
    const response = await request.response().catch(() => null);
    log.push(`${request.method()} ${path(request.url())} ${response?.status() ?? '?'} after ${Date.now() - started.get(request)!} ms`);
  });
  page.on('requestfailed', (request) => {
    if (started.has(request)) log.push(`${request.method()} ${path(request.url())} failed: ${request.failure()?.errorText}`);
  });
  return () => log.slice(-6).join('; ') || 'no API write sent';
}

type Viewport = { width: number; height: number };
export const DESKTOP: Viewport = { width: 1440, height: 900 };
export const PHONE: Viewport = { width: 390, height: 844 };

/**
 * One platform and one browser for a suite: each person signs in in a context of their own (desktop or
 * phone), and screenshots are numbered in the order they are taken (`<engine>-<prefix>-NN-<name>.png`).
 */
export class BrowserSuite {
  server!: TestPlatform;
  private browser!: Browser;
  private readonly contexts: BrowserContext[] = [];
  private step = 0;

  constructor(
    private readonly engine: DbEngine,
    private readonly prefix: string,
  ) {}

  get base(): string {
    return this.server.base;
  }

  start = async (): Promise<void> => {
    this.server = await startTestPlatform(this.engine, { WEB_DIST });
    this.browser = await launchBrowser();
  };

  stop = async (): Promise<void> => {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser?.close();
    await this.server?.close();
  };

  /**
   * Signs `username` in through the login form at `at` (any address shows the form; after login the same
   * address opens, so going straight to a page costs one load of the app, not two). In a browser on UTC: every
   * time the pages show must still be the county's (COUNTY_TIME_ZONE). `phone`: a phone's viewport and touch.
   */
  signIn = async (
    username: string,
    { viewport = DESKTOP, phone = false, at = '/' }: { viewport?: Viewport; phone?: boolean; at?: string } = {},
  ): Promise<Page> => {
    const context = await this.browser.newContext({
      viewport: phone ? PHONE : viewport,
      isMobile: phone,
      hasTouch: phone,
      locale: 'zh-CN',
      timezoneId: 'UTC',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${this.base}${at}`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PUBLISHED_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    if (at === '/') await expect.poll(() => page.getByTestId('welcome').isVisible()).toBe(true);
    else await expect.poll(() => page.locator('#username').count()).toBe(0);
    return page;
  };

  /** Full-page shots start from the top: the sticky header would otherwise land mid-picture. */
  shot = async (page: Page, name: string, fullPage = true): Promise<void> => {
    if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
    const file = `${this.engine}-${this.prefix}-${String(++this.step).padStart(2, '0')}-${name}.png`;
    await screenshot(page, this.engine, file, fullPage);
  };
}
