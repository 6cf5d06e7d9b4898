import { describe, expect, it } from 'vitest';
import { addTimeInterval, dueState, type SchedulePlan } from './plan-schedule';

const timePlan = (over: Partial<SchedulePlan> = {}): SchedulePlan => ({
  trigger: 'time',
  intervalValue: 1,
  intervalUnit: 'months',
  anchor: 'fixed',
  warningShare: 0.1,
  startAt: '2026-01-01T00:00:00.000Z',
  startCounter: null,
  lastDoneAt: null,
  lastDoneCounter: null,
  lastDuePoint: null,
  ...over,
});

const usagePlan = (over: Partial<SchedulePlan> = {}): SchedulePlan =>
  timePlan({ trigger: 'usage', intervalValue: 50_000, intervalUnit: 'shots', startCounter: 0, ...over });

describe('addTimeInterval', () => {
  it('adds calendar months in China time, clamped to the month end', () => {
    // 2026-01-31 08:00 China time + 1 month → 2026-02-28 (no 31st), + 13 months → 2027-02-28
    expect(addTimeInterval(new Date('2026-01-31T00:00:00Z'), 1, 'months').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addTimeInterval(new Date('2026-01-31T00:00:00Z'), 13, 'months').toISOString()).toBe('2027-02-28T00:00:00.000Z');
    // 2026-03-31 23:00 UTC is already 1 April in China: + 1 month → 1 May China time
    expect(addTimeInterval(new Date('2026-03-31T23:00:00Z'), 1, 'months').toISOString()).toBe('2026-04-30T23:00:00.000Z');
  });
  it('adds days and weeks as fixed lengths', () => {
    expect(addTimeInterval(new Date('2026-01-01T00:00:00Z'), 10, 'days').toISOString()).toBe('2026-01-11T00:00:00.000Z');
    expect(addTimeInterval(new Date('2026-01-01T00:00:00Z'), 2, 'weeks').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });
});

describe('dueState of a time plan', () => {
  it('goes OK → WARNING (last 10 %) → DUE → OVERDUE (late by 10 %)', () => {
    const plan = timePlan({ intervalValue: 10, intervalUnit: 'days' }); // due 2026-01-11
    expect(dueState(plan, new Date('2026-01-09T23:59:00Z'), null).status).toBe('OK');
    expect(dueState(plan, new Date('2026-01-10T00:00:00Z'), null).status).toBe('WARNING');
    expect(dueState(plan, new Date('2026-01-11T00:00:00Z'), null)).toMatchObject({
      status: 'DUE',
      duePoint: '2026-01-11T00:00:00.000Z',
      dueAt: '2026-01-11T00:00:00.000Z',
    });
    expect(dueState(plan, new Date('2026-01-11T23:59:00Z'), null).status).toBe('DUE');
    expect(dueState(plan, new Date('2026-01-12T00:00:00Z'), null).status).toBe('OVERDUE');
  });

  it('fixed keeps the schedule after a late completion; floating moves it to the completion', () => {
    // due 1 Feb, done late on 10 Feb
    const done = { lastDoneAt: '2026-02-10T00:00:00.000Z', lastDuePoint: '2026-02-01T00:00:00.000Z' };
    const now = new Date('2026-02-11T00:00:00Z');
    expect(dueState(timePlan({ ...done, anchor: 'fixed' }), now, null).duePoint).toBe('2026-03-01T00:00:00.000Z');
    expect(dueState(timePlan({ ...done, anchor: 'floating' }), now, null).duePoint).toBe('2026-03-10T00:00:00.000Z');
    // On 8 March the fixed plan is a week late (25 % of 28 days: OVERDUE); the floating one warns
    const march8 = new Date('2026-03-08T00:00:00Z');
    expect(dueState(timePlan({ ...done, anchor: 'fixed' }), march8, null).status).toBe('OVERDUE');
    expect(dueState(timePlan({ ...done, anchor: 'floating' }), march8, null).status).toBe('WARNING');
  });
});

describe('dueState of a usage plan', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('warns at 90 % of a 50 000-shot interval and is due at 50 000', () => {
    expect(dueState(usagePlan(), now, 44_999).status).toBe('OK');
    expect(dueState(usagePlan(), now, 45_000)).toMatchObject({ status: 'WARNING', duePoint: '50000', dueCounter: 50_000, progress: 0.9 });
    expect(dueState(usagePlan(), now, 50_000).status).toBe('DUE');
    expect(dueState(usagePlan(), now, 55_000).status).toBe('OVERDUE');
  });
  it('counts from the scheduled point (fixed) or the counter at completion (floating)', () => {
    const done = { lastDuePoint: '50000', lastDoneCounter: 58_000 };
    expect(dueState(usagePlan({ ...done, anchor: 'fixed' }), now, 60_000).duePoint).toBe('100000');
    expect(dueState(usagePlan({ ...done, anchor: 'floating' }), now, 60_000).duePoint).toBe('108000');
  });
  it('starts from the counter value the plan was made at', () => {
    expect(dueState(usagePlan({ startCounter: 120_000 }), now, 130_000)).toMatchObject({ status: 'OK', duePoint: '170000' });
  });
});
