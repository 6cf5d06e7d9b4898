// 序时进度 signals on China dates, across month ends: what matters is the county's calendar, not UTC's.
import { describe, expect, it } from 'vitest';
import { chinaDate, monthBefore, monthsFinished } from './china-date';
import { expectedInvestment, projectSignal } from './signals';

const base = { stage: 'started' as const, planYear: 2026, plannedYearWan: 1200, milestones: [] };

describe('China dates', () => {
  it('turns the month at midnight in Shanghai, eight hours before UTC does', () => {
    expect(chinaDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(chinaDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(monthsFinished(2026, '2026-03-31')).toBe(2);
    expect(monthsFinished(2026, '2026-04-01')).toBe(3);
    expect(monthsFinished(2026, '2027-01-01')).toBe(12);
    expect(monthsFinished(2026, '2025-12-31')).toBe(0);
    expect(monthBefore('2026-01-15', 2)).toBe('2025-11');
  });
});

describe('project signals', () => {
  it('is yellow once the investment falls behind the finished months, from the first China day of a month', () => {
    // 1200 planned: 200 expected after two months, 300 after three. 250 done.
    const lastDayOfMarch = chinaDate(new Date('2026-03-31T15:59:00Z'));
    const firstOfApril = chinaDate(new Date('2026-03-31T16:00:00Z'));
    expect(expectedInvestment(2026, 1200, lastDayOfMarch)).toBe(200);
    expect(projectSignal({ ...base, completedYearWan: 250 }, lastDayOfMarch).colour).toBe('green');
    const behind = projectSignal({ ...base, completedYearWan: 250 }, firstOfApril);
    expect(behind.colour).toBe('yellow');
    expect(behind.reasons).toEqual([{ kind: 'investment_behind', expectedWan: 300, completedWan: 250 }]);
    // Across the year end: the whole plan is due on 1 January.
    expect(projectSignal({ ...base, completedYearWan: 1150 }, chinaDate(new Date('2026-12-31T15:00:00Z'))).colour).toBe('green');
    expect(projectSignal({ ...base, completedYearWan: 1150 }, chinaDate(new Date('2026-12-31T16:00:00Z'))).colour).toBe('yellow');
  });

  it('is yellow for a milestone late by up to 30 days and red after, counted in China days', () => {
    const milestone = { id: 'm', name: '开工', plannedDate: '2026-01-31', actualDate: null };
    const input = { ...base, plannedYearWan: null, planYear: null, completedYearWan: 0, milestones: [milestone] };
    expect(projectSignal(input, chinaDate(new Date('2026-01-31T15:59:00Z'))).colour).toBe('green');
    const day1 = projectSignal(input, chinaDate(new Date('2026-01-31T16:00:00Z')));
    expect(day1.colour).toBe('yellow');
    expect(day1.reasons[0]).toMatchObject({ kind: 'milestone_late', daysLate: 1 });
    expect(projectSignal(input, '2026-03-02').colour).toBe('yellow'); // 30 days late (February has 28)
    expect(projectSignal(input, '2026-03-03').colour).toBe('red');
    expect(projectSignal({ ...input, milestones: [{ ...milestone, actualDate: '2026-02-20' }] }, '2026-04-01').colour).toBe('green');
  });

  it('has no signal once terminated or at full production', () => {
    const late = [{ id: 'm', name: '投产', plannedDate: '2025-01-01', actualDate: null }];
    expect(projectSignal({ ...base, stage: 'terminated', completedYearWan: 0, milestones: late }, '2026-06-01').colour).toBeNull();
    expect(projectSignal({ ...base, stage: 'at_capacity', completedYearWan: 0, milestones: late }, '2026-06-01').colour).toBeNull();
  });
});
