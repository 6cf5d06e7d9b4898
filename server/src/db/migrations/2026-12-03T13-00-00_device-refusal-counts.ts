// Frozen: two more per-device refusal counters: rejected_limit (new gateway children or new series over the
// caps) and rejected_client_id (an MQTT CONNECT with a client id another device's connection holds).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['rejected_limit', 'rejected_client_id'])
    await db.schema
      .alterTable('devices')
      .addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['rejected_client_id', 'rejected_limit']) await db.schema.alterTable('devices').dropColumn(column).execute();
}
