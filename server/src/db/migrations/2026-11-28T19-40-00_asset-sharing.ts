// Frozen: an enterprise's choice to show the county its own asset summary (counts by kind and state, molds
// near the end of their life). No row means not shared.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('asset_sharing')
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.primaryKey().references('enterprises.id'))
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(100)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('asset_sharing').execute();
}
