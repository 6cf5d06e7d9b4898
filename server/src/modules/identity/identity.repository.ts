import type { OrganisationKind } from '@tiantai/shared';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { paginate } from '../../db/paginate';
import type { ApiTokensTable, AuditLogTable, IdentityTables, OrganisationsTable, UsersTable } from './identity.tables';

export type IdentityDb = Kysely<IdentityTables>;

export type UserRow = Selectable<UsersTable> & { organisation_name: string; organisation_kind: OrganisationKind };

const userWithOrganisation = (db: IdentityDb) =>
  db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('users')
    .select(['organisations.name as organisation_name', 'organisations.kind as organisation_kind']);

export async function insertOrganisation(db: IdentityDb, row: Insertable<OrganisationsTable>): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function renameOrganisation(db: IdentityDb, id: string, name: string): Promise<void> {
  await db.updateTable('organisations').set({ name }).where('id', '=', id).execute();
}

export function findOrganisation(db: IdentityDb, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOrganisations(db: IdentityDb, filter: { kind?: OrganisationKind | undefined; id?: string | undefined }) {
  let query = db.selectFrom('organisations').select(['id', 'kind', 'name']).orderBy('kind').orderBy('name');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.id) query = query.where('id', '=', filter.id);
  return query.execute();
}

export function findUserById(db: IdentityDb, id: string): Promise<UserRow | undefined> {
  return userWithOrganisation(db).where('users.id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: IdentityDb, username: string): Promise<UserRow | undefined> {
  return userWithOrganisation(db).where('users.username', '=', username.toLowerCase()).executeTakeFirst();
}

export function listUsers(
  db: IdentityDb,
  filter: { q?: string | undefined; organisationId?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let query = userWithOrganisation(db);
  if (filter.organisationId) query = query.where('users.organisation_id', '=', filter.organisationId);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb('users.username', 'like', like),
        eb('users.display_name', 'like', `%${filter.q}%`),
        eb('organisations.name', 'like', `%${filter.q}%`),
      ]),
    );
  }
  return paginate(query.orderBy('organisations.kind').orderBy('users.username'), filter);
}

export async function insertUser(db: IdentityDb, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: IdentityDb, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function insertSession(db: IdentityDb, row: IdentityTables['sessions']): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findLiveSession(db: IdentityDb, idHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'sessions.csrf_token',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.organisation_id',
      'organisations.kind as organisation_kind',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export async function deleteSession(db: IdentityDb, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

/** Ends a user's sessions, but the one given (the one changing the password keeps its own). */
export async function deleteSessionsOfUser(db: IdentityDb, userId: string, keepIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id', '!=', keepIdHash);
  await query.execute();
}

export async function deleteExpiredSessions(db: IdentityDb, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(db: IdentityDb, row: Insertable<ApiTokensTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function listApiTokens(db: IdentityDb, userId: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

/** A live token: not revoked, not expired, of an active user. */
export function findLiveApiToken(db: IdentityDb, tokenHash: string, now: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at',
      'api_tokens.scope',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.organisation_id',
      'organisations.kind as organisation_kind',
      'users.must_change_password',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export async function touchApiToken(db: IdentityDb, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Revokes a token of this user; false when the user has no such live token. */
export async function revokeApiToken(db: IdentityDb, userId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live token of a user; returns the ids revoked. */
export async function revokeApiTokensOfUser(db: IdentityDb, userId: string, now: string): Promise<string[]> {
  const live = await db.selectFrom('api_tokens').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  if (live.length === 0) return [];
  const ids = live.map((r) => r.id);
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', 'in', ids).where('revoked_at', 'is', null).execute();
  return ids;
}

export async function insertAuditEntry(db: IdentityDb, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export function listAuditEntries(
  db: IdentityDb,
  filter: {
    organisationId?: string | undefined;
    entity?: string | undefined;
    entityId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  let query = db.selectFrom('audit_log');
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  return paginate(query.selectAll().orderBy('at', 'desc').orderBy('id'), filter);
}

/**
 * Claims a one-time key (demo loaded, first admin made); false if another instance already has it.
 * The insert is the transaction's first statement, so on SQLite it takes the write lock (waiting for a
 * concurrent claimer) before any read, and on PostgreSQL the second claimer waits for the first to commit.
 */
export async function claimAppState(db: IdentityDb, key: string, value: string, now: string): Promise<boolean> {
  const result = await db
    .insertInto('app_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setPasswordHashes(db: IdentityDb, usernames: string[], passwordHash: string, now: string): Promise<number> {
  if (usernames.length === 0) return 0;
  const result = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('username', 'in', usernames)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
