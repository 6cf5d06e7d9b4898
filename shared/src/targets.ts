import { z } from 'zod';

// The county's targets (目标): indicators with yearly values (the roadmap, 年度路径图), tasks under each
// year (任务图) with a responsible department and deadline (责任表), and progress reports.

export const TASK_STATUSES = ['done', 'on_track', 'behind', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const INDICATOR_STATUSES = ['achieved', 'on_track', 'behind', 'missed', 'no_data'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const DRILL_KINDS = ['projects', 'enterprises'] as const;

/** The yearly growth a value needs to reach a target: (target / base)^(1 / years) − 1. */
export function requiredGrowth(base: number, target: number, years: number): number | null {
  if (!(base > 0) || !(target > 0) || !(years > 0)) return null;
  return (target / base) ** (1 / years) - 1;
}

export const indicatorYearView = z.object({
  year: z.number().int(),
  targetValue: z.number().nullable(),
  actualValue: z.number().nullable(),
  /** The last month the actual covers ('YYYY-MM'); null for a full year. */
  actualThrough: z.string().nullable(),
  /** The target × the share of the year the actual covers (序时进度). */
  expectedValue: z.number().nullable(),
  status: z.enum(INDICATOR_STATUSES),
});
export type IndicatorYearView = z.infer<typeof indicatorYearView>;

export const indicatorView = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  baseYear: z.number().int(),
  baseValue: z.number(),
  targetYear: z.number().int(),
  targetValue: z.number(),
  /** A note on the target, e.g. “翻一番”. */
  targetNote: z.string().nullable(),
  drillKind: z.enum(DRILL_KINDS).nullable(),
  /** From the base year to the target year. */
  requiredGrowthFromBase: z.number().nullable(),
  /** From the latest full-year actual to the target year; null once the target year has an actual. */
  requiredGrowthFromLatest: z.number().nullable(),
  years: z.array(indicatorYearView),
});
export type IndicatorView = z.infer<typeof indicatorView>;

export const taskReportView = z.object({
  id: z.string(),
  at: z.string(),
  progress: z.number().int(),
  note: z.string(),
  actorName: z.string().nullable(),
});

export const taskView = z.object({
  id: z.string(),
  indicatorId: z.string(),
  indicatorName: z.string(),
  year: z.number().int(),
  title: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  startDate: z.string(),
  deadline: z.string(),
  progress: z.number().int(),
  /** Time-proportional expectation today, 0..100. */
  expectedProgress: z.number().int(),
  status: z.enum(TASK_STATUSES),
  lastReportAt: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskDetailView = taskView.extend({ reports: z.array(taskReportView), canReport: z.boolean() });
export type TaskDetailView = z.infer<typeof taskDetailView>;

export const targetTreeView = z.object({
  year: z.number().int(),
  today: z.string(),
  indicators: z.array(indicatorView.extend({ tasks: z.array(taskView) })),
});
export type TargetTreeView = z.infer<typeof targetTreeView>;

export const indicatorYearBody = z.object({
  targetValue: z.number().nonnegative().max(1e9).nullable().optional(),
  actualValue: z.number().nonnegative().max(1e9).nullable().optional(),
  actualThrough: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .nullable()
    .optional(),
});
export type IndicatorYearBody = z.infer<typeof indicatorYearBody>;

export const taskBody = z.object({
  indicatorId: z.string().min(1).max(64),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(300),
  departmentId: z.string().min(1).max(64),
  startDate: z.iso.date(),
  deadline: z.iso.date(),
});
export type TaskBody = z.infer<typeof taskBody>;

export const taskReportBody = z.object({
  progress: z.number().int().min(0).max(100),
  note: z.string().trim().min(1).max(2000),
});
export type TaskReportBody = z.infer<typeof taskReportBody>;

export const taskListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentId: z.string().max(64).optional(),
  /** Only the caller's own department's tasks. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  status: z.enum(TASK_STATUSES).optional(),
  indicatorId: z.string().max(64).optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

export const drillView = z.object({
  kind: z.enum(DRILL_KINDS),
  year: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parkName: z.string().nullable(),
      /** projects: investment completed in the year (万元); enterprises: null (the register holds no output figures). */
      valueWan: z.number().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});
export type DrillView = z.infer<typeof drillView>;

export const targetProgressView = z.object({
  year: z.number().int(),
  indicators: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      unit: z.string(),
      targetYear: z.number().int(),
      targetValue: z.number(),
      yearTarget: z.number().nullable(),
      yearActual: z.number().nullable(),
      status: z.enum(INDICATOR_STATUSES),
    }),
  ),
  tasks: z.object({ done: z.number().int(), on_track: z.number().int(), behind: z.number().int(), overdue: z.number().int() }),
});
export type TargetProgressView = z.infer<typeof targetProgressView>;
