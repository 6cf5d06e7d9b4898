// Demo machine data: one connected device per machine of the demo enterprises (the presses and lines of 银轮,
// 三力士, 祥和…), the alarm rules a plant would really set, and what the devices have reported since they were
// fitted (demo/history.ts decides it, demo/history-metrics.ts makes the values): state periods, the last day's
// minute rollups, hour rollups of all of it, the last hour's raw points, and the alarms the rules raised, linked
// to the repair orders they opened. Written in bulk, a few thousand rows a statement, inside the demo's
// transaction. The simulator then publishes live, so the screens move on from there.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DbEngine } from '../../db/connection';
import { DEMO_ALARM_RULES, streamOf, type DemoRuleKey, type MachineHistory } from '../../demo/history';
import { deviceData } from '../../demo/history-metrics';
import type { IdentityTables } from '../identity';
import { dialectOf, type BulkColumn, type TelemetryDialect } from './dialect';
import { newAccessToken } from './ingest';
import { newDeviceRow } from './device-row';
import { ROLLUP_COLUMNS } from './points.repository';
import type { TelemetryTables } from './telemetry.tables';

const MINUTE = 60_000;
/** Rows per statement: large enough to be quick, small enough for PostgreSQL's arrays and SQLite's JSON. */
const CHUNK = 5_000;

const POINT_COLUMNS: readonly BulkColumn[] = [
  ['series_id', 'int'],
  ['ts', 'bigint'],
  ['value', 'float8'],
];
const PERIOD_COLUMNS: readonly BulkColumn[] = [
  ['id', 'varchar'],
  ['device_id', 'varchar'],
  ['enterprise_id', 'varchar'],
  ['state', 'varchar'],
  ['started_at', 'bigint'],
  ['ended_at', 'bigint'],
];

/**
 * Rows waiting for their statement, written a chunk at a time. On PostgreSQL the statement runs while the next
 * device's reports are made (one statement in flight; its failure surfaces at the next write or at the end).
 */
class BulkWriter {
  private rows: unknown[][] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly db: Kysely<TelemetryTables & IdentityTables>,
    private readonly dialect: TelemetryDialect,
    private readonly table: string,
    private readonly columns: readonly BulkColumn[],
  ) {}

  async add(rows: readonly unknown[][]): Promise<void> {
    for (const row of rows) {
      this.rows.push(row);
      if (this.rows.length >= CHUNK) await this.write();
    }
  }

  private async write(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure;
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    const names = this.columns.map(([name]) => sql.id(name));
    const fields = this.columns.map(([name]) => sql.ref(`u.${name}`));
    this.inFlight = sql`insert into ${sql.table(this.table)} (${sql.join(names)})
      select ${sql.join(fields)} from ${bulkRows(this.dialect, this.columns, rows)}`
      .execute(this.db)
      .then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= error;
        },
      );
  }

  /** Writes what is left and waits for it. */
  async end(): Promise<void> {
    await this.write();
    await this.inFlight;
    if (this.failure) throw this.failure;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * dialect.bulk's table expression; on PostgreSQL with each column's array sent as its literal ('{1,2,3}'), which
 * PostgreSQL parses faster than node-postgres builds it from an array (measured: 1.8 s against 2.6 s for 400,000
 * rollup rows): hundreds of thousands of rows at a first start.
 */
function bulkRows(dialect: TelemetryDialect, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly unknown[]>) {
  if (dialect.engine !== 'postgres') return dialect.bulk(columns, rows);
  const element = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${String(v).replace(/["\\]/g, '\\$&')}"`);
  const arrays = columns.map(([, type], i) => sql`${`{${rows.map((r) => element(r[i])).join(',')}}`}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(arrays)}) as u(${sql.join(columns.map(([name]) => sql.id(name)))})`;
}

export async function loadTelemetryDemo(
  db: Kysely<TelemetryTables & IdentityTables>,
  history: MachineHistory,
  engine: DbEngine,
): Promise<void> {
  const dialect = dialectOf(engine);
  const now = history.now;
  const plans = [...history.machines].sort((a, b) => a.machine.code.localeCompare(b.machine.code));

  // Each enterprise set its rules when its first devices were fitted.
  const enterprises = new Map<string, number>();
  for (const plan of plans)
    enterprises.set(plan.machine.enterpriseId, Math.min(plan.watchedFrom, enterprises.get(plan.machine.enterpriseId) ?? Infinity));
  const ruleIds = new Map<string, string>();
  for (const [enterpriseId, since] of enterprises) {
    const at = iso(since);
    await db
      .insertInto('alarm_rules')
      .values(
        Object.values(DEMO_ALARM_RULES).map((rule) => {
          const id = randomUUID();
          ruleIds.set(`${enterpriseId}|${rule.key}`, id);
          return {
            id,
            enterprise_id: enterpriseId,
            name: rule.name,
            device_type: null,
            metric: rule.metric,
            condition: rule.condition,
            threshold: rule.threshold,
            clear_threshold: rule.clearThreshold,
            duration_s: rule.durationS,
            severity: rule.severity,
            open_work_order: rule.openWorkOrder ? 1 : 0,
            active: 1,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .execute();
  }

  // Who acknowledges alarms: the enterprise's admin, where the demo has one.
  const admins = new Map(
    (
      await db.selectFrom('users').select(['id', 'organisation_id']).where('role', '=', 'enterprise_admin').orderBy('username').execute()
    ).map((u) => [u.organisation_id, u.id]),
  );
  const runHours = new Map(
    (await db.selectFrom('asset_counters').select(['asset_id', 'value']).where('counter', '=', 'run_hours').execute()).map((c) => [
      c.asset_id,
      Number(c.value),
    ]),
  );

  const hours = new BulkWriter(db, dialect, 'telemetry_rollup_1h', ROLLUP_COLUMNS);
  const minutes = new BulkWriter(db, dialect, 'telemetry_rollup_1m', ROLLUP_COLUMNS);
  const points = new BulkWriter(db, dialect, 'telemetry_points', POINT_COLUMNS);
  const periods = new BulkWriter(db, dialect, 'machine_state_periods', PERIOD_COLUMNS);
  const alarms: Array<TelemetryTables['alarms']> = [];

  for (const plan of plans) {
    const { machine } = plan;
    const data = deviceData(plan, now, runHours.get(machine.assetId) ?? null);
    const device = {
      ...newDeviceRow(
        {
          enterprise_id: machine.enterpriseId,
          asset_id: machine.assetId,
          name: plan.deviceName,
          kind: 'device',
          device_type: plan.deviceType,
          access_token: newAccessToken(),
        },
        iso(plan.watchedFrom),
      ),
      last_seen_at: data.lastSeen === null ? null : iso(data.lastSeen),
      messages: data.reports,
      points: data.points,
    };
    await db.insertInto('devices').values(device).execute();

    const series = await db
      .insertInto('telemetry_series')
      .values(
        data.series.map((s) => ({
          device_id: device.id,
          key: s.key,
          last_ts: s.last?.ts ?? plan.watchedFrom,
          last_value: s.last?.value ?? 0,
        })),
      )
      .returning(['id', 'key'])
      .execute();
    const idOf = new Map(series.map((s) => [s.key, Number(s.id)]));
    for (const s of data.series) {
      const id = idOf.get(s.key)!;
      for (const rows of [s.hours, s.minutes, s.raw]) for (const row of rows) row[0] = id;
      await hours.add(s.hours);
      await minutes.add(s.minutes);
      await points.add(s.raw);
    }

    await periods.add(plan.periods.map((p) => [randomUUID(), device.id, machine.enterpriseId, p.state, p.start, p.end]));
    const current = plan.periods[plan.periods.length - 1]!;
    await db
      .insertInto('machine_states')
      .values({
        device_id: device.id,
        enterprise_id: machine.enterpriseId,
        asset_id: machine.assetId,
        state: current.state,
        since: current.start,
      })
      .execute();

    const admin = admins.get(machine.enterpriseId) ?? null;
    for (const a of data.alarms) {
      const rule = DEMO_ALARM_RULES[a.rule as DemoRuleKey];
      const random = streamOf('ack', machine.code, String(a.raisedAt));
      // what people have seen to: alarms more than an hour old, acknowledged a few minutes after they rose
      const acknowledgedAt = admin && a.raisedAt < now - 60 * MINUTE ? a.raisedAt + (3 + random() * 22) * MINUTE : null;
      alarms.push({
        id: randomUUID(),
        enterprise_id: machine.enterpriseId,
        rule_id: ruleIds.get(`${machine.enterpriseId}|${rule.key}`)!,
        device_id: device.id,
        asset_id: machine.assetId,
        severity: rule.severity,
        status: a.clearedAt === null ? 'raised' : 'cleared',
        message: a.message.slice(0, 500),
        value: a.value,
        raised_at: iso(a.raisedAt),
        cleared_at: a.clearedAt === null ? null : iso(a.clearedAt),
        acknowledged_by: acknowledgedAt === null ? null : admin,
        acknowledged_at: acknowledgedAt === null ? null : iso(acknowledgedAt),
        work_order_id: a.workOrderId,
      });
    }
  }
  for (const writer of [hours, minutes, points, periods]) await writer.end();
  for (let i = 0; i < alarms.length; i += 500)
    await db
      .insertInto('alarms')
      .values(alarms.slice(i, i + 500))
      .execute();
}
