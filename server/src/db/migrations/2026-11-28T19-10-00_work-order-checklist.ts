// Frozen: a maintenance work order's checklist, copied from its plan when the order is generated and
// ticked item by item (pass / fail / not applicable, with a value and a note) by the technician.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_order_checklist')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(36)', (c) => c.notNull().references('work_orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('item', 'varchar(200)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('result', 'varchar(10)')
    .addColumn('value', 'varchar(200)')
    .addColumn('note', 'varchar(1000)')
    .addColumn('checked_at', 'varchar(30)')
    .addColumn('checked_by', 'varchar(100)')
    .addUniqueConstraint('work_order_checklist_order_seq_key', ['work_order_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_order_checklist').execute();
}
