// Frozen: photos taken for inspection `photo` items, kept in the database like the work-order attachments.
// A result's photo_ref names its latest photo. Binary column: bytea on PostgreSQL, blob on SQLite.
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('inspection_photos')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('round_id', 'varchar(36)', (c) => c.notNull().references('inspection_rounds.id'))
    .addColumn('result_id', 'varchar(36)', (c) => c.notNull().references('inspection_results.id'))
    .addColumn('filename', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(50)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(100)')
    .execute();
  await db.schema.createIndex('inspection_photos_round_idx').on('inspection_photos').column('round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_photos').execute();
}
