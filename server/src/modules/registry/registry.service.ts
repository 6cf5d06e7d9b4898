import { randomUUID } from 'node:crypto';
import type { enterpriseBody } from '@tiantai/shared';
import {
  ENTERPRISE_IDENTITY_FIELDS,
  ENTERPRISE_SELF_FIELDS,
  can,
  checkCreditCode,
  industryDivisionOf,
  type Actor,
  type DepartmentBody,
  type DepartmentView,
  type EnterpriseListQuery,
  type EnterpriseSaved,
  type EnterpriseView,
  type ImportResult,
  type ImportRowError,
  type Paged,
  type ParkBody,
  type ParkView,
  type RegistryWarning,
} from '@tiantai/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { requirePermission } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import { createOrganisation, recordAudit, renameOrganisation } from '../identity';
import { readEnterpriseSheet, writeEnterpriseSheet } from './enterprise-sheet';
import { OrganisationNames, takenMessage } from './organisation-names';
import * as repo from './registry.repository';
import type { EnterpriseRow } from './registry.repository';
import type { EnterprisesTable, RegistryTables } from './registry.tables';

export type RegistryServiceDb = Kysely<RegistryTables>;
type EnterpriseInput = z.output<typeof enterpriseBody>;

const nowIso = () => new Date().toISOString();

function toParkView(row: NonNullable<Awaited<ReturnType<typeof repo.findPark>>>): ParkView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    towns: JSON.parse(row.towns) as string[],
    areaKm2: row.area_km2,
    plannedInvestmentWan: row.planned_investment_wan,
    description: row.description,
    enterpriseCount: Number(row.enterprise_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDepartmentView(row: NonNullable<Awaited<ReturnType<typeof repo.findDepartment>>>): DepartmentView {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    acceptsRequests: row.accepts_requests === 1,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toEnterpriseView(row: EnterpriseRow): EnterpriseView {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    creditCodeValid: row.credit_code_valid === null ? null : row.credit_code_valid === 1,
    industryCode: row.industry_code,
    aboveScale: row.above_scale === 1,
    parkId: row.park_id,
    parkName: row.park_name,
    township: row.township,
    address: row.address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Warnings a user should see but that do not stop the save. */
function enterpriseWarnings(input: Partial<Pick<EnterpriseInput, 'creditCode' | 'industryCode'>>, row?: number): RegistryWarning[] {
  const warnings: RegistryWarning[] = [];
  const at = row === undefined ? {} : { row };
  if (input.creditCode) {
    const check = checkCreditCode(input.creditCode);
    if (check.status === 'bad_check') {
      const message = `Credit code ${input.creditCode} fails the GB 32100-2015 check (expected check character ${check.expected}); saved as given`;
      warnings.push({ code: 'CREDIT_CODE_CHECK', value: check.expected, message, ...at });
    }
  }
  if (input.industryCode && !industryDivisionOf(input.industryCode)) {
    const message = `Industry code ${input.industryCode} is not a division in the built-in GB/T 4754 list; saved as given`;
    warnings.push({ code: 'INDUSTRY_NOT_LISTED', value: input.industryCode, message, ...at });
  }
  return warnings;
}

function enterpriseColumns(input: Partial<EnterpriseInput>): Partial<EnterprisesTable> {
  const columns: Partial<EnterprisesTable> = {};
  if (input.creditCode !== undefined) {
    columns.credit_code = input.creditCode;
    columns.credit_code_valid = input.creditCode === null ? null : checkCreditCode(input.creditCode).status === 'valid' ? 1 : 0;
  }
  if (input.industryCode !== undefined) columns.industry_code = input.industryCode;
  if (input.aboveScale !== undefined) columns.above_scale = input.aboveScale ? 1 : 0;
  if (input.parkId !== undefined) columns.park_id = input.parkId;
  if (input.township !== undefined) columns.township = input.township;
  if (input.address !== undefined) columns.address = input.address;
  if (input.contactName !== undefined) columns.contact_name = input.contactName;
  if (input.contactPhone !== undefined) columns.contact_phone = input.contactPhone;
  if (input.contactEmail !== undefined) columns.contact_email = input.contactEmail;
  return columns;
}

export class RegistryService {
  private readonly db: RegistryServiceDb;

  constructor(deps: { db: RegistryServiceDb }) {
    this.db = deps.db;
  }

  // ---- parks ----

  async listParks(actor: Actor): Promise<ParkView[]> {
    void actor; // every signed-in user may read the county's parks
    return (await repo.listParks(this.db)).map(toParkView);
  }

  async getPark(actor: Actor, id: string): Promise<ParkView> {
    void actor;
    const row = await repo.findPark(this.db, id);
    if (!row) throw notFound('Park');
    return toParkView(row);
  }

  async createPark(actor: Actor, body: ParkBody): Promise<ParkView> {
    requireCountyAdmin(actor);
    const id = randomUUID();
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      await repo.insertPark(trx, {
        id,
        name: body.name,
        kind: body.kind,
        towns: JSON.stringify(body.towns),
        area_km2: body.areaKm2,
        planned_investment_wan: body.plannedInvestmentWan,
        description: body.description ?? null,
        created_at: now,
        updated_at: now,
      });
      const created = toParkView((await repo.findPark(trx, id))!);
      await recordAudit(trx, actor, { action: 'create', entity: 'park', entityId: id, organisationId: null, after: created });
      return created;
    });
  }

  async updatePark(actor: Actor, id: string, body: Partial<ParkBody>): Promise<ParkView> {
    requireCountyAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findPark(trx, id);
      if (!before) throw notFound('Park');
      await repo.updatePark(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.kind !== undefined && { kind: body.kind }),
        ...(body.towns !== undefined && { towns: JSON.stringify(body.towns) }),
        ...(body.areaKm2 !== undefined && { area_km2: body.areaKm2 }),
        ...(body.plannedInvestmentWan !== undefined && { planned_investment_wan: body.plannedInvestmentWan }),
        ...(body.description !== undefined && { description: body.description }),
        updated_at: nowIso(),
      });
      const after = toParkView((await repo.findPark(trx, id))!);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'park',
        entityId: id,
        organisationId: null,
        before: toParkView(before),
        after,
      });
      return after;
    });
  }

  // ---- departments ----

  async listDepartments(actor: Actor): Promise<DepartmentView[]> {
    void actor; // the directory of departments is visible to every signed-in user
    return (await repo.listDepartments(this.db)).map(toDepartmentView);
  }

  async getDepartment(actor: Actor, id: string): Promise<DepartmentView> {
    void actor;
    const row = await repo.findDepartment(this.db, id);
    if (!row) throw notFound('Department');
    return toDepartmentView(row);
  }

  async createDepartment(actor: Actor, body: DepartmentBody): Promise<DepartmentView> {
    requireCountyAdmin(actor);
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      (await OrganisationNames.load(trx)).assertFree(body.name);
      const id = await createOrganisation(trx, 'department', body.name);
      await repo.insertDepartment(trx, {
        id,
        short_name: body.shortName ?? null,
        kind: body.kind,
        accepts_requests: body.acceptsRequests ? 1 : 0,
        contact_name: body.contactName ?? null,
        contact_phone: body.contactPhone ?? null,
        created_at: now,
        updated_at: now,
      });
      const created = toDepartmentView((await repo.findDepartment(trx, id))!);
      await recordAudit(trx, actor, { action: 'create', entity: 'department', entityId: id, organisationId: id, after: created });
      return created;
    });
  }

  async updateDepartment(actor: Actor, id: string, body: Partial<DepartmentBody>): Promise<DepartmentView> {
    requireCountyAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findDepartment(trx, id);
      if (!before) throw notFound('Department');
      if (body.name !== undefined && body.name !== before.name) {
        (await OrganisationNames.load(trx)).assertFree(body.name, id);
        await renameOrganisation(trx, id, body.name);
      }
      await repo.updateDepartment(trx, id, {
        ...(body.shortName !== undefined && { short_name: body.shortName }),
        ...(body.kind !== undefined && { kind: body.kind }),
        ...(body.acceptsRequests !== undefined && { accepts_requests: body.acceptsRequests ? 1 : 0 }),
        ...(body.contactName !== undefined && { contact_name: body.contactName }),
        ...(body.contactPhone !== undefined && { contact_phone: body.contactPhone }),
        updated_at: nowIso(),
      });
      const after = toDepartmentView((await repo.findDepartment(trx, id))!);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'department',
        entityId: id,
        organisationId: id,
        before: toDepartmentView(before),
        after,
      });
      return after;
    });
  }

  // ---- enterprises ----

  async listEnterprises(actor: Actor, query: EnterpriseListQuery): Promise<Paged<EnterpriseView>> {
    const { page, pageSize, ...filter } = query;
    const { rows, total } = await repo.listEnterprises(this.db, { ...filter, onlyId: ownEnterpriseOf(actor) }, { page, pageSize });
    return { items: rows.map(toEnterpriseView), total, page, pageSize };
  }

  async getEnterprise(actor: Actor, id: string): Promise<EnterpriseView> {
    const scope = ownEnterpriseOf(actor);
    const row = scope === undefined || scope === id ? await repo.findEnterprise(this.db, id) : undefined;
    if (!row) throw notFound('Enterprise');
    return toEnterpriseView(row);
  }

  async createEnterprise(actor: Actor, body: EnterpriseInput): Promise<EnterpriseSaved> {
    requireCountyAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const enterprise = await this.insertEnterprise(trx, actor, body, await OrganisationNames.load(trx));
      return { enterprise, warnings: enterpriseWarnings(body) };
    });
  }

  async updateEnterprise(actor: Actor, id: string, body: Partial<EnterpriseInput>): Promise<EnterpriseSaved> {
    const scope = ownEnterpriseOf(actor);
    if (scope !== undefined && scope !== id) throw notFound('Enterprise');
    requirePermission(actor, 'enterprises.edit', 'Only the county admin or the enterprise admin edits a profile');
    if (!can(actor.role, 'registry.write')) {
      // Name, credit code, above-scale, industry, park and township are the county's record: statistics, screens
      // and the direct-service queue read them. Refused, not dropped, so the caller knows nothing changed.
      const fields = ENTERPRISE_IDENTITY_FIELDS.filter((field) => body[field] !== undefined);
      if (fields.length > 0) {
        const message = `Only the county changes an enterprise's ${fields.join(', ')}; an enterprise edits its ${ENTERPRISE_SELF_FIELDS.join(', ')}`;
        throw new AppError(403, 'FORBIDDEN', message, { fields });
      }
    }
    return this.db.transaction().execute(async (trx) => {
      const enterprise = await this.changeEnterprise(trx, actor, id, body, await OrganisationNames.load(trx));
      return { enterprise, warnings: enterpriseWarnings(body) };
    });
  }

  async exportEnterprises(actor: Actor): Promise<Buffer> {
    requirePermission(actor, 'enterprises.export', 'Only county staff export the register');
    return writeEnterpriseSheet((await repo.listAllEnterprises(this.db)).map(toEnterpriseView));
  }

  /**
   * All rows or none: every row is checked first; one bad row rejects the sheet with a row-by-row report.
   * A row matching an existing enterprise by credit code (or else by name) updates it.
   */
  async importEnterprises(actor: Actor, file: Buffer): Promise<ImportResult> {
    requireCountyAdmin(actor);
    const parks = await repo.listParks(this.db);
    const rows = await readEnterpriseSheet(file, new Map(parks.map((p) => [p.name, p.id])));
    const warnings = rows.flatMap((r) => enterpriseWarnings(r.input, r.row));
    return this.db.transaction().execute(async (trx) => {
      const names = await OrganisationNames.load(trx);
      const planned: Array<{ input: EnterpriseInput; existingId: string | undefined }> = [];
      const errors: ImportRowError[] = [];
      for (const { row, input } of rows) {
        const existingId =
          (input.creditCode ? await repo.findEnterpriseByCreditCode(trx, input.creditCode) : undefined)?.id ??
          names.enterpriseNamed(input.name)?.id;
        const holder = names.holderOf(input.name, existingId);
        if (holder)
          errors.push({ row, column: '企业名称', problem: 'INVALID', value: input.name, message: takenMessage(input.name, holder) });
        planned.push({ input, existingId });
      }
      if (errors.length > 0) {
        throw new AppError(422, 'IMPORT_INVALID_ROWS', `${errors.length} problem(s) in the sheet; nothing was imported`, errors);
      }
      let created = 0;
      let updated = 0;
      for (const { input, existingId } of planned) {
        if (existingId) {
          await this.changeEnterprise(trx, actor, existingId, input, names);
          updated++;
        } else {
          await this.insertEnterprise(trx, actor, input, names);
          created++;
        }
      }
      return { created, updated, warnings };
    });
  }

  private async insertEnterprise(
    trx: RegistryServiceDb,
    actor: Actor | null,
    body: EnterpriseInput,
    names: OrganisationNames,
  ): Promise<EnterpriseView> {
    await this.checkReferences(trx, body);
    if (body.creditCode && (await repo.findEnterpriseByCreditCode(trx, body.creditCode))) {
      throw new AppError(409, 'DUPLICATE', `An enterprise with credit code ${body.creditCode} already exists`, { field: 'creditCode' });
    }
    names.assertFree(body.name);
    const id = await createOrganisation(trx, 'enterprise', body.name);
    names.set({ id, kind: 'enterprise', name: body.name });
    const now = nowIso();
    await repo.insertEnterprise(trx, {
      id,
      credit_code: null,
      credit_code_valid: null,
      industry_code: null,
      above_scale: 0,
      park_id: null,
      township: null,
      address: null,
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      ...enterpriseColumns(body),
      created_at: now,
      updated_at: now,
    });
    const created = toEnterpriseView((await repo.findEnterprise(trx, id))!);
    await recordAudit(trx, actor, { action: 'create', entity: 'enterprise', entityId: id, organisationId: id, after: created });
    return created;
  }

  private async changeEnterprise(
    trx: RegistryServiceDb,
    actor: Actor,
    id: string,
    body: Partial<EnterpriseInput>,
    names: OrganisationNames,
  ): Promise<EnterpriseView> {
    const before = await repo.findEnterprise(trx, id);
    if (!before) throw notFound('Enterprise');
    await this.checkReferences(trx, body);
    if (body.creditCode && body.creditCode !== before.credit_code) {
      const holder = await repo.findEnterpriseByCreditCode(trx, body.creditCode);
      if (holder) throw new AppError(409, 'DUPLICATE', `Credit code ${body.creditCode} belongs to ${holder.name}`, { field: 'creditCode' });
    }
    if (body.name !== undefined && body.name !== before.name) {
      names.assertFree(body.name, id);
      await renameOrganisation(trx, id, body.name);
      names.set({ id, kind: 'enterprise', name: body.name });
    }
    await repo.updateEnterprise(trx, id, { ...enterpriseColumns(body), updated_at: nowIso() });
    const after = toEnterpriseView((await repo.findEnterprise(trx, id))!);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'enterprise',
      entityId: id,
      organisationId: id,
      before: toEnterpriseView(before),
      after,
    });
    return after;
  }

  private async checkReferences(trx: RegistryServiceDb, body: Partial<EnterpriseInput>): Promise<void> {
    if (body.parkId && !(await repo.findPark(trx, body.parkId))) {
      throw new AppError(400, 'VALIDATION_FAILED', `parkId: no park with id ${body.parkId}`);
    }
  }
}

function requireCountyAdmin(actor: Actor): void {
  requirePermission(actor, 'registry.write', 'Only the county admin changes the register');
}

/** An enterprise's users see only their own enterprise; county staff and departments see the register. */
function ownEnterpriseOf(actor: Actor): string | undefined {
  return actor.organisationKind === 'enterprise' ? actor.organisationId : undefined;
}
