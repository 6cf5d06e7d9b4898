import { randomUUID } from 'node:crypto';
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyDate,
  countyYear,
  requiredGrowth,
  type Actor,
  type DrillView,
  type IndicatorView,
  type IndicatorYearBody,
  type TargetProgressView,
  type TargetTreeView,
  type TaskBody,
  type TaskDetailView,
  type TaskListQuery,
  type TaskReportBody,
  type TaskView,
} from '@tiantai/shared';
import type { Kysely } from 'kysely';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { yearProjectList } from '../projects';
import { expectedTaskProgress, indicatorYearStatus, taskStatus } from './progress';
import { canReport, requireGovernment } from './targets.access';
import * as repo from './targets.repository';
import type { TargetDb, TaskRow } from './targets.repository';
import type { TargetTables } from './targets.tables';

const nowIso = () => new Date().toISOString();
const round4 = (n: number | null) => (n === null ? null : Math.round(n * 10_000) / 10_000);

function toTaskView(row: TaskRow, today: string): TaskView {
  const task = { startDate: row.start_date, deadline: row.deadline, progress: row.progress };
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    indicatorName: row.indicator_name,
    year: row.year,
    title: row.title,
    departmentId: row.department_id,
    departmentName: row.department_name,
    startDate: row.start_date,
    deadline: row.deadline,
    progress: row.progress,
    expectedProgress: expectedTaskProgress(row.start_date, row.deadline, today),
    status: taskStatus(task, today),
    lastReportAt: row.last_report_at,
  };
}

async function indicatorViews(db: TargetDb): Promise<IndicatorView[]> {
  const [indicators, years] = await Promise.all([repo.listIndicators(db), repo.listIndicatorYears(db)]);
  return indicators.map((i) => {
    const own = years.filter((y) => y.indicator_id === i.id);
    const latestFull = own
      .filter((y) => y.actual_value !== null && y.actual_through === null && y.year < i.target_year)
      .sort((a, b) => b.year - a.year)[0];
    const targetDone = own.some((y) => y.year === i.target_year && y.actual_value !== null && y.actual_through === null);
    return {
      id: i.id,
      code: i.code,
      nameZh: i.name_zh,
      nameEn: i.name_en,
      unit: i.unit,
      baseYear: i.base_year,
      baseValue: i.base_value,
      targetYear: i.target_year,
      targetValue: i.target_value,
      targetNote: i.target_note,
      drillKind: i.drill_kind,
      requiredGrowthFromBase: round4(requiredGrowth(i.base_value, i.target_value, i.target_year - i.base_year)),
      requiredGrowthFromLatest:
        targetDone || !latestFull
          ? null
          : round4(requiredGrowth(latestFull.actual_value!, i.target_value, i.target_year - latestFull.year)),
      years: own.map((y) => {
        const { status, expected } = indicatorYearStatus(y.target_value, y.actual_value, y.actual_through);
        return {
          year: y.year,
          targetValue: y.target_value,
          actualValue: y.actual_value,
          actualThrough: y.actual_through,
          expectedValue: expected,
          status,
        };
      }),
    };
  });
}

/** The county screen's summary of a year: each indicator's year status and the tasks by status. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function targetProgress(anyDb: Kysely<any>, year: number, today: string): Promise<TargetProgressView> {
  const db = withTablesOf<TargetTables>(anyDb);
  const indicators = await indicatorViews(db);
  const tasks = (await repo.selectTasks(db, { year }).execute()).map((t) => toTaskView(t, today));
  const count = { done: 0, on_track: 0, behind: 0, overdue: 0 };
  for (const t of tasks) count[t.status]++;
  return {
    year,
    indicators: indicators.map((i) => {
      const y = i.years.find((v) => v.year === year);
      return {
        code: i.code,
        nameZh: i.nameZh,
        unit: i.unit,
        targetYear: i.targetYear,
        targetValue: i.targetValue,
        yearTarget: y?.targetValue ?? null,
        yearActual: y?.actualValue ?? null,
        status: y?.status ?? 'no_data',
      };
    }),
    tasks: count,
  };
}

export class TargetService {
  private readonly db: TargetDb;

  private readonly now: () => Date;

  /** COUNTY_TIME_ZONE: the clock whose dates and years the targets count by. */
  private readonly timeZone: string;

  constructor(deps: { db: TargetDb; now?: () => Date; timeZone?: string }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
  }

  private today(): string {
    return countyDate(this.now(), this.timeZone);
  }

  private thisYear(): number {
    return countyYear(this.now(), this.timeZone);
  }

  async tree(actor: Actor, year?: number): Promise<TargetTreeView> {
    requireGovernment(actor);
    const y = year ?? this.thisYear();
    const today = this.today();
    const indicators = await indicatorViews(this.db);
    const tasks = (await repo.selectTasks(this.db, { year: y }).execute()).map((t) => toTaskView(t, today));
    return { year: y, today, indicators: indicators.map((i) => ({ ...i, tasks: tasks.filter((t) => t.indicatorId === i.id) })) };
  }

  async setIndicatorYear(actor: Actor, indicatorId: string, year: number, body: IndicatorYearBody): Promise<IndicatorView> {
    requireGovernment(actor);
    requirePermission(actor, 'targets.manage', 'Only the county admin sets targets and actuals');
    if (!(await repo.findIndicator(this.db, indicatorId))) throw notFound('Indicator');
    if (body.actualThrough && Number(body.actualThrough.slice(0, 4)) !== year)
      throw new AppError(400, 'VALIDATION_FAILED', 'actualThrough: a month of the same year');
    return this.db.transaction().execute(async (trx) => {
      await repo.upsertIndicatorYear(
        trx,
        {
          indicator_id: indicatorId,
          year,
          target_value: body.targetValue,
          actual_value: body.actualValue,
          actual_through: body.actualThrough,
        },
        nowIso(),
      );
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'indicator',
        entityId: indicatorId,
        organisationId: null,
        after: { year, ...body },
      });
      return (await indicatorViews(trx)).find((i) => i.id === indicatorId)!;
    });
  }

  async drill(actor: Actor, indicatorId: string, year?: number): Promise<DrillView> {
    requireGovernment(actor);
    const indicator = await repo.findIndicator(this.db, indicatorId);
    if (!indicator) throw notFound('Indicator');
    const y = year ?? this.thisYear();
    if (indicator.drill_kind === 'projects') {
      const projects = await yearProjectList(this.db, y);
      return {
        kind: 'projects',
        year: y,
        items: projects.map((p) => ({ id: p.id, name: p.name, parkName: p.parkName, valueWan: p.completedWan, detail: p.investorName })),
      };
    }
    if (indicator.drill_kind === 'enterprises') {
      const filter = JSON.parse(indicator.drill_filter ?? '{}') as { aboveScale?: boolean; industryPrefixes?: string[] };
      const enterprises = await repo.listEnterprisesFor(this.db, filter);
      return {
        kind: 'enterprises',
        year: y,
        items: enterprises.map((e) => ({ id: e.id, name: e.name, parkName: e.park_name, valueWan: null, detail: e.industry_code })),
      };
    }
    throw new AppError(409, 'CONFLICT', 'This indicator has nothing to drill into');
  }

  async listTasks(actor: Actor, query: TaskListQuery): Promise<TaskView[]> {
    requireGovernment(actor);
    const today = this.today();
    const departmentId = query.mine ? actor.organisationId : query.departmentId;
    const rows = await repo
      .selectTasks(this.db, { year: query.year ?? this.thisYear(), departmentId, indicatorId: query.indicatorId })
      .execute();
    const views = rows.map((r) => toTaskView(r, today));
    return query.status ? views.filter((v) => v.status === query.status) : views;
  }

  private async taskRow(db: TargetDb, id: string): Promise<TaskRow> {
    const row = await repo.selectTasks(db, { id }).executeTakeFirst();
    if (!row) throw notFound('Task');
    return row;
  }

  private async taskDetail(actor: Actor, db: TargetDb, id: string): Promise<TaskDetailView> {
    const row = await this.taskRow(db, id);
    const reports = await repo.listReports(db, id);
    return {
      ...toTaskView(row, this.today()),
      reports: reports.map((r) => ({ id: r.id, at: r.at, progress: r.progress, note: r.note, actorName: r.actor_name })),
      canReport: canReport(actor, row),
    };
  }

  async getTask(actor: Actor, id: string): Promise<TaskDetailView> {
    requireGovernment(actor);
    return this.taskDetail(actor, this.db, id);
  }

  async createTask(actor: Actor, body: TaskBody): Promise<TaskDetailView> {
    requireGovernment(actor);
    requirePermission(actor, 'targets.manage', 'Only the county admin assigns tasks');
    if (body.deadline < body.startDate) throw new AppError(400, 'VALIDATION_FAILED', 'deadline: on or after startDate');
    if (!(await repo.findIndicator(this.db, body.indicatorId)))
      throw new AppError(400, 'VALIDATION_FAILED', 'indicatorId: no such indicator');
    if (!(await repo.departmentExists(this.db, body.departmentId)))
      throw new AppError(400, 'VALIDATION_FAILED', 'departmentId: no such department');
    return this.db.transaction().execute(async (trx) => {
      const id = randomUUID();
      await repo.insertTask(trx, {
        id,
        indicator_id: body.indicatorId,
        year: body.year,
        title: body.title,
        department_id: body.departmentId,
        start_date: body.startDate,
        deadline: body.deadline,
        progress: 0,
        last_report_at: null,
        created_at: nowIso(),
      });
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'target_task',
        entityId: id,
        organisationId: body.departmentId,
        after: body,
      });
      return this.taskDetail(actor, trx, id);
    });
  }

  async report(actor: Actor, id: string, body: TaskReportBody): Promise<TaskDetailView> {
    requireGovernment(actor);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.taskRow(trx, id);
      if (!canReport(actor, row)) throw forbidden('Only the responsible department (or the county admin) reports on a task');
      if (row.progress >= 100) throw new AppError(409, 'INVALID_TRANSITION', 'The task is done');
      const at = nowIso();
      await repo.insertReport(trx, {
        id: randomUUID(),
        task_id: id,
        at,
        progress: body.progress,
        note: body.note,
        actor_user_id: actor.userId,
        actor_name: actor.username,
      });
      await repo.updateTask(trx, id, { progress: body.progress, last_report_at: at });
      await recordAudit(trx, actor, {
        action: 'report',
        entity: 'target_task',
        entityId: id,
        organisationId: row.department_id,
        before: { progress: row.progress },
        after: body,
      });
      return this.taskDetail(actor, trx, id);
    });
  }
}
