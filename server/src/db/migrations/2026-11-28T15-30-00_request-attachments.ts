// Frozen: photos and PDFs attached to direct-service requests, kept in the database so that every
// instance serves them (no shared disk needed). Binary column: bytea on PostgreSQL, blob on SQLite.
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('request_attachments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(36)', (c) => c.notNull().references('service_requests.id'))
    .addColumn('filename', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(50)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(100)')
    .execute();
  await db.schema.createIndex('request_attachments_request_idx').on('request_attachments').column('request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_attachments').execute();
}
