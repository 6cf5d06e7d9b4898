// Starts and stops the whole platform: database, migrations, demo data, MQTT, HTTP, scheduled backups.
// main.ts calls it for the process; end-to-end tests call it on free ports.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type Database } from './app';
import { StartupError, prepareDataDir, type Config } from './config';
import { scheduledBackupJob } from './db/backup-schedule';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrator';
import { PUBLISHED_DEMO_PASSWORD, applyDemoPassword, loadDemoData } from './demo/load-demo';
import { createMetricsRegistry, databaseObserver, prom } from './http/metrics';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/broker';
import { connectExternalBroker, type ExternalBroker } from './mqtt/external';
import { bootstrapCountyAdmin } from './modules/identity';
import {
  EXTERNAL_SUBSCRIPTIONS,
  MAX_MQTT_PACKET_BYTES,
  embeddedBrokerHooks,
  onExternalMessage,
  startSimulator,
  type MosquittoDynsec,
} from './modules/telemetry';

/** How long a start waits for an external broker before giving up with a one-line error. */
const BROKER_START_TIMEOUT_MS = 10_000;

export class PortInUseError extends StartupError {
  constructor(
    readonly port: number,
    variable: 'PORT' | 'MQTT_PORT',
  ) {
    super(
      variable,
      `port ${port} is already in use. Set ${variable} to a free port (for example ${variable}=${port + 10000}) and start again.`,
    );
  }
}

export interface Platform {
  app: FastifyInstance;
  httpPort: number;
  mqttPort: number | null;
  close(): Promise<void>;
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
}

/** An error in a few words: its message, or its code (a refused connection to several addresses has no message). */
const reason = (error: unknown) => {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return String(error);
};

/**
 * Failing to reach or enter the database (the operator fixes DATABASE_URL or the server), as opposed to a
 * failure inside it: a system error (ECONNREFUSED, ENOTFOUND…) or PostgreSQL's connection (08), authorization
 * (28) and unknown-database (3D000) classes.
 */
function isConnectionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return /^E[A-Z]+$/.test(code) || /^(08|28)/.test(code) || code === '3D000' || error instanceof AggregateError;
}

/** The URL without its password, for messages. */
/**
 * SQLite: a step that needs the write lock while another instance holds it for longer than busy_timeout (its
 * first start loads the demo county in one transaction, 10–20 s on a busy machine) waits for it again, up to
 * this long, instead of failing the start.
 */
const STARTUP_LOCK_WAIT_MS = 120_000;

async function waitingForOtherStarts<T>(step: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + STARTUP_LOCK_WAIT_MS;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
    }
  }
}

const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

export async function startPlatform(config: Config): Promise<Platform> {
  prepareDataDir(config);
  const metrics = createMetricsRegistry();
  const { db, engine, pool, sqlite } = openDatabase<Database>({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSynchronous: config.sqliteSynchronous,
    observer: databaseObserver(metrics),
  });
  let broker: EmbeddedBroker | null = null;
  let external: ExternalBroker | null = null;
  let simulator: { stop(): Promise<void> } | null = null;
  let app: FastifyInstance | null = null;
  // SQLite: who runs on this data folder, so `npm run restore` can refuse to pull the file from under it.
  const pidFile = engine === 'sqlite' ? path.join(config.dataDir, 'tiantai.pid') : null;
  // Devices first (no new messages), then the app (its writer commits what waits), then the database.
  const close = async () => {
    await simulator?.stop();
    await broker?.close();
    await external?.close();
    await app?.close();
    await db.destroy();
    if (pidFile && fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') === String(process.pid)) fs.rmSync(pidFile);
  };

  try {
    try {
      await waitingForOtherStarts(() => migrateToLatest(db));
    } catch (error) {
      if (config.databaseUrl && isConnectionError(error))
        throw new StartupError('DATABASE_URL', `cannot use ${redacted(config.databaseUrl)} (${reason(error)})`);
      throw error;
    }
    if (pidFile) fs.writeFileSync(pidFile, String(process.pid));
    app = await buildApp({
      config,
      db,
      engine,
      mqttMode: config.mqttUrl ? 'external' : 'embedded',
      brokerUp: () => (external ? external.healthy() : (broker?.listening() ?? false)),
      metrics,
      jobs: config.runJobs ? 'all' : 'instance',
      extraJobs: (log) =>
        config.backup
          ? [scheduledBackupJob({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, sqlite, config.backup, log, metrics)]
          : [],
      databaseUrl: config.databaseUrl,
    });
    const log = app.log;
    if (config.demoData) {
      if (await waitingForOtherStarts(() => loadDemoData(db))) log.info('demo data loaded (accounts in README.md)');
      const { demoPassword } = config;
      if (demoPassword) {
        await waitingForOtherStarts(() => applyDemoPassword(db, demoPassword));
        log.info('demo accounts use DEMO_PASSWORD');
      } else {
        log.info(`demo accounts: password ${PUBLISHED_DEMO_PASSWORD}, accepted only from this machine (set DEMO_PASSWORD for others)`);
      }
    } else {
      const admin = await waitingForOtherStarts(() => bootstrapCountyAdmin(db, config.adminPassword));
      if (admin && !config.adminPassword)
        log.warn(
          `first start: sign in as "${admin.username}" with the one-time password "${admin.password}"; you will be asked to choose your own`,
        );
    }

    const telemetry = app.telemetry;
    let dynsec: MosquittoDynsec | null = null;
    if (config.mqttUrl) {
      // The platform's own connection to an external broker (Mosquitto, EMQX): a shared subscription to the
      // devices' topics, acknowledged after commit; with MQTT_DYNSEC, device credentials are kept on the broker.
      const brokerLink = connectExternalBroker({
        url: config.mqttUrl,
        clientId: config.mqttClientId,
        subscriptions: EXTERNAL_SUBSCRIPTIONS,
        onMessage: (topic, payload) => onExternalMessage(telemetry.ingest, topic, payload),
        onConnected: () => {
          dynsec?.syncAll(db).then(
            (n) => log.info({ devices: n }, 'device credentials declared on the broker (dynamic security)'),
            (error: unknown) => log.error({ err: error }, 'dynamic-security sync failed'),
          );
        },
        log,
      });
      external = brokerLink;
      if (config.mqttDynsec) dynsec = telemetry.useDynsec(brokerLink);
      try {
        await brokerLink.firstConnection(BROKER_START_TIMEOUT_MS);
      } catch (error) {
        throw new StartupError('MQTT_URL', `cannot reach ${redacted(config.mqttUrl)} (${reason(error)})`);
      }
    } else {
      try {
        broker = await startEmbeddedBroker({
          port: config.mqttPort,
          host: config.host,
          maxPacketBytes: MAX_MQTT_PACKET_BYTES,
          hooks: embeddedBrokerHooks(telemetry.ingest),
          log,
        });
      } catch (error) {
        throw isAddressInUse(error) ? new PortInUseError(config.mqttPort, 'MQTT_PORT') : error;
      }
    }
    registerPlatformMetrics(metrics, { pool, broker: () => broker, external: () => external });

    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      throw isAddressInUse(error) ? new PortInUseError(config.port, 'PORT') : error;
    }
    const address = app.server.address();
    const httpPort = typeof address === 'object' && address ? address.port : config.port;
    if (config.simulate) {
      const brokerUrl = config.mqttUrl ?? `mqtt://127.0.0.1:${broker?.port ?? config.mqttPort}`;
      simulator = await startSimulator({ db, brokerUrl, external: Boolean(config.mqttUrl), log });
    }
    return { app, httpPort, mqttPort: broker?.port ?? null, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** The gauges that live here, beside what they measure: the connection pool and the MQTT side. */
function registerPlatformMetrics(
  registry: ReturnType<typeof createMetricsRegistry>,
  parts: { pool: ReturnType<typeof openDatabase>['pool']; broker: () => EmbeddedBroker | null; external: () => ExternalBroker | null },
): void {
  const { pool } = parts;
  if (pool) {
    new prom.Gauge({
      name: 'tiantai_db_pool_connections',
      help: 'PostgreSQL pool connections by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  new prom.Gauge({
    name: 'tiantai_mqtt_connections',
    help: 'MQTT clients connected to the embedded broker',
    registers: [registry],
    collect() {
      this.set(parts.broker()?.connections() ?? 0);
    },
  });
  new prom.Gauge({
    name: 'tiantai_mqtt_broker_up',
    help: '1 when the embedded broker listens or the external broker answers',
    registers: [registry],
    collect() {
      const external = parts.external();
      this.set((external ? external.healthy() : (parts.broker()?.listening() ?? false)) ? 1 : 0);
    },
  });
}
