import type { Role } from '@tiantai/shared';
import type { Insertable, Kysely } from 'kysely';
import type { NotificationTables, NotificationsTable } from './notifications.tables';

export type NotificationDb = Kysely<NotificationTables>;

/** The active users with one of `roles` and/or in one of `organisationIds`: whom a notice goes to. */
export async function activeUserIds(db: NotificationDb, filter: { roles?: Role[]; organisationIds?: string[] }): Promise<string[]> {
  let query = db.selectFrom('users').select('id').where('active', '=', 1);
  if (filter.roles) query = query.where('role', 'in', filter.roles);
  if (filter.organisationIds) {
    if (filter.organisationIds.length === 0) return [];
    query = query.where('organisation_id', 'in', filter.organisationIds);
  }
  return (await query.execute()).map((r) => r.id);
}

export async function insertNotifications(db: NotificationDb, rows: Insertable<NotificationsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

export function listNotifications(db: NotificationDb, userId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .leftJoin('service_requests', 'service_requests.id', 'notifications.request_id')
    .selectAll('notifications')
    .select(['service_requests.number as request_number', 'service_requests.title as request_title'])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id')
    .limit(limit)
    .execute();
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

export async function countUnread(db: NotificationDb, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markNotificationsRead(db: NotificationDb, userId: string, ids: string[] | 'all', now: string): Promise<void> {
  let query = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}
