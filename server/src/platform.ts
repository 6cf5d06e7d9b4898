// Starts and stops the whole platform: database, migrations, demo data, MQTT, HTTP. main.ts calls it for
// the process; end-to-end tests call it on free ports.
import type { FastifyInstance } from 'fastify';
import { buildApp, type Database } from './app';
import type { Config } from './config';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrator';
import { loadDemoData } from './demo/load-demo';
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

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: 'PORT' | 'MQTT_PORT',
  ) {
    super(`Port ${port} is already in use. Set ${variable} to a free port (for example ${variable}=${port + 10000}) and start again.`);
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

export async function startPlatform(config: Config): Promise<Platform> {
  const { db, engine } = openDatabase<Database>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let broker: EmbeddedBroker | null = null;
  let external: ExternalBroker | null = null;
  let simulator: { stop(): Promise<void> } | null = null;
  let app: FastifyInstance | null = null;
  // Devices first (no new messages), then the app (its writer commits what waits), then the database.
  const close = async () => {
    await simulator?.stop();
    await broker?.close();
    await external?.close();
    await app?.close();
    await db.destroy();
  };

  try {
    await migrateToLatest(db);
    app = await buildApp({
      config,
      db,
      engine,
      mqttMode: config.mqttUrl ? 'external' : 'embedded',
      runJobs: true,
      databaseUrl: config.databaseUrl,
    });
    const log = app.log;
    if (config.demoData) {
      if (await loadDemoData(db)) log.info('demo data loaded (accounts in README.md, password Tiantai@2026)');
    } else {
      const admin = await bootstrapCountyAdmin(db, config.adminPassword);
      if (admin && !config.adminPassword)
        log.warn(`first start without demo data: log in as "${admin.username}" with password "${admin.password}" and change it`);
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
    } else {
      try {
        broker = await startEmbeddedBroker({
          port: config.mqttPort,
          host: config.host,
          maxPacketBytes: MAX_MQTT_PACKET_BYTES,
          hooks: embeddedBrokerHooks(telemetry.ingest, telemetry.monitor),
          log,
        });
      } catch (error) {
        throw isAddressInUse(error) ? new PortInUseError(config.mqttPort, 'MQTT_PORT') : error;
      }
    }

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
