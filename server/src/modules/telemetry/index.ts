// telemetry: devices and gateways with access tokens, ingest over MQTT (embedded or external broker) and
// HTTP, group-committed storage with rollups and retention, machine state, counters that feed the assets,
// and alarm rules.
import type { DeviceKind } from '@tiantai/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DbEngine } from '../../db/connection';
import type { Job } from '../../lib/job';
import type { ExternalBroker } from '../../mqtt/external';
import { AlarmService } from './alarms.service';
import { MosquittoDynsec } from './dynsec';
import { DEFAULT_INGEST_OPTIONS, IngestService, type IngestOptions } from './ingest';
import { MachineMonitor, type MonitorHooks } from './monitor';
import { dialectOf } from './dialect';
import { DEFAULT_RETENTION, applyRetention, ensurePartitions, rollupHour, type Retention } from './points.repository';
import { TelemetryService } from './telemetry.service';
import type { TelemetryTables } from './telemetry.tables';

export type { TelemetryTables } from './telemetry.tables';
export { telemetryRoutes } from './telemetry.routes';
export { registerTelemetryMetrics } from './telemetry.metrics';
export { EXTERNAL_SUBSCRIPTIONS, embeddedBrokerHooks, onExternalMessage } from './device-topics';
export { MAX_MQTT_PACKET_BYTES } from './payload';
export { startSimulator } from './simulator';
export { TelemetryService, IngestService, MachineMonitor, MosquittoDynsec };

const HOUR = 3600_000;

export interface Telemetry {
  service: TelemetryService;
  alarms: AlarmService;
  ingest: IngestService;
  monitor: MachineMonitor;
  /** After an external broker is connected: keep its credentials in step with the devices. */
  useDynsec(broker: ExternalBroker): MosquittoDynsec;
  /** Its periodic jobs, for server/src/jobs.ts: counters, state sweep and partitions on every instance; rollups, retention where jobs run. */
  jobs: Job[];
  close(): Promise<void>;
}

export function createTelemetry(options: {
  db: Kysely<TelemetryTables>;
  engine: DbEngine;
  log: FastifyBaseLogger;
  hooks: MonitorHooks;
  ingest?: Partial<IngestOptions>;
  retention?: Retention;
}): Telemetry {
  const { db, log } = options;
  const dialect = dialectOf(options.engine);
  const monitor = new MachineMonitor({ db, hooks: options.hooks, log });
  const ingest = new IngestService({
    db,
    dialect,
    log,
    options: { ...DEFAULT_INGEST_OPTIONS, ...options.ingest },
    onCommitted: (points) => monitor.onCommitted(points),
  });
  let dynsec: MosquittoDynsec | undefined;
  const brokerSync = {
    upsert: (token: string, kind: DeviceKind, oldToken?: string) => dynsec?.upsert(token, kind, oldToken),
    remove: (token: string) => dynsec?.remove(token),
  };
  const service = new TelemetryService({ db, ingest, monitor, brokerSync });
  const alarms = new AlarmService({ db, monitor });
  const retention = options.retention ?? DEFAULT_RETENTION;
  const rollups = async () => {
    const now = Date.now();
    const hour = now - (now % HOUR);
    await rollupHour(db, dialect, hour - HOUR);
    await rollupHour(db, dialect, hour);
  };
  return {
    service,
    alarms,
    ingest,
    monitor,
    useDynsec: (broker) => {
      dynsec = new MosquittoDynsec(broker);
      return dynsec;
    },
    jobs: [
      { name: 'telemetry latest values and counts', everyMs: 2_000, kind: 'instance', run: () => ingest.flushCounts() },
      { name: 'machine state sweep', everyMs: 10_000, kind: 'instance', run: () => monitor.tick() },
      // Today's and the next two days' partitions must exist wherever points are written (PostgreSQL).
      ...(dialect.partitioned
        ? [
            {
              name: 'telemetry partitions',
              everyMs: 10 * 60_000,
              kind: 'instance' as const,
              atStart: true,
              run: () => ensurePartitions(db, Date.now()),
            },
          ]
        : []),
      { name: 'telemetry hourly rollups', everyMs: 10 * 60_000, kind: 'county', atStart: true, run: rollups },
      { name: 'telemetry retention', everyMs: 24 * HOUR, kind: 'county', run: () => applyRetention(db, dialect, retention, Date.now()) },
    ],
    close: async () => {
      await ingest.close();
      await monitor.idle();
    },
  };
}
/** For the big screens: machine states, open alarms and utilisation from live data. */
export { TelemetryMachineSource } from './machine-source';
/** For the benchmark's and tests' own fleets: a device row as provisioning writes it. */
export { newDeviceRow } from './device-row';
