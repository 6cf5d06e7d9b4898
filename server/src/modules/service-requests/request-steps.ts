// What each workflow action does to a request, one named function per action of the transition table
// (workflow.ts says who may take which action from which state; ServiceRequestService.act checks that, runs
// the step, and commits the changes, the timeline entry and the notices together).
import type { ActionBody } from '@tiantai/shared';
import type { Updateable } from 'kysely';
import { AppError } from '../../http/errors';
import type { RequestRow, ServiceRequestDb } from './service-requests.repository';
import type { ServiceRequestTables, ServiceRequestsTable } from './service-requests.tables';
import type { WorkingCalendar } from './sla-calendar';

export interface StepContext {
  db: ServiceRequestDb;
  row: RequestRow;
  category: ServiceRequestTables['service_categories'];
  calendar: WorkingCalendar;
  now: Date;
  /** now as ISO text, the value every timestamp of the step gets. */
  at: string;
  /** The organisation of the actor taking the step (a co-handling department for an opinion). */
  actorOrganisationId: string;
  /** Who hears of the step: the enterprise's users, the office, the given departments' handlers. */
  enterpriseUsers(): Promise<string[]>;
  officeUsers(): Promise<string[]>;
  departmentUsers(ids: string[]): Promise<string[]>;
}

export interface Step {
  /** Columns the step sets besides updated_at and the transition's status. */
  changes: Updateable<ServiceRequestsTable>;
  /** The timeline entry's text. */
  note: string | null;
  recipients: string[];
  /** Lead and co-handling departments, when the step assigns them. */
  departments?: { lead: string | null; co: string[] };
  /** A co-handling department's opinion to store (one per department: a later one replaces it). */
  opinion?: { departmentId: string; text: string };
}

type Action = ActionBody['action'];
type StepFunction<A extends Action> = (c: StepContext, body: Extract<ActionBody, { action: A }>) => Promise<Step>;

const leadHandlers = (c: StepContext) => c.departmentUsers(c.row.lead_department_id ? [c.row.lead_department_id] : []);

const accept: StepFunction<'accept'> = async (c, body) => ({
  note: body.phoneContact,
  changes: { accepted_at: c.at, accepted_on_time: c.at <= c.row.accept_due_at ? 1 : 0 },
  recipients: await c.enterpriseUsers(),
});

const reject: StepFunction<'reject'> = async (c, body) => ({
  note: body.reason,
  changes: { closed_at: c.at },
  recipients: await c.enterpriseUsers(),
});

const dispatch: StepFunction<'dispatch'> = async (c, body) => {
  const ids = [body.leadDepartmentId, ...body.coDepartmentIds];
  const known = await c.db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
  if (known.length !== new Set(ids).size)
    throw new AppError(400, 'VALIDATION_FAILED', 'Unknown department in leadDepartmentId or coDepartmentIds');
  return {
    note: body.note ?? null,
    departments: { lead: body.leadDepartmentId, co: body.coDepartmentIds },
    changes: {
      lead_department_id: body.leadDepartmentId,
      dispatched_at: c.at,
      sign_due_at: c.calendar.addWorkingHours(c.now, c.category.sign_hours).toISOString(),
      answer_due_at: c.calendar.addWorkingDays(c.now, c.category.answer_days).toISOString(),
    },
    recipients: [...(await c.departmentUsers(ids)), ...(await c.enterpriseUsers())],
  };
};

const returnToOffice: StepFunction<'return'> = async (c, body) => ({
  note: body.reason,
  departments: { lead: null, co: [] },
  changes: { lead_department_id: null, dispatched_at: null, sign_due_at: null, answer_due_at: null },
  recipients: await c.officeUsers(),
});

const sign: StepFunction<'sign'> = async (c) => ({ note: null, changes: { signed_at: c.at }, recipients: await c.enterpriseUsers() });

const start: StepFunction<'start'> = async () => ({ note: null, changes: {}, recipients: [] });

const pause: StepFunction<'pause'> = async (c, body) => ({
  note: body.reason,
  changes: { paused_at: c.at },
  recipients: await c.enterpriseUsers(),
});

/** The answer clock stood still while paused: its due time moves by the working time that passed. */
const resume: StepFunction<'resume'> = async (c) => {
  const stoodStill = c.calendar.workingMillisBetween(new Date(c.row.paused_at!), c.now);
  return {
    note: null,
    changes: {
      paused_at: null,
      ...(c.row.answer_due_at && {
        answer_due_at: c.calendar.addWorkingHours(new Date(c.row.answer_due_at), stoodStill / 3_600_000).toISOString(),
      }),
    },
    recipients: await c.enterpriseUsers(),
  };
};

const requestExtension: StepFunction<'request_extension'> = async (c, body) => ({
  note: `${body.days} 个工作日：${body.reason}`,
  changes: { extension_requested_days: body.days },
  recipients: await c.officeUsers(),
});

const approveExtension: StepFunction<'approve_extension'> = async (c) => ({
  note: `${c.row.extension_requested_days} 个工作日`,
  changes: {
    extension_requested_days: null,
    ...(c.row.answer_due_at && {
      answer_due_at: c.calendar.addWorkingDays(new Date(c.row.answer_due_at), c.row.extension_requested_days!).toISOString(),
    }),
  },
  recipients: await leadHandlers(c),
});

const declineExtension: StepFunction<'decline_extension'> = async (c, body) => ({
  note: body.reason,
  changes: { extension_requested_days: null },
  recipients: await leadHandlers(c),
});

/** The answer starts the enterprise's rating window: the category's rate_days working days. */
const answer: StepFunction<'answer'> = async (c, body) => ({
  note: body.answer,
  changes: {
    answer: body.answer,
    answered_at: c.at,
    answered_on_time: c.row.answer_due_at && c.at <= c.row.answer_due_at ? 1 : 0,
    rate_due_at: c.calendar.addWorkingDays(c.now, c.category.rate_days).toISOString(),
  },
  recipients: await c.enterpriseUsers(),
});

/** 满意 or 基本满意 closes the request; 不满意 sends it back to the department with a new answer clock. */
const rate: StepFunction<'rate'> = async (c, body) => ({
  note: body.comment ?? null,
  changes: {
    rating: body.rating,
    rating_comment: body.comment ?? null,
    ...(body.rating === 'dissatisfied'
      ? {
          status: 'in_progress',
          redo_count: c.row.redo_count + 1,
          answered_at: null,
          answered_on_time: null,
          rate_due_at: null,
          answer_due_at: c.calendar.addWorkingDays(c.now, c.category.answer_days).toISOString(),
        }
      : { status: 'closed', closed_at: c.at, closed_as: 'rated' }),
  },
  recipients: [...(await c.officeUsers()), ...(await leadHandlers(c))],
});

/**
 * The office's follow-up call (回访) on an answer the enterprise has not rated: the call's result becomes the
 * request's rating and the request closes, whatever the result (a dissatisfied one is on record, not a redo).
 */
const followUp: StepFunction<'follow_up'> = async (c, body) => ({
  note: body.note,
  changes: { rating: body.rating, rating_comment: body.note, closed_at: c.at, closed_as: 'follow_up' },
  recipients: [...(await c.enterpriseUsers()), ...(await leadHandlers(c))],
});

/**
 * A co-handling department's opinion for the lead department. The text is kept with the request (the county and
 * the departments read it), not on the timeline, which the enterprise reads too.
 */
const opinion: StepFunction<'opinion'> = async (c, body) => ({
  note: null,
  changes: {},
  opinion: { departmentId: c.actorOrganisationId, text: body.opinion },
  recipients: await leadHandlers(c),
});

const STEPS: { [A in Action]: StepFunction<A> } = {
  accept,
  reject,
  dispatch,
  return: returnToOffice,
  sign,
  start,
  pause,
  resume,
  request_extension: requestExtension,
  approve_extension: approveExtension,
  decline_extension: declineExtension,
  answer,
  rate,
  follow_up: followUp,
  opinion,
};

/** Runs the step of `body.action` (its checks may throw a 4xx); nothing is written yet. */
export function runStep(c: StepContext, body: ActionBody): Promise<Step> {
  return (STEPS[body.action] as StepFunction<Action>)(c, body);
}
