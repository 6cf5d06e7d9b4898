// Which engine a browser file walks the flows on: web/e2e/flows-sqlite.test.ts and flows-postgres.test.ts each
// pick one before importing the flows, so the two run in two workers beside the API suites.
import type { DbEngine } from '../../server/src/db/connection';
import { ENGINES } from '../../server/test/engines';

let chosen: DbEngine[] = ENGINES;

export function walkFlowsOn(engine: DbEngine): DbEngine[] {
  chosen = ENGINES.filter((e) => e === engine);
  return chosen;
}

/** The engines of this file's lane (every reachable one when a flow file is run on its own). */
export const flowEngines = (): DbEngine[] => chosen;
