import { defineConfig } from 'vitest/config';

// One run covers every suite: API suites loop over SQLite and PostgreSQL, e2e drives real Chromium.
// Two cores: the API and process suites run two at a time first; then the browser suites one at a time, each
// with its own platform and Chromium, which two at a time starved each other (dialogs missed their 10 s).
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
        test: {
          ...shared,
          name: 'browser',
          include: ['web/e2e/**/*.test.ts'],
          setupFiles: ['web/e2e/setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
