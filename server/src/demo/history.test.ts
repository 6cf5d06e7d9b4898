// The demo county has been running (#14): each machine's device carries its states and rolled-up values since it
// was fitted, the alarm rules run over those values raise exactly the alarms the demo holds, the alarms that open
// orders are the repairs' alarms, and the figures the screens and the maintenance page read — utilisation per day,
// MTBF, MTTR, availability — are those of a two-shift county. The same instant always loads the same county.
import { metricsOfType, type PlantScreenView } from '@tiantai/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase } from '../../test/engines';
import { createTestApp, login, type TestApp } from '../../test/harness';
import type { Database } from '../app';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { judge } from '../modules/telemetry/monitor';
import { DEMO_ALARM_RULES, HISTORY_DAYS, planMachineHistory, type HistoryMachine, type MachinePlan } from './history';
import { deviceData, type DemoAlarm } from './history-metrics';
import { loadDemoData } from './load-demo';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The demo's shop floors as assets.demo.ts registers them: 15 machines an enterprise, seven kinds, three in a special state. */
function demoMachines(): HistoryMachine[] {
  const kinds = ['注塑机', '压铸机', '冲压机', '数控加工中心', '数控车床', '钎焊炉', '空压机'];
  return ['YL', 'SLS', 'XH'].flatMap((prefix) =>
    Array.from({ length: 15 }, (_, i) => {
      const n = i + 1;
      return {
        assetId: `${prefix}-${n}`,
        enterpriseId: prefix,
        code: `${prefix}-EQ-${String(n).padStart(3, '0')}`,
        name: `${kinds[i % 7]!} ${Math.ceil(n / 7)}#`,
        lifecycle: n === 4 ? 'under_maintenance' : n === 11 ? 'under_repair' : n === 13 ? 'idle' : 'in_service',
        press: i % 7 < 3,
      } satisfies HistoryMachine;
    }),
  );
}

/** The machine monitor's judgement over a device's reports: threshold rules held for their duration, cleared with hysteresis, silence. */
function alarmsByRules(
  plan: MachinePlan,
  now: number,
): { made: DemoAlarm[]; judged: Array<Omit<DemoAlarm, 'message' | 'workOrderId' | 'value'>> } {
  const judged: Array<Omit<DemoAlarm, 'message' | 'workOrderId' | 'value'>> = [];
  const threshold = [DEMO_ALARM_RULES.oil_temp, DEMO_ALARM_RULES.current].map((rule) => ({
    rule,
    since: null as number | null,
    raised: null as (typeof judged)[number] | null,
  }));
  const keys = metricsOfType(plan.deviceType).map((d) => d.key);
  let last: number | null = null;
  const noData = DEMO_ALARM_RULES.no_data.durationS * SECOND;
  const data = deviceData(plan, now, null, (ts, values, weight) => {
    for (let k = 0; k < weight; k++) {
      const t = ts + k * plan.intervalMs;
      if (last !== null && t - last > noData) judged.push({ rule: 'no_data', raisedAt: last + noData, clearedAt: t });
      last = t;
      for (const r of threshold) {
        const value = values[keys.indexOf(r.rule.metric!)]!;
        const { breach, clear } = judge(
          { condition: r.rule.condition, threshold: r.rule.threshold, clear_threshold: r.rule.clearThreshold },
          value,
        );
        if (breach) {
          r.since ??= t;
          if (!r.raised && t - r.since >= r.rule.durationS * SECOND) {
            r.raised = { rule: r.rule.key, raisedAt: t, clearedAt: null };
            judged.push(r.raised);
          }
        } else {
          r.since = null;
          if (r.raised && clear) {
            r.raised.clearedAt = t;
            r.raised = null;
          }
        }
      }
    }
  });
  return { made: data.alarms, judged: judged.sort((a, b) => a.raisedAt - b.raisedAt || a.rule.localeCompare(b.rule)) };
}

describe('the demo machine history, planned (pure)', () => {
  // A weekday's lunch break, a Sunday night, a Saturday afternoon, and whenever this runs.
  const instants = ['2026-03-12T04:10:00Z', '2026-03-15T14:00:00Z', '2026-06-06T07:10:00Z', new Date().toISOString()];

  it.each(instants)('at %s: states from each device’s fitting to now, and the rules raise exactly the demo’s alarms', (instant) => {
    const now = Date.parse(instant);
    const history = planMachineHistory(demoMachines(), now);
    expect(history.from).toBeLessThanOrEqual(now - HISTORY_DAYS * DAY);
    const lateFitted = history.machines.filter((m) => m.watchedFrom > history.from);
    expect(lateFitted).toHaveLength(6); // two machines an enterprise got their devices later, on a day in the past
    for (const m of lateFitted) expect(m.watchedFrom).toBeLessThan(now - 5 * DAY);

    const running = new Map<string, { running: number; watched: number }>();
    for (const plan of history.machines) {
      const { periods } = plan;
      // contiguous from the first report to now, the last one open
      expect(periods[0]!.start).toBe(plan.watchedFrom + plan.phaseMs);
      for (let i = 1; i < periods.length; i++) {
        expect(periods[i]!.start).toBe(periods[i - 1]!.end);
        expect(periods[i]!.state).not.toBe(periods[i - 1]!.state);
      }
      expect(periods.at(-1)!.end).toBeNull();
      expect(periods.at(-1)!.start).toBeLessThanOrEqual(now);

      // the machine's asset says what it does now
      const current = periods.at(-1)!.state;
      if (plan.machine.lifecycle === 'under_repair') expect(current).toBe('down');
      if (plan.machine.lifecycle === 'idle') expect(periods.every((p) => p.state !== 'running')).toBe(true);

      // every repair since the fitting kept the machine down for its downtime
      for (const r of plan.repairs.filter((r) => r.downtimeStart !== null && r.downtimeStart >= plan.watchedFrom + HOUR)) {
        const atStart = periods.find(
          (p) => p.start <= r.downtimeStart! + plan.intervalMs && (p.end ?? Infinity) > r.downtimeStart! + plan.intervalMs,
        );
        expect(['down', 'offline']).toContain(atStart?.state);
      }
      // a repair still open only on the machine under repair
      const open = plan.repairs.filter((r) => r.downtimeStart !== null && r.downtimeEnd === null);
      expect(open.length).toBe(plan.machine.lifecycle === 'under_repair' ? 1 : 0);

      const { made, judged } = alarmsByRules(plan, now);
      const key = (a: { rule: string; raisedAt: number; clearedAt: number | null }) => `${a.rule} ${a.raisedAt} ${a.clearedAt}`;
      // silences: the sweep raises within its 10 s after the rule's 300 s
      const normalised = made.map((a) =>
        a.rule === 'no_data'
          ? { ...a, raisedAt: judged.find((j) => j.rule === 'no_data' && j.clearedAt === a.clearedAt)?.raisedAt ?? -1 }
          : a,
      );
      expect(normalised.map(key).sort(), plan.machine.code).toEqual(judged.map(key).sort());
      for (const a of made.filter((a) => a.rule === 'no_data'))
        expect(a.raisedAt - normalised.find((n) => n.clearedAt === a.clearedAt)!.raisedAt).toBeLessThan(10 * SECOND);
      // the alarms that open orders name their order
      for (const a of made) expect(a.workOrderId !== null, a.message).toBe(DEMO_ALARM_RULES[a.rule].openWorkOrder);

      const watched = running.get(plan.machine.enterpriseId) ?? { running: 0, watched: 0 };
      running.set(plan.machine.enterpriseId, watched);
      for (const p of periods) {
        const end = p.end ?? now;
        watched.watched += end - p.start;
        if (p.state === 'running') watched.running += end - p.start;
      }
    }
    // a two-shift county: each enterprise runs 28–65 % of the time over its month, weekends and breakdowns included
    for (const [enterprise, { running: r, watched }] of running) {
      expect(r / watched, enterprise).toBeGreaterThan(0.28);
      expect(r / watched, enterprise).toBeLessThan(0.65);
    }
  });

  it('plans the same history for the same instant, and shares the days before with a load a day later', () => {
    const now = Date.parse('2026-03-12T04:10:00Z');
    const a = planMachineHistory(demoMachines(), now);
    const b = planMachineHistory(demoMachines(), now);
    const shape = (h: typeof a) => h.machines.map((m) => ({ periods: m.periods, repairs: m.repairs.map(({ id: _id, ...r }) => r) }));
    expect(shape(b)).toEqual(shape(a));
    const later = planMachineHistory(demoMachines(), now + DAY);
    const day = (h: typeof a, from: number, to: number) =>
      h.machines.map((m) => m.periods.filter((p) => p.start >= from && p.end !== null && p.end < to));
    expect(day(later, now - 10 * DAY, now - 9 * DAY)).toEqual(day(a, now - 10 * DAY, now - 9 * DAY));
  });
});

interface Fingerprint {
  [figure: string]: unknown;
}

/** What a load put in the database, by figures and names (ids are random). */
async function fingerprint(db: Kysely<Database>): Promise<Fingerprint> {
  const one = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    rollups: await one(sql`select 'h' as t, count(*) as n, sum(count) as reports, round(sum(sum)) as total from telemetry_rollup_1h
      union all select 'm', count(*), sum(count), round(sum(sum)) from telemetry_rollup_1m
      union all select 'p', count(*), count(*), round(sum(value)) from telemetry_points order by 1`),
    periods: await one(sql`select a.code, p.state, count(*) as n, sum(coalesce(p.ended_at, 0) - p.started_at) as ms
      from machine_state_periods p join devices d on d.id = p.device_id join assets a on a.id = d.asset_id group by a.code, p.state order by 1, 2`),
    devices: await one(sql`select a.code, d.name, d.device_type, d.created_at, d.last_seen_at, d.messages, d.points
      from devices d join assets a on a.id = d.asset_id order by 1`),
    alarms: await one(sql`select a.code, al.message, al.status, al.value, al.raised_at, al.cleared_at, w.number
      from alarms al join assets a on a.id = al.asset_id left join work_orders w on w.id = al.work_order_id order by 1, 5, 2`),
    repairs: await one(sql`select a.code, w.number, w.title, w.status, w.created_at, w.downtime_start, w.downtime_end, w.completed_at
      from work_orders w join assets a on a.id = w.asset_id where w.kind = 'repair' order by 2`),
  };
}

describe.each(ENGINES)('the demo county’s machine history on %s', (engine) => {
  // Loaded at this minute, so the plant screen's week (today's) is the history's last week.
  const at = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demoAt: at });
  });
  afterAll(async () => t?.close());

  it('gives every demo device its states and hour rollups since its fitting, the last day by minute and the last hour raw', async () => {
    const now = at.getTime();
    const devices = await t.db
      .selectFrom('devices')
      .innerJoin('assets', 'assets.id', 'devices.asset_id')
      .select(['devices.id', 'devices.created_at', 'devices.device_type', 'assets.code'])
      .execute();
    expect(devices).toHaveLength(45);
    // most were fitted 30 days ago, at a county midnight; six later, every one in the past
    const fitted = devices.map((d) => Date.parse(d.created_at));
    expect(fitted.filter((f) => f <= now - HISTORY_DAYS * DAY)).toHaveLength(39);
    for (const f of fitted) expect(f).toBeLessThan(now - 5 * DAY);

    const periods = await t.db
      .selectFrom('machine_state_periods')
      .select(['device_id', 'state', 'started_at', 'ended_at'])
      .orderBy('started_at')
      .execute();
    const perSeries = await sql<{
      device_id: string;
      key: string;
      table: string;
      buckets: number;
      first: number;
      last: number;
      reports: number;
    }>`
      select s.device_id, s.key, '1h' as "table", count(*) as buckets, min(r.bucket) as first, max(r.bucket) as last, sum(r.count) as reports
        from telemetry_series s join telemetry_rollup_1h r on r.series_id = s.id group by s.device_id, s.key
      union all
      select s.device_id, s.key, '1m', count(*), min(r.bucket), max(r.bucket), sum(r.count)
        from telemetry_series s join telemetry_rollup_1m r on r.series_id = s.id group by s.device_id, s.key
      union all
      select s.device_id, s.key, 'raw', count(*), min(p.ts), max(p.ts), count(*)
        from telemetry_series s join telemetry_points p on p.series_id = s.id group by s.device_id, s.key`.execute(t.db);
    for (const d of devices) {
      const created = Date.parse(d.created_at);
      const own = periods.filter((p) => p.device_id === d.id);
      // contiguous periods from its fitting to now, the last one open
      expect(Number(own[0]!.started_at) - created, d.code).toBeLessThan(20 * SECOND);
      for (let i = 1; i < own.length; i++) expect(Number(own[i]!.started_at)).toBe(Number(own[i - 1]!.ended_at));
      expect(own.at(-1)!.ended_at).toBeNull();

      const interval = d.device_type === 'press' ? 10 * SECOND : 20 * SECOND;
      const series = perSeries.rows.filter((s) => s.device_id === d.id);
      expect(new Set(series.map((s) => s.key)).size, d.code).toBe(d.device_type === 'press' ? 6 : 7);
      for (const s of series) {
        const first = Number(s.first);
        const last = Number(s.last);
        const buckets = Number(s.buckets);
        if (s.table === '1h') {
          // every hour from its fitting to this one, but an hour a silence took whole
          expect(first, d.code).toBe(created - (created % HOUR));
          expect(last).toBeGreaterThanOrEqual(now - interval - ((now - interval) % HOUR)); // its last report's
          expect(last).toBeLessThanOrEqual(now);
          expect(buckets).toBeGreaterThan(0.98 * ((last - first) / HOUR + 1));
          expect(Number(s.reports)).toBeGreaterThan(0.97 * ((now - created) / interval));
        } else if (s.table === '1m') {
          expect(first).toBeGreaterThanOrEqual(now - DAY - MINUTE);
          expect(last).toBeGreaterThanOrEqual(now - interval - ((now - interval) % MINUTE)); // its last report's
          expect(last).toBeLessThanOrEqual(now);
          expect(buckets).toBeGreaterThan(0.95 * 24 * 60);
        } else {
          expect(first).toBeGreaterThanOrEqual(now - HOUR);
          expect(buckets).toBeGreaterThan((0.9 * HOUR) / interval);
        }
      }
    }
  });

  it('reads like two shifts on the plant screen: each day of the week has a utilisation, weekdays 25–80 %', async () => {
    const yinlun = await login(t.app, 'yinlun');
    const plants = (await yinlun.get('/api/plants')).json<Array<{ id: string; name: string }>>();
    expect(plants.length).toBe(2);
    for (const plant of plants) {
      const screen = (await yinlun.get(`/api/screens/plant/${plant.id}`)).json<PlantScreenView>();
      expect(screen.week).toHaveLength(7);
      screen.week.forEach((day, i) => {
        expect(day.utilisation, `${plant.name} ${day.date}`).not.toBeNull();
        expect(day.utilisation!).toBeGreaterThanOrEqual(0);
        expect(day.utilisation!).toBeLessThan(0.85);
        const weekday = new Date(`${day.date}T12:00:00Z`).getUTCDay();
        // whole working days (today is still going): two shifts of the day's 24 hours, less breaks, breakdowns
        // and the plant's idle machine
        if (i < 6 && weekday >= 1 && weekday <= 5) {
          expect(day.utilisation!, `${plant.name} ${day.date}`).toBeGreaterThan(0.25);
          expect(day.utilisation!, `${plant.name} ${day.date}`).toBeLessThan(0.8);
        }
        // the same day's availability from the repairs: a day is never lost whole
        if (i < 6) expect(day.availability!).toBeGreaterThan(0.6);
      });
    }
  });

  it('links each alarm that opens an order to its repair, opened when the alarm rose, its downtime on the machine', async () => {
    const alarms = await t.db
      .selectFrom('alarms')
      .innerJoin('alarm_rules', 'alarm_rules.id', 'alarms.rule_id')
      .leftJoin('work_orders', 'work_orders.id', 'alarms.work_order_id')
      .select([
        'alarms.device_id',
        'alarms.asset_id',
        'alarms.raised_at',
        'alarms.status',
        'alarm_rules.open_work_order',
        'alarm_rules.condition',
        'work_orders.asset_id as order_asset',
        'work_orders.kind',
        'work_orders.created_at as order_created',
        'work_orders.downtime_start',
        'work_orders.status as order_status',
      ])
      .execute();
    expect(alarms.filter((a) => Number(a.open_work_order) === 1).length).toBeGreaterThan(30);
    expect(alarms.filter((a) => a.condition === 'no_data').length).toBeGreaterThan(5);
    const downPeriods = await t.db
      .selectFrom('machine_state_periods')
      .select(['device_id', 'started_at', 'ended_at'])
      .where('state', '=', 'down')
      .execute();
    let stopped = 0;
    for (const a of alarms) {
      if (Number(a.open_work_order) !== 1) {
        expect(a.order_asset).toBeNull();
        continue;
      }
      expect(a.order_asset).toBe(a.asset_id);
      expect(a.kind).toBe('repair');
      expect(a.order_created).toBe(a.raised_at);
      if (a.downtime_start === null) continue; // fixed while the machine ran (a cooler cleaned)
      stopped++;
      const start = Date.parse(a.downtime_start);
      expect(
        downPeriods.some((p) => p.device_id === a.device_id && Number(p.started_at) === start),
        a.raised_at,
      ).toBe(true);
    }
    expect(stopped).toBeGreaterThan(20);
    // open: the machines under repair (waiting for parts), and what rose in the last hours
    const open = await t.db
      .selectFrom('work_orders')
      .select(['status', 'asset_state_set'])
      .where('kind', '=', 'repair')
      .where('completed_at', 'is', null)
      .execute();
    expect(open.filter((o) => o.asset_state_set === 'under_repair')).toHaveLength(3);
  });

  it('gives the maintenance KPIs of a running county: availability 85–99.5 %, MTBF well above MTTR', async () => {
    const day = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    const period = `from=${day(at.getTime() - HISTORY_DAYS * DAY)}&to=${day(at.getTime() - DAY)}`;
    const leader = await login(t.app, 'leader');
    const county = (await leader.get(`/api/maintenance/kpis/county?${period}`)).json<{ total: Record<string, number> }>().total;
    const yinlun = (await (await login(t.app, 'yinlun')).get(`/api/maintenance/kpis?${period}`)).json<{ total: Record<string, number> }>()
      .total;
    for (const kpi of [county, yinlun]) {
      expect(kpi.failures).toBeGreaterThan(10);
      expect(kpi.availability).toBeGreaterThan(0.85);
      expect(kpi.availability).toBeLessThan(0.995);
      expect(kpi.mtbfHours).toBeGreaterThan(5 * kpi.mttrHours!);
      expect(kpi.mttrHours).toBeGreaterThan(1);
      expect(kpi.mttrHours).toBeLessThan(48);
    }
  });

  it('loads the same county twice', async () => {
    const again = await createTestDatabase(engine);
    const { db } = openDatabase<Database>(again.location);
    try {
      await migrateToLatest(db);
      await loadDemoData(db, at);
      expect(await fingerprint(db)).toEqual(await fingerprint(t.db));
    } finally {
      await db.destroy();
      await again.drop();
    }
  });
});
