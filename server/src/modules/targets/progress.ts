// Status against time-proportional expectation (序时进度), on China dates.
import type { IndicatorStatus, TaskStatus } from '@tiantai/shared';
import { daysBetween } from '../projects';

/** A task's expected progress on `today`: the share of its span (start to deadline, both inclusive) gone by. */
export function expectedTaskProgress(startDate: string, deadline: string, today: string): number {
  return Math.round(expectedShare(startDate, deadline, today) * 100);
}

function expectedShare(startDate: string, deadline: string, today: string): number {
  const span = daysBetween(startDate, deadline) + 1;
  const gone = daysBetween(startDate, today) + 1;
  if (span <= 0) return 1;
  return Math.max(0, Math.min(1, gone / span));
}

export function taskStatus(task: { startDate: string; deadline: string; progress: number }, today: string): TaskStatus {
  if (task.progress >= 100) return 'done';
  if (today > task.deadline) return 'overdue';
  return task.progress >= expectedShare(task.startDate, task.deadline, today) * 100 ? 'on_track' : 'behind';
}

/**
 * An indicator's year: a full-year actual is achieved or missed; a partial one (through month m) is compared
 * with target × m / 12.
 */
export function indicatorYearStatus(
  target: number | null,
  actual: number | null,
  actualThrough: string | null,
): { status: IndicatorStatus; expected: number | null } {
  if (target === null || actual === null) return { status: 'no_data', expected: null };
  if (actualThrough === null) return { status: actual >= target ? 'achieved' : 'missed', expected: target };
  const expected = (target * Number(actualThrough.slice(5, 7))) / 12;
  return { status: actual >= expected ? 'on_track' : 'behind', expected: Math.round(expected * 100) / 100 };
}
