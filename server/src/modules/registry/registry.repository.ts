import type { Insertable, Kysely, Updateable } from 'kysely';
import { paginate, type PageRequest } from '../../db/paginate';
import type { DepartmentsTable, EnterprisesTable, ParksTable, RegistryTables } from './registry.tables';

export type RegistryDb = Kysely<RegistryTables>;

// ---- parks ----

export function listParks(db: RegistryDb) {
  return db
    .selectFrom('parks')
    .selectAll('parks')
    .select((eb) =>
      eb
        .selectFrom('enterprises')
        .whereRef('enterprises.park_id', '=', 'parks.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('enterprise_count'),
    )
    .orderBy('parks.created_at')
    .orderBy('parks.name')
    .execute();
}

export async function findPark(db: RegistryDb, id: string) {
  const parks = await db
    .selectFrom('parks')
    .selectAll('parks')
    .select((eb) =>
      eb
        .selectFrom('enterprises')
        .whereRef('enterprises.park_id', '=', 'parks.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('enterprise_count'),
    )
    .where('parks.id', '=', id)
    .execute();
  return parks[0];
}

export async function insertPark(db: RegistryDb, row: Insertable<ParksTable>): Promise<void> {
  await db.insertInto('parks').values(row).execute();
}

export async function updatePark(db: RegistryDb, id: string, changes: Updateable<ParksTable>): Promise<void> {
  await db.updateTable('parks').set(changes).where('id', '=', id).execute();
}

// ---- organisation names ----

/** Every organisation (county, departments, enterprises): names are compared across all of them. */
export function listOrganisationNames(db: RegistryDb) {
  return db.selectFrom('organisations').select(['id', 'kind', 'name']).execute();
}

// ---- departments ----

const departmentsWithName = (db: RegistryDb) =>
  db
    .selectFrom('departments')
    .innerJoin('organisations', 'organisations.id', 'departments.id')
    .selectAll('departments')
    .select('organisations.name');

export function listDepartments(db: RegistryDb) {
  return departmentsWithName(db).orderBy('departments.created_at').orderBy('organisations.name').execute();
}

export function findDepartment(db: RegistryDb, id: string) {
  return departmentsWithName(db).where('departments.id', '=', id).executeTakeFirst();
}

export async function insertDepartment(db: RegistryDb, row: Insertable<DepartmentsTable>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartment(db: RegistryDb, id: string, changes: Updateable<DepartmentsTable>): Promise<void> {
  await db.updateTable('departments').set(changes).where('id', '=', id).execute();
}

// ---- enterprises ----

export interface EnterpriseFilter {
  /** Set for enterprise actors: they see only their own row. */
  onlyId?: string | undefined;
  q?: string | undefined;
  parkId?: string | undefined;
  township?: string | undefined;
  industry?: string | undefined;
  aboveScale?: boolean | undefined;
}

const enterprisesWithNames = (db: RegistryDb) =>
  db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .leftJoin('parks', 'parks.id', 'enterprises.park_id')
    .selectAll('enterprises')
    .select(['organisations.name', 'parks.name as park_name']);

function filtered(db: RegistryDb, filter: EnterpriseFilter) {
  let query = enterprisesWithNames(db);
  if (filter.onlyId !== undefined) query = query.where('enterprises.id', '=', filter.onlyId);
  if (filter.parkId) query = query.where('enterprises.park_id', '=', filter.parkId);
  if (filter.township) query = query.where('enterprises.township', '=', filter.township);
  if (filter.industry) query = query.where('enterprises.industry_code', 'like', `${filter.industry.toUpperCase()}%`);
  if (filter.aboveScale !== undefined) query = query.where('enterprises.above_scale', '=', filter.aboveScale ? 1 : 0);
  if (filter.q) {
    const q = filter.q.trim();
    query = query.where((eb) =>
      eb.or([eb('organisations.name', 'like', `%${q}%`), eb('enterprises.credit_code', 'like', `%${q.toUpperCase()}%`)]),
    );
  }
  return query;
}

export function listEnterprises(db: RegistryDb, filter: EnterpriseFilter, page: PageRequest) {
  return paginate(filtered(db, filter).orderBy('organisations.name').orderBy('enterprises.id'), page);
}

export function listAllEnterprises(db: RegistryDb) {
  return enterprisesWithNames(db).orderBy('organisations.name').execute();
}

export function findEnterprise(db: RegistryDb, id: string) {
  return enterprisesWithNames(db).where('enterprises.id', '=', id).executeTakeFirst();
}

export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>;

export function findEnterpriseByCreditCode(db: RegistryDb, creditCode: string) {
  return enterprisesWithNames(db).where('enterprises.credit_code', '=', creditCode).executeTakeFirst();
}

export async function insertEnterprise(db: RegistryDb, row: Insertable<EnterprisesTable>): Promise<void> {
  await db.insertInto('enterprises').values(row).execute();
}

export async function updateEnterprise(db: RegistryDb, id: string, changes: Updateable<EnterprisesTable>): Promise<void> {
  await db.updateTable('enterprises').set(changes).where('id', '=', id).execute();
}
