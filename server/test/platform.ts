// The whole platform on free ports over a fresh database, for suites that talk to it as clients do.
import { loadConfig, type Config } from '../src/config';
import type { DbEngine } from '../src/db/connection';
import { startPlatform, type Platform } from '../src/platform';
import { createDemoDatabase } from './demo-template';
import { createTestDatabase, type TestDatabase } from './engines';

/** Configuration for a test database: free ports, quiet logs, no web app unless one is given. */
export function testConfig(db: TestDatabase, vars: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    // The demo machines' simulator stays off unless a suite asks for it: tests publish what they assert on.
    SIMULATE: 'false',
    DATA_DIR: db.location.dataDir,
    ...(db.location.databaseUrl ? { DATABASE_URL: db.location.databaseUrl } : {}),
    ...vars,
  });
}

export interface TestPlatform {
  platform: Platform;
  db: TestDatabase;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Stops the platform (if still running) and drops the database. */
  close(): Promise<void>;
}

/** A platform on a fresh database, or on `shared` (a second instance: closing it leaves the database to its owner). */
export async function startTestPlatform(engine: DbEngine, vars: Record<string, string> = {}, shared?: TestDatabase): Promise<TestPlatform> {
  // With the demo (the platform's default), a copy of this run's demo county: the platform finds it loaded.
  const db = shared ?? (vars.DEMO_DATA === 'false' ? await createTestDatabase(engine) : await createDemoDatabase(engine));
  const platform = await startPlatform(testConfig(db, vars));
  let closed = false;
  return {
    platform,
    db,
    base: `http://127.0.0.1:${platform.httpPort}`,
    close: async () => {
      if (!closed) await platform.close();
      closed = true;
      if (!shared) await db.drop();
    },
  };
}
