// Frozen: maintenance plans (time- or usage-based), work orders with their timeline, spare-part stock and
// the parts each order used. UNIQUE (plan_id, due_point) makes the generation of due orders idempotent.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('maintenance_plans')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('asset_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('trigger', 'varchar(10)', (c) => c.notNull())
    .addColumn('interval_value', 'double precision', (c) => c.notNull())
    .addColumn('interval_unit', 'varchar(20)', (c) => c.notNull())
    .addColumn('anchor', 'varchar(10)', (c) => c.notNull())
    .addColumn('warning_share', 'double precision', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('start_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('start_counter', 'double precision')
    .addColumn('last_done_at', 'varchar(30)')
    .addColumn('last_done_counter', 'double precision')
    .addColumn('last_due_point', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('maintenance_plans_enterprise_idx').on('maintenance_plans').column('enterprise_id').execute();
  await db.schema.createIndex('maintenance_plans_asset_idx').on('maintenance_plans').column('asset_id').execute();

  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('asset_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('number', 'varchar(30)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('plan_id', 'varchar(36)', (c) => c.references('maintenance_plans.id'))
    .addColumn('due_point', 'varchar(40)')
    .addColumn('due_at', 'varchar(30)')
    .addColumn('assignee_user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('reported_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('downtime_start', 'varchar(30)')
    .addColumn('downtime_end', 'varchar(30)')
    .addColumn('labour_minutes', 'integer')
    .addColumn('result', 'text')
    .addColumn('completed_at', 'varchar(30)')
    .addColumn('accepted_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('work_orders_plan_due_point_unique', ['plan_id', 'due_point'])
    .execute();
  await db.schema.createIndex('work_orders_enterprise_idx').on('work_orders').columns(['enterprise_id', 'status']).execute();
  await db.schema.createIndex('work_orders_asset_idx').on('work_orders').columns(['asset_id', 'created_at']).execute();

  await db.schema
    .createTable('work_order_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(36)', (c) => c.notNull().references('work_orders.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(20)')
    .addColumn('to_status', 'varchar(20)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('work_order_events_order_idx').on('work_order_events').columns(['work_order_id', 'at']).execute();

  await db.schema
    .createTable('spare_parts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('unit', 'varchar(20)', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('min_quantity', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('spare_parts_enterprise_code_unique', ['enterprise_id', 'code'])
    .execute();

  await db.schema
    .createTable('work_order_parts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(36)', (c) => c.notNull().references('work_orders.id'))
    .addColumn('part_id', 'varchar(36)', (c) => c.notNull().references('spare_parts.id'))
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)')
    .execute();
  await db.schema.createIndex('work_order_parts_order_idx').on('work_order_parts').column('work_order_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['work_order_parts', 'spare_parts', 'work_order_events', 'work_orders', 'maintenance_plans']) {
    await db.schema.dropTable(table).execute();
  }
}
