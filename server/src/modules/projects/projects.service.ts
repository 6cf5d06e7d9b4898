import { randomUUID } from 'node:crypto';
import {
  DEFAULT_COUNTY_TIME_ZONE,
  PROJECT_TRANSITIONS,
  SIZE_BANDS,
  canMoveProject,
  countyDate,
  countyYear,
  type Actor,
  type Paged,
  type ProjectBody,
  type ProjectDetailView,
  type ProjectListQuery,
  type ProjectStage,
  type ProjectStatisticsView,
  type ProjectUpdateBody,
  type ProjectView,
  type ProjectWatchlistsView,
  type TransitionBody,
  type projectServiceRequestBody,
} from '@tiantai/shared';
import type { z } from 'zod';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import type { ServiceRequestService } from '../service-requests';
import { monthBefore } from './china-date';
import { readProjectSheet, writeProjectSheet } from './project-sheet';
import { canEdit, canReportProgress } from './projects.access';
import * as repo from './projects.repository';
import type { ProjectDb, ProjectRow, ProjectScope } from './projects.repository';
import { projectSignal, round2 } from './signals';
import { projectStatistics } from './statistics';

const nowIso = () => new Date().toISOString();
type Milestone = Awaited<ReturnType<typeof repo.listMilestones>>[number];

/** Who sees which projects: county staff all; a department those it is responsible for; an enterprise its own. */
export function projectScope(actor: Actor): ProjectScope {
  if (actor.organisationKind === 'enterprise') return { enterpriseId: actor.organisationId };
  if (actor.organisationKind === 'department') return { departmentId: actor.organisationId };
  return {};
}

const PROGRESS_FIELDS = new Set(['actualOutputWan', 'actualTaxWan', 'jobs']);

function toView(row: ProjectRow, milestones: Milestone[], year: number, today: string): ProjectView {
  const planned = row.planned_wan === null || row.planned_wan === undefined ? null : Number(row.planned_wan);
  const completed = round2(Number(row.completed_wan ?? 0));
  const perMu = (v: number | null) => (v === null || !row.land_mu ? null : round2(v / row.land_mu));
  return {
    id: row.id,
    name: row.name,
    enterpriseId: row.enterprise_id,
    investorName: row.enterprise_name ?? row.investor_name ?? '',
    parkId: row.park_id,
    parkName: row.park_name,
    industry: row.industry,
    stage: row.stage,
    terminatedReason: row.terminated_reason,
    totalInvestmentWan: row.total_investment_wan,
    planYear: planned === null ? null : year,
    plannedYearWan: planned,
    completedYearWan: completed,
    landMu: row.land_mu,
    promisedOutputPerMuWan: row.promised_output_per_mu_wan,
    promisedTaxPerMuWan: row.promised_tax_per_mu_wan,
    actualOutputWan: row.actual_output_wan,
    actualTaxWan: row.actual_tax_wan,
    outputPerMuWan: perMu(row.actual_output_wan),
    taxPerMuWan: perMu(row.actual_tax_wan),
    jobs: row.jobs,
    responsibleDepartmentId: row.responsible_department_id,
    responsibleDepartmentName: row.department_name,
    responsiblePerson: row.responsible_person,
    description: row.description,
    signedOn: row.signed_on,
    startedOn: row.started_on,
    producingOn: row.producing_on,
    signal: projectSignal(
      {
        stage: row.stage,
        planYear: planned === null ? null : year,
        plannedYearWan: planned,
        completedYearWan: completed,
        milestones: milestones.map((m) => ({ id: m.id, name: m.name, plannedDate: m.planned_date, actualDate: m.actual_date })),
      },
      today,
    ),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The date column a stage sets when reached. */
const STAGE_DATE: Partial<Record<ProjectStage, 'signed_on' | 'started_on' | 'producing_on'>> = {
  signed: 'signed_on',
  started: 'started_on',
  producing: 'producing_on',
};

export class ProjectService {
  private readonly db: ProjectDb;

  private readonly serviceRequests: ServiceRequestService;
  private readonly now: () => Date;
  private readonly timeZone: string;

  constructor(deps: {
    db: ProjectDb;
    /** A project's linked service requests are read through their own service (its access rules). */
    serviceRequests: ServiceRequestService;
    /** The time source: tests move it across month ends. */
    now?: () => Date;
    /** COUNTY_TIME_ZONE: the clock whose dates, months and years the projects count by. */
    timeZone?: string;
  }) {
    this.db = deps.db;
    this.serviceRequests = deps.serviceRequests;
    this.now = deps.now ?? (() => new Date());
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
  }

  /** The county's date today, 'YYYY-MM-DD'. */
  private today(): string {
    return countyDate(this.now(), this.timeZone);
  }

  private thisYear(): number {
    return countyYear(this.now(), this.timeZone);
  }

  private views(rows: ProjectRow[], year: number): Promise<ProjectView[]> {
    return this.viewsIn(this.db, rows, year);
  }

  async list(actor: Actor, query: ProjectListQuery): Promise<Paged<ProjectView>> {
    const { page, pageSize, signal, band, year: onlyYear, ...filter } = query;
    const year = onlyYear ?? this.thisYear();
    const minTotalWan = band ? SIZE_BANDS.find((b) => b.key === band)!.minWan : undefined;
    const rows = await repo
      .selectProjects(this.db, year, { ...filter, ...projectScope(actor), minTotalWan, onlyPlannedIn: onlyYear })
      .execute();
    // Signals are computed, not stored: filter them here (a county holds hundreds of projects, not millions).
    let views = await this.views(rows, year);
    if (signal) views = views.filter((v) => v.signal.colour === signal);
    return { items: views.slice((page - 1) * pageSize, page * pageSize), total: views.length, page, pageSize };
  }

  private async visibleRow(actor: Actor, id: string, db: ProjectDb = this.db, year = this.thisYear()): Promise<ProjectRow> {
    const row = await repo.selectProjects(db, year, { id, ...projectScope(actor) }).executeTakeFirst();
    if (!row) throw notFound('Project');
    return row;
  }

  async get(actor: Actor, id: string): Promise<ProjectDetailView> {
    return this.detail(actor, await this.visibleRow(actor, id), this.db);
  }

  private async detail(actor: Actor, row: ProjectRow, db: ProjectDb): Promise<ProjectDetailView> {
    // The plan shown is this year's, or else the latest one.
    let year = this.thisYear();
    let shown = row;
    if (row.planned_wan === null) {
      const latest = await repo.latestPlanYear(db, row.id);
      if (latest) {
        year = latest.year;
        shown = await repo.selectProjects(db, year, { id: row.id }).executeTakeFirstOrThrow();
      }
    }
    const [view] = await this.viewsIn(db, [shown], year);
    return this.withDetail(actor, view!, row, db);
  }

  private async viewsIn(db: ProjectDb, rows: ProjectRow[], year: number): Promise<ProjectView[]> {
    const milestones = await repo.listMilestones(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      toView(
        r,
        milestones.filter((m) => m.project_id === r.id),
        year,
        this.today(),
      ),
    );
  }

  private async withDetail(actor: Actor, view: ProjectView, row: ProjectRow, db: ProjectDb): Promise<ProjectDetailView> {
    const [milestones, investments, events, requests] = await Promise.all([
      repo.listMilestones(db, [row.id]),
      repo.listInvestments(db, row.id),
      repo.listStageEvents(db, row.id),
      repo.listLinkedRequests(db, row.id),
    ]);
    return {
      ...view,
      milestones: milestones.map((m) => ({ id: m.id, name: m.name, plannedDate: m.planned_date, actualDate: m.actual_date, sort: m.sort })),
      investments: investments.map((i) => ({ month: i.month, amountWan: i.amount_wan })),
      stageEvents: events.map((e) => ({
        id: e.id,
        fromStage: e.from_stage,
        toStage: e.to_stage,
        on: e.on_date,
        reason: e.reason,
        actorName: e.actor_name,
        at: e.at,
      })),
      serviceRequests: requests,
      allowedStages: canEdit(actor, row) ? [...PROJECT_TRANSITIONS[row.stage]] : [],
      canReportProgress: canReportProgress(actor, row),
      canEdit: canEdit(actor, row),
    };
  }

  async create(actor: Actor, body: ProjectBody): Promise<ProjectDetailView> {
    requirePermission(actor, 'projects.register', 'Only the county admin registers projects');
    return this.db.transaction().execute(async (trx) => {
      const id = await this.insertProject(trx, actor, body, 'negotiating');
      return this.detail(actor, await this.visibleRow(actor, id, trx), trx);
    });
  }

  private async insertProject(trx: ProjectDb, actor: Actor, body: ProjectBody, stage: ProjectStage): Promise<string> {
    await this.checkReferences(trx, body);
    if (!body.enterpriseId && !body.investorName)
      throw new AppError(400, 'VALIDATION_FAILED', 'enterpriseId or investorName: name the investor');
    const id = randomUUID();
    const now = nowIso();
    await repo.insertProject(trx, {
      id,
      name: body.name,
      enterprise_id: body.enterpriseId ?? null,
      investor_name: body.enterpriseId ? null : (body.investorName ?? null),
      park_id: body.parkId ?? null,
      industry: body.industry,
      stage,
      terminated_reason: null,
      total_investment_wan: body.totalInvestmentWan,
      land_mu: body.landMu ?? null,
      promised_output_per_mu_wan: body.promisedOutputPerMuWan ?? null,
      promised_tax_per_mu_wan: body.promisedTaxPerMuWan ?? null,
      actual_output_wan: null,
      actual_tax_wan: null,
      jobs: body.jobs ?? null,
      responsible_department_id: body.responsibleDepartmentId ?? null,
      responsible_person: body.responsiblePerson ?? null,
      description: body.description ?? null,
      signed_on: null,
      started_on: null,
      producing_on: null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertStageEvent(trx, {
      id: randomUUID(),
      project_id: id,
      from_stage: null,
      to_stage: stage,
      on_date: this.today(),
      reason: null,
      actor_name: actor.username,
      at: now,
    });
    if (body.plannedYearWan !== undefined) await this.setPlan(trx, id, body);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'project',
      entityId: id,
      organisationId: body.enterpriseId ?? null,
      after: body,
    });
    return id;
  }

  private async setPlan(trx: ProjectDb, id: string, body: { planYear?: number | undefined; plannedYearWan?: number | undefined }) {
    if (body.plannedYearWan === undefined) return;
    await repo.upsertPlan(trx, id, body.planYear ?? this.thisYear(), body.plannedYearWan);
  }

  async update(actor: Actor, id: string, body: ProjectUpdateBody): Promise<ProjectDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.visibleRow(actor, id, trx);
      if (!canEdit(actor, before)) {
        const onlyProgress = Object.keys(body).every((k) => PROGRESS_FIELDS.has(k));
        if (!onlyProgress || !canReportProgress(actor, before))
          throw forbidden('Only the county admin or the responsible department edits a project; its enterprise reports progress');
      }
      await this.checkReferences(trx, body);
      await repo.updateProject(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.enterpriseId !== undefined && { enterprise_id: body.enterpriseId }),
        ...(body.investorName !== undefined && { investor_name: body.investorName }),
        ...(body.parkId !== undefined && { park_id: body.parkId }),
        ...(body.industry !== undefined && { industry: body.industry }),
        ...(body.totalInvestmentWan !== undefined && { total_investment_wan: body.totalInvestmentWan }),
        ...(body.landMu !== undefined && { land_mu: body.landMu }),
        ...(body.promisedOutputPerMuWan !== undefined && { promised_output_per_mu_wan: body.promisedOutputPerMuWan }),
        ...(body.promisedTaxPerMuWan !== undefined && { promised_tax_per_mu_wan: body.promisedTaxPerMuWan }),
        ...(body.actualOutputWan !== undefined && { actual_output_wan: body.actualOutputWan }),
        ...(body.actualTaxWan !== undefined && { actual_tax_wan: body.actualTaxWan }),
        ...(body.jobs !== undefined && { jobs: body.jobs }),
        ...(body.responsibleDepartmentId !== undefined && { responsible_department_id: body.responsibleDepartmentId }),
        ...(body.responsiblePerson !== undefined && { responsible_person: body.responsiblePerson }),
        ...(body.description !== undefined && { description: body.description }),
        updated_at: nowIso(),
      });
      await this.setPlan(trx, id, body);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'project',
        entityId: id,
        organisationId: before.enterprise_id,
        after: body,
      });
      return this.detail(actor, await this.visibleRow(actor, id, trx), trx);
    });
  }

  async transition(actor: Actor, id: string, body: TransitionBody): Promise<ProjectDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.visibleRow(actor, id, trx);
      if (!canEdit(actor, row)) throw forbidden('Only the county admin or the responsible department moves a project');
      if (!canMoveProject(row.stage, body.to)) {
        throw new AppError(409, 'INVALID_TRANSITION', `A project cannot move from ${row.stage} to ${body.to}`, {
          from: row.stage,
          allowed: PROJECT_TRANSITIONS[row.stage],
        });
      }
      if (body.to === 'terminated' && !body.reason) throw new AppError(400, 'VALIDATION_FAILED', 'reason: say why the project ends');
      const on = body.on ?? this.today();
      if (on > this.today()) throw new AppError(400, 'VALIDATION_FAILED', 'on: a stage is reached today or earlier');
      const dateColumn = STAGE_DATE[body.to];
      const moved = await repo.moveStage(trx, id, row.stage, {
        stage: body.to,
        ...(body.to === 'terminated' && { terminated_reason: body.reason ?? null }),
        ...(dateColumn && { [dateColumn]: on }),
        updated_at: nowIso(),
      });
      if (!moved) throw new AppError(409, 'INVALID_TRANSITION', 'The project was moved by someone else meanwhile; reload it');
      await repo.insertStageEvent(trx, {
        id: randomUUID(),
        project_id: id,
        from_stage: row.stage,
        to_stage: body.to,
        on_date: on,
        reason: body.reason ?? null,
        actor_name: actor.username,
        at: nowIso(),
      });
      await recordAudit(trx, actor, {
        action: 'transition',
        entity: 'project',
        entityId: id,
        organisationId: row.enterprise_id,
        before: { stage: row.stage },
        after: { stage: body.to, on, reason: body.reason ?? null },
      });
      return this.detail(actor, await this.visibleRow(actor, id, trx), trx);
    });
  }

  async recordInvestment(actor: Actor, id: string, month: string, amountWan: number): Promise<ProjectDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.visibleRow(actor, id, trx);
      if (!canReportProgress(actor, row))
        throw forbidden('Only the project’s enterprise, its department or the county admin reports investment');
      if (month > this.today().slice(0, 7))
        throw new AppError(400, 'VALIDATION_FAILED', 'month: investment is recorded for past or current months');
      if (row.stage === 'terminated') throw new AppError(409, 'INVALID_TRANSITION', 'A terminated project takes no more investment');
      await repo.upsertInvestment(trx, id, month, amountWan, nowIso());
      await recordAudit(trx, actor, {
        action: 'investment',
        entity: 'project',
        entityId: id,
        organisationId: row.enterprise_id,
        after: { month, amountWan },
      });
      return this.detail(actor, await this.visibleRow(actor, id, trx), trx);
    });
  }

  async addMilestone(actor: Actor, id: string, body: { name: string; plannedDate: string }): Promise<ProjectDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.visibleRow(actor, id, trx);
      if (!canEdit(actor, row)) throw forbidden('Only the county admin or the responsible department plans milestones');
      const existing = await repo.listMilestones(trx, [id]);
      await repo.insertMilestone(trx, {
        id: randomUUID(),
        project_id: id,
        name: body.name,
        planned_date: body.plannedDate,
        actual_date: null,
        sort: existing.length + 1,
      });
      await recordAudit(trx, actor, {
        action: 'milestone',
        entity: 'project',
        entityId: id,
        organisationId: row.enterprise_id,
        after: body,
      });
      return this.detail(actor, await this.visibleRow(actor, id, trx), trx);
    });
  }

  async updateMilestone(
    actor: Actor,
    id: string,
    milestoneId: string,
    body: { name?: string | undefined; plannedDate?: string | undefined; actualDate?: string | null | undefined },
  ): Promise<ProjectDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.visibleRow(actor, id, trx);
      const milestone = await repo.findMilestone(trx, id, milestoneId);
      if (!milestone) throw notFound('Milestone');
      const replans = body.name !== undefined || body.plannedDate !== undefined;
      if (replans ? !canEdit(actor, row) : !canReportProgress(actor, row))
        throw forbidden('The enterprise reports actual dates; the county admin or the department re-plans');
      if (body.actualDate && body.actualDate > this.today()) throw new AppError(400, 'VALIDATION_FAILED', 'actualDate: not in the future');
      await repo.updateMilestone(trx, milestoneId, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.plannedDate !== undefined && { planned_date: body.plannedDate }),
        ...(body.actualDate !== undefined && { actual_date: body.actualDate }),
      });
      await recordAudit(trx, actor, {
        action: 'milestone',
        entity: 'project',
        entityId: id,
        organisationId: row.enterprise_id,
        before: milestone,
        after: body,
      });
      return this.detail(actor, await this.visibleRow(actor, id, trx), trx);
    });
  }

  /**
   * Files a direct-service request for the project through the service-requests module (which audits the
   * filing) and links it to the project: the link is the project's change, audited with it.
   */
  async fileServiceRequest(actor: Actor, id: string, body: z.infer<typeof projectServiceRequestBody>): Promise<ProjectDetailView> {
    const row = await this.visibleRow(actor, id);
    requirePermission(actor, 'requests.file', 'Requests are filed by the project’s enterprise');
    const request = await this.serviceRequests.create(actor, { ...body, title: `【${row.name}】${body.title}`.slice(0, 200) });
    await this.db.transaction().execute(async (trx) => {
      await repo.linkServiceRequest(trx, id, request.id, nowIso());
      await recordAudit(trx, actor, {
        action: 'link_request',
        entity: 'project',
        entityId: id,
        organisationId: row.enterprise_id,
        after: { serviceRequestId: request.id, number: request.number },
      });
    });
    return this.get(actor, id);
  }

  async statistics(actor: Actor, year?: number): Promise<ProjectStatisticsView> {
    requirePermission(actor, 'projects.statistics', 'Project statistics are for the county and its departments');
    return projectStatistics(this.db, year ?? this.thisYear(), this.today());
  }

  async watchlists(actor: Actor, year?: number): Promise<ProjectWatchlistsView> {
    const y = year ?? this.thisYear();
    const rows = await repo.selectProjects(this.db, y, projectScope(actor)).execute();
    const today = this.today();
    const item = (r: ProjectRow, since: string | null, detail: string | null) => ({
      id: r.id,
      name: r.name,
      investorName: r.enterprise_name ?? r.investor_name ?? '',
      stage: r.stage,
      since,
      detail,
    });
    const started = rows.filter((r) => r.stage === 'started');
    const last = new Map(
      (
        await repo.lastInvestmentMonths(
          this.db,
          started.map((r) => r.id),
        )
      ).map((l) => [l.project_id, String(l.last_month)]),
    );
    const cutoff = monthBefore(today, 2); // the last three China months, this one included
    return {
      notStarted: rows
        .filter((r) => r.stage === 'signed' || r.stage === 'landed')
        .map((r) => item(r, r.signed_on, null))
        .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? '')),
      stalled: started.filter((r) => (last.get(r.id) ?? '') < cutoff).map((r) => item(r, r.started_on, last.get(r.id) ?? null)),
      belowPromise: rows
        .filter((r) => (r.stage === 'producing' || r.stage === 'at_capacity') && r.land_mu)
        .filter((r) => {
          const output = r.actual_output_wan !== null && r.promised_output_per_mu_wan !== null;
          const tax = r.actual_tax_wan !== null && r.promised_tax_per_mu_wan !== null;
          return (
            (output && r.actual_output_wan! / r.land_mu! < r.promised_output_per_mu_wan!) ||
            (tax && r.actual_tax_wan! / r.land_mu! < r.promised_tax_per_mu_wan!)
          );
        })
        .map((r) =>
          item(
            r,
            r.producing_on,
            `${round2((r.actual_output_wan ?? 0) / r.land_mu!)}/${r.promised_output_per_mu_wan ?? '-'} · ${round2((r.actual_tax_wan ?? 0) / r.land_mu!)}/${r.promised_tax_per_mu_wan ?? '-'}`,
          ),
        ),
    };
  }

  async exportSheet(actor: Actor, year?: number): Promise<Buffer> {
    requirePermission(actor, 'projects.statistics', 'Only the county and its departments export projects');
    const y = year ?? this.thisYear();
    const rows = await repo.selectProjects(this.db, y, projectScope(actor)).execute();
    return writeProjectSheet(await this.views(rows, y));
  }

  /** All rows or none; a row naming an existing project (by name) updates it, its stage included. */
  async importSheet(actor: Actor, file: Buffer): Promise<{ created: number; updated: number }> {
    requirePermission(actor, 'projects.register', 'Only the county admin imports projects');
    const parks = await repo.listParkNames(this.db);
    const rows = await readProjectSheet(file, {
      parkIdsByName: new Map(parks.map((p) => [p.name, p.id])),
      departmentId: async (name) => (await repo.findDepartmentByName(this.db, name))?.id,
      enterpriseId: async (name) => (await repo.findEnterpriseByName(this.db, name))?.id,
      defaultYear: this.thisYear(),
    });
    return this.db.transaction().execute(async (trx) => {
      let created = 0;
      let updated = 0;
      for (const { input, stage, completedYearWan } of rows) {
        const existing = await repo.findProjectByName(trx, input.name);
        let id: string;
        if (existing) {
          id = existing.id;
          await repo.updateProject(trx, id, {
            enterprise_id: input.enterpriseId ?? null,
            investor_name: input.enterpriseId ? null : (input.investorName ?? null),
            park_id: input.parkId ?? null,
            industry: input.industry,
            stage,
            total_investment_wan: input.totalInvestmentWan,
            land_mu: input.landMu ?? null,
            promised_output_per_mu_wan: input.promisedOutputPerMuWan ?? null,
            promised_tax_per_mu_wan: input.promisedTaxPerMuWan ?? null,
            jobs: input.jobs ?? null,
            responsible_department_id: input.responsibleDepartmentId ?? null,
            responsible_person: input.responsiblePerson ?? null,
            updated_at: nowIso(),
          });
          await this.setPlan(trx, id, input);
          await recordAudit(trx, actor, {
            action: 'import',
            entity: 'project',
            entityId: id,
            organisationId: input.enterpriseId ?? null,
            after: input,
          });
          updated++;
        } else {
          id = await this.insertProject(trx, actor, input, stage);
          created++;
        }
        // The sheet's year-to-date completion, when given, is recorded as the current month's cumulative figure.
        if (completedYearWan !== null && input.planYear === this.thisYear()) {
          const month = this.today().slice(0, 7);
          const done = await repo.listInvestments(trx, id);
          const before = done
            .filter((d) => d.month.startsWith(`${input.planYear}-`) && d.month !== month)
            .reduce((s, d) => s + d.amount_wan, 0);
          await repo.upsertInvestment(trx, id, month, Math.max(0, round2(completedYearWan - before)), nowIso());
        }
      }
      return { created, updated };
    });
  }

  private async checkReferences(trx: ProjectDb, body: Partial<ProjectBody>): Promise<void> {
    if (body.parkId && !(await repo.parkExists(trx, body.parkId)))
      throw new AppError(400, 'VALIDATION_FAILED', `parkId: no park with id ${body.parkId}`);
    if (body.enterpriseId && !(await repo.enterpriseExists(trx, body.enterpriseId)))
      throw new AppError(400, 'VALIDATION_FAILED', `enterpriseId: no enterprise with id ${body.enterpriseId}`);
    if (body.responsibleDepartmentId && !(await repo.departmentExists(trx, body.responsibleDepartmentId)))
      throw new AppError(400, 'VALIDATION_FAILED', `responsibleDepartmentId: no department with id ${body.responsibleDepartmentId}`);
  }
}
