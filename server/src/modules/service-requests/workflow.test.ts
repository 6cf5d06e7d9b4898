// Every action from every status, for every party: the workflow the issue describes, written out by hand.
import { REQUEST_STATUSES, type RequestStatus } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@tiantai/shared';
import { allowedActions, partiesOf, type Party } from './workflow';

const plain = (status: RequestStatus) => ({ status, paused: false, extensionPending: false });

/** What each party may do in each status (not paused, no extension pending). */
const EXPECTED: Record<Party, Record<RequestStatus, string[]>> = {
  office: {
    submitted: ['accept', 'reject'],
    accepted: ['reject', 'dispatch'],
    dispatched: [],
    signed: [],
    in_progress: [],
    answered: ['follow_up'],
    closed: [],
    rejected: [],
  },
  lead: {
    submitted: [],
    accepted: [],
    dispatched: ['return', 'sign'],
    signed: ['start', 'request_extension', 'answer'],
    in_progress: ['pause', 'request_extension', 'answer'],
    answered: [],
    closed: [],
    rejected: [],
  },
  co: {
    submitted: [],
    accepted: [],
    dispatched: [],
    signed: ['opinion'],
    in_progress: ['opinion'],
    answered: [],
    closed: [],
    rejected: [],
  },
  enterprise: {
    submitted: [],
    accepted: [],
    dispatched: [],
    signed: [],
    in_progress: [],
    answered: ['rate'],
    closed: [],
    rejected: [],
  },
};

describe('direct-service workflow', () => {
  for (const party of ['office', 'lead', 'co', 'enterprise'] as const) {
    for (const status of REQUEST_STATUSES) {
      it(`${party} in ${status}: ${EXPECTED[party][status].join(', ') || 'nothing'}`, () => {
        expect(allowedActions(new Set([party]), plain(status)).sort()).toEqual([...EXPECTED[party][status]].sort());
      });
    }
  }

  it('while paused, the department may only resume (or ask for more time), not answer', () => {
    expect(allowedActions(new Set<Party>(['lead']), { status: 'in_progress', paused: true, extensionPending: false }).sort()).toEqual([
      'request_extension',
      'resume',
    ]);
  });

  it('a pending extension is the office’s to approve or decline, and cannot be asked twice', () => {
    const state = { status: 'in_progress' as const, paused: false, extensionPending: true };
    expect(allowedActions(new Set<Party>(['office']), state).sort()).toEqual(['approve_extension', 'decline_extension']);
    expect(allowedActions(new Set<Party>(['lead']), state)).not.toContain('request_extension');
  });

  it('someone who is no party may do nothing', () => {
    for (const status of REQUEST_STATUSES) expect(allowedActions(new Set(), plain(status))).toEqual([]);
  });

  it('makes a co-handling department’s handler the co party, never the lead department or another role', () => {
    const actor = (role: Actor['role'], organisationId: string): Actor => ({
      userId: 'u1',
      username: 'u',
      role,
      organisationId,
      organisationKind: role === 'department_handler' ? 'department' : 'county',
      via: 'session',
    });
    const request = { enterpriseId: 'e1', leadDepartmentId: 'lead', coDepartmentIds: ['co'] };
    expect([...partiesOf(actor('department_handler', 'co'), request)]).toEqual(['co']);
    expect([...partiesOf(actor('department_handler', 'lead'), request)]).toEqual(['lead']);
    expect([...partiesOf(actor('department_handler', 'lead'), { ...request, coDepartmentIds: ['lead'] })]).toEqual(['lead']);
    expect([...partiesOf(actor('department_handler', 'other'), request)]).toEqual([]);
    expect([...partiesOf(actor('county_viewer', 'co'), request)]).toEqual([]);
  });
});
