// Frozen: a transfer of an asset into another enterprise is an offer that enterprise's admin accepts or
// declines (security issue #13); the sender may withdraw it while pending. A partial unique index (both
// engines have them) keeps one pending offer per asset even when two are sent at once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('asset_transfer_offers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('asset_id', 'varchar(36)', (c) => c.notNull().references('assets.id'))
    .addColumn('from_enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('to_enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('role', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(100)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_note', 'varchar(500)')
    .execute();
  await db.schema
    .createIndex('asset_transfer_offers_one_pending')
    .unique()
    .on('asset_transfer_offers')
    .column('asset_id')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('asset_transfer_offers_asset_idx').on('asset_transfer_offers').columns(['asset_id', 'created_at']).execute();
  await db.schema
    .createIndex('asset_transfer_offers_to_idx')
    .on('asset_transfer_offers')
    .columns(['to_enterprise_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('asset_transfer_offers_from_idx')
    .on('asset_transfer_offers')
    .columns(['from_enterprise_id', 'status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('asset_transfer_offers').execute();
}
