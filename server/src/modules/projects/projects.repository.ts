import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ProjectMilestonesTable, ProjectsTable, ProjectStageEventsTable, ProjectTables } from './projects.tables';

export type ProjectDb = Kysely<ProjectTables>;

export interface ProjectScope {
  /** Enterprise users: only their enterprise's projects. */
  enterpriseId?: string | undefined;
  /** Department handlers: only the projects they are responsible for. */
  departmentId?: string | undefined;
}

export interface ProjectFilter extends ProjectScope {
  q?: string | undefined;
  stage?: ProjectsTable['stage'] | undefined;
  parkId?: string | undefined;
  industry?: ProjectsTable['industry'] | undefined;
  minTotalWan?: number | undefined;
  /** Only projects with a plan in this year. */
  onlyPlannedIn?: number | undefined;
  id?: string | undefined;
}

/** Projects with names, the plan of `year` and the investment completed in `year`. */
export function selectProjects(db: ProjectDb, year: number, filter: ProjectFilter) {
  let query = db
    .selectFrom('projects')
    .leftJoin('organisations as ent', 'ent.id', 'projects.enterprise_id')
    .leftJoin('parks', 'parks.id', 'projects.park_id')
    .leftJoin('organisations as dept', 'dept.id', 'projects.responsible_department_id')
    .leftJoin('project_year_plans as plan', (join) => join.onRef('plan.project_id', '=', 'projects.id').on('plan.year', '=', year))
    .selectAll('projects')
    .select(['ent.name as enterprise_name', 'parks.name as park_name', 'dept.name as department_name', 'plan.planned_wan'])
    .select((eb) =>
      eb
        .selectFrom('project_investments as inv')
        .whereRef('inv.project_id', '=', 'projects.id')
        .where('inv.month', 'like', `${year}-%`)
        .select((e) => e.fn.sum<number>('inv.amount_wan').as('s'))
        .as('completed_wan'),
    );
  if (filter.id !== undefined) query = query.where('projects.id', '=', filter.id);
  if (filter.enterpriseId !== undefined) query = query.where('projects.enterprise_id', '=', filter.enterpriseId);
  if (filter.departmentId !== undefined) query = query.where('projects.responsible_department_id', '=', filter.departmentId);
  if (filter.stage) query = query.where('projects.stage', '=', filter.stage);
  if (filter.parkId) query = query.where('projects.park_id', '=', filter.parkId);
  if (filter.industry) query = query.where('projects.industry', '=', filter.industry);
  if (filter.minTotalWan !== undefined) query = query.where('projects.total_investment_wan', '>=', filter.minTotalWan);
  if (filter.onlyPlannedIn !== undefined) query = query.where('plan.year', '=', filter.onlyPlannedIn);
  if (filter.q) {
    const q = `%${filter.q.trim()}%`;
    query = query.where((eb) =>
      eb.or([eb('projects.name', 'like', q), eb('ent.name', 'like', q), eb('projects.investor_name', 'like', q)]),
    );
  }
  return query.orderBy('projects.total_investment_wan', 'desc').orderBy('projects.name');
}

export type ProjectRow = Awaited<ReturnType<ReturnType<typeof selectProjects>['executeTakeFirstOrThrow']>>;

export function listMilestones(db: ProjectDb, projectIds: string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_milestones')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('sort')
    .orderBy('planned_date')
    .execute();
}

export async function insertProject(db: ProjectDb, row: Insertable<ProjectsTable>): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

export async function updateProject(db: ProjectDb, id: string, changes: Updateable<ProjectsTable>): Promise<void> {
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
}

/** Moves a project only if it is still in `from`: two people moving it at once cannot both succeed. */
export async function moveStage(
  db: ProjectDb,
  id: string,
  from: ProjectsTable['stage'],
  changes: Updateable<ProjectsTable>,
): Promise<boolean> {
  const result = await db.updateTable('projects').set(changes).where('id', '=', id).where('stage', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findProjectByName(db: ProjectDb, name: string) {
  return db.selectFrom('projects').select(['id', 'enterprise_id']).where('name', '=', name).executeTakeFirst();
}

export async function upsertPlan(db: ProjectDb, projectId: string, year: number, plannedWan: number): Promise<void> {
  await db
    .insertInto('project_year_plans')
    .values({ project_id: projectId, year, planned_wan: plannedWan })
    .onConflict((oc) => oc.columns(['project_id', 'year']).doUpdateSet({ planned_wan: plannedWan }))
    .execute();
}

export function latestPlanYear(db: ProjectDb, projectId: string) {
  return db
    .selectFrom('project_year_plans')
    .select(['year', 'planned_wan'])
    .where('project_id', '=', projectId)
    .orderBy('year', 'desc')
    .executeTakeFirst();
}

export async function upsertInvestment(db: ProjectDb, projectId: string, month: string, amountWan: number, now: string): Promise<void> {
  await db
    .insertInto('project_investments')
    .values({ project_id: projectId, month, amount_wan: amountWan, updated_at: now })
    .onConflict((oc) => oc.columns(['project_id', 'month']).doUpdateSet({ amount_wan: amountWan, updated_at: now }))
    .execute();
}

export function listInvestments(db: ProjectDb, projectId: string) {
  return db
    .selectFrom('project_investments')
    .select(['month', 'amount_wan'])
    .where('project_id', '=', projectId)
    .orderBy('month')
    .execute();
}

/** Completed investment per month of a year, over the given projects (all when undefined). */
export function monthlyInvestments(db: ProjectDb, year: number) {
  return db
    .selectFrom('project_investments')
    .innerJoin('project_year_plans as plan', (join) =>
      join.onRef('plan.project_id', '=', 'project_investments.project_id').on('plan.year', '=', year),
    )
    .innerJoin('projects', 'projects.id', 'project_investments.project_id')
    .where('projects.stage', '!=', 'terminated')
    .where('project_investments.month', 'like', `${year}-%`)
    .select(['project_investments.month', (eb) => eb.fn.sum<number>('project_investments.amount_wan').as('total')])
    .groupBy('project_investments.month')
    .orderBy('project_investments.month')
    .execute();
}

/** The latest month with recorded investment, per project. */
export function lastInvestmentMonths(db: ProjectDb, projectIds: string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_investments')
    .where('project_id', 'in', projectIds)
    .where('amount_wan', '>', 0)
    .select(['project_id', (eb) => eb.fn.max('month').as('last_month')])
    .groupBy('project_id')
    .execute();
}

export async function insertMilestone(db: ProjectDb, row: Insertable<ProjectMilestonesTable>): Promise<void> {
  await db.insertInto('project_milestones').values(row).execute();
}

export function findMilestone(db: ProjectDb, projectId: string, id: string) {
  return db.selectFrom('project_milestones').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
}

export async function updateMilestone(db: ProjectDb, id: string, changes: Updateable<ProjectMilestonesTable>): Promise<void> {
  await db.updateTable('project_milestones').set(changes).where('id', '=', id).execute();
}

export async function insertStageEvent(db: ProjectDb, row: Insertable<ProjectStageEventsTable>): Promise<void> {
  await db.insertInto('project_stage_events').values(row).execute();
}

export function listStageEvents(db: ProjectDb, projectId: string) {
  return db.selectFrom('project_stage_events').selectAll().where('project_id', '=', projectId).orderBy('at').orderBy('on_date').execute();
}

export async function linkServiceRequest(db: ProjectDb, projectId: string, requestId: string, now: string): Promise<void> {
  await db.insertInto('project_service_requests').values({ project_id: projectId, request_id: requestId, created_at: now }).execute();
}

export function listLinkedRequests(db: ProjectDb, projectId: string) {
  return db
    .selectFrom('project_service_requests as link')
    .innerJoin('service_requests', 'service_requests.id', 'link.request_id')
    .select(['service_requests.id', 'service_requests.number', 'service_requests.title', 'service_requests.status'])
    .where('link.project_id', '=', projectId)
    .orderBy('link.created_at', 'desc')
    .execute();
}

/** Signed in a year (China dates), by size: the five-year aims' count. */
export function signedInYear(db: ProjectDb, year: number) {
  return db
    .selectFrom('projects')
    .select(['total_investment_wan'])
    .where('signed_on', '>=', `${year}-01-01`)
    .where('signed_on', '<=', `${year}-12-31`)
    .where('stage', '!=', 'terminated')
    .execute();
}

export function findDepartmentByName(db: ProjectDb, name: string) {
  return db
    .selectFrom('departments')
    .innerJoin('organisations', 'organisations.id', 'departments.id')
    .select('departments.id')
    .where((eb) => eb.or([eb('organisations.name', '=', name), eb('departments.short_name', '=', name)]))
    .executeTakeFirst();
}

export function departmentExists(db: ProjectDb, id: string) {
  return db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
}

export function enterpriseExists(db: ProjectDb, id: string) {
  return db.selectFrom('enterprises').select('id').where('id', '=', id).executeTakeFirst();
}

export function parkExists(db: ProjectDb, id: string) {
  return db.selectFrom('parks').select('id').where('id', '=', id).executeTakeFirst();
}

export function findEnterpriseByName(db: ProjectDb, name: string) {
  return db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .select('enterprises.id')
    .where('organisations.name', '=', name)
    .executeTakeFirst();
}

export function listParkNames(db: ProjectDb) {
  return db.selectFrom('parks').select(['id', 'name']).execute();
}
