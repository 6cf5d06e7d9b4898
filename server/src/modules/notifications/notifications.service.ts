import { randomUUID } from 'node:crypto';
import { NOTIFIED_USERS_PER_EVENT, type Actor, type NotificationView, type PublishEvent, type Role } from '@tiantai/shared';
import * as repo from './notifications.repository';
import type { NotificationDb } from './notifications.repository';

/** What a notice says and where it leads: a request (shown with its number and title) or a path in the app. */
export interface Notice {
  kind: string;
  text: string;
  link: string | null;
  requestId: string | null;
}

const nowIso = () => new Date().toISOString();

/**
 * The bell: notices written for users, listed and marked read by them, and pushed to their open browsers
 * through the domain-event bus (so a stream on another instance hears of them too). Any module may notify.
 */
export class NotificationService {
  private readonly db: NotificationDb;
  private readonly publish: PublishEvent;

  constructor(deps: {
    db: NotificationDb;
    /** The domain-event bus; `notifications.created` is published once the notices have committed. */
    publish?: PublishEvent;
  }) {
    this.db = deps.db;
    this.publish = deps.publish ?? (() => undefined);
  }

  /** The active users with one of `roles` and/or in one of `organisationIds`, inside `db` (a transaction). */
  recipients(db: NotificationDb, filter: { roles?: Role[]; organisationIds?: string[] }): Promise<string[]> {
    return repo.activeUserIds(db, filter);
  }

  /**
   * Writes one notice for each of `userIds` inside `db` (the caller's transaction, so the notice commits with
   * the change it reports) and returns the live push to make once that transaction has committed.
   */
  async write(db: NotificationDb, userIds: string[], notice: Notice): Promise<() => void> {
    const createdAt = nowIso();
    const rows = [...new Set(userIds)].map((userId) => ({
      id: randomUUID(),
      user_id: userId,
      request_id: notice.requestId,
      kind: notice.kind,
      text: notice.text.slice(0, 500),
      link: notice.link,
      created_at: createdAt,
      read_at: null,
    }));
    await repo.insertNotifications(db, rows);
    const notified = rows.map((r) => r.user_id);
    return () => {
      for (let i = 0; i < notified.length; i += NOTIFIED_USERS_PER_EVENT) {
        this.publish({
          type: 'notifications.created',
          enterpriseId: null,
          plantId: null,
          userIds: notified.slice(i, i + NOTIFIED_USERS_PER_EVENT),
        });
      }
    };
  }

  /**
   * A notice to an enterprise's admins — an alarm raised on one of its machines — that opens `link` in the
   * web app. Written and pushed to their open browsers at once.
   */
  async notifyEnterpriseAdmins(enterpriseId: string, notice: { kind: string; text: string; link: string }): Promise<void> {
    const userIds = await repo.activeUserIds(this.db, { roles: ['enterprise_admin'], organisationIds: [enterpriseId] });
    const push = await this.write(this.db, userIds, { ...notice, requestId: null });
    push();
  }

  async list(actor: Actor): Promise<{ unread: number; items: NotificationView[] }> {
    const rows = await repo.listNotifications(this.db, actor.userId, 50);
    return { unread: await repo.countUnread(this.db, actor.userId), items: rows.map(notificationOf) };
  }

  /**
   * The user's newest notifications not in `sent`, oldest first, which are then added to it: what a live
   * stream pushes next. The first call on a new stream only fills `sent` with what the bell already shows.
   */
  async unsent(userId: string, sent: Set<string>): Promise<NotificationView[]> {
    const fresh = (await repo.listNotifications(this.db, userId, 20)).filter((n) => !sent.has(n.id)).reverse();
    for (const n of fresh) sent.add(n.id);
    return fresh.map(notificationOf);
  }

  async markRead(actor: Actor, ids: string[] | 'all'): Promise<void> {
    await repo.markNotificationsRead(this.db, actor.userId, ids, nowIso());
  }
}

function notificationOf(n: repo.NotificationRow): NotificationView {
  return {
    id: n.id,
    requestId: n.request_id,
    requestNumber: n.request_number,
    requestTitle: n.request_title,
    kind: n.kind,
    text: n.text,
    link: n.link,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}
