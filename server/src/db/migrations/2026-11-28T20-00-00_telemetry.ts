// Frozen: machine data. Devices (and gateways with their child devices) with an access token each;
// series = one (device, metric) pair with its latest value; raw points keyed by (series, ts) so a
// redelivered QoS 1 message is stored once; 1-minute and 1-hour rollups; machine state now and its
// periods; alarm rules and alarms (one raised alarm per rule and device, by a partial unique index).
// On PostgreSQL the raw points are partitioned by day (ts in ms), so retention drops partitions.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('devices')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('asset_id', 'varchar(36)', (c) => c.references('assets.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('gateway_id', 'varchar(36)', (c) => c.references('devices.id'))
    .addColumn('device_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('access_token', 'varchar(64)', (c) => c.unique())
    .addColumn('last_seen_at', 'varchar(30)')
    .addColumn('connected', 'integer', (c) => c.notNull())
    .addColumn('messages', 'bigint', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('rejected_malformed', 'bigint', (c) => c.notNull())
    .addColumn('rejected_rate', 'bigint', (c) => c.notNull())
    .addColumn('rejected_size', 'bigint', (c) => c.notNull())
    .addColumn('rejected_topic', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('devices_gateway_name_unique', ['gateway_id', 'name'])
    .execute();
  await db.schema.createIndex('devices_enterprise_idx').on('devices').columns(['enterprise_id', 'name']).execute();
  await db.schema.createIndex('devices_asset_idx').on('devices').column('asset_id').execute();

  await db.schema
    .createTable('telemetry_series')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('device_id', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('last_ts', 'bigint', (c) => c.notNull())
    .addColumn('last_value', 'double precision', (c) => c.notNull())
    .addUniqueConstraint('telemetry_series_device_key_unique', ['device_id', 'key'])
    .execute();

  if (postgres) {
    await sql`create table telemetry_points (series_id integer not null, ts bigint not null, value double precision not null,
      primary key (series_id, ts)) partition by range (ts)`.execute(db);
    await sql`create table telemetry_points_default partition of telemetry_points default`.execute(db);
  } else {
    await sql`create table telemetry_points (series_id integer not null, ts bigint not null, value double precision not null,
      primary key (series_id, ts)) without rowid`.execute(db);
  }
  for (const table of ['telemetry_rollup_1m', 'telemetry_rollup_1h']) {
    await db.schema
      .createTable(table)
      .addColumn('series_id', 'integer', (c) => c.notNull())
      .addColumn('bucket', 'bigint', (c) => c.notNull())
      .addColumn('min', 'double precision', (c) => c.notNull())
      .addColumn('max', 'double precision', (c) => c.notNull())
      .addColumn('sum', 'double precision', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('last', 'double precision', (c) => c.notNull())
      .addColumn('last_ts', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['series_id', 'bucket'])
      .execute();
  }

  await db.schema
    .createTable('machine_states')
    .addColumn('device_id', 'varchar(36)', (c) => c.primaryKey().references('devices.id'))
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('asset_id', 'varchar(36)')
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('machine_state_periods')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('machine_state_periods_device_idx')
    .on('machine_state_periods')
    .columns(['device_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('machine_state_periods_enterprise_idx')
    .on('machine_state_periods')
    .columns(['enterprise_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('alarm_rules')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('device_type', 'varchar(64)')
    .addColumn('metric', 'varchar(64)')
    .addColumn('condition', 'varchar(20)', (c) => c.notNull())
    .addColumn('threshold', 'double precision')
    .addColumn('clear_threshold', 'double precision')
    .addColumn('duration_s', 'integer', (c) => c.notNull())
    .addColumn('severity', 'varchar(20)', (c) => c.notNull())
    .addColumn('open_work_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alarm_rules_enterprise_idx').on('alarm_rules').column('enterprise_id').execute();

  await db.schema
    .createTable('alarms')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('rule_id', 'varchar(36)', (c) => c.notNull().references('alarm_rules.id'))
    .addColumn('device_id', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('asset_id', 'varchar(36)')
    .addColumn('severity', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('message', 'varchar(500)', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('raised_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('cleared_at', 'varchar(30)')
    .addColumn('acknowledged_by', 'varchar(36)')
    .addColumn('acknowledged_at', 'varchar(30)')
    .addColumn('work_order_id', 'varchar(36)')
    .execute();
  await db.schema.createIndex('alarms_enterprise_idx').on('alarms').columns(['enterprise_id', 'raised_at']).execute();
  await db.schema
    .createIndex('alarms_one_raised_unique')
    .on('alarms')
    .columns(['rule_id', 'device_id'])
    .unique()
    .where(sql.ref('status'), '=', 'raised')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'alarms',
    'alarm_rules',
    'machine_state_periods',
    'machine_states',
    'telemetry_rollup_1h',
    'telemetry_rollup_1m',
    'telemetry_points',
    'telemetry_series',
    'devices',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
