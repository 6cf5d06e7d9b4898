// An enterprise's devices and gateways: provisioning, binding to a machine, access tokens (kept in step with an
// external broker), and what their data says on the device page (latest values, series, utilisation).
import type {
  Actor,
  DeviceCredentialsView,
  DeviceDetailView,
  DeviceListQuery,
  DeviceUpdateBody,
  DeviceView,
  MachineState,
  SeriesQuery,
  SeriesResolution,
  SeriesView,
  UtilisationView,
  deviceBody,
} from '@tiantai/shared';
import { isLive, metricInfo, metricsOfType, type MetricDefinition } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import { findKeptAsset, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import { newDeviceRow } from './device-row';
import { newAccessToken, type IngestService } from './ingest';
import { liveState, type MachineMonitor } from './monitor';
import { rawPoints, rollupPoints } from './points.repository';
import { enterpriseOf, requireAdmin } from './telemetry.access';
import * as repo from './telemetry.repository';
import type { DevicesTable, TelemetryTables } from './telemetry.tables';

type DeviceInput = z.output<typeof deviceBody>;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MAX_POINTS = 10_000;
const MAX_DEVICES = 2000;

/** What a device's keys mean: its type's metrics from the catalogue, then any other key it has sent. */
export function metricsOf(deviceType: string, sent: readonly string[]): MetricDefinition[] {
  const typed = metricsOfType(deviceType);
  const others = [...new Set(sent)].filter((key) => !typed.some((d) => d.key === key)).sort();
  return [...typed, ...others.map((key) => metricInfo(deviceType, key))];
}

/** Keeps an external broker's credentials in step (Mosquitto's dynamic security); does nothing with the embedded broker. */
export interface BrokerSync {
  upsert(token: string, kind: DevicesTable['kind'], oldToken?: string): void;
  remove(token: string): void;
}

/** raw up to 6 h, minutes up to 7 days, hours beyond. */
export function resolutionFor(from: number, to: number): SeriesResolution {
  const span = to - from;
  if (span <= 6 * HOUR) return 'raw';
  if (span <= 7 * DAY) return '1m';
  return '1h';
}

/** Seconds per state inside [from, to]; time not covered by any period counts as offline. */
export function utilisationOf(
  periods: ReadonlyArray<{ state: MachineState; started_at: number; ended_at: number | null }>,
  from: number,
  to: number,
  now: number,
): UtilisationView {
  const ms: Record<MachineState, number> = { running: 0, idle: 0, down: 0, offline: 0 };
  let covered = 0;
  for (const p of periods) {
    const start = Math.max(p.started_at, from);
    const end = Math.min(p.ended_at ?? Math.min(now, to), to);
    if (end <= start) continue;
    ms[p.state] += end - start;
    covered += end - start;
  }
  const total = Math.max(0, Math.min(to, now) - from);
  ms.offline += Math.max(0, total - covered);
  const seconds = { running: ms.running / 1000, idle: ms.idle / 1000, down: ms.down / 1000, offline: ms.offline / 1000 };
  return {
    from,
    to,
    seconds,
    utilisation: total > 0 ? ms.running / total : 0,
    poweredOnRate: total > 0 ? (ms.running + ms.idle) / total : 0,
  };
}

export class TelemetryService {
  private readonly db: Kysely<TelemetryTables>;
  private readonly ingest: IngestService;
  private readonly monitor: MachineMonitor;
  private readonly brokerSync: BrokerSync;

  constructor(deps: { db: Kysely<TelemetryTables>; ingest: IngestService; monitor: MachineMonitor; brokerSync: BrokerSync }) {
    this.db = deps.db;
    this.ingest = deps.ingest;
    this.monitor = deps.monitor;
    this.brokerSync = deps.brokerSync;
  }

  private view(row: repo.DeviceRow, now = Date.now()): DeviceView {
    const online = isLive(row.device_type, row.last_seen_at, now);
    return {
      id: row.id,
      enterpriseId: row.enterprise_id,
      name: row.name,
      kind: row.kind,
      deviceType: row.device_type,
      gatewayId: row.gateway_id,
      assetId: row.asset_id,
      assetName: row.asset_name,
      assetCode: row.asset_code,
      online,
      connected: row.connected === 1,
      lastSeenAt: row.last_seen_at,
      state: online ? liveState(row.state) : 'offline',
      stateSince: row.since === null ? null : new Date(Number(row.since)).toISOString(),
      counts: {
        messages: Number(row.messages),
        points: Number(row.points),
        rejectedMalformed: Number(row.rejected_malformed),
        rejectedRate: Number(row.rejected_rate),
        rejectedSize: Number(row.rejected_size),
        rejectedTopic: Number(row.rejected_topic),
        rejectedLimit: Number(row.rejected_limit),
        rejectedClientId: Number(row.rejected_client_id),
      },
      createdAt: row.created_at,
    };
  }

  private async visible(actor: Actor, id: string): Promise<repo.DeviceRow> {
    const row = await repo.findDevice(this.db, enterpriseOf(actor), id);
    if (!row) throw notFound('Device');
    return row;
  }

  async list(actor: Actor, query: DeviceListQuery): Promise<DeviceView[]> {
    const rows = await repo.listDevices(this.db, enterpriseOf(actor), query, MAX_DEVICES);
    const views = rows.map((r) => this.view(r));
    return query.state ? views.filter((v) => v.state === query.state) : views;
  }

  async detail(actor: Actor, id: string): Promise<DeviceDetailView> {
    const row = await this.visible(actor, id);
    const [latest, openAlarms] = await Promise.all([repo.latestValues(this.db, id), repo.openAlarmCount(this.db, id)]);
    return {
      ...this.view(row),
      latest: latest.map((l) => ({ key: l.key, ts: Number(l.last_ts), value: l.last_value })),
      openAlarms,
      metrics: metricsOf(
        row.device_type,
        latest.map((l) => l.key),
      ),
    };
  }

  private async checkAsset(enterpriseId: string, assetId: string | null | undefined): Promise<void> {
    if (assetId && !(await findKeptAsset(withTablesOf<AssetTables>(this.db), enterpriseId, assetId))) throw notFound('Asset');
  }

  private credentials(row: Pick<DevicesTable, 'id' | 'kind' | 'access_token'>): DeviceCredentialsView {
    if (!row.access_token)
      throw new AppError(409, 'CONFLICT', 'A device behind a gateway has no token of its own; it sends through its gateway');
    return {
      accessToken: row.access_token,
      mqttTopic: row.kind === 'gateway' ? 'v1/gateway/telemetry' : 'v1/devices/me/telemetry',
      httpPath: `/api/v1/${row.access_token}/telemetry`,
    };
  }

  async create(actor: Actor, body: DeviceInput): Promise<{ device: DeviceDetailView; credentials: DeviceCredentialsView }> {
    const enterpriseId = requireAdmin(actor);
    await this.checkAsset(enterpriseId, body.assetId);
    const row = newDeviceRow({
      enterprise_id: enterpriseId,
      asset_id: body.assetId ?? null,
      name: body.name,
      kind: body.kind,
      device_type: body.deviceType,
      access_token: newAccessToken(),
    });
    const id = row.id;
    await this.db.transaction().execute(async (trx) => {
      await repo.insertDevice(trx, row);
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'device',
        entityId: id,
        organisationId: enterpriseId,
        after: { name: body.name, kind: body.kind, deviceType: body.deviceType, assetId: row.asset_id },
      });
    });
    this.brokerSync.upsert(row.access_token ?? '', row.kind);
    return { device: await this.detail(actor, id), credentials: this.credentials(row) };
  }

  async update(actor: Actor, id: string, body: DeviceUpdateBody): Promise<DeviceDetailView> {
    const enterpriseId = requireAdmin(actor);
    const before = await this.visible(actor, id);
    await this.checkAsset(enterpriseId, body.assetId);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateDevice(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.deviceType !== undefined && { device_type: body.deviceType }),
        ...(body.assetId !== undefined && { asset_id: body.assetId }),
        updated_at: new Date().toISOString(),
      });
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'device',
        entityId: id,
        organisationId: enterpriseId,
        before: { name: before.name, deviceType: before.device_type, assetId: before.asset_id },
        after: body,
      });
    });
    this.ingest.forget(id);
    this.monitor.forget(id);
    return this.detail(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const enterpriseId = requireAdmin(actor);
    const before = await this.visible(actor, id);
    // Let the evaluation of points already committed finish, so it does not write state for a deleted device.
    this.ingest.forget(id);
    await this.monitor.idle();
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteDevice(trx, id);
      await recordAudit(trx, actor, {
        action: 'delete',
        entity: 'device',
        entityId: id,
        organisationId: enterpriseId,
        before: { name: before.name, kind: before.kind },
      });
    });
    if (before.access_token) this.brokerSync.remove(before.access_token);
    this.ingest.forget(id);
    this.monitor.forget(id);
  }

  async getCredentials(actor: Actor, id: string): Promise<DeviceCredentialsView> {
    requireAdmin(actor);
    return this.credentials(await this.visible(actor, id));
  }

  async rotateToken(actor: Actor, id: string): Promise<DeviceCredentialsView> {
    const enterpriseId = requireAdmin(actor);
    const before = await this.visible(actor, id);
    if (!before.access_token) return this.credentials(before);
    const token = newAccessToken();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateDevice(trx, id, { access_token: token, updated_at: new Date().toISOString() });
      await recordAudit(trx, actor, { action: 'rotate_token', entity: 'device', entityId: id, organisationId: enterpriseId });
    });
    this.ingest.forget(id);
    this.brokerSync.upsert(token, before.kind, before.access_token);
    return this.credentials({ ...before, access_token: token });
  }

  async series(actor: Actor, id: string, query: SeriesQuery): Promise<SeriesView> {
    await this.visible(actor, id);
    if (query.to <= query.from) throw new AppError(400, 'VALIDATION_FAILED', 'to: must be after from');
    const resolution = query.resolution ?? resolutionFor(query.from, query.to);
    const seriesId = await repo.findSeriesId(this.db, id, query.key);
    if (seriesId === undefined) return { key: query.key, resolution, points: [] };
    if (resolution === 'raw') {
      const rows = await rawPoints(this.db, seriesId, query.from, query.to, MAX_POINTS);
      return {
        key: query.key,
        resolution,
        points: rows.map((r) => ({ ts: Number(r.ts), value: r.value, min: r.value, max: r.value, count: 1 })),
      };
    }
    const [table, bucketMs] = resolution === '1m' ? (['telemetry_rollup_1m', 60_000] as const) : (['telemetry_rollup_1h', HOUR] as const);
    // From the bucket holding `from`.
    const rows = await rollupPoints(this.db, table, seriesId, query.from - bucketMs, query.to, MAX_POINTS);
    return {
      key: query.key,
      resolution,
      points: rows.map((r) => ({ ts: Number(r.bucket), value: r.sum / r.count, min: r.min, max: r.max, count: Number(r.count) })),
    };
  }

  async utilisation(actor: Actor, id: string, from: number, to: number): Promise<UtilisationView> {
    const device = await this.visible(actor, id);
    if (to <= from) throw new AppError(400, 'VALIDATION_FAILED', 'to: must be after from');
    const periods = await repo.statePeriods(this.db, id, from, to);
    // Time before the device existed is no offline time of its machine: the range starts with the device.
    const since = Math.min(Math.max(from, Date.parse(device.created_at)), to);
    return utilisationOf(
      periods.map((p) => ({ state: p.state, started_at: Number(p.started_at), ended_at: p.ended_at === null ? null : Number(p.ended_at) })),
      since,
      to,
      Date.now(),
    );
  }

  ingestStats(actor: Actor) {
    requirePermission(actor, 'telemetry.health', 'Only the county admin sees ingest health');
    return this.ingest.stats();
  }
}
