import { defineConfig } from 'vitest/config';

// One run covers every suite: API suites loop over SQLite and PostgreSQL, e2e drives real Chromium.
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    // Browser suites wait for the page with expect.poll; its 1 s default is too short when two suites share
    // two cores (a dialog closing under load took longer and failed a run).
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers only contend for them (and for PostgreSQL).
    maxWorkers: 2,
  },
});
