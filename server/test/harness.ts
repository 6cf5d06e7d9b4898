// Builds the real app on a fresh database (migrated, demo county loaded) and drives it with app.inject():
// no open port, no mocks.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps, type Database } from '../src/app';
import { openDatabase, type DbEngine } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';
import { createMetricsRegistry, databaseObserver } from '../src/http/metrics';
import { PUBLISHED_DEMO_PASSWORD, loadDemoData } from '../src/demo/load-demo';
import { createDemoDatabase } from './demo-template';
import { createTestDatabase } from './engines';
import type { Kysely } from 'kysely';

export interface TestApp {
  app: FastifyInstance;
  db: Kysely<Database>;
  engine: DbEngine;
  close(): Promise<void>;
}

export async function createTestApp(
  engine: DbEngine,
  options: { demo?: boolean; demoAt?: Date; config?: Partial<AppDeps['config']>; rateLimits?: AppDeps['rateLimits'] } = {},
): Promise<TestApp> {
  // The demo county as this run loaded it (a copy), or loaded afresh on the day a suite names.
  const copy = options.demo !== false && !options.demoAt;
  const testDb = copy ? await createDemoDatabase(engine) : await createTestDatabase(engine);
  // As platform.ts wires it: the database's statement times go to the app's metrics.
  const metrics = createMetricsRegistry();
  const { db } = openDatabase<Database>({ ...testDb.location, observer: databaseObserver(metrics) });
  await migrateToLatest(db);
  if (options.demo !== false && !copy) await loadDemoData(db, options.demoAt);
  const app = await buildApp({
    config: {
      sessionDays: 1,
      cookieSecure: false,
      trustProxy: false,
      webDist: '/nonexistent',
      logLevel: 'silent',
      logFormat: 'json',
      metricsToken: undefined,
      ...options.config,
    },
    db,
    engine,
    mqttMode: 'embedded',
    metrics,
    rateLimits: options.rateLimits,
    // No broker in app.inject() suites; the broker half of /api/health is tested on a running platform.
    brokerUp: () => true,
  });
  await app.ready();
  return {
    app,
    db,
    engine,
    close: async () => {
      await app.close();
      await db.destroy();
      await testDb.drop();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A signed-in user: keeps the session cookie and echoes the CSRF token like the web app does. */
export class Client {
  private cookie = '';
  csrfToken = '';
  userId = '';
  username = '';
  organisationId = '';

  constructor(private readonly app: FastifyInstance) {}

  async login(username: string, password = PUBLISHED_DEMO_PASSWORD): Promise<this> {
    const res = await this.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    this.username = username;
    this.cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const body = res.json<{ csrfToken: string; user: { id: string; organisationId: string } }>();
    this.csrfToken = body.csrfToken;
    this.userId = body.user.id;
    this.organisationId = body.user.organisationId;
    return this;
  }

  request(method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...headers },
      ...(payload === undefined
        ? {}
        : typeof payload === 'string' || Buffer.isBuffer(payload)
          ? { payload }
          : { payload: payload as object }),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, payload?: unknown) {
    return this.request('POST', url, payload);
  }
  patch(url: string, payload?: unknown) {
    return this.request('PATCH', url, payload);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

export const login = (app: FastifyInstance, username: string, password?: string) => new Client(app).login(username, password);

/** The error code of a JSON error answer. */
export const errorCode = (res: LightMyRequestResponse) => res.json<{ error: { code: string } }>().error.code;
