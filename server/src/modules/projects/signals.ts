// 序时进度 signals: a project behind its time-proportional investment or a milestone is yellow, a milestone
// overdue by more than MILESTONE_RED_AFTER_DAYS is red. Computed on China dates.
import { MILESTONE_RED_AFTER_DAYS, type ProjectSignal, type ProjectStage, type SignalReason } from '@tiantai/shared';
import { daysBetween, monthsFinished } from './china-date';

export interface SignalInput {
  stage: ProjectStage;
  planYear: number | null;
  plannedYearWan: number | null;
  /** Investment completed in planYear, all months recorded so far. */
  completedYearWan: number;
  milestones: Array<{ id: string; name: string; plannedDate: string; actualDate: string | null }>;
}

/** The investment expected by `today`: the plan × finished months of the plan year / 12. */
export function expectedInvestment(planYear: number, plannedWan: number, today: string): number {
  return (plannedWan * monthsFinished(planYear, today)) / 12;
}

export function projectSignal(input: SignalInput, today: string): ProjectSignal {
  if (input.stage === 'terminated' || input.stage === 'at_capacity') return { colour: null, reasons: [] };
  const reasons: SignalReason[] = [];
  let colour: 'green' | 'yellow' | 'red' = 'green';
  for (const m of input.milestones) {
    if (m.actualDate !== null) continue;
    const daysLate = daysBetween(m.plannedDate, today);
    if (daysLate <= 0) continue;
    reasons.push({ kind: 'milestone_late', milestoneId: m.id, name: m.name, plannedDate: m.plannedDate, daysLate });
    if (daysLate > MILESTONE_RED_AFTER_DAYS) colour = 'red';
    else if (colour === 'green') colour = 'yellow';
  }
  if (input.planYear !== null && input.plannedYearWan !== null && input.plannedYearWan > 0) {
    const expected = expectedInvestment(input.planYear, input.plannedYearWan, today);
    if (input.completedYearWan + 1e-6 < expected) {
      reasons.push({ kind: 'investment_behind', expectedWan: round2(expected), completedWan: round2(input.completedYearWan) });
      if (colour === 'green') colour = 'yellow';
    }
  }
  return { colour, reasons };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
