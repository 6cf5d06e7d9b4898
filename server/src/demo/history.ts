// The demo county's machines as they have run, decided once at load time and relative to it: when each factory
// works (two shifts; Saturdays and Sundays differ by enterprise), when each machine ran, idled, broke down or went
// silent over the 30 days its device has watched it, which alarms its data raised, and the repairs of the whole
// year (the failures before the device was fitted were reported by hand). Pure: each machine and each county day
// has its own seeded stream, so the same instant always loads the same county and a load a day later shares the
// days before. telemetry.demo.ts writes the devices' side (history-metrics.ts makes the values they reported,
// consistent with the states and alarms), maintenance.demo.ts the repair orders.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_COUNTY_TIME_ZONE,
  REPORT_INTERVAL_S,
  countyDate,
  countyDayStart,
  metricInfo,
  offlineAfterMs,
  roundMetric,
  withUnit,
  type AlarmCondition,
  type AlarmSeverity,
  type AssetState,
  type MachineState,
} from '@tiantai/shared';
import { pick, seededRandom } from '../lib/random';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZONE = DEFAULT_COUNTY_TIME_ZONE;

/** Days of machine history before the load: the devices of most machines were fitted that long ago. */
export const HISTORY_DAYS = 30;
/** Repairs reach back a year, as the maintenance plans do. */
const REPAIR_DAYS = 365;

// ---- the alarm rules every demo enterprise sets (telemetry.demo.ts writes them) ----

export type DemoRuleKey = 'oil_temp' | 'current' | 'no_data';

export interface DemoAlarmRule {
  key: DemoRuleKey;
  name: string;
  metric: string | null;
  condition: AlarmCondition;
  threshold: number | null;
  clearThreshold: number | null;
  durationS: number;
  severity: AlarmSeverity;
  openWorkOrder: boolean;
}

export const DEMO_ALARM_RULES: Readonly<Record<DemoRuleKey, DemoAlarmRule>> = {
  oil_temp: {
    key: 'oil_temp',
    name: '液压油温过高',
    metric: 'oil_temp',
    condition: 'above',
    threshold: 62,
    clearThreshold: 58,
    durationS: 20,
    severity: 'major',
    openWorkOrder: true,
  },
  // A motor overload trips the machine: the repair order opens with the downtime from the alarm (critical).
  current: {
    key: 'current',
    name: '主电机电流过载',
    metric: 'current',
    condition: 'above',
    threshold: 95,
    clearThreshold: 85,
    durationS: 10,
    severity: 'critical',
    openWorkOrder: true,
  },
  no_data: {
    key: 'no_data',
    name: '设备通讯中断',
    metric: null,
    condition: 'no_data',
    threshold: null,
    clearThreshold: null,
    durationS: 300,
    severity: 'minor',
    openWorkOrder: false,
  },
};

// ---- the machines ----

export interface HistoryMachine {
  assetId: string;
  /** Who keeps and runs it. */
  enterpriseId: string;
  code: string;
  name: string;
  lifecycle: AssetState;
  press: boolean;
}

/** What a kind of machine does while it works: how it alternates running and idle, and how often it fails. */
interface MachineKind {
  /** Mean minutes of a running spell and of an idle gap inside a shift. */
  runMean: number;
  idleMean: number;
  /** Operators stop it for the meal breaks. */
  meals: boolean;
  /** Chance of a failure on a working day. */
  failureChance: number;
  /** Weekday hours when the kind does not run both shifts (the lathes: a day shift with overtime to 20:00). */
  weekdaySpan?: readonly [number, number];
}

const KINDS: Readonly<Record<string, MachineKind>> = {
  注塑机: { runMean: 95, idleMean: 10, meals: true, failureChance: 0.11 },
  压铸机: { runMean: 80, idleMean: 13, meals: true, failureChance: 0.125 },
  冲压机: { runMean: 60, idleMean: 14, meals: true, failureChance: 0.105 },
  数控加工中心: { runMean: 110, idleMean: 12, meals: true, failureChance: 0.085 },
  数控车床: { runMean: 90, idleMean: 14, meals: true, failureChance: 0.08, weekdaySpan: [8, 20] },
  钎焊炉: { runMean: 360, idleMean: 6, meals: false, failureChance: 0.065 },
  空压机: { runMean: 140, idleMean: 9, meals: true, failureChance: 0.055 },
};
const DEFAULT_KIND: MachineKind = { runMean: 90, idleMean: 12, meals: true, failureChance: 0.09 };

export const kindOf = (machine: Pick<HistoryMachine, 'name'>): string => machine.name.split(' ')[0] ?? '';
const machineKind = (machine: HistoryMachine): MachineKind => KINDS[kindOf(machine)] ?? DEFAULT_KIND;

/**
 * When each enterprise works, by the prefix of its machine codes: two shifts (08:00–16:00, 16:00–24:00) from
 * Monday; 银轮 runs Saturdays in full and its press lines on Sunday mornings, 三力士's rubber lines a Sunday day
 * shift, 祥和 a Saturday day shift and no Sunday.
 */
type DayPlan = 'two' | 'day' | 'off';
const SCHEDULES: Readonly<Record<string, { saturday: DayPlan; sunday: DayPlan; sundayPressesOnly?: boolean }>> = {
  YL: { saturday: 'two', sunday: 'day', sundayPressesOnly: true },
  SLS: { saturday: 'two', sunday: 'day' },
  XH: { saturday: 'day', sunday: 'off' },
};
const DEFAULT_SCHEDULE = { saturday: 'day' as DayPlan, sunday: 'off' as DayPlan };
const MEALS: ReadonlyArray<readonly [number, number]> = [
  [11.5, 12],
  [19.5, 20],
];

/** The hours (county wall clock) a machine works on a day of the week (0 Sunday). */
export function workingHours(machine: HistoryMachine, weekday: number): Array<readonly [number, number]> {
  if (machine.lifecycle === 'idle') return []; // 闲置: kept, not used
  const schedule = SCHEDULES[machine.code.split('-')[0] ?? ''] ?? DEFAULT_SCHEDULE;
  let plan: DayPlan = weekday === 0 ? schedule.sunday : weekday === 6 ? schedule.saturday : 'two';
  if (weekday === 0 && 'sundayPressesOnly' in schedule && schedule.sundayPressesOnly && !machine.press) plan = 'off';
  if (plan === 'off') return [];
  if (plan === 'day') return [[8, 16]];
  return [machineKind(machine).weekdaySpan ?? [8, 24]];
}

// ---- county days ----

interface CountyDay {
  date: string;
  start: number;
  end: number;
  weekday: number;
}

function nextDate(date: string, days = 1): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The county's days from the one holding `from` to the one holding `to`. */
function countyDays(from: number, to: number): CountyDay[] {
  const days: CountyDay[] = [];
  for (let date = countyDate(from, ZONE); ; date = nextDate(date)) {
    const start = countyDayStart(date, ZONE).getTime();
    if (start > to) break;
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    days.push({ date, start, end: countyDayStart(nextDate(date), ZONE).getTime(), weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() });
  }
  return days;
}

/** The instant the county's day `date` starts, `days` days on. */
export const countyMidnight = (date: string, days = 0): number => countyDayStart(nextDate(date, days), ZONE).getTime();

// ---- seeded streams ----

/** FNV-1a: a stream of its own for each machine and day, whatever else the demo holds. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function streamOf(...parts: string[]): () => number {
  const random = seededRandom(hash(parts.join('|')));
  random(); // the first draw of a fresh LCG follows its seed too closely
  return random;
}

const between = (random: () => number, low: number, high: number) => low + random() * (high - low);
const exponential = (random: () => number, mean: number) => -mean * Math.log(1 - random() * 0.999);

// ---- the timeline of states ----

/** A machine's states as change points: each state holds from its start to the next one's. */
class Timeline {
  readonly starts: number[] = [];
  readonly states: MachineState[] = [];

  push(at: number, state: MachineState): void {
    const last = this.starts.length - 1;
    if (last >= 0 && this.starts[last]! >= at) {
      // a change at the same instant replaces the last one
      if (this.starts[last] === at) this.states[last] = state;
      return;
    }
    if (last >= 0 && this.states[last] === state) return;
    this.starts.push(at);
    this.states.push(state);
  }

  private indexAt(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  stateAt(t: number): MachineState {
    return this.states[this.indexAt(t)]!;
  }

  /** `state` over [from, to), whatever was there. */
  paint(from: number, to: number, state: MachineState): void {
    if (!(to > from)) return;
    const after = this.stateAt(to);
    const first = this.starts.findIndex((s) => s >= from);
    const end = this.starts.findIndex((s) => s > to);
    const removeFrom = first === -1 ? this.starts.length : first;
    const removeTo = end === -1 ? this.starts.length : end;
    this.starts.splice(removeFrom, removeTo - removeFrom, from, to);
    this.states.splice(removeFrom, removeTo - removeFrom, state, after);
  }

  /** The periods from `from` on, changes moved onto the device's report ticks, equal neighbours merged. */
  periods(from: number, snap: (t: number) => number): StatePeriod[] {
    const out: StatePeriod[] = [];
    for (let i = 0; i < this.starts.length; i++) {
      const state = this.states[i]!;
      // offline begins when the sweep notices the silence, not on a tick
      const start = Math.max(from, state === 'offline' ? this.starts[i]! : snap(this.starts[i]!));
      const next = i + 1 < this.starts.length ? this.starts[i + 1]! : null;
      const end = next === null ? null : Math.max(from, this.states[i + 1] === 'offline' ? next : snap(next));
      if (end !== null && end <= start) continue;
      const last = out[out.length - 1];
      if (last && last.state === state) {
        last.end = end;
        continue;
      }
      if (last) last.end = start;
      out.push({ state, start, end });
    }
    return out;
  }
}

export interface StatePeriod {
  state: MachineState;
  start: number;
  /** null: the state it is in now. */
  end: number | null;
}

// ---- what happened ----

/** Oil running hot: rising to the threshold, held over it, then cooling when the machine stops or is fixed. */
export interface OverheatEpisode {
  kind: 'overheat';
  /** The ramp up starts here (a device tick). */
  rampFrom: number;
  /** First tick above the threshold. */
  breachFrom: number;
  raisedAt: number;
  /** The highest the oil gets. */
  peak: number;
  /** The machine stops for repair here, and the oil cools towards the room's temperature. */
  stopAt: number | null;
  /** Fixed while running (the cooler cleaned): from here the oil falls back to its running temperature. */
  recoverFrom: number | null;
  value: number;
  message: string;
  workOrderId: string;
}

/** The main motor overloaded: the current over the threshold until the protection trips the machine. */
export interface OverloadEpisode {
  kind: 'overload';
  breachFrom: number;
  raisedAt: number;
  value: number;
  message: string;
  workOrderId: string;
}

/** The device silent (gateway or network down): no data after `lastTick` until `resumeAt`. */
export interface OutageEpisode {
  kind: 'outage';
  lastTick: number;
  resumeAt: number;
  /** The no-data alarm, when the silence outlasted the rule. */
  raisedAt: number | null;
  message: string;
}

export type Episode = OverheatEpisode | OverloadEpisode | OutageEpisode;

/** One repair order from 报修 to 验收, as maintenance.demo.ts writes it. */
export interface PlannedRepair {
  id: string;
  assetId: string;
  enterpriseId: string;
  title: string;
  description: string;
  /** Opened by an alarm (the system) or reported by the technician. */
  reportedBy: 'alarm' | 'technician';
  reportedAt: number;
  assignedAt: number | null;
  startedAt: number | null;
  downtimeStart: number | null;
  downtimeEnd: number | null;
  completedAt: number | null;
  acceptedAt: number | null;
  labourMinutes: number | null;
  result: string | null;
  /** The asset is under repair while this order runs. */
  holdsAsset: boolean;
}

export interface MachinePlan {
  machine: HistoryMachine;
  deviceName: string;
  deviceType: 'press' | 'machine';
  /** The device's creation: nothing was watched before. */
  watchedFrom: number;
  intervalMs: number;
  /** Ticks at watchedFrom + phase + k · interval. */
  phaseMs: number;
  periods: StatePeriod[];
  episodes: Episode[];
  /** The year's repairs, oldest first. */
  repairs: PlannedRepair[];
}

export interface MachineHistory {
  now: number;
  /** When the devices of most machines were fitted (a county midnight HISTORY_DAYS days ago). */
  from: number;
  machines: MachinePlan[];
}

const FAULTS = ['液压系统压力异常', '模具冷却水路泄漏', '顶出机构卡滞', '伺服驱动器报警', '润滑系统油压低', '安全光栅故障', '气动阀组漏气'];
const CAUSES = ['更换密封圈后恢复', '清理滤网并更换冷却液', '更换损坏传感器', '调整参数并紧固松动部件', '更换轴承'];
const OVERHEAT_FIXES = ['清洗油冷却器并更换回油滤芯，油温恢复正常', '更换冷却水电磁阀，油温恢复正常', '疏通冷却水路并更换液压油'];
const OVERLOAD_FIXES = ['更换烧损接触器，复位热继电器', '主电机轴承损坏，更换轴承', '清理卡滞机构并校准负载'];
const CHECK_RESULTS = ['清洗冷却器滤网，油温回落', '调大冷却水流量，油温回落', '检查冷却系统未见异常，继续观察'];

/** How long a repair keeps the machine down: mostly hours, a third most of a shift, some days waiting for parts. */
function repairHours(random: () => number): number {
  const u = random();
  if (u < 0.55) return between(random, 1, 6);
  if (u < 0.88) return between(random, 6, 16);
  return between(random, 24, 72);
}

/** The alarm text the monitor writes for a threshold rule (monitor.ts, thresholdText). */
function thresholdMessage(rule: DemoAlarmRule, deviceType: string, value: number): string {
  const info = metricInfo(deviceType, rule.metric ?? '');
  return `${rule.name}：${info.name.zh} = ${withUnit(String(roundMetric(info, value)), info.unit)}（> ${withUnit(String(rule.threshold), info.unit)}）`;
}

/** The oil temperature an overheat episode forces at a tick from its breach on (history-metrics.ts reads it too). */
export function overheatValue(episode: Pick<OverheatEpisode, 'breachFrom' | 'peak'>, t: number): number {
  const threshold = DEMO_ALARM_RULES.oil_temp.threshold!;
  const start = threshold + 0.3;
  return Math.round((start + (episode.peak - start) * Math.min(1, (t - episode.breachFrom) / (15 * MINUTE))) * 10) / 10;
}

/** The first tick at which a rule held `durationS` raises, counted back from the raise (monitor.ts, judgePoint). */
const breachStart = (raisedAt: number, durationS: number, intervalMs: number) =>
  raisedAt - Math.ceil((durationS * SECOND) / intervalMs) * intervalMs;

/**
 * Plans the history of the given machines up to `now`. Most devices were fitted at the county midnight
 * HISTORY_DAYS days ago; two machines an enterprise got theirs later (8 and 19 days ago), and their history
 * starts then.
 */
export function planMachineHistory(machines: readonly HistoryMachine[], now: number): MachineHistory {
  const today = countyDate(now, ZONE);
  const from = countyMidnight(today, -HISTORY_DAYS);
  const recent = recentlyFitted(machines);
  const yearDays = countyDays(countyMidnight(today, -REPAIR_DAYS), now);
  const plans = machines.map((machine) => {
    const fittedDaysAgo = recent.get(machine.assetId);
    const random = streamOf('fitted', machine.code);
    const watchedFrom =
      fittedDaysAgo === undefined ? from : countyMidnight(today, -fittedDaysAgo) + Math.round(between(random, 9, 16) * 4) * 15 * MINUTE;
    return planMachine(machine, watchedFrom, now, yearDays);
  });
  return { now, from, machines: plans };
}

/** Each enterprise fitted devices to two of its machines later (its last two in service that are not presses). */
function recentlyFitted(machines: readonly HistoryMachine[]): Map<string, number> {
  const out = new Map<string, number>();
  const byEnterprise = new Map<string, HistoryMachine[]>();
  for (const m of machines) byEnterprise.set(m.enterpriseId, [...(byEnterprise.get(m.enterpriseId) ?? []), m]);
  for (const list of byEnterprise.values()) {
    const candidates = list.filter((m) => !m.press && m.lifecycle === 'in_service').sort((a, b) => a.code.localeCompare(b.code));
    candidates.slice(-2).forEach((m, i) => out.set(m.assetId, i === 0 ? 19 : 8));
  }
  return out;
}

function planMachine(machine: HistoryMachine, watchedFrom: number, now: number, yearDays: readonly CountyDay[]): MachinePlan {
  const kind = machineKind(machine);
  const deviceType = machine.press ? 'press' : 'machine';
  const deviceName = `${machine.code} ${machine.name}`.slice(0, 200);
  const intervalMs = (REPORT_INTERVAL_S[deviceType] ?? 20) * SECOND;
  const phaseMs = (hash(machine.code) % (intervalMs / SECOND)) * SECOND;
  const firstTick = watchedFrom + phaseMs;
  const tickAtOrAfter = (t: number) => (t <= firstTick ? firstTick : firstTick + Math.ceil((t - firstTick) / intervalMs) * intervalMs);
  const tickBefore = (t: number) => firstTick + Math.floor((t - firstTick - 1) / intervalMs) * intervalMs;
  const strength = between(streamOf('strength', machine.code), 0.75, 1.3);
  const technicianOrAlarm = (at: number) => at >= watchedFrom;

  const spansOf = (day: CountyDay) =>
    workingHours(machine, day.weekday).map(([a, b]) => [day.start + a * HOUR, day.start + b * HOUR] as const);
  /** The latest moment at or before `t` when the machine works, at least `margin` inside its span. */
  const workingAtOrBefore = (t: number, margin: number): number | null => {
    for (let i = yearDays.length - 1; i >= 0; i--) {
      const day = yearDays[i]!;
      if (day.start > t) continue;
      for (const [a, b] of spansOf(day).reverse()) {
        const latest = Math.min(t, b - margin);
        if (latest >= a + margin) return latest;
      }
      if (day.start < t - 7 * DAY) return null;
    }
    return null;
  };

  // Failures over the year: on a working day, at a moment the machine works; none while it is still down.
  interface Failure {
    at: number;
    hours: number;
    cause: 'overheat' | 'overload' | 'report';
    random: () => number;
  }
  const failures: Failure[] = [];
  let busyUntil = 0;
  for (const day of yearDays) {
    const spans = spansOf(day);
    if (spans.length === 0) continue;
    const random = streamOf('failure', machine.code, day.date);
    if (random() >= kind.failureChance * strength) continue;
    const at = momentIn(spans, random);
    const hours = repairHours(random);
    if (at < busyUntil + 2 * HOUR || at > now) continue;
    const u = random();
    const cause = !technicianOrAlarm(at - HOUR) ? 'report' : u < 0.35 ? 'overheat' : u < 0.6 ? 'overload' : 'report';
    failures.push({ at, hours, cause, random });
    busyUntil = at + hours * HOUR;
  }

  // Oil running hot without a failure: the alarm's order is a check, fixed while the machine runs.
  const checks: Array<{ at: number; random: () => number }> = [];
  const watchedDays = yearDays.filter((d) => d.end > watchedFrom);
  for (const day of watchedDays) {
    const spans = spansOf(day);
    if (spans.length === 0) continue;
    const random = streamOf('check', machine.code, day.date);
    if (random() >= 0.02) continue;
    checks.push({ at: momentIn(spans, random), random });
  }

  // Silences: a gateway restarting, a cable pulled, the plant's network down.
  const outages: Array<{ at: number; minutes: number }> = [];
  for (const day of watchedDays) {
    const random = streamOf('outage', machine.code, day.date);
    if (random() >= 0.025) continue;
    outages.push({ at: day.start + random() * DAY, minutes: between(random, 3, 90) });
  }

  // What the machine is doing at the load (its asset's lifecycle says it).
  let openFailureAt: number | null = null;
  let openCheckAt: number | null = null;
  let idleTailFrom: number | null = null;
  const showcase = streamOf('now', machine.code);
  if (machine.lifecycle === 'under_repair') {
    // tripped while working, some hours before the load; still waiting for its part
    const at = workingAtOrBefore(now - between(showcase, 5, 20) * HOUR, HOUR);
    if (at !== null) openFailureAt = tickAtOrAfter(at);
  }
  if (machine.lifecycle === 'under_maintenance') idleTailFrom = tickAtOrAfter(now - between(showcase, 0.5, 2) * HOUR);
  // Each enterprise's first press runs hot now, when the load falls in its working hours: an alarm still raised
  // and the order it opened waiting for a technician.
  if (machine.lifecycle === 'in_service' && machine.press && machine.code.endsWith('-001')) {
    const at = now - between(showcase, 15, 45) * MINUTE;
    if (workingAtOrBefore(at - HOUR, 0) === at - HOUR && workingAtOrBefore(now, 0) === now) openCheckAt = tickAtOrAfter(at);
  }
  const quietFrom = Math.min(openFailureAt ?? Infinity, openCheckAt ?? Infinity, idleTailFrom ?? Infinity) - 2 * HOUR;

  // ---- the timeline ----
  const timeline = new Timeline();
  timeline.push(watchedFrom, 'idle');
  for (const day of watchedDays) {
    const dayRandom = streamOf('day', machine.code, day.date);
    timeline.push(Math.max(day.start, watchedFrom), 'idle');
    for (const [a, b] of spansOf(day)) workSpan(timeline, a, b, day.start, kind, dayRandom);
  }

  const repairs: PlannedRepair[] = [];
  const episodes: Episode[] = [];
  const busy: Array<[number, number]> = [];
  const overlapsBusy = (a: number, b: number) => busy.some(([x, y]) => a < y && b > x);

  const rules = DEMO_ALARM_RULES;
  const failure = (f: Failure, open: boolean) => {
    const r = f.random;
    const base = {
      id: randomUUID(),
      assetId: machine.assetId,
      enterpriseId: machine.enterpriseId,
      holdsAsset: open,
    };
    if (f.cause === 'report') {
      const fault = pick(r, FAULTS);
      const start = f.at;
      const end = open ? null : start + f.hours * HOUR;
      if ((end ?? now) > watchedFrom) timeline.paint(start, end ?? now + HOUR, 'down');
      busy.push([start - HOUR, (end ?? now) + HOUR]);
      repairs.push({
        ...base,
        title: `${machine.name} ${fault}`,
        description: `${fault}，停机待修`,
        reportedBy: 'technician',
        reportedAt: start,
        assignedAt: null,
        startedAt: start + 0.3 * HOUR,
        downtimeStart: start,
        downtimeEnd: end,
        completedAt: end,
        acceptedAt: end === null ? null : end + between(r, 0.5, 2) * HOUR,
        labourMinutes: end === null ? null : Math.round(Math.min(f.hours, between(r, 2, 10)) * 60),
        result: end === null ? null : pick(r, CAUSES),
      });
      return;
    }
    const raisedAt = tickAtOrAfter(f.at);
    if (f.cause === 'overheat') {
      const rule = rules.oil_temp;
      const breachFrom = breachStart(raisedAt, rule.durationS, intervalMs);
      const peak = Math.round(between(r, 64, 68) * 10) / 10;
      const stopAt = tickAtOrAfter(raisedAt + between(r, 10, 40) * MINUTE);
      const end = open ? null : stopAt + f.hours * HOUR;
      const value = overheatValue({ breachFrom, peak }, raisedAt);
      const message = thresholdMessage(rule, deviceType, value);
      const rampFrom = tickAtOrAfter(breachFrom - 30 * MINUTE);
      timeline.paint(rampFrom, stopAt, 'running');
      timeline.paint(stopAt, end ?? now + HOUR, 'down');
      busy.push([rampFrom - HOUR, (end ?? now) + HOUR]);
      episodes.push({
        kind: 'overheat',
        rampFrom,
        breachFrom,
        raisedAt,
        peak,
        stopAt,
        recoverFrom: null,
        value,
        message,
        workOrderId: base.id,
      });
      repairs.push({
        ...base,
        title: `告警：${deviceName} · ${rule.name}`.slice(0, 200),
        description: message,
        reportedBy: 'alarm',
        reportedAt: raisedAt,
        assignedAt: raisedAt + between(r, 3, 8) * MINUTE,
        startedAt: stopAt,
        downtimeStart: stopAt,
        downtimeEnd: end,
        completedAt: end,
        acceptedAt: end === null ? null : end + between(r, 0.5, 2) * HOUR,
        labourMinutes: end === null ? null : Math.round(Math.min(f.hours, between(r, 1, 8)) * 60),
        result: end === null ? null : pick(r, OVERHEAT_FIXES),
      });
      return;
    }
    const rule = rules.current;
    const breachFrom = breachStart(raisedAt, rule.durationS, intervalMs);
    const value = Math.round(between(r, 96.5, 112) * 10) / 10;
    const message = thresholdMessage(rule, deviceType, value);
    const end = open ? null : raisedAt + f.hours * HOUR;
    timeline.paint(breachFrom - 10 * MINUTE, raisedAt, 'running');
    timeline.paint(raisedAt, end ?? now + HOUR, 'down');
    busy.push([breachFrom - HOUR, (end ?? now) + HOUR]);
    episodes.push({ kind: 'overload', breachFrom, raisedAt, value, message, workOrderId: base.id });
    const startedAt = raisedAt + between(r, 10, 30) * MINUTE;
    repairs.push({
      ...base,
      title: `告警：${deviceName} · ${rule.name}`.slice(0, 200),
      description: open ? `${message}；主电机烧损，等待备件` : message,
      reportedBy: 'alarm',
      reportedAt: raisedAt,
      assignedAt: raisedAt + between(r, 3, 8) * MINUTE,
      startedAt,
      downtimeStart: raisedAt,
      downtimeEnd: end,
      completedAt: end,
      acceptedAt: end === null ? null : end + between(r, 0.5, 2) * HOUR,
      labourMinutes: end === null ? null : Math.round(Math.min(f.hours, between(r, 1, 8)) * 60),
      result: end === null ? null : pick(r, OVERLOAD_FIXES),
    });
  };

  for (const f of failures) {
    // nothing else may be going on near what the machine shows at the load
    const end = f.at + f.hours * HOUR + HOUR;
    if (end > now - 10 * MINUTE || end > quietFrom) continue;
    failure(f, false);
  }
  if (openFailureAt !== null) {
    const r = streamOf('open-failure', machine.code);
    failure({ at: openFailureAt, hours: 0, cause: technicianOrAlarm(openFailureAt - HOUR) ? 'overload' : 'report', random: r }, true);
  }

  const check = (at: number, r: () => number, open: boolean) => {
    const rule = rules.oil_temp;
    const raisedAt = tickAtOrAfter(at);
    const breachFrom = breachStart(raisedAt, rule.durationS, intervalMs);
    const rampFrom = tickAtOrAfter(breachFrom - 30 * MINUTE);
    const recoverFrom = open ? null : tickAtOrAfter(raisedAt + between(r, 15, 35) * MINUTE);
    if (overlapsBusy(rampFrom - HOUR, (recoverFrom ?? now) + HOUR)) return;
    const peak = Math.round(between(r, 63.5, 66.5) * 10) / 10;
    const value = overheatValue({ breachFrom, peak }, raisedAt);
    const message = thresholdMessage(rule, deviceType, value);
    const id = randomUUID();
    timeline.paint(rampFrom, recoverFrom === null ? now + HOUR : recoverFrom + 20 * MINUTE, 'running');
    busy.push([rampFrom - HOUR, (recoverFrom ?? now) + HOUR]);
    episodes.push({ kind: 'overheat', rampFrom, breachFrom, raisedAt, peak, stopAt: null, recoverFrom, value, message, workOrderId: id });
    const done = recoverFrom === null ? null : recoverFrom + between(r, 5, 20) * MINUTE;
    repairs.push({
      id,
      assetId: machine.assetId,
      enterpriseId: machine.enterpriseId,
      title: `告警：${deviceName} · ${rule.name}`.slice(0, 200),
      description: message,
      reportedBy: 'alarm',
      reportedAt: raisedAt,
      assignedAt: open ? null : raisedAt + between(r, 3, 8) * MINUTE,
      startedAt: open ? null : raisedAt + between(r, 9, 14) * MINUTE,
      downtimeStart: null,
      downtimeEnd: null,
      completedAt: done,
      acceptedAt: done === null ? null : done + between(r, 0.5, 3) * HOUR,
      labourMinutes: done === null ? null : Math.round((done - raisedAt) / MINUTE),
      result: done === null ? null : pick(r, CHECK_RESULTS),
      holdsAsset: false,
    });
  };
  for (const c of checks) {
    if (c.at < watchedFrom + HOUR || c.at > quietFrom - 2 * HOUR || c.at > now - 3 * HOUR) continue;
    check(c.at, c.random, false);
  }
  if (openCheckAt !== null) check(openCheckAt, streamOf('open-check', machine.code), true);

  if (idleTailFrom !== null) timeline.paint(idleTailFrom, now + HOUR, 'idle');

  const offlineAfter = offlineAfterMs(deviceType);
  for (const o of outages) {
    const lastTick = tickBefore(o.at);
    const resumeAt = tickAtOrAfter(o.at + o.minutes * MINUTE);
    if (lastTick < firstTick || resumeAt > now - 10 * MINUTE || resumeAt > quietFrom || overlapsBusy(lastTick - HOUR, resumeAt + HOUR))
      continue;
    if (resumeAt - lastTick <= offlineAfter) continue;
    const r = streamOf('silence', machine.code, String(o.at));
    const noData = rules.no_data;
    const raisedAt = lastTick + noData.durationS * SECOND + Math.floor(r() * 10) * SECOND;
    const raised = raisedAt < resumeAt;
    timeline.paint(lastTick + offlineAfter, resumeAt, 'offline');
    busy.push([lastTick - HOUR, resumeAt + HOUR]);
    episodes.push({
      kind: 'outage',
      lastTick,
      resumeAt,
      raisedAt: raised ? raisedAt : null,
      message: `${noData.name}：${Math.round((raisedAt - lastTick) / SECOND)} 秒无数据`,
    });
  }

  episodes.sort((a, b) => episodeStart(a) - episodeStart(b));
  repairs.sort((a, b) => a.reportedAt - b.reportedAt);
  const periods = timeline.periods(firstTick, tickAtOrAfter).filter((p) => p.start <= now);
  periods[periods.length - 1]!.end = null;
  return {
    machine,
    deviceName,
    deviceType,
    watchedFrom,
    intervalMs,
    phaseMs,
    periods,
    episodes,
    repairs,
  };
}

export const episodeStart = (e: Episode): number =>
  e.kind === 'overheat' ? e.rampFrom : e.kind === 'overload' ? e.breachFrom : e.lastTick;

/** A moment inside the spans, uniformly over their length. */
function momentIn(spans: ReadonlyArray<readonly [number, number]>, random: () => number): number {
  const total = spans.reduce((sum, [a, b]) => sum + (b - a), 0);
  let x = random() * total;
  for (const [a, b] of spans) {
    if (x < b - a) return a + x;
    x -= b - a;
  }
  return spans[0]![0];
}

/** A working span of a day: warm-up, running spells with idle gaps (mold changes, material), the meal breaks. */
function workSpan(timeline: Timeline, a: number, b: number, dayStart: number, kind: MachineKind, random: () => number): void {
  const meals = kind.meals ? MEALS.map(([x, y]) => [dayStart + x * HOUR, dayStart + y * HOUR] as const) : [];
  let t = a + between(random, 8, 25) * MINUTE;
  const stopBy = b - between(random, 5, 15) * MINUTE;
  while (t < stopBy) {
    let end = Math.min(stopBy, t + Math.max(10, exponential(random, kind.runMean)) * MINUTE);
    const meal = meals.find(([x]) => x > t && x < end);
    timeline.push(t, 'running');
    if (meal) {
      end = meal[0];
      timeline.push(end, 'idle');
      t = meal[1] + between(random, 2, 10) * MINUTE;
      continue;
    }
    timeline.push(end, 'idle');
    const gap = random() < 0.08 ? between(random, 25, 70) : 2 + exponential(random, kind.idleMean - 2);
    t = end + gap * MINUTE;
    const inMeal = meals.find(([x, y]) => t > x && t < y);
    if (inMeal) t = inMeal[1] + between(random, 2, 10) * MINUTE;
  }
  timeline.push(b, 'idle');
}
