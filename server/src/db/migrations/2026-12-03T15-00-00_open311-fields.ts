// Frozen: what an Open311 client sends with a request (GeoReport v2 POST requests), kept instead of thrown
// away: the location (lat/long, address_string, address_id), the submitter's email, device and account ids,
// and a media_url (stored as given, never fetched). All nullable: requests filed in the web app have none.
// The submitter's name and phone already live in contact_name / contact_phone.
import type { Kysely } from 'kysely';

const COLUMNS: Array<[string, 'double precision' | `varchar(${number})`]> = [
  ['lat', 'double precision'],
  ['long', 'double precision'],
  ['address_string', 'varchar(500)'],
  ['address_id', 'varchar(100)'],
  ['email', 'varchar(254)'],
  ['device_id', 'varchar(100)'],
  ['account_id', 'varchar(100)'],
  ['media_url', 'varchar(2048)'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [column, type] of COLUMNS) await db.schema.alterTable('service_requests').addColumn(column, type).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [column] of [...COLUMNS].reverse()) await db.schema.alterTable('service_requests').dropColumn(column).execute();
}
