import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_COUNTY_TIME_ZONE, isTimeZone } from '@tiantai/shared';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/** What Fastify's trustProxy takes from us: off, how many proxies in front, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (family === 4 && net.isIPv4(prefix)) return true; // a netmask, 255.255.255.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: false (or 0, no) trusts no X-Forwarded-For; a hop count trusts that many proxies in front,
 * taking the client from the entry the outermost one appended, so anything a client writes to the left of
 * it is ignored; true (or yes) means one hop. Or a comma list of the proxies' addresses or CIDR ranges.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    const lower = value.toLowerCase();
    if (['false', 'no', '0'].includes(lower)) return false;
    if (['true', 'yes'].includes(lower)) return 1;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 32) return hops;
    } else {
      const entries = value
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '');
      const bad = entries.filter((e) => !isProxyAddress(e));
      if (entries.length > 0 && bad.length === 0) return entries;
    }
    ctx.addIssue({
      code: 'custom',
      message: 'must be false, true (one proxy), a proxy count up to 32, or a comma list of proxy addresses or CIDR ranges',
    });
    return z.NEVER;
  });

const configSchema = z.object({
  PORT: port.default(3000),
  /** Unset: every address, except with demo data (loopback only, so the published password stays on this machine). */
  HOST: z.string().min(1).optional(),
  MQTT_PORT: port.default(1883),
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  /** The platform's client id on an external broker; stable, so its persistent session survives a restart. */
  MQTT_CLIENT_ID: z.string().min(1).max(64).optional(),
  /** The external broker is Mosquitto with the dynamic-security plugin and MQTT_URL's user is its admin. */
  MQTT_DYNSEC: booleanFlag.default(false),
  /**
   * Devices a gateway may create behind it (v1/gateway/connect and telemetry naming a new device). A workshop
   * gateway serves a few dozen presses; 500 leaves room for a whole plant on one gateway.
   */
  MAX_GATEWAY_CHILDREN: z.coerce.number().int().min(1).max(100_000).default(500),
  /**
   * Metrics (series) one device may create. A PLC publishes a few dozen tags, an injection-moulding machine
   * over Euromap 63/77 up to ~200 process values; 300 fits those with room, and stops a device inventing keys.
   */
  MAX_DEVICE_SERIES: z.coerce.number().int().min(1).max(100_000).default(300),
  /** Run the demo machines' simulator (default: with demo data). */
  SIMULATE: booleanFlag.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset for the embedded SQLite file')
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  DEMO_DATA: booleanFlag.default(true),
  /** The password of every demo account (set at each start); unset, the published one, usable only from this machine. */
  DEMO_PASSWORD: z.string().min(8).max(200).optional(),
  /** Bearer token that GET /metrics requires; unset, /metrics is off. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  /** A folder for scheduled backups; unset, none are made (npm run backup still works). */
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 365)
    .default(24),
  /** false: a web-only instance (no SLA clock, PM generation, rollups, retention or backups; another instance runs them). */
  RUN_JOBS: booleanFlag.default(true),
  /** SQLite only: full syncs the WAL on every commit (survives a power cut); normal only on checkpoints. */
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  /** pretty: human-readable lines (default on a terminal); json: one JSON object a line (default otherwise). */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Set behind HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: booleanFlag.default(false),
  /** Behind a reverse proxy: which X-Forwarded-For entries to believe (see trustProxy above). */
  TRUST_PROXY: trustProxy.default(false),
  WEB_DIST: z.string().optional(),
  /** Password of the first county admin when DEMO_DATA=false and no user exists yet. */
  ADMIN_PASSWORD: z.string().min(8).max(200).optional(),
  /** The county's IANA time zone: every time shown and every day, month or year counted is on its clock. */
  COUNTY_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai')
    .default(DEFAULT_COUNTY_TIME_ZONE),
});

/**
 * Config.trustProxy as Fastify's trustProxy option. A hop count becomes a function of the hop: Fastify takes a
 * bare number as "trust nothing" (it cannot check the peer), and `true` would believe every entry, the
 * left-most of which the client writes. Counting hops assumes every request comes through the proxies:
 * bind HOST or firewall the port so no client reaches Tiantai directly.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return trust === 0 ? false : (_address, hop) => hop < trust;
}

export interface Config {
  port: number;
  host: string;
  /** HOST was set by the operator (not the default). */
  hostExplicit: boolean;
  mqttPort: number;
  mqttUrl: string | undefined;
  mqttClientId: string;
  mqttDynsec: boolean;
  /** Caps on what devices create: children per gateway, series per device (refusals over them are counted). */
  telemetryLimits: { maxGatewayChildren: number; maxDeviceSeries: number };
  simulate: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  demoPassword: string | undefined;
  metricsToken: string | undefined;
  backup: { dir: string; keep: number; intervalHours: number } | null;
  sqliteSynchronous: 'full' | 'normal';
  runJobs: boolean;
  /** DATA_DIR was set by the operator: it must exist (a typo must not start a new, empty county elsewhere). */
  dataDirExplicit: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  logFormat: 'pretty' | 'json';
  sessionDays: number;
  cookieSecure: boolean;
  /** false, a proxy hop count, or the proxies' addresses: never `true`, which would believe a forged X-Forwarded-For. */
  trustProxy: TrustProxy;
  /** The built web app; served when present. */
  webDist: string;
  adminPassword: string | undefined;
  /** COUNTY_TIME_ZONE: days, months and years are counted, and times shown, on this zone's clock. */
  countyTimeZone: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A start that cannot go on for a reason the operator fixes: one line naming the variable, no stack trace. */
export class StartupError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/**
 * DATA_DIR must be a writable folder. The default ./data is created on first start; a folder the operator
 * named must exist already, so a typo does not start a new, empty county somewhere else.
 */
export function prepareDataDir(config: Pick<Config, 'dataDir' | 'dataDirExplicit'>): void {
  const dir = config.dataDir;
  if (!fs.existsSync(dir)) {
    if (config.dataDirExplicit)
      throw new StartupError('DATA_DIR', `${dir} does not exist; create it (writable by this user) or fix the path`);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new StartupError('DATA_DIR', `cannot create ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw new StartupError('DATA_DIR', `${dir} is not a folder`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch {
    throw new StartupError('DATA_DIR', `${dir} is not writable by this user`);
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
  const dataDir = path.resolve(c.DATA_DIR ?? './data');
  return {
    port: c.PORT,
    host: c.HOST ?? (c.DEMO_DATA ? '127.0.0.1' : '0.0.0.0'),
    hostExplicit: c.HOST !== undefined,
    mqttPort: c.MQTT_PORT,
    mqttUrl: c.MQTT_URL,
    mqttClientId: c.MQTT_CLIENT_ID ?? `tiantai-${os.hostname()}-${c.PORT}`.slice(0, 64),
    mqttDynsec: c.MQTT_DYNSEC,
    telemetryLimits: { maxGatewayChildren: c.MAX_GATEWAY_CHILDREN, maxDeviceSeries: c.MAX_DEVICE_SERIES },
    simulate: c.SIMULATE ?? c.DEMO_DATA,
    databaseUrl: c.DATABASE_URL,
    dataDir,
    demoData: c.DEMO_DATA,
    demoPassword: c.DEMO_PASSWORD,
    metricsToken: c.METRICS_TOKEN,
    backup: c.BACKUP_DIR ? { dir: path.resolve(c.BACKUP_DIR), keep: c.BACKUP_KEEP, intervalHours: c.BACKUP_INTERVAL_HOURS } : null,
    sqliteSynchronous: c.SQLITE_SYNCHRONOUS,
    runJobs: c.RUN_JOBS,
    dataDirExplicit: c.DATA_DIR !== undefined,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    sessionDays: c.SESSION_DAYS,
    cookieSecure: c.COOKIE_SECURE,
    trustProxy: c.TRUST_PROXY,
    adminPassword: c.ADMIN_PASSWORD,
    countyTimeZone: c.COUNTY_TIME_ZONE,
    webDist: path.resolve(c.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
  };
}
