// Most browser flows, in one file on purpose: vitest runs them one after another in one worker (two
// Chromium-driven suites at once starved each other on two cores) while the other worker runs the API suites
// beside them and then flows-late.test.ts (see vitest.config.ts). One flow alone:
// `npx vitest run --project browser -t '<its describe name>'`, e.g. -t 'machine data'.
import './service-requests.e2e';
import './assets.e2e';
import './maintenance.e2e';
import './inspection.e2e';
import './telemetry.e2e';
import './screens.e2e';
