// What a demo device reported over its history (history.ts), report by report at its type's interval: its state
// code, counters that move while it runs, and gauges that follow the state — oil warming through a shift and
// cooling at night, current and power drawn while running, hydraulic pressure — held below the alarm rules'
// thresholds except where history.ts planned an alarm, so the rules, run over these values, raise exactly the
// planned alarms (checked in history.test.ts). The reports are not kept: they are rolled up as the platform's
// own writer and hourly job would (minute buckets for the last day, hour buckets for all of it), and the last
// hour's are kept raw for the live charts.
import { metricsOfType, roundMetric, type MachineState } from '@tiantai/shared';
import { DEMO_ALARM_RULES, kindOf, overheatValue, streamOf, type Episode, type MachinePlan } from './history';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Running figures per kind of machine: seconds per cycle, amps running and idle, oil °C, pressure MPa. */
interface Gauges {
  cycleS: number;
  amps: number;
  idleAmps: number;
  oil: number;
  pressure: number;
  idlePressure: number;
}
const GAUGES: Readonly<Record<string, Gauges>> = {
  注塑机: { cycleS: 38, amps: 62, idleAmps: 9, oil: 50.5, pressure: 13.5, idlePressure: 2.5 },
  压铸机: { cycleS: 72, amps: 70, idleAmps: 11, oil: 52, pressure: 15.5, idlePressure: 3 },
  冲压机: { cycleS: 4.5, amps: 57, idleAmps: 7, oil: 47, pressure: 22, idlePressure: 4 },
  数控加工中心: { cycleS: 300, amps: 28, idleAmps: 6, oil: 41, pressure: 6, idlePressure: 4 },
  数控车床: { cycleS: 120, amps: 21, idleAmps: 5, oil: 39, pressure: 4, idlePressure: 3 },
  钎焊炉: { cycleS: 90, amps: 74, idleAmps: 30, oil: 38, pressure: 0.6, idlePressure: 0.5 },
  空压机: { cycleS: 240, amps: 82, idleAmps: 30, oil: 53, pressure: 0.8, idlePressure: 0.7 },
};
const DEFAULT_GAUGES: Gauges = { cycleS: 60, amps: 50, idleAmps: 8, oil: 48, pressure: 10, idlePressure: 2 };

/** The state metric as PLCs send it (STATE_METRIC_CODES). */
const STATE_CODE: Record<MachineState, number> = { running: 1, idle: 2, down: 3, offline: 0 };
const AMBIENT = 26;
/** Normal values stay this far under the rules, so only the planned episodes raise alarms. */
const OIL_CEILING = 57;
const AMPS_CEILING = 90;

/**
 * A rollup bucket as telemetry_rollup_1m / _1h hold it, in their column order: [series id, bucket, min, max,
 * sum, count, last, last_ts]. The series id is 0 until the writer knows it (one array a row, no copies).
 */
export type RollupRow = [
  seriesId: number,
  bucket: number,
  min: number,
  max: number,
  sum: number,
  count: number,
  last: number,
  lastTs: number,
];

export interface SeriesData {
  key: string;
  hours: RollupRow[];
  minutes: RollupRow[];
  /** [series id (0), ts, value] of the last hour. */
  raw: Array<[seriesId: number, ts: number, value: number]>;
  last: { ts: number; value: number } | null;
}

/** An alarm as the monitor would have left it. */
export interface DemoAlarm {
  rule: keyof typeof DEMO_ALARM_RULES;
  raisedAt: number;
  clearedAt: number | null;
  /** The value that raised it, or once cleared the value that cleared it (as the monitor keeps it). */
  value: number | null;
  message: string;
  workOrderId: string | null;
}

export interface DeviceData {
  /** The device type's metrics, in the order of `series` and of the observed values. */
  keys: string[];
  series: SeriesData[];
  /** Reports the device sent (its `messages`), and the points in them. */
  reports: number;
  points: number;
  lastSeen: number | null;
  alarms: DemoAlarm[];
}

/** Rollups of every series of a device at once: its reports share their instants, so their buckets too. */
class Buckets {
  private start = -1;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly sum: Float64Array;
  private readonly last: Float64Array;
  private count = 0;
  private lastTs = 0;

  constructor(
    private readonly size: number,
    private readonly out: RollupRow[][],
  ) {
    const n = out.length;
    this.min = new Float64Array(n);
    this.max = new Float64Array(n);
    this.sum = new Float64Array(n);
    this.last = new Float64Array(n);
  }

  /** `weight` reports at `ts` and the next ticks, all with these values. */
  add(ts: number, values: readonly number[], weight: number): void {
    const bucket = ts - (ts % this.size);
    if (bucket !== this.start) {
      this.flush();
      this.start = bucket;
      this.count = 0;
      for (let i = 0; i < values.length; i++) {
        this.min[i] = values[i]!;
        this.max[i] = values[i]!;
        this.sum[i] = 0;
      }
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < this.min[i]!) this.min[i] = v;
      if (v > this.max[i]!) this.max[i] = v;
      this.sum[i] = this.sum[i]! + v * weight;
      this.last[i] = v;
    }
    this.count += weight;
    this.lastTs = ts;
  }

  flush(): void {
    if (this.start < 0) return;
    for (let i = 0; i < this.out.length; i++)
      this.out[i]!.push([
        0,
        this.start,
        this.min[i]!,
        this.max[i]!,
        Math.round(this.sum[i]! * 1000) / 1000,
        this.count,
        this.last[i]!,
        this.lastTs,
      ]);
    this.start = -1;
  }
}

const enum Key {
  State,
  Oil,
  Amps,
  Power,
  Pressure,
  Counter,
  RunHours,
  Other,
}
const KEYS: Readonly<Record<string, Key>> = {
  state: Key.State,
  oil_temp: Key.Oil,
  current: Key.Amps,
  power_kw: Key.Power,
  pressure: Key.Pressure,
  shots: Key.Counter,
  cycles: Key.Counter,
  run_hours: Key.RunHours,
};

/**
 * The reports of one device from its first tick to `now`. `runHoursAtNow`: the asset's run-hours counter, which
 * the device's run_hours metric reaches at the load. Away from the last day and from the episodes, up to five minutes'
 * reports are made as one (weighted), which keeps a month of 10-second reports quick to make.
 */
export function deviceData(
  plan: MachinePlan,
  now: number,
  runHoursAtNow: number | null,
  /** Sees each report (or `weight` equal reports a tick apart) as it is made: history.test.ts runs the rules over them. */
  observe?: (ts: number, values: readonly number[], weight: number) => void,
): DeviceData {
  const definitions = metricsOfType(plan.deviceType);
  const keys = definitions.map((d) => KEYS[d.key] ?? Key.Other);
  const gauges = GAUGES[kindOf(plan.machine)] ?? DEFAULT_GAUGES;
  const random = streamOf('values', plan.machine.code);
  const own = 0.95 + random() * 0.1; // this machine draws a little more or less than its kind
  const interval = plan.intervalMs;
  /** Reports made as one away from the last day and the episodes (never across a change of state or an hour). */
  const perStep = Math.max(1, Math.floor((5 * MINUTE) / interval));
  const firstTick = plan.watchedFrom + plan.phaseMs;
  const minuteFrom = now - DAY - ((now - DAY) % MINUTE);
  const fineFrom = minuteFrom - interval;
  const rawFrom = now - HOUR;

  const series: SeriesData[] = definitions.map((d) => ({ key: d.key, hours: [], minutes: [], raw: [], last: null }));
  const hours = new Buckets(
    HOUR,
    series.map((s) => s.hours),
  );
  const minutes = new Buckets(
    MINUTE,
    series.map((s) => s.minutes),
  );

  // counters: run hours end at the asset's counter; shots and cycles start from what the machine had counted
  const runningMs = plan.periods
    .filter((p) => p.state === 'running')
    .reduce((sum, p) => sum + Math.max(0, Math.min(p.end ?? now, now) - p.start), 0);
  let runHours = Math.max(0, (runHoursAtNow ?? 8000 + random() * 20_000) - runningMs / HOUR);
  let cycles = Math.round(200_000 + random() * 1_500_000);
  let cycleCarry = 0;
  let oil = AMBIENT + 2;
  let ampsNoise = 0;
  let pressureNoise = 0;
  let oilNoise = 0;

  const alarms: DemoAlarm[] = [];
  const periods = plan.periods;
  let p = 0;
  const episodes = plan.episodes;
  let e = 0;
  let reports = 0;
  let lastSeen: number | null = null;
  const values = new Array<number>(definitions.length).fill(0);

  const rules = DEMO_ALARM_RULES;
  const oilThreshold = rules.oil_temp.threshold!;
  const oilClear = rules.oil_temp.clearThreshold!;
  const cooling = 20 * MINUTE;
  // how far the oil moves towards its target in a step: warming while running, cooling slower otherwise
  const warmStep = (k: number) => 1 - Math.exp(-(k * interval) / (25 * MINUTE));
  const coolStep = (k: number) => 1 - Math.exp(-(k * interval) / (2 * cooling));
  const warm = Array.from({ length: perStep + 1 }, (_, k) => warmStep(k));
  const cool = Array.from({ length: perStep + 1 }, (_, k) => coolStep(k));
  let raisedOil: DemoAlarm | null = null;
  let raisedAmps: DemoAlarm | null = null;
  /** An overheat stops shaping the oil once it is back under the clear threshold. */
  let released: Episode | null = null;

  for (let t = firstTick; t <= now;) {
    while (e < episodes.length && episodeEnd(episodes[e]!, now) < t) e++;
    const next = episodes[e];
    const episode = next && episodeFrom(next) <= t ? next : null;
    if (episode?.kind === 'outage' && t > episode.lastTick && t < episode.resumeAt) {
      t = episode.resumeAt; // silent
      continue;
    }
    while (p + 1 < periods.length && periods[p + 1]!.start <= t) p++;
    // one report, or a few minutes' made as one where nothing needs them one by one
    let weight = 1;
    if (!episode && t < fineFrom) {
      const hourEnd = t - (t % HOUR) + HOUR;
      const change = p + 1 < periods.length ? periods[p + 1]!.start : Infinity;
      const until = Math.min(hourEnd, change, fineFrom, next ? episodeFrom(next) - interval : Infinity, now + 1);
      weight = Math.max(1, Math.min(perStep, Math.ceil((until - t) / interval)));
    }
    const period = periods[p]!.state;
    const state: MachineState = period === 'offline' ? 'idle' : period;
    if (episode?.kind === 'outage' && t === episode.resumeAt && episode.raisedAt !== null)
      alarms.push({
        rule: 'no_data',
        raisedAt: episode.raisedAt,
        clearedAt: t,
        value: STATE_CODE[state],
        message: episode.message,
        workOrderId: null,
      });

    // gauges
    const running = state === 'running';
    ampsNoise = ampsNoise * 0.7 + (random() - 0.5) * 2.4;
    pressureNoise = pressureNoise * 0.8 + (random() - 0.5) * 0.5;
    oilNoise = oilNoise * 0.9 + (random() - 0.5) * 0.12;
    const oilTarget = running ? gauges.oil * own : state === 'idle' ? AMBIENT + 3 : AMBIENT;
    oil += (oilTarget - oil) * (running ? warm[weight]! : cool[weight]!);
    let oilValue = Math.min(OIL_CEILING, oil + oilNoise);
    let amps = running
      ? Math.min(AMPS_CEILING, gauges.amps * own + ampsNoise * 1.6)
      : state === 'idle'
        ? gauges.idleAmps + ampsNoise * 0.2
        : 0;
    amps = Math.max(0, amps);

    if (episode?.kind === 'overheat' && episode !== released) {
      if (t < episode.breachFrom) {
        // rising towards the threshold, never over it before the breach
        const share = (t - episode.rampFrom) / Math.max(1, episode.breachFrom - episode.rampFrom);
        oilValue = Math.min(oilThreshold - 0.4, oilValue + (oilThreshold - 0.4 - oilValue) * share);
      } else {
        const settle = episode.stopAt ?? episode.recoverFrom;
        if (settle === null || t < settle) oilValue = overheatValue(episode, t);
        else {
          // stopped: cooling towards the room; fixed while running: back to its running temperature
          const floor = episode.stopAt !== null ? AMBIENT : gauges.oil * own;
          const fall = episode.stopAt !== null ? cooling : 8 * MINUTE;
          const from = overheatValue(episode, settle);
          oilValue = floor + (from - floor) * Math.exp(-(t - settle) / fall);
          if (oilValue < oilClear - 0.5) released = episode;
        }
      }
      oil = oilValue;
    }
    if (episode?.kind === 'overload' && t >= episode.breachFrom && t <= episode.raisedAt) amps = episode.value;

    // the values, rounded as the device sends them
    for (let i = 0; i < keys.length; i++) {
      const d = definitions[i]!;
      switch (keys[i]) {
        case Key.State:
          values[i] = STATE_CODE[state];
          break;
        case Key.Oil:
          values[i] = roundMetric(d, oilValue);
          break;
        case Key.Amps:
          values[i] = roundMetric(d, amps);
          break;
        case Key.Power:
          values[i] = roundMetric(d, amps * 0.38 * 1.732 * 0.85);
          break;
        case Key.Pressure:
          values[i] = roundMetric(
            d,
            Math.max(
              0,
              running ? gauges.pressure * own + pressureNoise * 2 : state === 'idle' ? gauges.idlePressure + pressureNoise * 0.3 : 0,
            ),
          );
          break;
        case Key.Counter:
          values[i] = cycles;
          break;
        case Key.RunHours:
          values[i] = Math.round(runHours * 10) / 10;
          break;
        default:
          values[i] = 0;
      }
    }
    observe?.(t, values, weight);
    hours.add(t, values, weight);
    if (t >= minuteFrom) minutes.add(t, values, 1);
    if (t >= rawFrom) for (let i = 0; i < values.length; i++) series[i]!.raw.push([0, t, values[i]!]);
    reports += weight;
    lastSeen = t + (weight - 1) * interval;

    // the rules over what was just reported (the monitor's judgement: held long enough, cleared with hysteresis)
    const oilNow = values[oilIndexOf(keys)] ?? 0;
    const ampsNow = values[ampsIndexOf(keys)] ?? 0;
    if (episode?.kind === 'overheat' && t === episode.raisedAt) {
      raisedOil = {
        rule: 'oil_temp',
        raisedAt: t,
        clearedAt: null,
        value: oilNow,
        message: episode.message,
        workOrderId: episode.workOrderId,
      };
      alarms.push(raisedOil);
    } else if (raisedOil && oilNow <= oilClear) {
      raisedOil.clearedAt = t;
      raisedOil.value = oilNow;
      raisedOil = null;
    }
    if (episode?.kind === 'overload' && t === episode.raisedAt) {
      raisedAmps = {
        rule: 'current',
        raisedAt: t,
        clearedAt: null,
        value: ampsNow,
        message: episode.message,
        workOrderId: episode.workOrderId,
      };
      alarms.push(raisedAmps);
    } else if (raisedAmps && ampsNow <= rules.current.clearThreshold!) {
      raisedAmps.clearedAt = t;
      raisedAmps.value = ampsNow;
      raisedAmps = null;
    }

    // counters move while it runs
    if (running) {
      runHours += (weight * interval) / HOUR;
      cycleCarry += ((weight * interval) / SECOND / gauges.cycleS) * (0.9 + random() * 0.2);
      const whole = Math.floor(cycleCarry);
      cycles += whole;
      cycleCarry -= whole;
    }
    t += weight * interval;
  }
  hours.flush();
  minutes.flush();

  for (const s of series) {
    const last = s.hours[s.hours.length - 1];
    s.last = last ? { ts: last[7], value: last[6] } : null;
  }
  return { keys: definitions.map((d) => d.key), series, reports, points: reports * definitions.length, lastSeen, alarms };
}

const oilIndexOf = (keys: readonly Key[]) => keys.indexOf(Key.Oil);
const ampsIndexOf = (keys: readonly Key[]) => keys.indexOf(Key.Amps);

const episodeFrom = (e: Episode): number => (e.kind === 'overheat' ? e.rampFrom : e.kind === 'overload' ? e.breachFrom : e.lastTick);

/** The last tick an episode shapes: an overheat until its oil is back under the clear threshold (bounded). */
function episodeEnd(e: Episode, now: number): number {
  if (e.kind === 'outage') return e.resumeAt;
  if (e.kind === 'overload') return e.raisedAt;
  const settle = e.stopAt ?? e.recoverFrom;
  return settle === null ? now : settle + 2 * HOUR;
}
