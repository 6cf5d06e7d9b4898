// Frozen: read-only kiosk tokens that open one big screen on a wall display without a login.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('screen_tokens')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    // plant | enterprise | county
    .addColumn('screen', 'varchar(16)', (c) => c.notNull())
    // null for the county screen
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.references('organisations.id'))
    .addColumn('plant_id', 'varchar(36)', (c) => c.references('plants.id'))
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .addColumn('revoked_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('screen_tokens_enterprise').on('screen_tokens').columns(['enterprise_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screen_tokens').execute();
}
