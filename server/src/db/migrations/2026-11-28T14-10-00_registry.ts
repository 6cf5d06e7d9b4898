// Frozen: parks/zones, departments and enterprise profiles. A department's or enterprise's id is its
// organisation's id, so the tenant key is the same everywhere.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('parks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('towns', 'text', (c) => c.notNull())
    .addColumn('area_km2', 'double precision')
    .addColumn('planned_investment_wan', 'double precision')
    .addColumn('description', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('short_name', 'varchar(50)')
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('accepts_requests', 'integer', (c) => c.notNull())
    .addColumn('contact_name', 'varchar(50)')
    .addColumn('contact_phone', 'varchar(32)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('credit_code', 'varchar(18)', (c) => c.unique())
    .addColumn('credit_code_valid', 'integer')
    .addColumn('industry_code', 'varchar(8)')
    .addColumn('above_scale', 'integer', (c) => c.notNull())
    .addColumn('park_id', 'varchar(36)', (c) => c.references('parks.id'))
    .addColumn('township', 'varchar(50)')
    .addColumn('address', 'varchar(200)')
    .addColumn('contact_name', 'varchar(50)')
    .addColumn('contact_phone', 'varchar(32)')
    .addColumn('contact_email', 'varchar(200)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprises_park_idx').on('enterprises').column('park_id').execute();
  await db.schema.createIndex('enterprises_township_idx').on('enterprises').column('township').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['enterprises', 'departments', 'parks']) {
    await db.schema.dropTable(table).execute();
  }
}
