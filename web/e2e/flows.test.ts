// Every browser flow, in one file on purpose: vitest then runs them one after another in one worker (two
// Chromium-driven suites at once starved each other on two cores) while the other worker runs the API suites
// beside them, instead of the browser suites waiting until every API suite is done. One flow alone:
// `npx vitest run --project browser -t '<its describe name>'`, e.g. -t 'machine data'.
import './platform.e2e';
import './registry.e2e';
import './service-requests.e2e';
import './assets.e2e';
import './maintenance.e2e';
import './inspection.e2e';
import './telemetry.e2e';
import './screens.e2e';
import './projects.e2e';
