// axe-core's WCAG 2.1 A/AA rules, run in Chromium on every page state the browser suites photograph (the
// pages people look at). Critical and serious findings fail the run unless listed in axe-known.json, which may
// only shrink: today it holds only the API docs page, which is Swagger UI's own (third-party) markup. Each run
// writes the whole report, every impact, to test-results/e2e/axe-<suite file>.json.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const BLOCKING = ['critical', 'serious'];

export interface AxeFinding {
  /** The screenshot's name without the engine, e.g. `sr-03-office-detail`. */
  page: string;
  rule: string;
  impact: string;
  nodes: number;
  help: string;
  /** A few of the offending elements' selectors. */
  targets: string[];
  /** color-contrast: each element's text and background colours, their ratio and the element. */
  colours?: string[];
}

export const axeFindings: AxeFinding[] = [];
export const auditedPages = new Set<string>();

/** Runs axe on the page as it is now (page.evaluate runs outside the page's CSP). */
export async function audit(page: Page, name: string): Promise<void> {
  const found = await page.evaluate(
    `(async () => {
      if (!window.axe) { ${AXE_SOURCE}; }
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => String(n.target)),
        colours: v.id === 'color-contrast' ? v.nodes.map((n) => { const d = n.any[0]?.data ?? {}; return d.fgColor + ' on ' + d.bgColor + ' ' + d.contrastRatio + ' ' + String(n.target).slice(-60); }) : undefined }));
    })()`,
  );
  auditedPages.add(name);
  for (const v of found as Omit<AxeFinding, 'page'>[]) axeFindings.push({ page: name, ...v });
}

/** `page:rule` of every blocking finding the audit started from (web/e2e/axe-known.json). */
export const KNOWN: ReadonlySet<string> = new Set(
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'axe-known.json'), 'utf8')) as string[],
);

export const keyOf = (f: Pick<AxeFinding, 'page' | 'rule'>) => `${f.page}:${f.rule}`;
