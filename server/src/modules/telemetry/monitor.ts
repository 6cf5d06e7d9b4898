// What the points mean, evaluated after each commit: the machine's state (from its `state` metric, else
// from its counters moving), the counters that feed the asset (shots, cycles, run hours), and the alarm
// rules (threshold held for a duration, cleared with hysteresis; silence for N seconds). State changes and
// alarms are written through conditional statements, so two instances sharing the ingest agree.
import { randomUUID } from 'node:crypto';
import {
  COUNTER_KINDS,
  STATE_METRIC_CODES,
  eventText,
  isLive,
  metricInfo,
  roundMetric,
  withUnit,
  type AlarmSeverity,
  type CounterKind,
  type MachineState,
  type PublishEvent,
} from '@tiantai/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DeviceRef } from './ingest';
import type { SeriesPoint } from './point-writer';
import * as repo from './telemetry.repository';
import type { AlarmRulesTable, TelemetryTables } from './telemetry.tables';

/** A live device's state: the recorded one, or idle until the monitor has judged its first point since it was offline. */
export const liveState = (state: MachineState | null | undefined): MachineState => (!state || state === 'offline' ? 'idle' : state);

/** A counter that has not moved for this long: idle. Offline: no data for three report intervals (offlineAfterMs). */
export const IDLE_AFTER_MS = 120_000;

export interface MonitorHooks {
  applyCounter(assetId: string, counter: CounterKind, raw: number, at: string): Promise<string[]>;
  countersMoved(assetIds: string[]): Promise<void>;
  openRepair(input: {
    enterpriseId: string;
    assetId: string;
    title: string;
    description: string;
    downtimeStart: string | null;
  }): Promise<string>;
  /** Tells the enterprise's people (the bell in the web app); a failure is logged, the alarm stands. */
  notifyAlarm(input: { enterpriseId: string; severity: AlarmSeverity; text: string }): Promise<void>;
  publish: PublishEvent;
}

interface DeviceMemory {
  device: DeviceRef;
  lastSeen: number;
  /** Time of the last explicit `state` point; while recent, counters do not decide the state. */
  explicitStateAt: number;
  counterMovedAt: number;
  counters: Map<CounterKind, number>;
  countersDirty: Set<CounterKind>;
  lastCounterRaw: Map<string, number>;
}

interface RuleMemory {
  since: number | null;
  raised: boolean;
}

const isCounter = (key: string): key is CounterKind => (COUNTER_KINDS as readonly string[]).includes(key);

/** The state a point implies, or null if it says nothing about the state. */
export function stateFromPoint(key: string, value: number, previousCounter: number | undefined): MachineState | null {
  if (key === 'state') return STATE_METRIC_CODES[Math.trunc(value)] ?? null;
  if ((key === 'shots' || key === 'cycles') && previousCounter !== undefined && value !== previousCounter) return 'running';
  return null;
}

/**
 * An above/below alarm's text, naming the metric as the catalogue does for the device's type:
 * "模温过高：模温 = 231.4 °C（> 200 °C）"; an unknown key as itself, "hydraulic_temp = 66（> 62）".
 */
export function thresholdText(
  rule: Pick<AlarmRulesTable, 'name' | 'metric' | 'condition' | 'threshold'>,
  deviceType: string,
  value: number,
): string {
  const info = metricInfo(deviceType, rule.metric ?? '');
  const op = rule.condition === 'above' ? '>' : '<';
  const shown = withUnit(String(roundMetric(info, value)), info.unit);
  return `${rule.name}：${info.name.zh} = ${shown}（${op} ${withUnit(String(rule.threshold), info.unit)}）`;
}

/** Whether an above/below rule's condition holds, and whether a raised alarm may clear (hysteresis). */
export function judge(rule: Pick<AlarmRulesTable, 'condition' | 'threshold' | 'clear_threshold'>, value: number) {
  const threshold = rule.threshold ?? 0;
  const clear = rule.clear_threshold ?? threshold;
  if (rule.condition === 'above') return { breach: value > threshold, clear: value <= clear };
  return { breach: value < threshold, clear: value >= clear };
}

export class MachineMonitor {
  private readonly devices = new Map<string, DeviceMemory>();
  private readonly states = new Map<string, MachineState>();
  private readonly rules = new Map<string, AlarmRulesTable[]>();
  private readonly ruleState = new Map<string, RuleMemory>();
  private rulesLoadedAt = 0;
  private chain: Promise<void> = Promise.resolve();

  private readonly db: Kysely<TelemetryTables>;
  private readonly hooks: MonitorHooks;
  private readonly log: FastifyBaseLogger;

  constructor(deps: { db: Kysely<TelemetryTables>; hooks: MonitorHooks; log: FastifyBaseLogger }) {
    this.db = deps.db;
    this.hooks = deps.hooks;
    this.log = deps.log;
  }

  /** Called after each commit; work is queued so evaluation never blocks the ingest path. */
  onCommitted(points: Array<SeriesPoint & { device: DeviceRef; key: string }>): void {
    this.enqueue(() => this.evaluate(points));
  }

  /** Offline and idle detection, counter sync and no-data alarms; run every few seconds. */
  tick(now = Date.now()): Promise<void> {
    return this.enqueue(() => this.sweep(now));
  }

  /** Waits for queued evaluations (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** A device was re-bound or deleted: its memory is rebuilt from the database on its next point. */
  forget(deviceId: string): void {
    this.devices.delete(deviceId);
    this.states.delete(deviceId);
    for (const key of this.ruleState.keys()) if (key.endsWith(`|${deviceId}`)) this.ruleState.delete(key);
  }

  reloadRules(): void {
    this.rulesLoadedAt = 0;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => this.log.error({ err: error }, 'telemetry evaluation failed'));
    return this.chain;
  }

  private async memoryOf(device: DeviceRef): Promise<DeviceMemory> {
    let m = this.devices.get(device.id);
    if (!m) {
      m = {
        device,
        lastSeen: 0,
        explicitStateAt: 0,
        counterMovedAt: 0,
        counters: new Map(),
        countersDirty: new Set(),
        lastCounterRaw: new Map(),
      };
      this.devices.set(device.id, m);
      const state = await repo.machineStateOf(this.db, device.id);
      if (state) this.states.set(device.id, state);
    }
    return m;
  }

  private async evaluate(points: Array<SeriesPoint & { device: DeviceRef; key: string }>): Promise<void> {
    await this.loadRules();
    const sorted = [...points].sort((a, b) => a.ts - b.ts);
    for (const p of sorted) {
      const m = await this.memoryOf(p.device);
      m.lastSeen = Math.max(m.lastSeen, p.ts);
      const previous = m.lastCounterRaw.get(p.key);
      let next = stateFromPoint(p.key, p.value, previous);
      if (p.key === 'state' && next) m.explicitStateAt = p.ts;
      if (isCounter(p.key)) {
        m.lastCounterRaw.set(p.key, p.value);
        if (previous !== undefined && p.value !== previous) m.counterMovedAt = p.ts;
        if (m.counters.get(p.key) !== p.value) {
          m.counters.set(p.key, p.value);
          m.countersDirty.add(p.key);
        }
      }
      if (p.key !== 'state' && m.explicitStateAt > p.ts - IDLE_AFTER_MS) next = null;
      if (next) await this.setState(p.device, next, p.ts);
      else if ((this.states.get(p.device.id) ?? 'offline') === 'offline') await this.setState(p.device, 'idle', p.ts);
      for (const rule of this.rulesFor(p.device)) {
        if (rule.condition === 'no_data') {
          if ((await this.ruleMemory(rule, p.device)).raised) await this.clear(rule, p.device, p.value, 'data received again');
        } else if (rule.metric === p.key) {
          await this.judgePoint(rule, p.device, p.value, p.ts);
        }
      }
    }
  }

  private async judgePoint(rule: AlarmRulesTable, device: DeviceRef, value: number, ts: number): Promise<void> {
    const memory = await this.ruleMemory(rule, device);
    const { breach, clear } = judge(rule, value);
    if (breach) {
      memory.since ??= ts;
      if (!memory.raised && ts - memory.since >= rule.duration_s * 1000) {
        await this.raise(rule, device, value, thresholdText(rule, device.deviceType, value));
        memory.raised = true;
      }
    } else {
      memory.since = null;
      if (memory.raised && clear) {
        await this.clear(rule, device, value, 'back within limits');
        memory.raised = false;
      }
    }
  }

  private async sweep(now: number): Promise<void> {
    await this.loadRules();
    for (const m of this.devices.values()) {
      const state = this.states.get(m.device.id) ?? 'offline';
      if (state !== 'offline' && !isLive(m.device.deviceType, m.lastSeen, now)) await this.setState(m.device, 'offline', now);
      else if (state === 'running' && m.explicitStateAt < now - IDLE_AFTER_MS && m.counterMovedAt < now - IDLE_AFTER_MS)
        await this.setState(m.device, 'idle', now);
      for (const rule of this.rulesFor(m.device)) {
        if (rule.condition !== 'no_data' || m.lastSeen >= now - rule.duration_s * 1000) continue;
        const memory = await this.ruleMemory(rule, m.device);
        if (!memory.raised) {
          await this.raise(rule, m.device, null, `${rule.name}：${Math.round((now - m.lastSeen) / 1000)} 秒无数据`);
          memory.raised = true;
        }
      }
      await this.syncCounters(m);
    }
  }

  private async syncCounters(m: DeviceMemory): Promise<void> {
    if (!m.device.assetId || m.countersDirty.size === 0) return;
    const at = new Date().toISOString();
    const moved = new Set<string>();
    for (const counter of m.countersDirty) {
      const raw = m.counters.get(counter);
      if (raw === undefined) continue;
      for (const id of await this.hooks.applyCounter(m.device.assetId, counter, raw, at)) moved.add(id);
    }
    m.countersDirty.clear();
    if (moved.size > 0) await this.hooks.countersMoved([...moved]);
  }

  private async setState(device: DeviceRef, state: MachineState, at: number): Promise<void> {
    const previous = this.states.get(device.id);
    if (previous === state) return;
    this.states.set(device.id, state);
    const since = await repo.changeMachineState(this.db, device, state, at);
    if (since !== null && device.assetId)
      this.hooks.publish({
        type: 'machine.state_changed',
        enterpriseId: device.enterpriseId,
        plantId: device.plantId,
        assetId: device.assetId,
        state,
        since: new Date(since).toISOString(),
      });
  }

  private async loadRules(): Promise<void> {
    if (Date.now() - this.rulesLoadedAt < 60_000) return;
    this.rulesLoadedAt = Date.now();
    const rows = await repo.activeRules(this.db);
    this.rules.clear();
    for (const r of rows) {
      const list = this.rules.get(r.enterprise_id) ?? [];
      list.push(r);
      this.rules.set(r.enterprise_id, list);
    }
  }

  private rulesFor(device: DeviceRef): AlarmRulesTable[] {
    return (this.rules.get(device.enterpriseId) ?? []).filter((r) => r.device_type === null || r.device_type === device.deviceType);
  }

  /** What this instance knows of a rule on a device; whether it is raised is read once from the database. */
  private async ruleMemory(rule: AlarmRulesTable, device: DeviceRef): Promise<RuleMemory> {
    const key = `${rule.id}|${device.id}`;
    let memory = this.ruleState.get(key);
    if (!memory) {
      memory = { since: null, raised: await this.isRaised(rule.id, device.id) };
      this.ruleState.set(key, memory);
    }
    return memory;
  }

  private async isRaised(ruleId: string, deviceId: string): Promise<boolean> {
    return (await repo.raisedAlarm(this.db, ruleId, deviceId)) !== undefined;
  }

  private async raise(rule: AlarmRulesTable, device: DeviceRef, value: number | null, message: string): Promise<void> {
    const id = randomUUID();
    const at = new Date().toISOString();
    const inserted = await repo.insertRaisedAlarm(this.db, {
      id,
      enterprise_id: device.enterpriseId,
      rule_id: rule.id,
      device_id: device.id,
      asset_id: device.assetId,
      severity: rule.severity,
      status: 'raised',
      message: message.slice(0, 500),
      value,
      raised_at: at,
      cleared_at: null,
      acknowledged_by: null,
      acknowledged_at: null,
      work_order_id: null,
    });
    if (!inserted) return; // another instance raised it
    if (rule.open_work_order && device.assetId) {
      const workOrderId = await this.hooks.openRepair({
        enterpriseId: device.enterpriseId,
        assetId: device.assetId,
        title: `告警：${device.name} · ${rule.name}`.slice(0, 200),
        description: message,
        downtimeStart: rule.severity === 'critical' ? at : null,
      });
      await repo.updateAlarm(this.db, id, { work_order_id: workOrderId });
    }
    this.hooks.publish({
      type: 'alarm.raised',
      enterpriseId: device.enterpriseId,
      plantId: device.plantId,
      deviceId: device.id,
      assetId: device.assetId,
      alarmId: id,
      severity: rule.severity,
      message: eventText(message),
    });
    await this.hooks
      .notifyAlarm({ enterpriseId: device.enterpriseId, severity: rule.severity, text: `${device.name} · ${message}` })
      .catch((error: unknown) => this.log.error({ err: error, alarmId: id }, 'alarm notification failed'));
  }

  private async clear(rule: AlarmRulesTable, device: DeviceRef, value: number | null, why: string): Promise<void> {
    const open = await repo.raisedAlarm(this.db, rule.id, device.id);
    if (!open) return;
    const cleared = await repo.clearAlarm(this.db, open.id, value);
    this.ruleState.set(`${rule.id}|${device.id}`, { since: null, raised: false });
    if (!cleared) return;
    this.log.info({ alarmId: open.id, device: device.name, why }, 'alarm cleared');
    this.hooks.publish({
      type: 'alarm.cleared',
      enterpriseId: device.enterpriseId,
      plantId: device.plantId,
      alarmId: open.id,
      assetId: device.assetId,
    });
  }
}
