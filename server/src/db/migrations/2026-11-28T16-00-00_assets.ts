// Frozen: plants (厂区) → lines → assets (equipment, molds, tooling), their lifecycle timeline, usage
// counters with the readings behind them, and the history of molds mounted on presses.
// `enterprise_id` of an asset is its owner; `custodian_enterprise_id` the enterprise keeping it, when another.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plants')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('plants_enterprise_name_unique', ['enterprise_id', 'name'])
    .execute();

  await db.schema
    .createTable('lines')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('plant_id', 'varchar(36)', (c) => c.notNull().references('plants.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('lines_plant_name_unique', ['plant_id', 'name'])
    .execute();
  await db.schema.createIndex('lines_enterprise_idx').on('lines').column('enterprise_id').execute();

  await db.schema
    .createTable('assets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('custodian_enterprise_id', 'varchar(36)', (c) => c.references('enterprises.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('model', 'varchar(100)')
    .addColumn('maker', 'varchar(100)')
    .addColumn('serial', 'varchar(100)')
    .addColumn('install_date', 'varchar(10)')
    .addColumn('criticality', 'varchar(1)', (c) => c.notNull())
    .addColumn('plant_id', 'varchar(36)', (c) => c.references('plants.id'))
    .addColumn('line_id', 'varchar(36)', (c) => c.references('lines.id'))
    .addColumn('state', 'varchar(30)', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('cavities', 'integer')
    .addColumn('design_life_shots', 'double precision')
    .addColumn('mounted_on_asset_id', 'varchar(36)', (c) => c.references('assets.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('assets_enterprise_code_unique', ['enterprise_id', 'code'])
    .execute();
  await db.schema.createIndex('assets_custodian_idx').on('assets').column('custodian_enterprise_id').execute();
  await db.schema.createIndex('assets_plant_idx').on('assets').column('plant_id').execute();
  await db.schema.createIndex('assets_line_idx').on('assets').column('line_id').execute();
  await db.schema.createIndex('assets_mounted_on_idx').on('assets').column('mounted_on_asset_id').execute();

  await db.schema
    .createTable('asset_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('asset_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(30)')
    .addColumn('to_state', 'varchar(30)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('asset_events_asset_idx').on('asset_events').columns(['asset_id', 'at']).execute();

  await db.schema
    .createTable('asset_counters')
    .addColumn('asset_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('counter', 'varchar(20)', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('last_reading', 'double precision', (c) => c.notNull())
    .addColumn('reset_count', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_counters_pk', ['asset_id', 'counter'])
    .execute();

  await db.schema
    .createTable('counter_readings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('asset_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('counter', 'varchar(20)', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('delta', 'double precision', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)')
    .execute();
  await db.schema.createIndex('counter_readings_asset_idx').on('counter_readings').columns(['asset_id', 'counter', 'at']).execute();

  await db.schema
    .createTable('mold_mounts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('mold_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('press_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('mounted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('removed_at', 'varchar(30)')
    .addColumn('mounted_by', 'varchar(100)')
    .addColumn('removed_by', 'varchar(100)')
    .execute();
  // A mold is on at most one press: one open mount per mold, even under concurrent requests.
  await db.schema
    .createIndex('mold_mounts_open_unique')
    .on('mold_mounts')
    .column('mold_id')
    .unique()
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
  await db.schema.createIndex('mold_mounts_press_idx').on('mold_mounts').column('press_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mold_mounts', 'counter_readings', 'asset_counters', 'asset_events', 'assets', 'lines', 'plants']) {
    await db.schema.dropTable(table).execute();
  }
}
