import type { AssetState, CounterKind, WorkOrderKind, WorkOrderStatus } from '@tiantai/shared';
import type { Insertable, Kysely, Updateable } from 'kysely';
import { withTablesOf } from '../../db/connection';
import { paginate, type PageRequest } from '../../db/paginate';
import { lockingRows } from '../../db/row-lock';
import { counterTotal, type AssetTables } from '../assets';
import type { KpiOrder } from './kpis';
import type {
  MaintenancePlansTable,
  MaintenanceSharingTable,
  MaintenanceTables,
  SparePartsTable,
  WorkOrderAttachmentsTable,
  WorkOrderChecklistTable,
  WorkOrderEventsTable,
  WorkOrderPartsTable,
  WorkOrdersTable,
} from './maintenance.tables';

export type MaintenanceDb = Kysely<MaintenanceTables>;

// ---- plans: always within one enterprise, except for the generation job ----

const plansWithAsset = (db: MaintenanceDb) =>
  db
    .selectFrom('maintenance_plans')
    .innerJoin('assets', 'assets.id', 'maintenance_plans.asset_id')
    .selectAll('maintenance_plans')
    .select(['assets.code as asset_code', 'assets.name as asset_name']);

export function listPlans(db: MaintenanceDb, enterpriseId: string, assetId?: string) {
  let query = plansWithAsset(db).where('maintenance_plans.enterprise_id', '=', enterpriseId);
  if (assetId) query = query.where('maintenance_plans.asset_id', '=', assetId);
  return query.orderBy('assets.code').orderBy('maintenance_plans.name').orderBy('maintenance_plans.id').execute();
}

export function findPlan(db: MaintenanceDb, enterpriseId: string, id: string) {
  return plansWithAsset(db)
    .where('maintenance_plans.enterprise_id', '=', enterpriseId)
    .where('maintenance_plans.id', '=', id)
    .executeTakeFirst();
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** A usage plan's counter now (the asset's total of the plan's counter kind); null for a plan by time. */
export async function planCounter(db: MaintenanceDb, plan: PlanRow): Promise<number | null> {
  if (plan.trigger !== 'usage') return null;
  return counterTotal(withTablesOf<AssetTables>(db), plan.asset_id, plan.interval_unit as CounterKind);
}

/** Every active plan of every enterprise: the generation job's work list. */
export function listActivePlans(db: MaintenanceDb, assetIds?: readonly string[]) {
  let query = plansWithAsset(db).where('maintenance_plans.active', '=', 1);
  if (assetIds) query = query.where('maintenance_plans.asset_id', 'in', assetIds.length > 0 ? assetIds : ['']);
  return query.orderBy('maintenance_plans.id').execute();
}

export async function insertPlan(db: MaintenanceDb, row: Insertable<MaintenancePlansTable>): Promise<void> {
  await db.insertInto('maintenance_plans').values(row).execute();
}

export async function updatePlan(db: MaintenanceDb, id: string, changes: Updateable<MaintenancePlansTable>): Promise<void> {
  await db.updateTable('maintenance_plans').set(changes).where('id', '=', id).execute();
}

export async function deletePlan(db: MaintenanceDb, id: string): Promise<void> {
  await db.deleteFrom('maintenance_plans').where('id', '=', id).execute();
}

// ---- work orders ----

const ordersWithNames = (db: MaintenanceDb) =>
  db
    .selectFrom('work_orders')
    .innerJoin('assets', 'assets.id', 'work_orders.asset_id')
    .leftJoin('users as assignee', 'assignee.id', 'work_orders.assignee_user_id')
    .selectAll('work_orders')
    .select([
      'assets.code as asset_code',
      'assets.name as asset_name',
      'assets.plant_id as plant_id',
      'assignee.display_name as assignee_name',
    ]);

export interface WorkOrderFilter {
  kind?: WorkOrderKind | undefined;
  status?: WorkOrderStatus | undefined;
  assetId?: string | undefined;
  q?: string | undefined;
  assigneeUserId?: string | undefined;
  openOnly?: boolean | undefined;
}

export function listWorkOrders(db: MaintenanceDb, enterpriseId: string, filter: WorkOrderFilter, page: PageRequest) {
  let query = ordersWithNames(db).where('work_orders.enterprise_id', '=', enterpriseId);
  if (filter.kind) query = query.where('work_orders.kind', '=', filter.kind);
  if (filter.status) query = query.where('work_orders.status', '=', filter.status);
  if (filter.assetId) query = query.where('work_orders.asset_id', '=', filter.assetId);
  if (filter.assigneeUserId) query = query.where('work_orders.assignee_user_id', '=', filter.assigneeUserId);
  if (filter.openOnly) query = query.where('work_orders.status', 'not in', ['done', 'accepted', 'cancelled']);
  if (filter.q) {
    const like = `%${filter.q}%`;
    query = query.where((eb) =>
      eb.or([
        eb('work_orders.number', 'like', like),
        eb('work_orders.title', 'like', like),
        eb('assets.code', 'like', like),
        eb('assets.name', 'like', like),
      ]),
    );
  }
  return paginate(query.orderBy('work_orders.created_at', 'desc').orderBy('work_orders.id', 'desc'), page);
}

export function findWorkOrder(db: MaintenanceDb, enterpriseId: string, id: string) {
  return ordersWithNames(db).where('work_orders.enterprise_id', '=', enterpriseId).where('work_orders.id', '=', id).executeTakeFirst();
}

export type WorkOrderRow = NonNullable<Awaited<ReturnType<typeof findWorkOrder>>>;

/**
 * Another running order on the asset that would hold it in `state` but did not move it there (the asset
 * was already down for it): it takes over holding the asset when the order that moved it finishes.
 */
export function findOrderToHoldAsset(db: MaintenanceDb, assetId: string, exceptId: string, state: AssetState) {
  let query = db
    .selectFrom('work_orders')
    .select('id')
    .where('asset_id', '=', assetId)
    .where('id', '!=', exceptId)
    .where('status', 'in', ['in_progress', 'on_hold'])
    .where('asset_state_set', 'is', null);
  query =
    state === 'under_repair'
      ? query.where('kind', '=', 'repair').where('downtime_start', 'is not', null)
      : query.where('kind', '=', 'maintenance');
  return query.orderBy('created_at').orderBy('id').executeTakeFirst();
}

export async function setAssetStateSet(db: MaintenanceDb, id: string, state: AssetState | null): Promise<void> {
  await db.updateTable('work_orders').set({ asset_state_set: state }).where('id', '=', id).execute();
}

export function findOrderForDuePoint(db: MaintenanceDb, planId: string, duePoint: string) {
  return db.selectFrom('work_orders').select('id').where('plan_id', '=', planId).where('due_point', '=', duePoint).executeTakeFirst();
}

export async function countOrdersWithPrefix(db: MaintenanceDb, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('number', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** False when an order for the same plan and due point exists already (another instance made it). */
export async function insertWorkOrder(db: MaintenanceDb, row: Insertable<WorkOrdersTable>): Promise<boolean> {
  const result = await db
    .insertInto('work_orders')
    .values(row)
    .onConflict((oc) => oc.columns(['plan_id', 'due_point']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Applies the change only if the order is still as it was read; false when someone else moved it. */
export async function updateWorkOrderFrom(
  db: MaintenanceDb,
  id: string,
  was: { status: WorkOrderStatus; updatedAt: string },
  changes: Updateable<WorkOrdersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('work_orders')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', was.status)
    .where('updated_at', '=', was.updatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertEvent(db: MaintenanceDb, row: Insertable<WorkOrderEventsTable>): Promise<void> {
  await db.insertInto('work_order_events').values(row).execute();
}

export function listEvents(db: MaintenanceDb, workOrderId: string) {
  return db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', workOrderId).orderBy('at').orderBy('id').execute();
}

/** The order's status, its row locked until the transaction ends: uploads to one order count and insert in turn. */
export function lockOrderForAttachment(db: MaintenanceDb, workOrderId: string) {
  return lockingRows(db, db.selectFrom('work_orders').select('status').where('id', '=', workOrderId)).executeTakeFirst();
}

export function listAttachments(db: MaintenanceDb, workOrderId: string) {
  return db
    .selectFrom('work_order_attachments')
    .select(['id', 'filename', 'mime', 'size', 'uploaded_at', 'uploaded_by'])
    .where('work_order_id', '=', workOrderId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function insertAttachment(db: MaintenanceDb, row: Insertable<WorkOrderAttachmentsTable>): Promise<void> {
  await db.insertInto('work_order_attachments').values(row).execute();
}

export function findAttachment(db: MaintenanceDb, workOrderId: string, id: string) {
  return db
    .selectFrom('work_order_attachments')
    .selectAll()
    .where('work_order_id', '=', workOrderId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listOrderParts(db: MaintenanceDb, workOrderId: string) {
  return db
    .selectFrom('work_order_parts')
    .innerJoin('spare_parts', 'spare_parts.id', 'work_order_parts.part_id')
    .selectAll('work_order_parts')
    .select(['spare_parts.code', 'spare_parts.name', 'spare_parts.unit'])
    .where('work_order_parts.work_order_id', '=', workOrderId)
    .orderBy('work_order_parts.at')
    .orderBy('work_order_parts.id')
    .execute();
}

export async function insertOrderPart(db: MaintenanceDb, row: Insertable<WorkOrderPartsTable>): Promise<void> {
  await db.insertInto('work_order_parts').values(row).execute();
}

export function isActiveUserOf(db: MaintenanceDb, enterpriseId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', userId)
    .where('organisation_id', '=', enterpriseId)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export function displayName(db: MaintenanceDb, userId: string) {
  return db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
}

// ---- spare parts: one enterprise's stock ----

export function listSpareParts(db: MaintenanceDb, enterpriseId: string) {
  return db.selectFrom('spare_parts').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('code').execute();
}

export function findSparePart(db: MaintenanceDb, enterpriseId: string, id: string) {
  return db.selectFrom('spare_parts').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();
}

export function findSparePartByCode(db: MaintenanceDb, enterpriseId: string, code: string) {
  return db.selectFrom('spare_parts').select('id').where('enterprise_id', '=', enterpriseId).where('code', '=', code).executeTakeFirst();
}

export async function insertSparePart(db: MaintenanceDb, row: Insertable<SparePartsTable>): Promise<void> {
  await db.insertInto('spare_parts').values(row).execute();
}

/** Moves the stock by `delta` in one statement, refusing to go below zero; false when it would. */
export async function moveStock(db: MaintenanceDb, id: string, delta: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('spare_parts')
    .set((eb) => ({ quantity: eb('quantity', '+', delta), updated_at: at }))
    .where('id', '=', id)
    .where('quantity', '>=', -delta)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- KPI inputs ----

/** Work orders run by an enterprise (or by all), as the KPIs read them. */
export async function kpiOrders(db: MaintenanceDb, enterpriseId: string | undefined): Promise<KpiOrder[]> {
  let query = db
    .selectFrom('work_orders')
    .select(['asset_id', 'kind', 'status', 'due_at', 'completed_at', 'downtime_start', 'downtime_end']);
  if (enterpriseId) query = query.where('enterprise_id', '=', enterpriseId);
  return (await query.execute()).map((o) => ({
    assetId: o.asset_id,
    kind: o.kind,
    status: o.status,
    dueAt: o.due_at,
    completedAt: o.completed_at,
    downtimeStart: o.downtime_start,
    downtimeEnd: o.downtime_end,
  }));
}

// ---- sharing with the county ----

export function findSharing(db: MaintenanceDb, enterpriseId: string) {
  return db.selectFrom('maintenance_sharing').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();
}

export async function upsertSharing(db: MaintenanceDb, row: MaintenanceSharingTable): Promise<void> {
  await db
    .insertInto('maintenance_sharing')
    .values(row)
    .onConflict((oc) =>
      oc.column('enterprise_id').doUpdateSet({ shared: row.shared, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

/** The enterprises that chose to show the county their figures, with their names. */
export function sharingEnterprises(db: MaintenanceDb) {
  return db
    .selectFrom('maintenance_sharing')
    .innerJoin('organisations', 'organisations.id', 'maintenance_sharing.enterprise_id')
    .select(['maintenance_sharing.enterprise_id as id', 'organisations.name as name'])
    .where('maintenance_sharing.shared', '=', 1)
    .orderBy('organisations.name')
    .execute();
}

// ---- checklists ----

export async function insertChecklist(db: MaintenanceDb, rows: Array<Insertable<WorkOrderChecklistTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('work_order_checklist').values(rows).execute();
}

export function listChecklist(db: MaintenanceDb, workOrderId: string) {
  return db.selectFrom('work_order_checklist').selectAll().where('work_order_id', '=', workOrderId).orderBy('seq').execute();
}

export function findChecklistItem(db: MaintenanceDb, workOrderId: string, id: string) {
  return db.selectFrom('work_order_checklist').selectAll().where('work_order_id', '=', workOrderId).where('id', '=', id).executeTakeFirst();
}

export async function tickChecklistItem(db: MaintenanceDb, id: string, changes: Updateable<WorkOrderChecklistTable>): Promise<void> {
  await db.updateTable('work_order_checklist').set(changes).where('id', '=', id).execute();
}
