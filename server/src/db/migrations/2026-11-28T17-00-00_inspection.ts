// Frozen: inspection routes (巡检/点检) with their points and check items, the rounds walked along them
// and each item's result. UNIQUE qr_token identifies a point's label; UNIQUE (round_id, item_id) keeps one
// result per item and round, so a failed item opens at most one repair work order.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_routes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('plant_id', 'varchar(36)', (c) => c.references('plants.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_routes_enterprise_idx').on('inspection_routes').column('enterprise_id').execute();

  await db.schema
    .createTable('inspection_points')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('route_id', 'varchar(36)', (c) => c.notNull().references('inspection_routes.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('asset_id', 'varchar(36)', (c) => c.references('assets.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('qr_token', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('inspection_points_route_seq_unique', ['route_id', 'seq'])
    .execute();

  await db.schema
    .createTable('inspection_items')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('point_id', 'varchar(36)', (c) => c.notNull().references('inspection_points.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit', 'varchar(20)')
    .addColumn('min', 'double precision')
    .addColumn('max', 'double precision')
    .addColumn('required', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_items_point_idx').on('inspection_items').columns(['point_id', 'seq']).execute();

  await db.schema
    .createTable('inspection_rounds')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('route_id', 'varchar(36)', (c) => c.notNull().references('inspection_routes.id'))
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('started_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('inspection_rounds_enterprise_idx')
    .on('inspection_rounds')
    .columns(['enterprise_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('inspection_results')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('round_id', 'varchar(36)', (c) => c.notNull().references('inspection_rounds.id'))
    .addColumn('point_id', 'varchar(36)', (c) => c.notNull().references('inspection_points.id'))
    .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('inspection_items.id'))
    .addColumn('checked_in_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('checked_in_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('value', 'text')
    .addColumn('passed', 'integer')
    .addColumn('note', 'text')
    .addColumn('photo_ref', 'varchar(200)')
    .addColumn('recorded_at', 'varchar(30)')
    .addColumn('recorded_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('work_order_id', 'varchar(36)', (c) => c.references('work_orders.id'))
    .addUniqueConstraint('inspection_results_round_item_unique', ['round_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inspection_results', 'inspection_rounds', 'inspection_items', 'inspection_points', 'inspection_routes']) {
    await db.schema.dropTable(table).execute();
  }
}
