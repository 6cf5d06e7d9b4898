// The direct-service workflow as data: which action moves a request from which status to which, and
// who may take it. The service checks every action against this table; anything else is a 409.
import type { Actor, RequestAction, RequestStatus } from '@tiantai/shared';

/**
 * office: the county's direct-service office (直通办) and the county admin; lead: the lead department's handlers;
 * co: a co-handling department's (协办) handlers.
 */
export type Party = 'office' | 'lead' | 'co' | 'enterprise';

export interface Transition {
  from: readonly RequestStatus[];
  by: Party;
  /** The status after the action; undefined keeps it (pause, extensions). */
  to?: RequestStatus;
  /** Extra condition on the request beyond its status. */
  when?: (r: WorkflowState) => boolean;
}

export interface WorkflowState {
  status: RequestStatus;
  paused: boolean;
  extensionPending: boolean;
}

export const TRANSITIONS: Record<RequestAction, Transition> = {
  accept: { from: ['submitted'], by: 'office', to: 'accepted' },
  reject: { from: ['submitted', 'accepted'], by: 'office', to: 'rejected' },
  dispatch: { from: ['accepted'], by: 'office', to: 'dispatched' },
  return: { from: ['dispatched'], by: 'lead', to: 'accepted' },
  sign: { from: ['dispatched'], by: 'lead', to: 'signed' },
  start: { from: ['signed'], by: 'lead', to: 'in_progress' },
  pause: { from: ['in_progress'], by: 'lead', when: (r) => !r.paused },
  resume: { from: ['in_progress'], by: 'lead', when: (r) => r.paused },
  request_extension: { from: ['signed', 'in_progress'], by: 'lead', when: (r) => !r.extensionPending },
  approve_extension: { from: ['signed', 'in_progress'], by: 'office', when: (r) => r.extensionPending },
  decline_extension: { from: ['signed', 'in_progress'], by: 'office', when: (r) => r.extensionPending },
  answer: { from: ['signed', 'in_progress'], by: 'lead', to: 'answered', when: (r) => !r.paused },
  // rate: satisfied → closed; dissatisfied → back to in_progress for redo (decided in the service)
  rate: { from: ['answered'], by: 'enterprise' },
  // The office's follow-up call (回访) on an answer the enterprise has not rated: closes with the call's result,
  // a dissatisfied one included (the enterprise's own dissatisfied rating is what sends a request back).
  follow_up: { from: ['answered'], by: 'office', to: 'closed' },
  // A co-handling department's opinion for the lead department, given or updated until the answer.
  opinion: { from: ['signed', 'in_progress'], by: 'co' },
};

export const OFFICE_ROLES = ['service_officer', 'county_admin'] as const;

/** Which parties the actor is for this request. */
export function partiesOf(
  actor: Actor,
  request: { enterpriseId: string; leadDepartmentId: string | null; coDepartmentIds?: readonly string[] },
): Set<Party> {
  const parties = new Set<Party>();
  if ((OFFICE_ROLES as readonly string[]).includes(actor.role)) parties.add('office');
  if (actor.role === 'department_handler' && actor.organisationId === request.leadDepartmentId) parties.add('lead');
  if (
    actor.role === 'department_handler' &&
    actor.organisationId !== request.leadDepartmentId &&
    request.coDepartmentIds?.includes(actor.organisationId)
  )
    parties.add('co');
  if (actor.organisationKind === 'enterprise' && actor.organisationId === request.enterpriseId) parties.add('enterprise');
  return parties;
}

export function allowedActions(parties: Set<Party>, state: WorkflowState): RequestAction[] {
  return (Object.entries(TRANSITIONS) as Array<[RequestAction, Transition]>)
    .filter(([, t]) => parties.has(t.by) && t.from.includes(state.status) && (t.when?.(state) ?? true))
    .map(([action]) => action);
}
