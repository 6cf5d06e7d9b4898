// Devices, series, machine states, alarm rules and alarms: every statement the telemetry service, the ingest
// path and the machine monitor run on them. Enterprise-scoped reads take the enterprise id, so another
// enterprise's ids are simply not found. The stored points themselves are in points.repository.ts.
import { randomUUID } from 'node:crypto';
import type { MachineState } from '@tiantai/shared';
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { TelemetryDialect } from './dialect';
import { deleteSeriesOf } from './points.repository';
import type { AlarmRulesTable, AlarmsTable, DevicesTable, TelemetryTables } from './telemetry.tables';

type Db = Kysely<TelemetryTables>;

// ---- devices ----

const devicesWithState = (db: Db) =>
  db
    .selectFrom('devices')
    .leftJoin('assets', 'assets.id', 'devices.asset_id')
    .leftJoin('machine_states', 'machine_states.device_id', 'devices.id')
    .selectAll('devices')
    .select(['assets.name as asset_name', 'assets.code as asset_code', 'machine_states.state', 'machine_states.since']);

export function findDevice(db: Db, enterpriseId: string, id: string) {
  return devicesWithState(db).where('devices.id', '=', id).where('devices.enterprise_id', '=', enterpriseId).executeTakeFirst();
}

export type DeviceRow = NonNullable<Awaited<ReturnType<typeof findDevice>>>;

export function listDevices(db: Db, enterpriseId: string, filter: { assetId?: string; q?: string }, limit: number) {
  let q = devicesWithState(db).where('devices.enterprise_id', '=', enterpriseId);
  if (filter.assetId) q = q.where('devices.asset_id', '=', filter.assetId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('devices.name', 'like', like), eb('assets.name', 'like', like), eb('assets.code', 'like', like)]));
  }
  return q.orderBy('devices.name').limit(limit).execute();
}

/** The latest value of each of a device's series that has had a point. */
export function latestValues(db: Db, deviceId: string) {
  return db
    .selectFrom('telemetry_series')
    .select(['key', 'last_ts', 'last_value'])
    .where('device_id', '=', deviceId)
    .where('last_ts', '>', 0)
    .orderBy('key')
    .execute();
}

export async function insertDevice(db: Db, row: Insertable<DevicesTable>): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

export async function updateDevice(db: Db, id: string, changes: Updateable<DevicesTable>): Promise<void> {
  await db.updateTable('devices').set(changes).where('id', '=', id).execute();
}

/** A device (and, for a gateway, the devices behind it) with everything recorded of it, in the caller's transaction. */
export async function deleteDevice(trx: Db, id: string): Promise<void> {
  const children = await trx.selectFrom('devices').select('id').where('gateway_id', '=', id).execute();
  const ids = [id, ...children.map((c) => c.id)];
  await deleteSeriesOf(trx, ids);
  await trx.deleteFrom('alarms').where('device_id', 'in', ids).execute();
  await trx.deleteFrom('machine_state_periods').where('device_id', 'in', ids).execute();
  await trx.deleteFrom('machine_states').where('device_id', 'in', ids).execute();
  await trx.deleteFrom('devices').where('gateway_id', '=', id).execute();
  await trx.deleteFrom('devices').where('id', '=', id).execute();
}

// ---- the ingest path: credentials, gateway children, series, counters ----

const deviceWithPlant = (db: Db) =>
  db.selectFrom('devices').leftJoin('assets', 'assets.id', 'devices.asset_id').selectAll('devices').select('assets.plant_id');

export function deviceByToken(db: Db, token: string) {
  return deviceWithPlant(db).where('devices.access_token', '=', token).executeTakeFirst();
}

export function gatewayChild(db: Db, gatewayId: string, name: string) {
  return deviceWithPlant(db).where('devices.gateway_id', '=', gatewayId).where('devices.name', '=', name).executeTakeFirst();
}

/** How many devices a gateway has behind it (for its cap). */
export async function countGatewayChildren(db: Db, gatewayId: string): Promise<number> {
  const row = await db
    .selectFrom('devices')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('gateway_id', '=', gatewayId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many series a device has (for its cap). */
export async function countSeries(db: Db, deviceId: string): Promise<number> {
  const row = await db
    .selectFrom('telemetry_series')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A device a gateway announced; another instance may have created it first. */
export async function insertGatewayChild(db: Db, row: Insertable<DevicesTable>): Promise<void> {
  await db
    .insertInto('devices')
    .values(row)
    .onConflict((oc) => oc.columns(['gateway_id', 'name']).doNothing())
    .execute();
}

export async function findSeriesId(db: Db, deviceId: string, key: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('telemetry_series')
    .select('id')
    .where('device_id', '=', deviceId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.id;
}

/** A new series; last_ts 0 so its first committed point becomes the latest value. Another instance may have created it first. */
export async function insertSeries(db: Db, deviceId: string, key: string, value: number): Promise<void> {
  await db
    .insertInto('telemetry_series')
    .values({ device_id: deviceId, key, last_ts: 0, last_value: value })
    .onConflict((oc) => oc.columns(['device_id', 'key']).doNothing())
    .execute();
}

export interface DeviceCountsDelta {
  id: string;
  messages: number;
  points: number;
  malformed: number;
  rate: number;
  size: number;
  topic: number;
  limit: number;
  clientId: number;
  /** ISO time last seen, or null to keep the stored one. */
  seen: string | null;
}

const COUNT_COLUMNS = [
  ['id', 'varchar'],
  ['messages', 'bigint'],
  ['points', 'bigint'],
  ['malformed', 'bigint'],
  ['rate', 'bigint'],
  ['size', 'bigint'],
  ['topic', 'bigint'],
  ['over_cap', 'bigint'],
  ['client_id', 'bigint'],
  ['seen', 'varchar'],
] as const;

/** Adds counted messages, points and refusals to the devices in one statement. */
export async function addDeviceCounts(db: Db, dialect: TelemetryDialect, deltas: readonly DeviceCountsDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => [d.id, d.messages, d.points, d.malformed, d.rate, d.size, d.topic, d.limit, d.clientId, d.seen]);
  await sql`update devices set messages = devices.messages + u.messages, points = devices.points + u.points,
      rejected_malformed = devices.rejected_malformed + u.malformed, rejected_rate = devices.rejected_rate + u.rate,
      rejected_size = devices.rejected_size + u.size, rejected_topic = devices.rejected_topic + u.topic,
      rejected_limit = devices.rejected_limit + u.over_cap, rejected_client_id = devices.rejected_client_id + u.client_id,
      last_seen_at = coalesce(u.seen, devices.last_seen_at)
    from ${dialect.bulk(COUNT_COLUMNS, rows)} where devices.id = u.id`.execute(db);
}

// ---- machine states ----

export async function machineStateOf(db: Db, deviceId: string): Promise<MachineState | undefined> {
  const row = await db.selectFrom('machine_states').select('state').where('device_id', '=', deviceId).executeTakeFirst();
  return row?.state;
}

/**
 * Moves a device to `state` from `at` (never back before the current state's start, so periods stay in order
 * and never overlap): the current state and the closed and opened periods. Returns the new state's start, or
 * null if the device was already in that state (another instance got there first).
 */
export function changeMachineState(
  db: Db,
  device: { id: string; enterpriseId: string; assetId: string | null },
  state: MachineState,
  at: number,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('machine_states').select(['state', 'since']).where('device_id', '=', device.id).executeTakeFirst();
    if (row?.state === state) return null;
    const from = Math.max(at, Number(row?.since ?? 0));
    if (row) {
      await trx
        .updateTable('machine_states')
        .set({ state, since: from, asset_id: device.assetId })
        .where('device_id', '=', device.id)
        .execute();
    } else {
      await trx
        .insertInto('machine_states')
        .values({ device_id: device.id, enterprise_id: device.enterpriseId, asset_id: device.assetId, state, since: from })
        .execute();
    }
    await trx
      .updateTable('machine_state_periods')
      .set({ ended_at: from })
      .where('device_id', '=', device.id)
      .where('ended_at', 'is', null)
      .execute();
    await trx
      .insertInto('machine_state_periods')
      .values({ id: randomUUID(), device_id: device.id, enterprise_id: device.enterpriseId, state, started_at: from, ended_at: null })
      .execute();
    return from;
  });
}

/** A device's state periods overlapping [from, to). */
export function statePeriods(db: Db, deviceId: string, from: number, to: number) {
  return db
    .selectFrom('machine_state_periods')
    .select(['state', 'started_at', 'ended_at'])
    .where('device_id', '=', deviceId)
    .where('started_at', '<', to)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
    .execute();
}

// ---- alarm rules ----

export function findRule(db: Db, enterpriseId: string, id: string) {
  return db.selectFrom('alarm_rules').selectAll().where('id', '=', id).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
}

export function listRules(db: Db, enterpriseId: string) {
  return db.selectFrom('alarm_rules').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('name').execute();
}

/** Every active rule of every enterprise, for the monitor's evaluation. */
export function activeRules(db: Db) {
  return db.selectFrom('alarm_rules').selectAll().where('active', '=', 1).execute();
}

export async function insertRule(db: Db, row: Insertable<AlarmRulesTable>): Promise<void> {
  await db.insertInto('alarm_rules').values(row).execute();
}

export async function updateRule(db: Db, id: string, changes: Updateable<AlarmRulesTable>): Promise<void> {
  await db.updateTable('alarm_rules').set(changes).where('id', '=', id).execute();
}

export async function ruleHasAlarms(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('alarms').select('id').where('rule_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await db.deleteFrom('alarm_rules').where('id', '=', id).execute();
}

// ---- alarms ----

/** An enterprise's alarms with their rule's and device's names. */
export function alarmsOf(db: Db, enterpriseId: string) {
  return db
    .selectFrom('alarms')
    .innerJoin('alarm_rules', 'alarm_rules.id', 'alarms.rule_id')
    .innerJoin('devices', 'devices.id', 'alarms.device_id')
    .selectAll('alarms')
    .select(['alarm_rules.name as rule_name', 'alarm_rules.metric as rule_metric', 'devices.name as device_name', 'devices.device_type'])
    .where('alarms.enterprise_id', '=', enterpriseId);
}

export async function openAlarmCount(db: Db, deviceId: string): Promise<number> {
  const row = await db
    .selectFrom('alarms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('device_id', '=', deviceId)
    .where('status', '=', 'raised')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The raised alarm of a rule on a device, if any (at most one: a partial unique index). */
export function raisedAlarm(db: Db, ruleId: string, deviceId: string) {
  return db
    .selectFrom('alarms')
    .select(['id', 'message'])
    .where('rule_id', '=', ruleId)
    .where('device_id', '=', deviceId)
    .where('status', '=', 'raised')
    .executeTakeFirst();
}

/** Inserts a raised alarm unless the rule is already raised on the device (perhaps by another instance). */
export async function insertRaisedAlarm(db: Db, row: Selectable<AlarmsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('alarms')
    .values(row)
    // The conflict target repeats the partial index's predicate as a literal, as both engines require.
    .onConflict((oc) => oc.columns(['rule_id', 'device_id']).where(sql.ref('status'), '=', sql.lit('raised')).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateAlarm(db: Db, id: string, changes: Updateable<AlarmsTable>): Promise<void> {
  await db.updateTable('alarms').set(changes).where('id', '=', id).execute();
}

/** Clears a raised alarm; false if it was no longer raised (another instance cleared it). */
export async function clearAlarm(db: Db, id: string, value: number | null): Promise<boolean> {
  const result = await db
    .updateTable('alarms')
    .set({ status: 'cleared', cleared_at: new Date().toISOString(), ...(value !== null && { value }) })
    .where('id', '=', id)
    .where('status', '=', 'raised')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
