// Frozen: API tokens may expire and may be read-only ('read': GET and HEAD only); existing tokens keep
// every right of their user and no expiry.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'varchar(30)').execute();
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'varchar(8)', (c) => c.notNull().defaultTo('full'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('scope').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
