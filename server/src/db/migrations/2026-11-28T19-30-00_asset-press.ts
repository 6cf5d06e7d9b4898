// Frozen: a press flag on equipment (注塑机, 压铸机, 冲压机: the machines molds are mounted on). Equipment
// that has ever carried a mold is a press.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assets')
    .addColumn('press', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update assets set press = 1 where kind = 'equipment' and id in (select press_id from mold_mounts)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').dropColumn('press').execute();
}
