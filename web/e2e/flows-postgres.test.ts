// The browser flows on PostgreSQL (see flows.ts). Without a reachable PostgreSQL (and outside CI, which
// requires one) there is nothing to walk: the file says so as one skipped test.
import { describe, it } from 'vitest';
import { walkFlowsOn } from './lane';

if (walkFlowsOn('postgres').length > 0) await import('./flows');
else describe.skip('browser flows on postgres', () => it('needs TEST_DATABASE_URL', () => undefined));
