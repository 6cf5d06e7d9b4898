// Starts and stops the whole platform: database, migrations, demo data, MQTT, HTTP. main.ts calls it for
// the process; end-to-end tests call it on free ports.
import type { FastifyInstance } from 'fastify';
import mqtt, { type MqttClient } from 'mqtt';
import { buildApp, type Database } from './app';
import type { Config } from './config';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrator';
import { loadDemoData } from './demo/load-demo';
import { CONNACK_BAD_CREDENTIALS, CONNACK_NOT_AUTHORIZED, startEmbeddedBroker, type EmbeddedBroker } from './mqtt/broker';
import { bootstrapCountyAdmin } from './modules/identity';

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
  let mqttClient: MqttClient | null = null;
  let app: FastifyInstance | null = null;
  const close = async () => {
    await app?.close();
    await broker?.close();
    await mqttClient?.endAsync();
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

    if (config.mqttUrl) {
      // The platform's own client on an external broker (Mosquitto, EMQX); ingest subscribes through it.
      mqttClient = mqtt.connect(config.mqttUrl, { clientId: `tiantai-${process.pid}-${Date.now()}`, reconnectPeriod: 2000 });
      mqttClient.on('connect', () => log.info({ url: config.mqttUrl }, 'connected to external MQTT broker'));
      mqttClient.on('error', (error) => log.warn({ err: error }, 'external MQTT broker error'));
    } else {
      // No device credentials exist yet: an empty username is refused with 4, any token with 5, as ThingsBoard does.
      const authenticate = async (username: string | undefined) => (username ? CONNACK_NOT_AUTHORIZED : CONNACK_BAD_CREDENTIALS);
      try {
        broker = await startEmbeddedBroker({ port: config.mqttPort, host: config.host, authenticate, log });
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
    return { app, httpPort, mqttPort: broker?.port ?? null, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
