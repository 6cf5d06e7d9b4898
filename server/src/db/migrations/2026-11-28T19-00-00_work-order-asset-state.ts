// Frozen: the asset state a work order put its asset in (under_repair, under_maintenance) while it runs, so
// finishing the order returns the asset to service only when the order took it out.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('asset_state_set', 'varchar(30)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_orders').dropColumn('asset_state_set').execute();
}
