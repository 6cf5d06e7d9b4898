// Alarm rules an enterprise writes (threshold held for a duration, cleared with hysteresis, or silence) and
// the alarms the machine monitor raises from them: listed, acknowledged. The monitor evaluates; this service
// is what people do with rules and alarms.
import { randomUUID } from 'node:crypto';
import {
  metricInfo,
  type Actor,
  type AlarmListQuery,
  type AlarmRuleView,
  type AlarmView,
  type Paged,
  type alarmRuleBody,
} from '@tiantai/shared';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { paginate } from '../../db/paginate';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import type { MachineMonitor } from './monitor';
import { enterpriseOf, requireAdmin } from './telemetry.access';
import * as repo from './telemetry.repository';
import type { AlarmRulesTable, AlarmsTable, TelemetryTables } from './telemetry.tables';

type RuleInput = z.output<typeof alarmRuleBody>;

/** The enterprise's own alarm rule, or 404: another enterprise's rule is not there. */
async function ownRule(db: Kysely<TelemetryTables>, id: string, enterpriseId: string): Promise<Selectable<AlarmRulesTable>> {
  const rule = await repo.findRule(db, enterpriseId, id);
  if (!rule) throw notFound('Alarm rule');
  return rule;
}

type AlarmRow = Selectable<AlarmsTable> & { rule_name: string; rule_metric: string | null; device_name: string; device_type: string };

function alarmView(r: AlarmRow): AlarmView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    deviceId: r.device_id,
    deviceName: r.device_name,
    deviceType: r.device_type,
    metric: r.rule_metric,
    unit: r.rule_metric === null ? null : metricInfo(r.device_type, r.rule_metric).unit,
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

export class AlarmService {
  private readonly db: Kysely<TelemetryTables>;
  private readonly monitor: MachineMonitor;

  constructor(deps: { db: Kysely<TelemetryTables>; /** Re-reads the rules after a change. */ monitor: MachineMonitor }) {
    this.db = deps.db;
    this.monitor = deps.monitor;
  }

  async alarms(actor: Actor, query: AlarmListQuery): Promise<Paged<AlarmView>> {
    let q = repo.alarmsOf(this.db, enterpriseOf(actor));
    if (query.status) q = q.where('alarms.status', '=', query.status);
    if (query.deviceId) q = q.where('alarms.device_id', '=', query.deviceId);
    const { rows, total } = await paginate(q.orderBy('alarms.raised_at', 'desc').orderBy('alarms.id'), query);
    return { items: rows.map(alarmView), total, page: query.page, pageSize: query.pageSize };
  }

  async acknowledge(actor: Actor, id: string): Promise<AlarmView> {
    const enterpriseId = enterpriseOf(actor);
    const alarm = await repo.alarmsOf(this.db, enterpriseId).where('alarms.id', '=', id).executeTakeFirst();
    if (!alarm) throw notFound('Alarm');
    if (alarm.acknowledged_at) throw new AppError(409, 'INVALID_TRANSITION', 'The alarm is already acknowledged');
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAlarm(trx, id, { acknowledged_by: actor.userId, acknowledged_at: at });
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
    return (await repo.listRules(this.db, enterpriseOf(actor))).map((r) => this.ruleView(r));
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
        await repo.updateRule(trx, id, values);
        await recordAudit(trx, actor, {
          action: 'update',
          entity: 'alarm_rule',
          entityId: id,
          organisationId: enterpriseId,
          before,
          after: values,
        });
      } else {
        await repo.insertRule(trx, { id: ruleId, enterprise_id: enterpriseId, created_at: at, ...values });
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
    return this.ruleView(await ownRule(this.db, ruleId, enterpriseId));
  }

  async deleteRule(actor: Actor, id: string): Promise<void> {
    const enterpriseId = requireAdmin(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await ownRule(trx, id, enterpriseId);
      // A rule with alarm history is switched off rather than deleted, so the history keeps its name.
      if (await repo.ruleHasAlarms(trx, id)) await repo.updateRule(trx, id, { active: 0, updated_at: new Date().toISOString() });
      else await repo.deleteRule(trx, id);
      await recordAudit(trx, actor, { action: 'delete', entity: 'alarm_rule', entityId: id, organisationId: enterpriseId, before });
    });
    this.monitor.reloadRules();
  }
}
