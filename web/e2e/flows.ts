// Every browser flow, imported by one file per engine (flows-sqlite.test.ts, flows-postgres.test.ts): vitest
// walks each file's flows one after another in one worker, while the other workers run the API suites.
// One flow alone: `npx vitest run --project browser -t '<its describe name>'`, e.g. -t 'machine data'.
import './platform.e2e';
import './registry.e2e';
import './service-requests.e2e';
import './assets.e2e';
import './maintenance.e2e';
import './inspection.e2e';
import './telemetry.e2e';
import './screens.e2e';
import './projects.e2e';
