// notifications: the bell — notices for users written by any module (a request's steps, a machine's
// alarm), listed and marked read, and pushed live to open browsers on any instance.
export type { NotificationTables } from './notifications.tables';
export { NotificationService, type Notice } from './notifications.service';
/** A connection or transaction seen with the tables this module reads and writes (see withTablesOf). */
export type { NotificationDb } from './notifications.repository';
export { notificationRoutes } from './notifications.routes';
