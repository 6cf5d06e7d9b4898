import type { Insertable, Kysely, Updateable } from 'kysely';
import { paginate, type PageRequest } from '../../db/paginate';
import { lockingRows } from '../../db/row-lock';
import type {
  InspectionItemsTable,
  InspectionPhotosTable,
  InspectionPointsTable,
  InspectionResultsTable,
  InspectionRoundsTable,
  InspectionRoutesTable,
  InspectionTables,
} from './inspection.tables';

export type InspectionDb = Kysely<InspectionTables>;

// ---- routes, points and items: always within one enterprise ----

const routesWithCount = (db: InspectionDb) =>
  db
    .selectFrom('inspection_routes')
    .selectAll('inspection_routes')
    .select((eb) =>
      eb
        .selectFrom('inspection_points')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('inspection_points.route_id', '=', 'inspection_routes.id')
        .as('point_count'),
    );

export function listRoutes(db: InspectionDb, enterpriseId: string) {
  return routesWithCount(db).where('enterprise_id', '=', enterpriseId).orderBy('name').orderBy('id').execute();
}

export function findRoute(db: InspectionDb, enterpriseId: string, id: string) {
  return routesWithCount(db).where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();
}

export type RouteRow = NonNullable<Awaited<ReturnType<typeof findRoute>>>;

export async function insertRoute(db: InspectionDb, row: Insertable<InspectionRoutesTable>): Promise<void> {
  await db.insertInto('inspection_routes').values(row).execute();
}

export async function updateRoute(db: InspectionDb, id: string, changes: Updateable<InspectionRoutesTable>): Promise<void> {
  await db.updateTable('inspection_routes').set(changes).where('id', '=', id).execute();
}

const pointsWithAsset = (db: InspectionDb) =>
  db
    .selectFrom('inspection_points')
    .innerJoin('inspection_routes', 'inspection_routes.id', 'inspection_points.route_id')
    .leftJoin('assets', 'assets.id', 'inspection_points.asset_id')
    .selectAll('inspection_points')
    .select([
      'inspection_routes.enterprise_id',
      'inspection_routes.name as route_name',
      'assets.code as asset_code',
      'assets.name as asset_name',
    ]);

export function listPoints(db: InspectionDb, routeId: string) {
  return pointsWithAsset(db).where('inspection_points.route_id', '=', routeId).orderBy('inspection_points.seq').execute();
}

export function findPoint(db: InspectionDb, enterpriseId: string, id: string) {
  return pointsWithAsset(db)
    .where('inspection_routes.enterprise_id', '=', enterpriseId)
    .where('inspection_points.id', '=', id)
    .executeTakeFirst();
}

export type PointRow = NonNullable<Awaited<ReturnType<typeof findPoint>>>;

/** The point a scanned token names, only if it lies on the given route. */
export function findPointByToken(db: InspectionDb, routeId: string, qrToken: string) {
  return pointsWithAsset(db)
    .where('inspection_points.route_id', '=', routeId)
    .where('inspection_points.qr_token', '=', qrToken)
    .executeTakeFirst();
}

export async function nextPointSeq(db: InspectionDb, routeId: string): Promise<number> {
  const row = await db
    .selectFrom('inspection_points')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('route_id', '=', routeId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

export async function insertPoint(db: InspectionDb, row: Insertable<InspectionPointsTable>): Promise<void> {
  await db.insertInto('inspection_points').values(row).execute();
}

export async function updatePoint(db: InspectionDb, id: string, changes: Updateable<InspectionPointsTable>): Promise<void> {
  await db.updateTable('inspection_points').set(changes).where('id', '=', id).execute();
}

/**
 * Sets the points' order (ids in walking order). Two steps through negative numbers, as the unique
 * (route_id, seq) key is checked row by row on both engines.
 */
export async function reorderPoints(db: InspectionDb, pointIds: readonly string[]): Promise<void> {
  for (const [index, id] of pointIds.entries()) await updatePoint(db, id, { seq: -(index + 1) });
  for (const [index, id] of pointIds.entries()) await updatePoint(db, id, { seq: index + 1 });
}

export async function deletePoint(db: InspectionDb, id: string): Promise<void> {
  await db.deleteFrom('inspection_items').where('point_id', '=', id).execute();
  await db.deleteFrom('inspection_points').where('id', '=', id).execute();
}

export async function updateItem(db: InspectionDb, id: string, changes: Updateable<InspectionItemsTable>): Promise<void> {
  await db.updateTable('inspection_items').set(changes).where('id', '=', id).execute();
}

export async function deleteItems(db: InspectionDb, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('inspection_items').where('id', 'in', ids).execute();
}

/** Which of these items some round has checked in to (their results keep them). */
export async function itemsWithResults(db: InspectionDb, itemIds: readonly string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db.selectFrom('inspection_results').select('item_id').distinct().where('item_id', 'in', itemIds).execute();
  return new Set(rows.map((r) => r.item_id));
}

export async function pointHasResults(db: InspectionDb, pointId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('inspection_results').select('id').where('point_id', '=', pointId).executeTakeFirst());
}

export async function insertItems(db: InspectionDb, rows: Array<Insertable<InspectionItemsTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('inspection_items').values(rows).execute();
}

export function listItems(db: InspectionDb, pointIds: readonly string[]) {
  if (pointIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('inspection_items').selectAll().where('point_id', 'in', pointIds).orderBy('point_id').orderBy('seq').execute();
}

export function findItem(db: InspectionDb, pointId: string, id: string) {
  return db.selectFrom('inspection_items').selectAll().where('point_id', '=', pointId).where('id', '=', id).executeTakeFirst();
}

/** An item of a point on the route. */
export function findRouteItem(db: InspectionDb, routeId: string, id: string) {
  return db
    .selectFrom('inspection_items')
    .innerJoin('inspection_points', 'inspection_points.id', 'inspection_items.point_id')
    .selectAll('inspection_items')
    .where('inspection_points.route_id', '=', routeId)
    .where('inspection_items.id', '=', id)
    .executeTakeFirst();
}

// ---- rounds and results ----

const roundsWithNames = (db: InspectionDb) =>
  db
    .selectFrom('inspection_rounds')
    .innerJoin('inspection_routes', 'inspection_routes.id', 'inspection_rounds.route_id')
    .leftJoin('users', 'users.id', 'inspection_rounds.started_by')
    .selectAll('inspection_rounds')
    .select(['inspection_routes.name as route_name', 'users.display_name as started_by_name']);

export interface RoundFilter {
  routeId?: string | undefined;
  startedBy?: string | undefined;
  openOnly?: boolean | undefined;
}

export function listRounds(db: InspectionDb, enterpriseId: string, filter: RoundFilter, page: PageRequest) {
  let query = roundsWithNames(db).where('inspection_rounds.enterprise_id', '=', enterpriseId);
  if (filter.routeId) query = query.where('inspection_rounds.route_id', '=', filter.routeId);
  if (filter.startedBy) query = query.where('inspection_rounds.started_by', '=', filter.startedBy);
  if (filter.openOnly) query = query.where('inspection_rounds.finished_at', 'is', null);
  return paginate(query.orderBy('inspection_rounds.started_at', 'desc').orderBy('inspection_rounds.id', 'desc'), page);
}

export function findRound(db: InspectionDb, enterpriseId: string, id: string) {
  return roundsWithNames(db)
    .where('inspection_rounds.enterprise_id', '=', enterpriseId)
    .where('inspection_rounds.id', '=', id)
    .executeTakeFirst();
}

export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function insertRound(db: InspectionDb, row: Insertable<InspectionRoundsTable>): Promise<void> {
  await db.insertInto('inspection_rounds').values(row).execute();
}

/** False when the round was finished already. */
export async function finishRound(db: InspectionDb, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('inspection_rounds')
    .set({ finished_at: at })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Check-in: one open result per item of the point; checking in again keeps the first time. */
export async function checkIn(db: InspectionDb, rows: Array<Insertable<InspectionResultsTable>>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('inspection_results')
    .values(rows)
    .onConflict((oc) => oc.columns(['round_id', 'item_id']).doNothing())
    .execute();
}

const resultsWithNames = (db: InspectionDb) =>
  db
    .selectFrom('inspection_results')
    .innerJoin('inspection_points', 'inspection_points.id', 'inspection_results.point_id')
    .innerJoin('inspection_items', 'inspection_items.id', 'inspection_results.item_id')
    .leftJoin('work_orders', 'work_orders.id', 'inspection_results.work_order_id')
    .selectAll('inspection_results')
    .select([
      'inspection_points.name as point_name',
      'inspection_points.seq as point_seq',
      'inspection_items.label as item_label',
      'inspection_items.seq as item_seq',
      'work_orders.number as work_order_number',
    ]);

export function listResults(db: InspectionDb, roundId: string) {
  return resultsWithNames(db)
    .where('inspection_results.round_id', '=', roundId)
    .orderBy('inspection_points.seq')
    .orderBy('inspection_items.seq')
    .execute();
}

export type ResultRow = Awaited<ReturnType<typeof listResults>>[number];

export function findResult(db: InspectionDb, roundId: string, itemId: string) {
  return db.selectFrom('inspection_results').selectAll().where('round_id', '=', roundId).where('item_id', '=', itemId).executeTakeFirst();
}

export async function updateResult(db: InspectionDb, id: string, changes: Updateable<InspectionResultsTable>): Promise<void> {
  await db.updateTable('inspection_results').set(changes).where('id', '=', id).execute();
}

/** Links the repair order unless the result has one already; false when another submission linked first. */
export async function linkWorkOrder(db: InspectionDb, id: string, workOrderId: string): Promise<boolean> {
  const result = await db
    .updateTable('inspection_results')
    .set({ work_order_id: workOrderId })
    .where('id', '=', id)
    .where('work_order_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Points and items on a route: the round's totals. */
export async function routeTotals(db: InspectionDb, routeId: string): Promise<{ points: number; items: number }> {
  const row = await db
    .selectFrom('inspection_points')
    .leftJoin('inspection_items', 'inspection_items.point_id', 'inspection_points.id')
    .select((eb) => [
      eb.fn.count<number>('inspection_points.id').distinct().as('points'),
      eb.fn.count<number>('inspection_items.id').as('items'),
    ])
    .where('inspection_points.route_id', '=', routeId)
    .executeTakeFirstOrThrow();
  return { points: Number(row.points), items: Number(row.items) };
}

// ---- photos ----

export async function insertPhoto(db: InspectionDb, row: Insertable<InspectionPhotosTable>): Promise<void> {
  await db.insertInto('inspection_photos').values(row).execute();
}

/** The result of an item in a round, its row locked until the transaction ends: photos for it are taken in turn. */
export function lockResult(db: InspectionDb, roundId: string, itemId: string) {
  return lockingRows(
    db,
    db.selectFrom('inspection_results').selectAll().where('round_id', '=', roundId).where('item_id', '=', itemId),
  ).executeTakeFirst();
}

/** Deletes a result's photos but `keep` (the one its photo_ref names, null for none): a replaced photo is not kept. */
export async function deleteReplacedPhotos(db: InspectionDb, roundId: string, resultId: string, keep: string | null): Promise<void> {
  let query = db.deleteFrom('inspection_photos').where('round_id', '=', roundId).where('result_id', '=', resultId);
  if (keep !== null) query = query.where('id', '<>', keep);
  await query.execute();
}

export function findPhoto(db: InspectionDb, roundId: string, id: string) {
  return db
    .selectFrom('inspection_photos')
    .select(['id', 'filename', 'mime', 'content'])
    .where('round_id', '=', roundId)
    .where('id', '=', id)
    .executeTakeFirst();
}
