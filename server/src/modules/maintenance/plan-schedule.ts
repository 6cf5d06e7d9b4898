// When a plan falls due, as pure functions of the plan, the time and the asset's counter. A time plan
// counts calendar time (months are calendar months on the county's clock); a usage plan counts the asset's
// shots, cycles or run hours. fixed: the next due point follows the scheduled one, so a late completion
// does not shift the schedule; floating: it follows the last completion.
import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyClock,
  countyInstant,
  type IntervalUnit,
  type PlanAnchor,
  type PlanStatus,
  type PlanTrigger,
} from '@tiantai/shared';

export interface SchedulePlan {
  trigger: PlanTrigger;
  intervalValue: number;
  intervalUnit: IntervalUnit;
  anchor: PlanAnchor;
  warningShare: number;
  /** Time plans: the schedule's origin (ISO). */
  startAt: string;
  /** Usage plans: the counter value the schedule starts from. */
  startCounter: number | null;
  lastDoneAt: string | null;
  lastDoneCounter: number | null;
  /** The due point the last completion served (ISO time or counter value as text). */
  lastDuePoint: string | null;
}

export interface DueState {
  status: PlanStatus;
  /** The work order's key: ISO time for time plans, the counter value (as text) for usage plans. */
  duePoint: string;
  dueAt: string | null;
  dueCounter: number | null;
  /** Share of the interval used: 0 at the base, 1 at the due point. */
  progress: number;
}

const DAY_MS = 86_400_000;

/**
 * Adds the interval; a month is a calendar month on the county's clock (COUNTY_TIME_ZONE), at the same wall-clock
 * time, clamped to the month's last day (Jan 31 → Feb 28).
 */
export function addTimeInterval(from: Date, value: number, unit: IntervalUnit, timeZone = DEFAULT_COUNTY_TIME_ZONE): Date {
  if (unit === 'days') return new Date(from.getTime() + value * DAY_MS);
  if (unit === 'weeks') return new Date(from.getTime() + value * 7 * DAY_MS);
  if (unit !== 'months') throw new Error(`${unit} is not a time unit`);
  const wall = countyClock(from, timeZone);
  const first = new Date(Date.UTC(wall.year, wall.month - 1 + Math.round(value), 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const millisecond = ((from.getTime() % 1000) + 1000) % 1000;
  return countyInstant(
    { ...wall, year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(wall.day, lastDay), millisecond },
    timeZone,
  );
}

/** WARNING in the last `warningShare` of the interval; DUE from the due point; OVERDUE once late by that share too. */
function statusOf(progress: number, warningShare: number): PlanStatus {
  if (progress >= 1 + warningShare && progress > 1) return 'OVERDUE';
  if (progress >= 1) return 'DUE';
  // compared on the remaining share, so 45 000 of 50 000 with 10 % warns exactly
  if (1 - progress <= warningShare + 1e-12) return 'WARNING';
  return 'OK';
}

export function dueState(plan: SchedulePlan, now: Date, counterValue: number | null, timeZone = DEFAULT_COUNTY_TIME_ZONE): DueState {
  if (plan.trigger === 'time') {
    const baseIso = plan.anchor === 'fixed' ? (plan.lastDuePoint ?? plan.startAt) : (plan.lastDoneAt ?? plan.startAt);
    const base = new Date(baseIso);
    const due = addTimeInterval(base, plan.intervalValue, plan.intervalUnit, timeZone);
    const span = due.getTime() - base.getTime();
    const progress = span > 0 ? (now.getTime() - base.getTime()) / span : 1;
    const dueAt = due.toISOString();
    return { status: statusOf(progress, plan.warningShare), duePoint: dueAt, dueAt, dueCounter: null, progress };
  }
  const base =
    plan.anchor === 'fixed'
      ? plan.lastDuePoint === null
        ? (plan.startCounter ?? 0)
        : Number(plan.lastDuePoint)
      : (plan.lastDoneCounter ?? plan.startCounter ?? 0);
  const due = base + plan.intervalValue;
  const progress = ((counterValue ?? 0) - base) / plan.intervalValue;
  return { status: statusOf(progress, plan.warningShare), duePoint: String(due), dueAt: null, dueCounter: due, progress };
}

export const isDue = (state: DueState) => state.status === 'DUE' || state.status === 'OVERDUE';
