import { randomUUID } from 'node:crypto';
import {
  ATTACHMENTS_PER_REQUEST,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  COUNTY_ROLES,
  type ActionBody,
  type Actor,
  type CategoryUpdateBody,
  type CategoryView,
  type CreateRequestBody,
  type Paged,
  type PublishEvent,
  type RequestDetailView,
  type RequestListQuery,
  type RequestView,
  type SlaColour,
  greenRateFormula,
  matchesFileSignature,
  type GreenRateFormula,
  type StatisticsQuery,
  type StatisticsView,
} from '@tiantai/shared';
import type { Updateable } from 'kysely';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import type { NotificationService, NotificationTables } from '../notifications';
import { SHIPPED_CALENDAR } from './holiday-data';
import * as repo from './service-requests.repository';
import type { RequestRow, ServiceRequestDb } from './service-requests.repository';
import type { ServiceRequestsTable } from './service-requests.tables';
import { runStep } from './request-steps';
import { WorkingCalendar } from './sla-calendar';
import { DEFAULT_GREEN_FORMULA, computeStatistics, periodOf, statisticsSheet } from './statistics';
import { OFFICE_ROLES, TRANSITIONS, allowedActions, partiesOf, type WorkflowState } from './workflow';

const GREEN_FORMULA_KEY = 'green_rate_formula';
const OPEN_WITH_CLOCK = ['submitted', 'dispatched', 'signed', 'in_progress'] as const;

function stateOf(row: Pick<ServiceRequestsTable, 'status' | 'paused_at' | 'extension_requested_days'>): WorkflowState {
  return { status: row.status, paused: row.paused_at !== null, extensionPending: row.extension_requested_days !== null };
}

/** The due time that runs now, if any: accepting, signing, or answering. */
export function activeDue(
  row: Pick<ServiceRequestsTable, 'status' | 'accept_due_at' | 'sign_due_at' | 'answer_due_at' | 'submitted_at' | 'dispatched_at'>,
) {
  switch (row.status) {
    case 'submitted':
      return { start: row.submitted_at, due: row.accept_due_at };
    case 'dispatched':
      return row.sign_due_at && row.dispatched_at ? { start: row.dispatched_at, due: row.sign_due_at } : null;
    case 'signed':
    case 'in_progress':
      return row.answer_due_at && row.dispatched_at ? { start: row.dispatched_at, due: row.answer_due_at } : null;
    default:
      return null;
  }
}

/**
 * green / yellow (in the last quarter of the allowed working time) / red (overdue); null when closed or
 * rejected. Measured in working time, so a holiday week does not turn a request yellow. A paused clock is
 * read at the moment it stopped.
 */
export function slaColour(
  row: Parameters<typeof activeDue>[0] & Pick<ServiceRequestsTable, 'paused_at'>,
  now: Date,
  calendar: WorkingCalendar,
): SlaColour | null {
  if (row.status === 'closed' || row.status === 'rejected') return null;
  const clock = activeDue(row);
  if (!clock) return 'green'; // accepted (the office dispatches next) or answered (the enterprise rates)
  const at = row.paused_at ? new Date(row.paused_at) : now;
  const due = new Date(clock.due);
  if (at > due) return 'red';
  const allowed = calendar.workingMillisBetween(new Date(clock.start), due);
  return calendar.workingMillisBetween(at, due) <= allowed / 4 ? 'yellow' : 'green';
}

const nowIso = () => new Date().toISOString();

export class ServiceRequestService {
  private readonly db: ServiceRequestDb;

  private readonly now: () => Date;
  private readonly publish: PublishEvent;
  private readonly notifications: NotificationService;

  constructor(deps: {
    db: ServiceRequestDb;
    /** The bell: each step notifies the parties in the step's own transaction. */
    notifications: NotificationService;
    /** The time source: tests set the clock to before a holiday. */
    now?: () => Date;
    /** The domain-event bus: live screens get requests dispatched, answered and rated; published once committed. */
    publish?: PublishEvent;
  }) {
    this.db = deps.db;
    this.notifications = deps.notifications;
    this.now = deps.now ?? (() => new Date());
    this.publish = deps.publish ?? (() => undefined);
  }

  /** The shipped holiday data with the admin's overrides on top; read per call so every instance agrees. */
  async calendar(db: ServiceRequestDb = this.db): Promise<WorkingCalendar> {
    const overrides = await repo.listCalendarDays(db);
    return new WorkingCalendar([...SHIPPED_CALENDAR, ...overrides]);
  }

  // ---- categories ----

  async listCategories(actor: Actor): Promise<CategoryView[]> {
    void actor; // every signed-in user sees the categories
    return (await repo.listCategories(this.db)).map((c) => ({
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      leadDepartmentId: c.lead_department_id,
      leadDepartmentName: c.lead_department_name,
      acceptHours: c.accept_hours,
      signHours: c.sign_hours,
      answerDays: c.answer_days,
    }));
  }

  async updateCategory(actor: Actor, code: string, body: CategoryUpdateBody): Promise<CategoryView> {
    requireOffice(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findCategory(trx, code);
      if (!before) throw notFound('Category');
      if (
        body.leadDepartmentId &&
        !(await trx.selectFrom('departments').select('id').where('id', '=', body.leadDepartmentId).executeTakeFirst())
      ) {
        throw new AppError(400, 'VALIDATION_FAILED', `leadDepartmentId: no department with id ${body.leadDepartmentId}`);
      }
      await repo.updateCategory(trx, code, {
        ...(body.leadDepartmentId !== undefined && { lead_department_id: body.leadDepartmentId }),
        ...(body.acceptHours !== undefined && { accept_hours: body.acceptHours }),
        ...(body.signHours !== undefined && { sign_hours: body.signHours }),
        ...(body.answerDays !== undefined && { answer_days: body.answerDays }),
      });
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'service_category',
        entityId: code,
        organisationId: null,
        before,
        after: await repo.findCategory(trx, code),
      });
    });
    const updated = (await this.listCategories(actor)).find((c) => c.code === code);
    if (!updated) throw notFound('Category');
    return updated;
  }

  // ---- requests ----

  async create(actor: Actor, body: CreateRequestBody): Promise<RequestDetailView> {
    requirePermission(actor, 'requests.file', 'Requests are filed by enterprises');
    const category = await repo.findCategory(this.db, body.categoryCode);
    if (!category) throw new AppError(400, 'VALIDATION_FAILED', `categoryCode: no category ${body.categoryCode}`);
    const calendar = await this.calendar();
    const now = this.now();
    const id = randomUUID();
    const year = String(new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()); // the year in China
    for (let attempt = 0; ; attempt++) {
      try {
        const push = await this.db.transaction().execute(async (trx) => {
          const number = `ZT${year}${String((await repo.countRequestsInYear(trx, year)) + 1 + attempt).padStart(6, '0')}`;
          await repo.insertRequest(trx, {
            id,
            number,
            enterprise_id: actor.organisationId,
            category_code: category.code,
            title: body.title,
            description: body.description,
            contact_name: body.contactName,
            contact_phone: body.contactPhone,
            status: 'submitted',
            lead_department_id: null,
            answer: null,
            rating: null,
            rating_comment: null,
            redo_count: 0,
            paused_at: null,
            extension_requested_days: null,
            submitted_at: now.toISOString(),
            accepted_at: null,
            dispatched_at: null,
            signed_at: null,
            answered_at: null,
            closed_at: null,
            accept_due_at: calendar.addWorkingHours(now, category.accept_hours).toISOString(),
            sign_due_at: null,
            answer_due_at: null,
            accepted_on_time: null,
            answered_on_time: null,
            escalated_at: null,
            updated_at: now.toISOString(),
          });
          await this.recordStep(trx, actor, id, 'submit', body.title, now.toISOString());
          return this.notify(
            trx,
            await this.recipients(trx, { roles: [...OFFICE_ROLES] }),
            { id },
            'submit',
            `新诉求 ${number}：${body.title}`,
          );
        });
        push();
        break;
      } catch (error) {
        // Two enterprises filing in the same instant may draw the same number: take the next one.
        if (attempt < 5 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
    return this.get(actor, id);
  }

  async list(actor: Actor, query: RequestListQuery): Promise<Paged<RequestView>> {
    const { page, pageSize, sla, departmentId, open, ...rest } = query;
    const filter: repo.RequestFilter = { ...rest, ...this.scope(actor), leadDepartmentId: departmentId, openOnly: open === true };
    const now = this.now();
    if (sla) {
      // The colour depends on now, so it is filtered here rather than in SQL; open requests are few.
      const calendar = await this.calendar();
      const open = (await repo.listOpenRequests(this.db, filter)).filter((r) => slaColour(r, now, calendar) === sla);
      const rows = open.slice((page - 1) * pageSize, page * pageSize);
      return { items: await this.views(actor, rows, now), total: open.length, page, pageSize };
    }
    const { rows, total } = await repo.listRequests(this.db, filter, { page, pageSize });
    return { items: await this.views(actor, rows, now), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<RequestDetailView> {
    return this.detail(actor, await this.visibleRequest(actor, id));
  }

  private async detail(actor: Actor, row: RequestRow): Promise<RequestDetailView> {
    const id = row.id;
    const [view] = await this.views(actor, [row], this.now());
    const events = await repo.listEvents(this.db, id);
    const attachments = await repo.listAttachments(this.db, id);
    return {
      ...view!,
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        at: e.at,
        actorName: e.actor_name,
        organisationName: e.organisation_name,
        note: e.note,
      })),
      attachments: attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        mime: a.mime,
        size: a.size,
        uploadedAt: a.uploaded_at,
        uploadedBy: a.uploaded_by,
      })),
    };
  }

  async act(actor: Actor, id: string, body: ActionBody): Promise<RequestDetailView> {
    const row = await this.visibleRequest(actor, id);
    const transition = TRANSITIONS[body.action];
    const parties = partiesOf(actor, { enterpriseId: row.enterprise_id, leadDepartmentId: row.lead_department_id });
    if (!parties.has(transition.by)) throw forbidden(`Only the ${transition.by} may ${body.action} this request`);
    if (!allowedActions(parties, stateOf(row)).includes(body.action)) {
      throw new AppError(
        409,
        'INVALID_TRANSITION',
        `Cannot ${body.action} a request that is ${row.status}${row.paused_at ? ' (paused)' : ''}`,
      );
    }
    const category = await repo.findCategory(this.db, row.category_code);
    if (!category) throw notFound('Category');
    const calendar = await this.calendar();
    const now = this.now();
    const at = now.toISOString();
    const step = await runStep(
      {
        db: this.db,
        row,
        category,
        calendar,
        now,
        at,
        enterpriseUsers: () => this.recipients(this.db, { organisationIds: [row.enterprise_id] }),
        officeUsers: () => this.recipients(this.db, { roles: [...OFFICE_ROLES] }),
        departmentUsers: (ids) => this.recipients(this.db, { roles: ['department_handler'], organisationIds: ids }),
      },
      body,
    );
    const changes: Updateable<ServiceRequestsTable> = { updated_at: at, ...(transition.to && { status: transition.to }), ...step.changes };

    const push = await this.db.transaction().execute(async (trx) => {
      if (!(await repo.updateRequestFrom(trx, id, { status: row.status, updatedAt: row.updated_at }, changes))) {
        throw new AppError(409, 'CONFLICT', 'The request changed meanwhile; reload and try again');
      }
      if (step.departments) await repo.setRequestDepartments(trx, id, step.departments.lead, step.departments.co);
      const kind = body.action === 'rate' ? `rate_${body.rating}` : body.action;
      await this.recordStep(trx, actor, id, kind, step.note, at);
      return this.notify(
        trx,
        step.recipients.filter((u) => u !== actor.userId),
        { id },
        kind,
        `${row.number}「${row.title}」：${ACTION_LABELS[body.action]}`,
      );
    });
    push();
    const about = { enterpriseId: row.enterprise_id, plantId: null, requestId: id, number: row.number };
    if (body.action === 'dispatch') this.publish({ type: 'request.dispatched', ...about, leadDepartmentId: body.leadDepartmentId });
    if (body.action === 'answer') this.publish({ type: 'request.answered', ...about, onTime: changes.answered_on_time === 1 });
    if (body.action === 'rate') this.publish({ type: 'request.rated', ...about, rating: body.rating });
    // Not get(): a department that has just returned the request no longer sees it, but gets the outcome.
    const after = await repo.findRequest(this.db, id);
    if (!after) throw notFound('Request');
    return this.detail(actor, after);
  }

  /**
   * The clock job: escalates (督办) each open request past its running due time, once, to the office and
   * the lead department. Idempotent: the escalation is claimed with a conditional update, so two
   * instances or a restart never escalate the same request twice.
   */
  async runClock(now: Date = this.now()): Promise<number> {
    let escalated = 0;
    for (const row of await repo.listOpenRequests(this.db)) {
      if (row.escalated_at || !(OPEN_WITH_CLOCK as readonly string[]).includes(row.status) || row.paused_at) continue;
      const clock = activeDue(row);
      if (!clock || Date.parse(clock.due) >= now.getTime()) continue;
      const push = await this.db.transaction().execute(async (trx) => {
        if (!(await repo.markEscalated(trx, row.id, now.toISOString()))) return null;
        escalated++;
        await this.recordStep(trx, null, row.id, 'escalate', `逾期：应于 ${chinaTime(clock.due)} 前办理`, now.toISOString());
        const office = await this.recipients(trx, { roles: [...OFFICE_ROLES] });
        const department = row.lead_department_id
          ? await this.recipients(trx, { roles: ['department_handler'], organisationIds: [row.lead_department_id] })
          : [];
        return this.notify(trx, [...office, ...department], row, 'escalate', `督办：${row.number}「${row.title}」已逾期`);
      });
      push?.();
    }
    return escalated;
  }

  // ---- attachments ----

  /**
   * Photos and PDFs from any party of the request while it is open. The declared type must match the
   * file's own first bytes, so a renamed executable is not served back as a "photo".
   */
  async attach(actor: Actor, id: string, file: { filename: string; mime: string; content: Buffer }): Promise<RequestDetailView> {
    const row = await this.visibleRequest(actor, id);
    if (partiesOf(actor, { enterpriseId: row.enterprise_id, leadDepartmentId: row.lead_department_id }).size === 0) {
      throw forbidden('Only the enterprise, the office and the lead department attach files');
    }
    if (row.status === 'closed' || row.status === 'rejected')
      throw new AppError(409, 'INVALID_TRANSITION', `Cannot attach to a ${row.status} request`);
    const rejectFile = (message: string) => new AppError(400, 'ATTACHMENT_REJECTED', message);
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.mime)) throw rejectFile(`Only ${ATTACHMENT_TYPES.join(', ')} files`);
    if (file.content.length === 0) throw rejectFile('The file is empty');
    if (file.content.length > ATTACHMENT_MAX_BYTES) throw rejectFile(`At most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB per file`);
    if (!matchesFileSignature(file.mime, file.content)) throw rejectFile(`The file's content is not ${file.mime}`);
    const existing = await repo.listAttachments(this.db, id);
    if (existing.length >= ATTACHMENTS_PER_REQUEST) throw rejectFile(`At most ${ATTACHMENTS_PER_REQUEST} files per request`);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const who = await trx.selectFrom('users').select('display_name').where('id', '=', actor.userId).executeTakeFirst();
      await repo.insertAttachment(trx, {
        id: randomUUID(),
        request_id: id,
        filename: file.filename,
        mime: file.mime,
        size: file.content.length,
        content: file.content,
        uploaded_at: at,
        uploaded_by: who?.display_name ?? null,
      });
      await this.recordStep(trx, actor, id, 'attach', file.filename, at);
    });
    return this.get(actor, id);
  }

  async attachment(actor: Actor, id: string, attachmentId: string) {
    await this.visibleRequest(actor, id);
    const file = await repo.findAttachment(this.db, id, attachmentId);
    if (!file) throw notFound('Attachment');
    return file;
  }

  // ---- statistics ----

  async greenFormula(db: ServiceRequestDb = this.db): Promise<GreenRateFormula> {
    const row = await db.selectFrom('app_state').select('value').where('key', '=', GREEN_FORMULA_KEY).executeTakeFirst();
    return row ? greenRateFormula.parse(JSON.parse(row.value)) : DEFAULT_GREEN_FORMULA;
  }

  async setGreenFormula(actor: Actor, formula: GreenRateFormula): Promise<GreenRateFormula> {
    requireOffice(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await this.greenFormula(trx);
      const value = JSON.stringify(formula);
      await trx
        .insertInto('app_state')
        .values({ key: GREEN_FORMULA_KEY, value, updated_at: nowIso() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: nowIso() }))
        .execute();
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'green_rate_formula',
        entityId: GREEN_FORMULA_KEY,
        organisationId: null,
        before,
        after: formula,
      });
    });
    return formula;
  }

  async statistics(actor: Actor, query: StatisticsQuery): Promise<StatisticsView> {
    requirePermission(actor, 'requests.statistics', 'Statistics are for the office and county leaders');
    const { from, to } = periodOf(query);
    const rows = await repo.requestsForStatistics(this.db, from, to);
    return computeStatistics(rows, query.groupBy, await this.greenFormula(), await this.calendar());
  }

  async statisticsExport(actor: Actor, query: StatisticsQuery): Promise<Buffer> {
    return statisticsSheet(await this.statistics(actor, query), query.groupBy);
  }

  // ---- working calendar ----

  async listCalendarOverrides(actor: Actor) {
    void actor; // readable by every signed-in user: due dates depend on it
    return repo.listCalendarDays(this.db);
  }

  async setCalendarDay(actor: Actor, day: { date: string; kind: 'holiday' | 'workday'; name: string }): Promise<void> {
    requirePermission(actor, 'calendar.manage', 'Only the county admin edits the calendar');
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertCalendarDay(trx, day);
      await recordAudit(trx, actor, { action: 'update', entity: 'calendar_day', entityId: day.date, organisationId: null, after: day });
    });
  }

  async deleteCalendarDay(actor: Actor, date: string): Promise<void> {
    requirePermission(actor, 'calendar.manage', 'Only the county admin edits the calendar');
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.deleteCalendarDay(trx, date))) throw notFound('Calendar override');
      await recordAudit(trx, actor, { action: 'delete', entity: 'calendar_day', entityId: date, organisationId: null });
    });
  }

  // ---- helpers ----

  private scope(actor: Actor): Pick<repo.RequestFilter, 'enterpriseId' | 'involvingDepartmentId'> {
    if (actor.organisationKind === 'enterprise') return { enterpriseId: actor.organisationId };
    if (actor.role === 'department_handler') return { involvingDepartmentId: actor.organisationId };
    if (COUNTY_ROLES.includes(actor.role)) return {};
    throw forbidden();
  }

  private async visibleRequest(actor: Actor, id: string): Promise<RequestRow> {
    const row = await repo.findRequest(this.db, id);
    if (!row) throw notFound('Request');
    const scope = this.scope(actor);
    if (scope.enterpriseId && row.enterprise_id !== scope.enterpriseId) throw notFound('Request');
    if (scope.involvingDepartmentId) {
      const departments = await repo.listRequestDepartments(this.db, [id]);
      if (!departments.some((d) => d.department_id === scope.involvingDepartmentId)) throw notFound('Request');
    }
    return row;
  }

  private async views(actor: Actor, rows: RequestRow[], now: Date): Promise<RequestView[]> {
    const calendar = await this.calendar();
    const departments = await repo.listRequestDepartments(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      categoryCode: r.category_code,
      title: r.title,
      description: r.description,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
      status: r.status,
      leadDepartmentId: r.lead_department_id,
      leadDepartmentName: r.lead_department_name,
      coDepartmentIds: departments.filter((d) => d.request_id === r.id && d.role === 'co').map((d) => d.department_id),
      answer: r.answer,
      rating: r.rating,
      ratingComment: r.rating_comment,
      redoCount: r.redo_count,
      paused: r.paused_at !== null,
      extensionRequestedDays: r.extension_requested_days,
      submittedAt: r.submitted_at,
      acceptedAt: r.accepted_at,
      dispatchedAt: r.dispatched_at,
      signedAt: r.signed_at,
      answeredAt: r.answered_at,
      closedAt: r.closed_at,
      acceptDueAt: r.accept_due_at,
      signDueAt: r.sign_due_at,
      answerDueAt: r.answer_due_at,
      acceptedOnTime: r.accepted_on_time === null ? null : r.accepted_on_time === 1,
      answeredOnTime: r.answered_on_time === null ? null : r.answered_on_time === 1,
      escalatedAt: r.escalated_at,
      sla: slaColour(r, now, calendar),
      allowedActions: allowedActions(
        partiesOf(actor, { enterpriseId: r.enterprise_id, leadDepartmentId: r.lead_department_id }),
        stateOf(r),
      ),
    }));
  }

  private async recordStep(
    trx: ServiceRequestDb,
    actor: Actor | null,
    requestId: string,
    kind: string,
    note: string | null,
    at: string,
  ): Promise<void> {
    const who = actor
      ? await trx
          .selectFrom('users')
          .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
          .select(['users.display_name', 'organisations.name'])
          .where('users.id', '=', actor.userId)
          .executeTakeFirst()
      : undefined;
    await repo.insertEvents(trx, [
      {
        id: randomUUID(),
        request_id: requestId,
        kind,
        at,
        actor_user_id: actor?.userId ?? null,
        actor_name: who?.display_name ?? null,
        organisation_name: who?.name ?? null,
        note,
      },
    ]);
  }

  /** Whom a step notifies: active users by role and/or organisation, read in the step's transaction. */
  private recipients(db: ServiceRequestDb, filter: Parameters<NotificationService['recipients']>[1]): Promise<string[]> {
    return this.notifications.recipients(withTablesOf<NotificationTables>(db), filter);
  }

  /** Writes the notifications in the step's transaction; returns the live push to make once it has committed. */
  private notify(trx: ServiceRequestDb, userIds: string[], request: { id: string }, kind: string, text: string): Promise<() => void> {
    return this.notifications.write(withTablesOf<NotificationTables>(trx), userIds, { kind, text, link: null, requestId: request.id });
  }
}

/** 2025-10-09 11:30, as the office reads a due time (China time). */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const ACTION_LABELS: Record<ActionBody['action'], string> = {
  accept: '直通办已受理',
  reject: '已退回（不予受理）',
  dispatch: '已派单',
  return: '部门退回派单',
  sign: '部门已签收',
  start: '部门开始办理',
  pause: '暂停办理，等待企业补充',
  resume: '恢复办理',
  request_extension: '部门申请延期',
  approve_extension: '延期已批准',
  decline_extension: '延期未批准',
  answer: '部门已答复',
  rate: '企业已评价',
};

function requireOffice(actor: Actor): void {
  requirePermission(actor, 'requests.office', 'Only the direct-service office does this');
}
