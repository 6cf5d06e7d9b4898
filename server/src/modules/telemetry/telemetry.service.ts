import { randomUUID } from 'node:crypto';
import type {
  Actor,
  AlarmListQuery,
  AlarmRuleView,
  AlarmView,
  DeviceCredentialsView,
  DeviceDetailView,
  DeviceListQuery,
  DeviceUpdateBody,
  DeviceView,
  MachineState,
  Paged,
  SeriesQuery,
  SeriesResolution,
  SeriesView,
  UtilisationView,
  alarmRuleBody,
  deviceBody,
} from '@tiantai/shared';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { paginate } from '../../db/paginate';
import { enterpriseScope } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import { findKeptAsset, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import { newDeviceRow } from './device-row';
import { newAccessToken, type IngestService } from './ingest';
import { OFFLINE_AFTER_MS, type MachineMonitor } from './monitor';
import type { AlarmRulesTable, AlarmsTable, DevicesTable, TelemetryTables } from './telemetry.tables';

type DeviceInput = z.output<typeof deviceBody>;
type RuleInput = z.output<typeof alarmRuleBody>;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MAX_POINTS = 10_000;

const { enterpriseOf, requireAdmin } = enterpriseScope('Machine data belongs to enterprises');

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

/** The enterprise's own alarm rule, or 404: another enterprise's rule is not there. */
async function ownRule(db: Kysely<TelemetryTables>, id: string, enterpriseId: string): Promise<Selectable<AlarmRulesTable>> {
  const rule = await db
    .selectFrom('alarm_rules')
    .selectAll()
    .where('id', '=', id)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  if (!rule) throw notFound('Alarm rule');
  return rule;
}

function alarmView(r: Selectable<AlarmsTable> & { rule_name: string; device_name: string }): AlarmView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    deviceId: r.device_id,
    deviceName: r.device_name,
    assetId: r.asset_id,
    severity: r.severity,
    status: r.status,
    message: r.message,
    value: r.value,
    raisedAt: r.raised_at,
    clearedAt: r.cleared_at,
    acknowledgedAt: r.acknowledged_at,
    workOrderId: r.work_order_id,
  };
}

type DeviceRow = Selectable<DevicesTable> & {
  asset_name: string | null;
  asset_code: string | null;
  state: MachineState | null;
  since: number | null;
};

export class TelemetryService {
  constructor(
    private readonly db: Kysely<TelemetryTables>,
    private readonly ingest: IngestService,
    private readonly monitor: MachineMonitor,
    /** Keeps an external broker's credentials in step (Mosquitto's dynamic security); absent when embedded. */
    private readonly brokerSync?: {
      upsert(token: string, kind: DevicesTable['kind'], oldToken?: string): void;
      remove(token: string): void;
    },
  ) {}

  private devices() {
    return this.db
      .selectFrom('devices')
      .leftJoin('assets', 'assets.id', 'devices.asset_id')
      .leftJoin('machine_states', 'machine_states.device_id', 'devices.id')
      .selectAll('devices')
      .select(['assets.name as asset_name', 'assets.code as asset_code', 'machine_states.state', 'machine_states.since']);
  }

  private view(row: DeviceRow, now = Date.now()): DeviceView {
    const lastSeen = row.last_seen_at ? Date.parse(row.last_seen_at) : 0;
    const online = row.connected === 1 || lastSeen > now - OFFLINE_AFTER_MS;
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
      state: online ? (row.state ?? 'idle') : 'offline',
      stateSince: row.since === null ? null : new Date(Number(row.since)).toISOString(),
      counts: {
        messages: Number(row.messages),
        points: Number(row.points),
        rejectedMalformed: Number(row.rejected_malformed),
        rejectedRate: Number(row.rejected_rate),
        rejectedSize: Number(row.rejected_size),
        rejectedTopic: Number(row.rejected_topic),
      },
      createdAt: row.created_at,
    };
  }

  private async visible(actor: Actor, id: string): Promise<DeviceRow> {
    const row = await this.devices()
      .where('devices.id', '=', id)
      .where('devices.enterprise_id', '=', enterpriseOf(actor))
      .executeTakeFirst();
    if (!row) throw notFound('Device');
    return row;
  }

  async list(actor: Actor, query: DeviceListQuery): Promise<DeviceView[]> {
    let q = this.devices().where('devices.enterprise_id', '=', enterpriseOf(actor));
    if (query.assetId) q = q.where('devices.asset_id', '=', query.assetId);
    if (query.q) {
      const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('devices.name', 'like', like), eb('assets.name', 'like', like), eb('assets.code', 'like', like)]));
    }
    const views = (await q.orderBy('devices.name').limit(2000).execute()).map((r) => this.view(r));
    return query.state ? views.filter((v) => v.state === query.state) : views;
  }

  async detail(actor: Actor, id: string): Promise<DeviceDetailView> {
    const row = await this.visible(actor, id);
    const [latest, open] = await Promise.all([
      this.db
        .selectFrom('telemetry_series')
        .select(['key', 'last_ts', 'last_value'])
        .where('device_id', '=', id)
        .where('last_ts', '>', 0)
        .orderBy('key')
        .execute(),
      this.db
        .selectFrom('alarms')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('device_id', '=', id)
        .where('status', '=', 'raised')
        .executeTakeFirstOrThrow(),
    ]);
    return {
      ...this.view(row),
      latest: latest.map((l) => ({ key: l.key, ts: Number(l.last_ts), value: l.last_value })),
      openAlarms: Number(open.n),
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
      await trx.insertInto('devices').values(row).execute();
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'device',
        entityId: id,
        organisationId: enterpriseId,
        after: { name: body.name, kind: body.kind, deviceType: body.deviceType, assetId: row.asset_id },
      });
    });
    this.brokerSync?.upsert(row.access_token ?? '', row.kind);
    return { device: await this.detail(actor, id), credentials: this.credentials(row) };
  }

  async update(actor: Actor, id: string, body: DeviceUpdateBody): Promise<DeviceDetailView> {
    const enterpriseId = requireAdmin(actor);
    const before = await this.visible(actor, id);
    await this.checkAsset(enterpriseId, body.assetId);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('devices')
        .set({
          ...(body.name !== undefined && { name: body.name }),
          ...(body.deviceType !== undefined && { device_type: body.deviceType }),
          ...(body.assetId !== undefined && { asset_id: body.assetId }),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .execute();
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
      const children = await trx.selectFrom('devices').select('id').where('gateway_id', '=', id).execute();
      const ids = [id, ...children.map((c) => c.id)];
      const series = trx.selectFrom('telemetry_series').select('id').where('device_id', 'in', ids);
      await trx.deleteFrom('telemetry_points').where('series_id', 'in', series).execute();
      await trx.deleteFrom('telemetry_rollup_1m').where('series_id', 'in', series).execute();
      await trx.deleteFrom('telemetry_rollup_1h').where('series_id', 'in', series).execute();
      await trx.deleteFrom('telemetry_series').where('device_id', 'in', ids).execute();
      await trx.deleteFrom('alarms').where('device_id', 'in', ids).execute();
      await trx.deleteFrom('machine_state_periods').where('device_id', 'in', ids).execute();
      await trx.deleteFrom('machine_states').where('device_id', 'in', ids).execute();
      await trx.deleteFrom('devices').where('gateway_id', '=', id).execute();
      await trx.deleteFrom('devices').where('id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'delete',
        entity: 'device',
        entityId: id,
        organisationId: enterpriseId,
        before: { name: before.name, kind: before.kind },
      });
    });
    if (before.access_token) this.brokerSync?.remove(before.access_token);
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
      await trx.updateTable('devices').set({ access_token: token, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'rotate_token', entity: 'device', entityId: id, organisationId: enterpriseId });
    });
    this.ingest.forget(id);
    this.brokerSync?.upsert(token, before.kind, before.access_token);
    return this.credentials({ ...before, access_token: token });
  }

  async series(actor: Actor, id: string, query: SeriesQuery): Promise<SeriesView> {
    await this.visible(actor, id);
    if (query.to <= query.from) throw new AppError(400, 'VALIDATION_FAILED', 'to: must be after from');
    const resolution = query.resolution ?? resolutionFor(query.from, query.to);
    const series = await this.db
      .selectFrom('telemetry_series')
      .select('id')
      .where('device_id', '=', id)
      .where('key', '=', query.key)
      .executeTakeFirst();
    if (!series) return { key: query.key, resolution, points: [] };
    if (resolution === 'raw') {
      const rows = await this.db
        .selectFrom('telemetry_points')
        .select(['ts', 'value'])
        .where('series_id', '=', series.id)
        .where('ts', '>=', query.from)
        .where('ts', '<=', query.to)
        .orderBy('ts')
        .limit(MAX_POINTS)
        .execute();
      return {
        key: query.key,
        resolution,
        points: rows.map((r) => ({ ts: Number(r.ts), value: r.value, min: r.value, max: r.value, count: 1 })),
      };
    }
    const table = resolution === '1m' ? 'telemetry_rollup_1m' : 'telemetry_rollup_1h';
    const rows = await this.db
      .selectFrom(table)
      .select(['bucket', 'min', 'max', 'sum', 'count'])
      .where('series_id', '=', series.id)
      .where('bucket', '>=', query.from - (resolution === '1m' ? 60_000 : HOUR))
      .where('bucket', '<=', query.to)
      .orderBy('bucket')
      .limit(MAX_POINTS)
      .execute();
    return {
      key: query.key,
      resolution,
      points: rows.map((r) => ({ ts: Number(r.bucket), value: r.sum / r.count, min: r.min, max: r.max, count: Number(r.count) })),
    };
  }

  async utilisation(actor: Actor, id: string, from: number, to: number): Promise<UtilisationView> {
    await this.visible(actor, id);
    if (to <= from) throw new AppError(400, 'VALIDATION_FAILED', 'to: must be after from');
    const periods = await this.db
      .selectFrom('machine_state_periods')
      .select(['state', 'started_at', 'ended_at'])
      .where('device_id', '=', id)
      .where('started_at', '<', to)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
      .execute();
    return utilisationOf(
      periods.map((p) => ({ state: p.state, started_at: Number(p.started_at), ended_at: p.ended_at === null ? null : Number(p.ended_at) })),
      from,
      to,
      Date.now(),
    );
  }

  private alarmQuery(enterpriseId: string) {
    return this.db
      .selectFrom('alarms')
      .innerJoin('alarm_rules', 'alarm_rules.id', 'alarms.rule_id')
      .innerJoin('devices', 'devices.id', 'alarms.device_id')
      .selectAll('alarms')
      .select(['alarm_rules.name as rule_name', 'devices.name as device_name'])
      .where('alarms.enterprise_id', '=', enterpriseId);
  }

  async alarms(actor: Actor, query: AlarmListQuery): Promise<Paged<AlarmView>> {
    let q = this.alarmQuery(enterpriseOf(actor));
    if (query.status) q = q.where('alarms.status', '=', query.status);
    if (query.deviceId) q = q.where('alarms.device_id', '=', query.deviceId);
    const { rows, total } = await paginate(q.orderBy('alarms.raised_at', 'desc').orderBy('alarms.id'), query);
    return { items: rows.map(alarmView), total, page: query.page, pageSize: query.pageSize };
  }

  async acknowledge(actor: Actor, id: string): Promise<AlarmView> {
    const enterpriseId = enterpriseOf(actor);
    const alarm = await this.alarmQuery(enterpriseId).where('alarms.id', '=', id).executeTakeFirst();
    if (!alarm) throw notFound('Alarm');
    if (alarm.acknowledged_at) throw new AppError(409, 'INVALID_TRANSITION', 'The alarm is already acknowledged');
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('alarms').set({ acknowledged_by: actor.userId, acknowledged_at: at }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'acknowledge', entity: 'alarm', entityId: id, organisationId: enterpriseId });
    });
    return alarmView({ ...alarm, acknowledged_by: actor.userId, acknowledged_at: at });
  }

  private ruleView(r: Selectable<AlarmRulesTable>): AlarmRuleView {
    return {
      id: r.id,
      enterpriseId: r.enterprise_id,
      name: r.name,
      deviceType: r.device_type,
      metric: r.metric,
      condition: r.condition,
      threshold: r.threshold,
      clearThreshold: r.clear_threshold,
      durationSeconds: r.duration_s,
      severity: r.severity,
      openWorkOrder: r.open_work_order === 1,
      active: r.active === 1,
    };
  }

  async listRules(actor: Actor): Promise<AlarmRuleView[]> {
    const rows = await this.db
      .selectFrom('alarm_rules')
      .selectAll()
      .where('enterprise_id', '=', enterpriseOf(actor))
      .orderBy('name')
      .execute();
    return rows.map((r) => this.ruleView(r));
  }

  async saveRule(actor: Actor, id: string | null, body: RuleInput): Promise<AlarmRuleView> {
    const enterpriseId = requireAdmin(actor);
    const at = new Date().toISOString();
    const values = {
      name: body.name,
      device_type: body.deviceType ?? null,
      metric: body.condition === 'no_data' ? null : (body.metric ?? null),
      condition: body.condition,
      threshold: body.condition === 'no_data' ? null : (body.threshold ?? null),
      clear_threshold: body.condition === 'no_data' ? null : (body.clearThreshold ?? null),
      duration_s: body.durationSeconds,
      severity: body.severity,
      open_work_order: body.openWorkOrder ? 1 : 0,
      active: body.active ? 1 : 0,
      updated_at: at,
    };
    const ruleId = id ?? randomUUID();
    await this.db.transaction().execute(async (trx) => {
      if (id) {
        const before = await ownRule(trx, id, enterpriseId);
        await trx.updateTable('alarm_rules').set(values).where('id', '=', id).execute();
        await recordAudit(trx, actor, {
          action: 'update',
          entity: 'alarm_rule',
          entityId: id,
          organisationId: enterpriseId,
          before,
          after: values,
        });
      } else {
        await trx
          .insertInto('alarm_rules')
          .values({ id: ruleId, enterprise_id: enterpriseId, created_at: at, ...values })
          .execute();
        await recordAudit(trx, actor, {
          action: 'create',
          entity: 'alarm_rule',
          entityId: ruleId,
          organisationId: enterpriseId,
          after: values,
        });
      }
    });
    this.monitor.reloadRules();
    const row = await this.db.selectFrom('alarm_rules').selectAll().where('id', '=', ruleId).executeTakeFirstOrThrow();
    return this.ruleView(row);
  }

  async deleteRule(actor: Actor, id: string): Promise<void> {
    const enterpriseId = requireAdmin(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await ownRule(trx, id, enterpriseId);
      const used = await trx.selectFrom('alarms').select('id').where('rule_id', '=', id).limit(1).executeTakeFirst();
      // A rule with alarm history is switched off rather than deleted, so the history keeps its name.
      if (used)
        await trx.updateTable('alarm_rules').set({ active: 0, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
      else await trx.deleteFrom('alarm_rules').where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'delete', entity: 'alarm_rule', entityId: id, organisationId: enterpriseId, before });
    });
    this.monitor.reloadRules();
  }

  ingestStats(actor: Actor) {
    if (actor.role !== 'county_admin') throw forbidden('Only the county admin sees ingest health');
    return this.ingest.stats();
  }
}
