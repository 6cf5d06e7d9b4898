// A direct-service request's life: filing, the list and detail each party sees, the workflow actions with
// their timeline, notices and live events (co-handling departments' opinions among them), the clock job that
// escalates (督办) overdue requests and closes answers left unrated past their window, and the statistics over
// them. The office's settings (categories, green-rate formula, working calendar) are
// request-settings.service.ts's; files on a request are request-attachments.service.ts's.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyDateTime,
  countyYear,
  type ActionBody,
  type Actor,
  type CreateRequestBody,
  type Paged,
  type PublishEvent,
  type RequestDetailView,
  type RequestListQuery,
  type RequestView,
  type StatisticsQuery,
  type StatisticsView,
} from '@tiantai/shared';
import type { Updateable } from 'kysely';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import type { NotificationService, NotificationTables } from '../notifications';
import { greenFormula, workingCalendar } from './request-settings.service';
import { runStep } from './request-steps';
import { activeDue, recordStep, slaColour, stateOf, toRequestView } from './request-views';
import { requestScope, visibleRequest } from './service-requests.access';
import * as repo from './service-requests.repository';
import type { RequestRow, ServiceRequestDb } from './service-requests.repository';
import type { ServiceRequestsTable } from './service-requests.tables';
import { computeStatistics, periodOf, statisticsSheet } from './statistics';
import { OFFICE_ROLES, TRANSITIONS, allowedActions, partiesOf } from './workflow';

/** The columns only an Open311 filing sets (GeoReport v2's POST fields beyond name and phone). */
export type FiledDetails = Partial<
  Pick<ServiceRequestsTable, 'lat' | 'long' | 'address_string' | 'address_id' | 'email' | 'device_id' | 'account_id' | 'media_url'>
>;

const OPEN_WITH_CLOCK = ['submitted', 'dispatched', 'signed', 'in_progress'] as const;

export class ServiceRequestService {
  private readonly db: ServiceRequestDb;

  private readonly now: () => Date;
  private readonly publish: PublishEvent;
  private readonly notifications: NotificationService;
  /**
   * COUNTY_TIME_ZONE: the clock of the request numbers' year, the statistics' periods and months, and the times
   * written in notes (Open311 reads it too). The SLA's working calendar stays China's (sla-calendar.ts).
   */
  readonly timeZone: string;

  constructor(deps: {
    db: ServiceRequestDb;
    /** The bell: each step notifies the parties in the step's own transaction. */
    notifications: NotificationService;
    /** The time source: tests set the clock to before a holiday. */
    now?: () => Date;
    /** The domain-event bus: live screens get requests dispatched, answered and rated; published once committed. */
    publish?: PublishEvent;
    /** COUNTY_TIME_ZONE (Asia/Shanghai when absent). */
    timeZone?: string;
  }) {
    this.db = deps.db;
    this.notifications = deps.notifications;
    this.now = deps.now ?? (() => new Date());
    this.publish = deps.publish ?? (() => undefined);
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
  }

  // ---- requests ----

  /** `filed`: what an Open311 client sent besides the request itself (location, email, media_url, …). */
  async create(actor: Actor, body: CreateRequestBody, filed: FiledDetails = {}): Promise<RequestDetailView> {
    requirePermission(actor, 'requests.file', 'Requests are filed by enterprises');
    const category = await repo.findCategory(this.db, body.categoryCode);
    if (!category) throw new AppError(400, 'VALIDATION_FAILED', `categoryCode: no category ${body.categoryCode}`);
    const calendar = await workingCalendar(this.db);
    const now = this.now();
    const id = randomUUID();
    const year = String(countyYear(now, this.timeZone)); // the county's year
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
            rate_due_at: null,
            closed_as: null,
            updated_at: now.toISOString(),
            ...filed,
          });
          await recordStep(trx, actor, id, 'submit', body.title, now.toISOString());
          await recordAudit(trx, actor, {
            action: 'create',
            entity: 'service_request',
            entityId: id,
            organisationId: actor.organisationId,
            after: { number, categoryCode: category.code, title: body.title, status: 'submitted' },
          });
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
    const filter: repo.RequestFilter = { ...rest, ...requestScope(actor), leadDepartmentId: departmentId, openOnly: open === true };
    const now = this.now();
    if (sla) {
      // The colour depends on now, so it is filtered here rather than in SQL; open requests are few.
      const calendar = await workingCalendar(this.db);
      const open = (await repo.listOpenRequests(this.db, filter)).filter((r) => slaColour(r, now, calendar) === sla);
      const rows = open.slice((page - 1) * pageSize, page * pageSize);
      return { items: await this.views(actor, rows, now), total: open.length, page, pageSize };
    }
    const { rows, total } = await repo.listRequests(this.db, filter, { page, pageSize });
    return { items: await this.views(actor, rows, now), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<RequestDetailView> {
    return this.detail(actor, await visibleRequest(this.db, actor, id));
  }

  private async detail(actor: Actor, row: RequestRow): Promise<RequestDetailView> {
    const id = row.id;
    const [view] = await this.views(actor, [row], this.now());
    const events = await repo.listEvents(this.db, id);
    const attachments = await repo.listAttachments(this.db, id);
    // Opinions are between the departments and the county: the enterprise reads the answer, not the opinions.
    const opinions = actor.organisationKind === 'enterprise' ? [] : await repo.listOpinions(this.db, id);
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
      opinions: opinions.map((o) => ({
        departmentId: o.department_id,
        departmentName: o.department_name,
        opinion: o.opinion,
        authorName: o.author_name,
        submittedAt: o.submitted_at,
        updatedAt: o.updated_at,
      })),
    };
  }

  async act(actor: Actor, id: string, body: ActionBody): Promise<RequestDetailView> {
    const row = await visibleRequest(this.db, actor, id);
    const transition = TRANSITIONS[body.action];
    const coDepartmentIds = (await repo.listRequestDepartments(this.db, [id])).filter((d) => d.role === 'co').map((d) => d.department_id);
    const parties = partiesOf(actor, { enterpriseId: row.enterprise_id, leadDepartmentId: row.lead_department_id, coDepartmentIds });
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
    const calendar = await workingCalendar(this.db);
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
        actorOrganisationId: actor.organisationId,
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
      if (step.opinion) {
        const author = await trx.selectFrom('users').select('display_name').where('id', '=', actor.userId).executeTakeFirst();
        await repo.upsertOpinion(trx, {
          request_id: id,
          department_id: step.opinion.departmentId,
          opinion: step.opinion.text,
          author_user_id: actor.userId,
          author_name: author?.display_name ?? null,
          submitted_at: at,
          updated_at: at,
        });
      }
      const kind = body.action === 'rate' || body.action === 'follow_up' ? `${body.action}_${body.rating}` : body.action;
      await recordStep(trx, actor, id, kind, step.note, at);
      await recordAudit(trx, actor, {
        action: body.action,
        entity: 'service_request',
        entityId: id,
        organisationId: row.enterprise_id,
        before: { status: row.status },
        after: {
          ...changes,
          note: step.note,
          ...(step.departments && { departments: step.departments }),
          ...(step.opinion && { opinion: step.opinion }),
        },
      });
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
    if (body.action === 'rate' || body.action === 'follow_up') this.publish({ type: 'request.rated', ...about, rating: body.rating });
    // Not get(): a department that has just returned the request no longer sees it, but gets the outcome.
    const after = await repo.findRequest(this.db, id);
    if (!after) throw notFound('Request');
    return this.detail(actor, after);
  }

  /**
   * The clock job: escalates (督办) each open request past its running due time, once, to the office and
   * the lead department; and closes as not rated each answered request its enterprise left unrated past the
   * rating window. Idempotent: both are claimed with a conditional update, so two instances or a restart never
   * escalate or close the same request twice. Returns how many requests it escalated or closed.
   */
  async runClock(now: Date = this.now()): Promise<number> {
    let escalated = 0;
    const open = await repo.listOpenRequests(this.db);
    const closed = await this.closeUnrated(
      open.filter((r) => r.status === 'answered'),
      now,
    );
    for (const row of open) {
      if (row.escalated_at || !(OPEN_WITH_CLOCK as readonly string[]).includes(row.status) || row.paused_at) continue;
      const clock = activeDue(row);
      if (!clock || Date.parse(clock.due) >= now.getTime()) continue;
      const push = await this.db.transaction().execute(async (trx) => {
        if (!(await repo.markEscalated(trx, row.id, now.toISOString()))) return null;
        escalated++;
        await recordStep(trx, null, row.id, 'escalate', `逾期：应于 ${countyDateTime(clock.due, this.timeZone)} 前办理`, now.toISOString());
        await recordAudit(trx, null, {
          action: 'escalate',
          entity: 'service_request',
          entityId: row.id,
          organisationId: row.enterprise_id,
          after: { escalatedAt: now.toISOString(), due: clock.due },
        });
        const office = await this.recipients(trx, { roles: [...OFFICE_ROLES] });
        const department = row.lead_department_id
          ? await this.recipients(trx, { roles: ['department_handler'], organisationIds: [row.lead_department_id] })
          : [];
        return this.notify(trx, [...office, ...department], row, 'escalate', `督办：${row.number}「${row.title}」已逾期`);
      });
      push?.();
    }
    return escalated + closed;
  }

  /** Closes, as not rated, each answered request whose rating window has ended by `now`; returns how many. */
  private async closeUnrated(answered: RequestRow[], now: Date): Promise<number> {
    if (answered.length === 0) return 0;
    const calendar = await workingCalendar(this.db);
    const categories = new Map((await repo.listCategories(this.db)).map((c) => [c.code, c]));
    const at = now.toISOString();
    let closed = 0;
    for (const row of answered) {
      const category = categories.get(row.category_code);
      // Requests answered before the window existed have no rate_due_at: it runs from their answer.
      const due =
        row.rate_due_at ??
        (row.answered_at && category ? calendar.addWorkingDays(new Date(row.answered_at), category.rate_days).toISOString() : null);
      if (!due || Date.parse(due) > now.getTime()) continue;
      const changes = {
        status: 'closed',
        closed_at: at,
        closed_as: 'not_rated',
        rating: null,
        rating_comment: null,
        updated_at: at,
      } as const;
      const push = await this.db.transaction().execute(async (trx) => {
        if (!(await repo.updateRequestFrom(trx, row.id, { status: 'answered', updatedAt: row.updated_at }, changes))) return null;
        closed++;
        await recordStep(
          trx,
          null,
          row.id,
          'close_not_rated',
          `企业未在评价期限（${countyDateTime(due, this.timeZone)}）前评价，按未评价办结`,
          at,
        );
        await recordAudit(trx, null, {
          action: 'close_not_rated',
          entity: 'service_request',
          entityId: row.id,
          organisationId: row.enterprise_id,
          before: { status: row.status, rating: row.rating },
          after: { ...changes, rateDueAt: due },
        });
        const enterprise = await this.recipients(trx, { organisationIds: [row.enterprise_id] });
        const department = row.lead_department_id
          ? await this.recipients(trx, { roles: ['department_handler'], organisationIds: [row.lead_department_id] })
          : [];
        return this.notify(
          trx,
          [...enterprise, ...department],
          row,
          'close_not_rated',
          `${row.number}「${row.title}」：逾期未评价，已办结`,
        );
      });
      push?.();
    }
    return closed;
  }

  // ---- statistics ----

  async statistics(actor: Actor, query: StatisticsQuery): Promise<StatisticsView> {
    requirePermission(actor, 'requests.statistics', 'Statistics are for the office and county leaders');
    const { from, to } = periodOf(query, this.now(), this.timeZone);
    const rows = await repo.requestsForStatistics(this.db, from, to);
    return computeStatistics(rows, query.groupBy, await greenFormula(this.db), await workingCalendar(this.db), this.timeZone);
  }

  async statisticsExport(actor: Actor, query: StatisticsQuery): Promise<Buffer> {
    return statisticsSheet(await this.statistics(actor, query), query.groupBy);
  }

  // ---- helpers ----

  private async views(actor: Actor, rows: RequestRow[], now: Date): Promise<RequestView[]> {
    const calendar = await workingCalendar(this.db);
    const departments = await repo.listRequestDepartments(
      this.db,
      rows.map((r) => r.id),
    );
    const coDepartments = (id: string) => departments.filter((d) => d.request_id === id && d.role === 'co').map((d) => d.department_id);
    return rows.map((r) => toRequestView(actor, r, coDepartments(r.id), now, calendar));
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
  follow_up: '直通办已回访，诉求办结',
  opinion: '协办部门提交了协办意见',
};
