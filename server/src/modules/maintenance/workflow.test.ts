import { WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES, type Actor, type WorkOrderAction, type WorkOrderStatus } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { CLOSED_ON_TRANSFER, TRANSITIONS, allowedActions, partiesOf } from './workflow';

const actor = (role: Actor['role'], organisationId = 'e1'): Actor => ({
  userId: 'u',
  username: 'u',
  role,
  organisationId,
  organisationKind: role.startsWith('enterprise') ? 'enterprise' : 'county',
  via: 'session',
});

/** Every (status, action) pair the workflow allows, written out by hand. */
const ALLOWED: Record<WorkOrderStatus, WorkOrderAction[]> = {
  reported: ['assign'],
  assigned: ['assign', 'start'],
  in_progress: ['hold', 'use_part', 'complete'],
  on_hold: ['resume', 'use_part'],
  done: ['accept', 'reject'],
  accepted: [],
  cancelled: [],
};

describe('work-order workflow', () => {
  it('closes the orders still to be worked on, and only those, when the asset goes to another keeper', () => {
    expect([...CLOSED_ON_TRANSFER.from].sort()).toEqual(['assigned', 'in_progress', 'on_hold', 'reported']);
    expect(CLOSED_ON_TRANSFER.to).toBe('cancelled');
  });

  it.each(WORK_ORDER_STATUSES)('from %s allows exactly the listed actions to the manager', (status) => {
    expect(allowedActions(partiesOf(actor('enterprise_admin'), { enterpriseId: 'e1' }), status).sort()).toEqual(
      [...ALLOWED[status]].sort(),
    );
  });

  it('leads reported → assigned → in_progress ⇄ on_hold → done → accepted, and rejected back to in_progress', () => {
    expect(TRANSITIONS.assign.to).toBe('assigned');
    expect(TRANSITIONS.start.to).toBe('in_progress');
    expect(TRANSITIONS.hold.to).toBe('on_hold');
    expect(TRANSITIONS.resume.to).toBe('in_progress');
    expect(TRANSITIONS.complete.to).toBe('done');
    expect(TRANSITIONS.accept.to).toBe('accepted');
    expect(TRANSITIONS.reject.to).toBe('in_progress');
  });

  it('keeps assigning and acceptance for the admin; technicians do the work', () => {
    const tech = partiesOf(actor('enterprise_member'), { enterpriseId: 'e1' });
    expect(allowedActions(tech, 'reported')).toEqual([]);
    expect(allowedActions(tech, 'done')).toEqual([]);
    expect(allowedActions(tech, 'assigned')).toEqual(['start']);
  });

  it('gives another enterprise and county staff no part at all', () => {
    for (const a of [actor('enterprise_admin', 'e2'), actor('county_admin')]) {
      const parties = partiesOf(a, { enterpriseId: 'e1' });
      expect(parties.size).toBe(0);
      for (const status of WORK_ORDER_STATUSES) expect(allowedActions(parties, status)).toEqual([]);
    }
    expect(WORK_ORDER_ACTIONS.length).toBe(Object.keys(TRANSITIONS).length);
  });
});
