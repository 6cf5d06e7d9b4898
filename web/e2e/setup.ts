// Runs beside every browser suite: the security headers' CSP must not block anything the pages do, and no page
// photographed may have a critical or serious accessibility finding beyond the known ones (web/e2e/axe.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { BLOCKING, KNOWN, auditedPages, axeFindings, keyOf } from './axe';
import { SCREENSHOT_DIR, cspViolations } from './browser';

afterAll(() => {
  expect(cspViolations).toEqual([]);

  const suite = path.basename(expect.getState().testPath ?? 'browser').replace(/\.test\.ts$/, '');
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `axe-${suite}.json`), JSON.stringify(axeFindings, null, 2));
  const blocking = axeFindings.filter((f) => BLOCKING.includes(f.impact));
  const unknown = blocking
    .filter((f) => !KNOWN.has(keyOf(f)))
    .map((f) => `${keyOf(f)} (${f.impact}, ${f.nodes}×: ${f.help}; ${f.targets.join(' | ')})`);
  expect(unknown, 'new critical or serious accessibility findings').toEqual([]);
  // A known finding that is gone must leave the list, so that it cannot come back unnoticed.
  const found = new Set(blocking.map(keyOf));
  const fixed = [...KNOWN].filter((key) => auditedPages.has(key.slice(0, key.lastIndexOf(':'))) && !found.has(key));
  expect(fixed, 'fixed findings still listed in web/e2e/axe-known.json').toEqual([]);
});
