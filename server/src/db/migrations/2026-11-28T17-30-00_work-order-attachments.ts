// Frozen: photos and PDFs attached to maintenance work orders, kept in the database like the request
// attachments (every instance serves them). Binary column: bytea on PostgreSQL, blob on SQLite.
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('work_order_attachments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(36)', (c) => c.notNull().references('work_orders.id'))
    .addColumn('filename', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(50)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(100)')
    .execute();
  await db.schema.createIndex('work_order_attachments_work_order_idx').on('work_order_attachments').column('work_order_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_order_attachments').execute();
}
