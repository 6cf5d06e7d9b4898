// The browser flows the API lane takes once its own suites are done, so that both lanes end together
// (see vitest.config.ts).
import './platform.e2e';
import './registry.e2e';
import './projects.e2e';
