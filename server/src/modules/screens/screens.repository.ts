import type { Insertable, Kysely } from 'kysely';
import type { ScreenTables, ScreenTokensTable } from './screens.tables';

export type ScreensDb = Kysely<ScreenTables>;

/** The county's tokens when enterpriseId is null, else that enterprise's. */
export function listTokens(db: ScreensDb, enterpriseId: string | null) {
  return db
    .selectFrom('screen_tokens')
    .selectAll()
    .where('enterprise_id', enterpriseId === null ? 'is' : '=', enterpriseId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertToken(db: ScreensDb, row: Insertable<ScreenTokensTable>): Promise<void> {
  await db.insertInto('screen_tokens').values(row).execute();
}

export function findToken(db: ScreensDb, enterpriseId: string | null, id: string) {
  return db
    .selectFrom('screen_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('enterprise_id', enterpriseId === null ? 'is' : '=', enterpriseId)
    .executeTakeFirst();
}

/** A token not revoked, with what its creator is now (active, role, organisation). */
export function findActiveTokenByHash(db: ScreensDb, hash: string) {
  return db
    .selectFrom('screen_tokens')
    .innerJoin('users', 'users.id', 'screen_tokens.created_by')
    .selectAll('screen_tokens')
    .select(['users.active as creator_active', 'users.role as creator_role', 'users.organisation_id as creator_organisation_id'])
    .where('screen_tokens.token_hash', '=', hash)
    .where('screen_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeToken(db: ScreensDb, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('screen_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchToken(db: ScreensDb, id: string, at: string): Promise<void> {
  await db.updateTable('screen_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
