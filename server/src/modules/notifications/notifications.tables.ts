import type { IdentityTables } from '../identity';

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** The request a notice concerns (its number and title are shown with it); null for other notices. */
  request_id: string | null;
  kind: string;
  text: string;
  /** A path in the web app the notice opens (an alarm notice: the alarms page); null for request notices. */
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/**
 * The columns of service_requests the bell shows beside a request's notice. Declared here, not imported:
 * service-requests uses this module, so importing its tables would make the two modules a cycle.
 */
interface RequestTitlesTable {
  id: string;
  number: string;
  title: string;
}

export interface NotificationTables extends Pick<IdentityTables, 'users'> {
  notifications: NotificationsTable;
  service_requests: RequestTitlesTable;
}
