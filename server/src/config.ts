import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MQTT_PORT: port.default(1883),
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  /** The platform's client id on an external broker; stable, so its persistent session survives a restart. */
  MQTT_CLIENT_ID: z.string().min(1).max(64).optional(),
  /** The external broker is Mosquitto with the dynamic-security plugin and MQTT_URL's user is its admin. */
  MQTT_DYNSEC: booleanFlag.default(false),
  /** Run the demo machines' simulator (default: with demo data). */
  SIMULATE: booleanFlag.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset for the embedded SQLite file')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_DATA: booleanFlag.default(true),
  /** pretty: human-readable lines (default on a terminal); json: one JSON object a line (default otherwise). */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Set behind HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: booleanFlag.default(false),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (else it could be forged). */
  TRUST_PROXY: booleanFlag.default(false),
  WEB_DIST: z.string().optional(),
  /** Password of the first county admin when DEMO_DATA=false and no user exists yet. */
  ADMIN_PASSWORD: z.string().min(8).max(200).optional(),
});

export interface Config {
  port: number;
  host: string;
  mqttPort: number;
  mqttUrl: string | undefined;
  mqttClientId: string;
  mqttDynsec: boolean;
  simulate: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  logFormat: 'pretty' | 'json';
  sessionDays: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  /** The built web app; served when present. */
  webDist: string;
  adminPassword: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once, naming every bad variable at the same time. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(blankless);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    mqttPort: c.MQTT_PORT,
    mqttUrl: c.MQTT_URL,
    mqttClientId: c.MQTT_CLIENT_ID ?? `tiantai-${os.hostname()}-${c.PORT}`.slice(0, 64),
    mqttDynsec: c.MQTT_DYNSEC,
    simulate: c.SIMULATE ?? c.DEMO_DATA,
    databaseUrl: c.DATABASE_URL,
    dataDir,
    demoData: c.DEMO_DATA,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    sessionDays: c.SESSION_DAYS,
    cookieSecure: c.COOKIE_SECURE,
    trustProxy: c.TRUST_PROXY,
    adminPassword: c.ADMIN_PASSWORD,
    webDist: path.resolve(c.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
  };
}
