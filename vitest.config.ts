import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// One run covers every suite: API suites loop over SQLite and PostgreSQL, web component tests render in jsdom,
// e2e drives real Chromium.
// Two cores, two lanes. Two Chromium-driven suites at once starve each other, so the browser flows run one after
// another: most of them in web/e2e/flows.test.ts, started first in one lane, while the other lane takes the
// long process suites, then the last few flows (web/e2e/flows-late.test.ts), then the short API and component
// suites, which both lanes share at the end, so they end at about the same time (longest first: a fresh clone
// has no timings for vitest to sort by, and would start the long ones last).
const LONG_FIRST = [
  'server/src/release.test.ts',
  'server/src/modules/telemetry/ingest.process.test.ts',
  'server/src/platform.test.ts',
  'server/src/db/backup.test.ts',
  'server/src/demo/history.test.ts',
];
class BrowserLaneFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      if (f.moduleId.endsWith('flows-late.test.ts')) return LONG_FIRST.length;
      if (f.project.name === 'browser') return -1;
      const long = LONG_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return long === -1 ? LONG_FIRST.length + 1 : long;
    };
    return sorted
      .map((f, i) => ({ f, i, r: rank(f) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map(({ f }) => f);
  }
}
const shared = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Pages are waited for with expect.poll; its 1 s default is too short for a browser under load.
  expect: { poll: { timeout: 10_000 } },
  pool: 'forks' as const,
  // The demo county loaded once per run and copied into each suite's database (server/test/demo-template.ts).
  globalSetup: ['server/test/global-setup.ts'],
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    sequence: { sequencer: BrowserLaneFirst },
    projects: [
      {
        test: {
          ...shared,
          name: 'api',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Components and hooks of the web in jsdom: no server, no database (so none of the shared global setup).
        resolve: { alias: { '@': decodeURIComponent(new URL('./web/src', import.meta.url).pathname) } },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Times shown as the county reads them, whatever the machine's zone.
          env: { TZ: 'Asia/Shanghai' },
          setupFiles: ['web/src/test/setup.ts'],
          pool: 'forks',
          // One module graph per worker: antd loads once, not once per file (halves the run); setup.ts cleans
          // the page, storage and stubs after each test, and no app module keeps state of its own.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'browser',
          include: ['web/e2e/flows.test.ts', 'web/e2e/flows-late.test.ts'],
          setupFiles: ['web/e2e/setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
    ],
  },
});
