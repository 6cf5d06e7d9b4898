// The browser flows on SQLite (see flows.ts); flows-postgres.test.ts walks the same flows on PostgreSQL.
import { walkFlowsOn } from './lane';

walkFlowsOn('sqlite');
await import('./flows');
