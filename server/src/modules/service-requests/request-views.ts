// The request as the API lists it — with its SLA colour and the actions the actor may take now — and the
// timeline step every change writes. The request and attachment services both write steps.
import { randomUUID } from 'node:crypto';
import type { Actor, RequestView, SlaColour } from '@tiantai/shared';
import * as repo from './service-requests.repository';
import type { RequestRow, ServiceRequestDb } from './service-requests.repository';
import type { ServiceRequestsTable } from './service-requests.tables';
import type { WorkingCalendar } from './sla-calendar';
import { allowedActions, partiesOf, type WorkflowState } from './workflow';

export function stateOf(row: Pick<ServiceRequestsTable, 'status' | 'paused_at' | 'extension_requested_days'>): WorkflowState {
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

/** A request as listed: its co-handling departments, SLA colour at `now`, and the actor's allowed actions. */
export function toRequestView(actor: Actor, r: RequestRow, coDepartmentIds: string[], now: Date, calendar: WorkingCalendar): RequestView {
  return {
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
    coDepartmentIds,
    answer: r.answer,
    rating: r.rating,
    ratingComment: r.rating_comment,
    closedAs: r.closed_as,
    rateDueAt: r.status === 'answered' ? r.rate_due_at : null,
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
      partiesOf(actor, { enterpriseId: r.enterprise_id, leadDepartmentId: r.lead_department_id, coDepartmentIds }),
      stateOf(r),
    ),
  };
}

/** A timeline entry, with the actor's name and organisation as they are now; null actor for the clock job. */
export async function recordStep(
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
