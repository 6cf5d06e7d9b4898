// Real Chromium (Debian's /usr/bin/chromium) through playwright-core; no browser download.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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

export function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
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
}
