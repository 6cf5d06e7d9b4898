import type { Insertable, Kysely, Updateable } from 'kysely';
import type { IndicatorsTable, TargetTables, TargetTasksTable, TaskReportsTable } from './targets.tables';

export type TargetDb = Kysely<TargetTables>;

export function listIndicators(db: TargetDb) {
  return db.selectFrom('indicators').selectAll().orderBy('sort').execute();
}

export function findIndicator(db: TargetDb, id: string) {
  return db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertIndicator(db: TargetDb, row: Insertable<IndicatorsTable>): Promise<void> {
  await db.insertInto('indicators').values(row).execute();
}

export function listIndicatorYears(db: TargetDb) {
  return db.selectFrom('indicator_years').selectAll().orderBy('year').execute();
}

export async function upsertIndicatorYear(
  db: TargetDb,
  row: { indicator_id: string; year: number; target_value?: number | null; actual_value?: number | null; actual_through?: string | null },
  now: string,
): Promise<void> {
  const changes = {
    ...(row.target_value !== undefined && { target_value: row.target_value }),
    ...(row.actual_value !== undefined && { actual_value: row.actual_value }),
    ...(row.actual_through !== undefined && { actual_through: row.actual_through }),
    updated_at: now,
  };
  await db
    .insertInto('indicator_years')
    .values({
      indicator_id: row.indicator_id,
      year: row.year,
      target_value: row.target_value ?? null,
      actual_value: row.actual_value ?? null,
      actual_through: row.actual_through ?? null,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['indicator_id', 'year']).doUpdateSet(changes))
    .execute();
}

export interface TaskFilter {
  year?: number | undefined;
  departmentId?: string | undefined;
  indicatorId?: string | undefined;
  id?: string | undefined;
}

export function selectTasks(db: TargetDb, filter: TaskFilter) {
  let query = db
    .selectFrom('target_tasks')
    .innerJoin('indicators', 'indicators.id', 'target_tasks.indicator_id')
    .innerJoin('organisations as dept', 'dept.id', 'target_tasks.department_id')
    .selectAll('target_tasks')
    .select(['indicators.name_zh as indicator_name', 'dept.name as department_name']);
  if (filter.id !== undefined) query = query.where('target_tasks.id', '=', filter.id);
  if (filter.year !== undefined) query = query.where('target_tasks.year', '=', filter.year);
  if (filter.departmentId !== undefined) query = query.where('target_tasks.department_id', '=', filter.departmentId);
  if (filter.indicatorId !== undefined) query = query.where('target_tasks.indicator_id', '=', filter.indicatorId);
  return query.orderBy('indicators.sort').orderBy('target_tasks.deadline').orderBy('target_tasks.title');
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export async function insertTask(db: TargetDb, row: Insertable<TargetTasksTable>): Promise<void> {
  await db.insertInto('target_tasks').values(row).execute();
}

export async function updateTask(db: TargetDb, id: string, changes: Updateable<TargetTasksTable>): Promise<void> {
  await db.updateTable('target_tasks').set(changes).where('id', '=', id).execute();
}

export async function insertReport(db: TargetDb, row: Insertable<TaskReportsTable>): Promise<void> {
  await db.insertInto('task_reports').values(row).execute();
}

export function listReports(db: TargetDb, taskId: string) {
  return db.selectFrom('task_reports').selectAll().where('task_id', '=', taskId).orderBy('at', 'desc').execute();
}

export function departmentExists(db: TargetDb, id: string) {
  return db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
}

export function listEnterprisesFor(db: TargetDb, filter: { aboveScale?: boolean; industryPrefixes?: string[] }) {
  let query = db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .leftJoin('parks', 'parks.id', 'enterprises.park_id')
    .select(['enterprises.id', 'organisations.name', 'parks.name as park_name', 'enterprises.industry_code']);
  if (filter.aboveScale !== undefined) query = query.where('enterprises.above_scale', '=', filter.aboveScale ? 1 : 0);
  const prefixes = filter.industryPrefixes ?? [];
  if (prefixes.length > 0) query = query.where((eb) => eb.or(prefixes.map((p) => eb('enterprises.industry_code', 'like', `${p}%`))));
  return query.orderBy('organisations.name').execute();
}
