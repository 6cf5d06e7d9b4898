import { z } from 'zod';
import { metricDefinitionView } from './metric-catalogue';

// Machine data: devices and gateways with access tokens (the ThingsBoard device contract), series of
// points, machine state, alarm rules and alarms.
export const DEVICE_KINDS = ['device', 'gateway'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** running / idle / down from the `state` metric or the counters; offline when silent. */
export const MACHINE_STATES = ['running', 'idle', 'down', 'offline'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

/** Values of the `state` metric, as PLC programs usually encode them. */
export const STATE_METRIC_CODES: Record<number, MachineState> = { 0: 'idle', 1: 'running', 2: 'idle', 3: 'down' };

export const ALARM_CONDITIONS = ['above', 'below', 'no_data'] as const;
export type AlarmCondition = (typeof ALARM_CONDITIONS)[number];
export const ALARM_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
export const ALARM_STATUSES = ['raised', 'cleared'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

export const SERIES_RESOLUTIONS = ['raw', '1m', '1h'] as const;
export type SeriesResolution = (typeof SERIES_RESOLUTIONS)[number];

const name = z.string().trim().min(1).max(200);
const id = z.string().min(1).max(64);
const deviceType = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _');
const metric = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . and -');

/**
 * How often a device of a type is expected to report, in seconds. A machine is online while its data is recent
 * (within three intervals, and never less than a minute), whatever its connection does: `mosquitto_pub`, many
 * cellular modules and every HTTP device connect, publish and go. Other types report every minute.
 */
export const REPORT_INTERVAL_S: Readonly<Record<string, number>> = {
  machine: 20,
  press: 10,
  injection_molding: 10,
  die_casting: 10,
  cnc: 10,
  sensor: 60,
  energy_meter: 300,
  environment: 300,
};
const DEFAULT_REPORT_INTERVAL_S = 60;

/** Silent for this long, a device of this type is offline. */
export const offlineAfterMs = (deviceType: string | null): number =>
  Math.max(60, 3 * (REPORT_INTERVAL_S[deviceType ?? 'machine'] ?? DEFAULT_REPORT_INTERVAL_S)) * 1000;

/** A device is live while its last data is recent for its type; the connection alone does not count. */
export const isLive = (deviceType: string | null, lastSeenAt: string | number | null, now: number): boolean => {
  if (lastSeenAt === null) return false;
  const seen = typeof lastSeenAt === 'number' ? lastSeenAt : Date.parse(lastSeenAt);
  return seen > now - offlineAfterMs(deviceType);
};

export const deviceBody = z.object({
  name,
  kind: z.enum(DEVICE_KINDS).default('device'),
  deviceType: deviceType.default('machine'),
  assetId: id.nullable().optional(),
});
export type DeviceBody = z.input<typeof deviceBody>;
export const deviceUpdateBody = z.object({ name: name.optional(), deviceType: deviceType.optional(), assetId: id.nullable().optional() });
export type DeviceUpdateBody = z.infer<typeof deviceUpdateBody>;

export const latestValueView = z.object({ key: z.string(), ts: z.number(), value: z.number() });
export type LatestValueView = z.infer<typeof latestValueView>;

export const deviceView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  kind: z.enum(DEVICE_KINDS),
  deviceType: z.string(),
  gatewayId: z.string().nullable(),
  assetId: z.string().nullable(),
  assetName: z.string().nullable(),
  assetCode: z.string().nullable(),
  online: z.boolean(),
  connected: z.boolean(),
  lastSeenAt: z.string().nullable(),
  state: z.enum(MACHINE_STATES),
  stateSince: z.string().nullable(),
  counts: z.object({
    messages: z.number(),
    points: z.number(),
    rejectedMalformed: z.number(),
    rejectedRate: z.number(),
    rejectedSize: z.number(),
    rejectedTopic: z.number(),
    /** New gateway children or new series over the caps (MAX_GATEWAY_CHILDREN, MAX_DEVICE_SERIES). */
    rejectedLimit: z.number(),
    /** MQTT CONNECTs with a client id another device's connection holds. */
    rejectedClientId: z.number(),
  }),
  createdAt: z.string(),
});
export type DeviceView = z.infer<typeof deviceView>;

export const deviceDetailView = deviceView.extend({
  latest: z.array(latestValueView),
  openAlarms: z.number(),
  /** What each key means (metric-catalogue.ts): the device type's metrics, then any other key it has sent. */
  metrics: z.array(metricDefinitionView),
});
export type DeviceDetailView = z.infer<typeof deviceDetailView>;

/** Shown to the enterprise admin only; how firmware and gateways connect. */
export const deviceCredentialsView = z.object({
  accessToken: z.string(),
  mqttTopic: z.string(),
  httpPath: z.string(),
});
export type DeviceCredentialsView = z.infer<typeof deviceCredentialsView>;

export const deviceListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  state: z.enum(MACHINE_STATES).optional(),
  assetId: id.optional(),
});
export type DeviceListQuery = z.infer<typeof deviceListQuery>;

export const seriesQuery = z.object({
  key: metric,
  from: z.coerce.number().int().min(0),
  to: z.coerce.number().int().min(0),
  /** Chosen by range when absent: raw up to 6 h, minutes up to 7 days, hours beyond. */
  resolution: z.enum(SERIES_RESOLUTIONS).optional(),
});
export type SeriesQuery = z.infer<typeof seriesQuery>;
export const seriesView = z.object({
  key: z.string(),
  resolution: z.enum(SERIES_RESOLUTIONS),
  points: z.array(z.object({ ts: z.number(), value: z.number(), min: z.number(), max: z.number(), count: z.number() })),
});
export type SeriesView = z.infer<typeof seriesView>;

export const utilisationQuery = z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) });
export const utilisationView = z.object({
  from: z.number(),
  to: z.number(),
  seconds: z.object({ running: z.number(), idle: z.number(), down: z.number(), offline: z.number() }),
  /** running ÷ the whole range. */
  utilisation: z.number(),
  /** 开机率: (running + idle) ÷ the whole range. */
  poweredOnRate: z.number(),
});
export type UtilisationView = z.infer<typeof utilisationView>;

export const alarmRuleBody = z
  .object({
    name,
    deviceType: deviceType.nullable().optional(),
    metric: metric.nullable().optional(),
    condition: z.enum(ALARM_CONDITIONS),
    threshold: z.number().finite().nullable().optional(),
    /** Hysteresis: an `above` alarm clears only below this (default: the threshold). */
    clearThreshold: z.number().finite().nullable().optional(),
    /** The condition must hold this long; for no_data, the silence that raises it. */
    durationSeconds: z.number().int().min(0).max(86_400).default(0),
    severity: z.enum(ALARM_SEVERITIES).default('major'),
    openWorkOrder: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.condition === 'no_data') {
      if (rule.durationSeconds < 30) ctx.addIssue({ code: 'custom', path: ['durationSeconds'], message: 'no_data needs at least 30 s' });
      return;
    }
    if (!rule.metric) ctx.addIssue({ code: 'custom', path: ['metric'], message: 'required for above/below' });
    if (rule.threshold === null || rule.threshold === undefined)
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'required for above/below' });
    else if (rule.clearThreshold !== null && rule.clearThreshold !== undefined) {
      const wrongSide = rule.condition === 'above' ? rule.clearThreshold > rule.threshold : rule.clearThreshold < rule.threshold;
      if (wrongSide) ctx.addIssue({ code: 'custom', path: ['clearThreshold'], message: 'must be on the safe side of the threshold' });
    }
  });
export type AlarmRuleBody = z.input<typeof alarmRuleBody>;
export const alarmRuleView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  deviceType: z.string().nullable(),
  metric: z.string().nullable(),
  condition: z.enum(ALARM_CONDITIONS),
  threshold: z.number().nullable(),
  clearThreshold: z.number().nullable(),
  durationSeconds: z.number(),
  severity: z.enum(ALARM_SEVERITIES),
  openWorkOrder: z.boolean(),
  active: z.boolean(),
});
export type AlarmRuleView = z.infer<typeof alarmRuleView>;

export const alarmView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  deviceType: z.string(),
  /** The rule's metric (null for no_data) and its unit for this device's type (metric-catalogue.ts). */
  metric: z.string().nullable(),
  unit: z.string().nullable(),
  assetId: z.string().nullable(),
  severity: z.enum(ALARM_SEVERITIES),
  status: z.enum(ALARM_STATUSES),
  message: z.string(),
  value: z.number().nullable(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  workOrderId: z.string().nullable(),
});
export type AlarmView = z.infer<typeof alarmView>;
export const alarmListQuery = z.object({
  status: z.enum(ALARM_STATUSES).optional(),
  deviceId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlarmListQuery = z.infer<typeof alarmListQuery>;

/** Ingest health for the county admin: what was refused before any device could be named. */
export const ingestStatsView = z.object({
  unknownToken: z.number(),
  malformed: z.number(),
  oversize: z.number(),
  rateLimited: z.number(),
  forbiddenTopic: z.number(),
  acceptedMessages: z.number(),
  acceptedPoints: z.number(),
  pendingPoints: z.number(),
  commitLatencyMs: z.object({ p50: z.number(), p99: z.number(), samples: z.number() }),
});
export type IngestStatsView = z.infer<typeof ingestStatsView>;
