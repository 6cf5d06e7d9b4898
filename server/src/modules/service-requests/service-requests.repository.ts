import type { Insertable, Kysely, Updateable } from 'kysely';
import { paginate, type PageRequest } from '../../db/paginate';
import { lockingRows } from '../../db/row-lock';
import type { RequestEventsTable, RequestOpinionsTable, ServiceRequestTables, ServiceRequestsTable } from './service-requests.tables';

export type ServiceRequestDb = Kysely<ServiceRequestTables>;

// ---- categories ----

export function listCategories(db: ServiceRequestDb) {
  return db
    .selectFrom('service_categories')
    .leftJoin('organisations', 'organisations.id', 'service_categories.lead_department_id')
    .selectAll('service_categories')
    .select('organisations.name as lead_department_name')
    .orderBy('service_categories.sort')
    .execute();
}

export function findCategory(db: ServiceRequestDb, code: string) {
  return db.selectFrom('service_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function updateCategory(db: ServiceRequestDb, code: string, changes: Updateable<ServiceRequestTables['service_categories']>) {
  await db.updateTable('service_categories').set(changes).where('code', '=', code).execute();
}

// ---- requests ----

const requestsWithNames = (db: ServiceRequestDb) =>
  db
    .selectFrom('service_requests')
    .innerJoin('organisations as ent', 'ent.id', 'service_requests.enterprise_id')
    .leftJoin('organisations as lead', 'lead.id', 'service_requests.lead_department_id')
    .selectAll('service_requests')
    .select(['ent.name as enterprise_name', 'lead.name as lead_department_name']);

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export function findRequest(db: ServiceRequestDb, id: string) {
  return requestsWithNames(db).where('service_requests.id', '=', id).executeTakeFirst();
}

export interface RequestFilter {
  enterpriseId?: string | undefined;
  /** Requests a department leads or co-handles. */
  involvingDepartmentId?: string | undefined;
  /** The office's filter: the lead department. */
  leadDepartmentId?: string | undefined;
  status?: string | undefined;
  categoryCode?: string | undefined;
  q?: string | undefined;
  openOnly?: boolean;
}

function filtered(db: ServiceRequestDb, filter: RequestFilter) {
  let query = requestsWithNames(db);
  if (filter.enterpriseId) query = query.where('service_requests.enterprise_id', '=', filter.enterpriseId);
  if (filter.involvingDepartmentId) {
    const dept = filter.involvingDepartmentId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('request_departments')
          .select('request_departments.request_id')
          .whereRef('request_departments.request_id', '=', 'service_requests.id')
          .where('request_departments.department_id', '=', dept),
      ),
    );
  }
  if (filter.leadDepartmentId) query = query.where('service_requests.lead_department_id', '=', filter.leadDepartmentId);
  if (filter.status) query = query.where('service_requests.status', '=', filter.status as ServiceRequestsTable['status']);
  if (filter.openOnly) query = query.where('service_requests.status', 'not in', ['closed', 'rejected']);
  if (filter.categoryCode) query = query.where('service_requests.category_code', '=', filter.categoryCode);
  if (filter.q) {
    const like = `%${filter.q.trim()}%`;
    query = query.where((eb) =>
      eb.or([eb('service_requests.title', 'like', like), eb('service_requests.number', 'like', like), eb('ent.name', 'like', like)]),
    );
  }
  return query;
}

export function listRequests(db: ServiceRequestDb, filter: RequestFilter, page: PageRequest) {
  return paginate(filtered(db, filter).orderBy('service_requests.submitted_at', 'desc').orderBy('service_requests.id'), page);
}

/** Every open request of the filter, for the SLA colour filter and the clock job. */
export function listOpenRequests(db: ServiceRequestDb, filter: RequestFilter = {}) {
  return filtered(db, { ...filter, openOnly: true })
    .orderBy('service_requests.submitted_at')
    .execute();
}

export async function countRequestsInYear(db: ServiceRequestDb, year: string): Promise<number> {
  const row = await db
    .selectFrom('service_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('number', 'like', `ZT${year}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRequest(db: ServiceRequestDb, row: Insertable<ServiceRequestsTable>): Promise<void> {
  await db.insertInto('service_requests').values(row).execute();
}

/**
 * Moves a request on only if it is still in the status the caller saw: two officers clicking at once
 * cannot both dispatch it. Returns false when someone else moved it first.
 */
export async function updateRequestFrom(
  db: ServiceRequestDb,
  id: string,
  expected: { status: ServiceRequestsTable['status']; updatedAt: string },
  changes: Updateable<ServiceRequestsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', expected.status)
    .where('updated_at', '=', expected.updatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markEscalated(db: ServiceRequestDb, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set({ escalated_at: now })
    .where('id', '=', id)
    .where('escalated_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listRequestDepartments(db: ServiceRequestDb, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('request_departments').selectAll().where('request_id', 'in', requestIds).execute();
}

export async function setRequestDepartments(db: ServiceRequestDb, requestId: string, lead: string | null, co: string[]): Promise<void> {
  await db.deleteFrom('request_departments').where('request_id', '=', requestId).execute();
  const rows = [
    ...(lead ? [{ request_id: requestId, department_id: lead, role: 'lead' as const }] : []),
    ...co.filter((d) => d !== lead).map((d) => ({ request_id: requestId, department_id: d, role: 'co' as const })),
  ];
  if (rows.length > 0) await db.insertInto('request_departments').values(rows).execute();
}

export async function insertEvents(db: ServiceRequestDb, rows: Insertable<RequestEventsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('request_events').values(rows).execute();
}

export function listEvents(db: ServiceRequestDb, requestId: string) {
  return db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute();
}

// ---- co-handling opinions ----

/** Gives or replaces a department's opinion on a request, keeping when it was first given. */
export async function upsertOpinion(db: ServiceRequestDb, row: RequestOpinionsTable): Promise<void> {
  await db
    .insertInto('request_opinions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['request_id', 'department_id']).doUpdateSet({
        opinion: row.opinion,
        author_user_id: row.author_user_id,
        author_name: row.author_name,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function listOpinions(db: ServiceRequestDb, requestId: string) {
  return db
    .selectFrom('request_opinions')
    .innerJoin('organisations', 'organisations.id', 'request_opinions.department_id')
    .selectAll('request_opinions')
    .select('organisations.name as department_name')
    .where('request_opinions.request_id', '=', requestId)
    .orderBy('request_opinions.submitted_at')
    .orderBy('request_opinions.department_id')
    .execute();
}

// ---- calendar overrides ----

export function listCalendarDays(db: ServiceRequestDb) {
  return db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
}

export async function upsertCalendarDay(db: ServiceRequestDb, row: ServiceRequestTables['calendar_days']): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

export async function deleteCalendarDay(db: ServiceRequestDb, date: string): Promise<boolean> {
  const result = await db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- statistics ----

/** Requests submitted in [from, to), with what statistics group them by. */
export function requestsForStatistics(db: ServiceRequestDb, from: string, to: string) {
  return db
    .selectFrom('service_requests')
    .innerJoin('enterprises', 'enterprises.id', 'service_requests.enterprise_id')
    .leftJoin('parks', 'parks.id', 'enterprises.park_id')
    .leftJoin('organisations as lead', 'lead.id', 'service_requests.lead_department_id')
    .innerJoin('service_categories', 'service_categories.code', 'service_requests.category_code')
    .select([
      'service_requests.status',
      'service_requests.submitted_at',
      'service_requests.dispatched_at',
      'service_requests.answered_at',
      'service_requests.answered_on_time',
      'service_requests.rating',
      'service_requests.closed_as',
      'service_requests.lead_department_id',
      'service_requests.category_code',
      'lead.name as lead_department_name',
      'service_categories.name_zh as category_name',
      'enterprises.park_id',
      'parks.name as park_name',
      'enterprises.township',
    ])
    .where('service_requests.submitted_at', '>=', from)
    .where('service_requests.submitted_at', '<', to)
    .execute();
}

// ---- attachments ----

/** The request's status, its row locked until the transaction ends: uploads to one request count and insert in turn. */
export function lockRequestForAttachment(db: ServiceRequestDb, requestId: string) {
  return lockingRows(db, db.selectFrom('service_requests').select('status').where('id', '=', requestId)).executeTakeFirst();
}

export function listAttachments(db: ServiceRequestDb, requestId: string) {
  return db
    .selectFrom('request_attachments')
    .select(['id', 'filename', 'mime', 'size', 'uploaded_at', 'uploaded_by'])
    .where('request_id', '=', requestId)
    .orderBy('uploaded_at')
    .execute();
}

export async function insertAttachment(db: ServiceRequestDb, row: ServiceRequestTables['request_attachments']): Promise<void> {
  await db.insertInto('request_attachments').values(row).execute();
}

export function findAttachment(db: ServiceRequestDb, requestId: string, id: string) {
  return db.selectFrom('request_attachments').selectAll().where('request_id', '=', requestId).where('id', '=', id).executeTakeFirst();
}
