import { z } from 'zod';
import { attachmentView } from './attachments';

// Enterprise direct service (企业直通服务). Status is where a request stands in the workflow; resolution,
// timeliness, rating and escalation are separate fields, not extra states.
export const REQUEST_STATUSES = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'answered', 'closed', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * How a closed request was closed: rated by the enterprise; rated by the office's follow-up call (回访) after the
 * enterprise left it unrated; or closed by the clock as not rated once the rating window (the category's
 * rateDays working days after the answer) had passed. null while open, and for rejected requests.
 */
export const CLOSED_AS = ['rated', 'follow_up', 'not_rated'] as const;
export type ClosedAs = (typeof CLOSED_AS)[number];

/** green: on track; yellow: near its due time; red: overdue. null once closed or rejected. */
export const SLA_COLOURS = ['green', 'yellow', 'red'] as const;
export type SlaColour = (typeof SLA_COLOURS)[number];

export const REQUEST_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'return',
  'sign',
  'start',
  'pause',
  'resume',
  'request_extension',
  'approve_extension',
  'decline_extension',
  'answer',
  'rate',
  /** The office records a follow-up call's result for an answered request the enterprise has not rated: it closes. */
  'follow_up',
  /** A co-handling department (协办) gives or updates its opinion for the lead department, until the answer. */
  'opinion',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/**
 * Timeline entry kinds: every action (a rating as rate_<rating>, a follow-up as follow_up_<rating>), plus what
 * the system does: escalation, and closing an answered request left unrated past its window.
 */
export type RequestEventKind = RequestAction | 'submit' | 'escalate' | 'attach' | 'close_not_rated';

const text = (max: number) => z.string().trim().min(1).max(max);

export const categoryView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  leadDepartmentId: z.string().nullable(),
  leadDepartmentName: z.string().nullable(),
  acceptHours: z.number(),
  signHours: z.number(),
  answerDays: z.number(),
  /** Working days the enterprise has to rate an answer before the clock closes the request as not rated. */
  rateDays: z.number(),
});
export type CategoryView = z.infer<typeof categoryView>;

export const categoryUpdateBody = z
  .object({
    leadDepartmentId: z.string().max(64).nullable(),
    acceptHours: z.number().positive().max(1000),
    signHours: z.number().positive().max(1000),
    answerDays: z.number().positive().max(365),
    rateDays: z.number().int().min(1).max(30),
  })
  .partial();
export type CategoryUpdateBody = z.infer<typeof categoryUpdateBody>;

export const createRequestBody = z.object({
  categoryCode: z.string().min(1).max(40),
  title: text(200),
  description: text(5000),
  contactName: text(50),
  contactPhone: text(32),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;

export const actionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), phoneContact: text(1000) }),
  z.object({ action: z.literal('reject'), reason: text(1000) }),
  z.object({
    action: z.literal('dispatch'),
    leadDepartmentId: z.string().min(1).max(64),
    coDepartmentIds: z.array(z.string().min(1).max(64)).max(20).default([]),
    note: z.string().trim().max(1000).optional(),
  }),
  z.object({ action: z.literal('return'), reason: text(1000) }),
  z.object({ action: z.literal('sign') }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('pause'), reason: text(1000) }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('request_extension'), days: z.number().int().min(1).max(60), reason: text(1000) }),
  z.object({ action: z.literal('approve_extension') }),
  z.object({ action: z.literal('decline_extension'), reason: text(1000) }),
  z.object({ action: z.literal('answer'), answer: text(5000) }),
  z.object({ action: z.literal('rate'), rating: z.enum(RATINGS), comment: z.string().trim().max(1000).optional() }),
  z.object({ action: z.literal('follow_up'), rating: z.enum(RATINGS), note: text(1000) }),
  z.object({ action: z.literal('opinion'), opinion: text(2000) }),
]);
export type ActionBody = z.infer<typeof actionBody>;

export const requestEventView = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  organisationName: z.string().nullable(),
  note: z.string().nullable(),
});
export type RequestEventView = z.infer<typeof requestEventView>;

export const requestView = z.object({
  id: z.string(),
  number: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  categoryCode: z.string(),
  title: z.string(),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: z.enum(REQUEST_STATUSES),
  leadDepartmentId: z.string().nullable(),
  leadDepartmentName: z.string().nullable(),
  coDepartmentIds: z.array(z.string()),
  answer: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratingComment: z.string().nullable(),
  /** Set once closed: by whose rating, or not rated. */
  closedAs: z.enum(CLOSED_AS).nullable(),
  /** While answered: when the clock closes the request as not rated unless the enterprise rates it first. */
  rateDueAt: z.string().nullable(),
  redoCount: z.number().int(),
  paused: z.boolean(),
  extensionRequestedDays: z.number().int().nullable(),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  acceptDueAt: z.string(),
  signDueAt: z.string().nullable(),
  answerDueAt: z.string().nullable(),
  /** Timeliness, decided when the step happened. */
  acceptedOnTime: z.boolean().nullable(),
  answeredOnTime: z.boolean().nullable(),
  escalatedAt: z.string().nullable(),
  sla: z.enum(SLA_COLOURS).nullable(),
  /** What the viewing user may do now. */
  allowedActions: z.array(z.enum(REQUEST_ACTIONS)),
});
export type RequestView = z.infer<typeof requestView>;

/** A co-handling department's opinion (协办意见) for the lead department: one per department, updatable until the answer. */
export const requestOpinionView = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  opinion: z.string(),
  authorName: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type RequestOpinionView = z.infer<typeof requestOpinionView>;

export const requestDetailView = requestView.extend({
  events: z.array(requestEventView),
  attachments: z.array(attachmentView),
  /** The co-handling departments' opinions: for the county and the departments, empty for the enterprise. */
  opinions: z.array(requestOpinionView),
});
export type RequestDetailView = z.infer<typeof requestDetailView>;

export const requestListQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  /** true: only requests not yet closed or rejected (a department's to-do list). */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  categoryCode: z.string().max(40).optional(),
  departmentId: z.string().max(64).optional(),
  q: z.string().max(100).optional(),
  sla: z.enum(SLA_COLOURS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type RequestListQuery = z.infer<typeof requestListQuery>;

export const statisticsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  groupBy: z.enum(['department', 'category', 'park', 'township', 'month']).default('department'),
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

export const statisticsRow = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number().int(),
  rejected: z.number().int(),
  closed: z.number().int(),
  /** The sample behind each rate: answered ones for the on-time rate, rated closed ones for satisfaction. */
  answered: z.number().int(),
  /** Closed with a rating: the enterprise's own or the office's follow-up call's. */
  rated: z.number().int(),
  /** Of the rated: rated by the office's follow-up call (回访). */
  followedUp: z.number().int(),
  /** Closed by the clock without a rating: counted as closed, left out of satisfaction, never green. */
  notRated: z.number().int(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  greenRate: z.number().nullable(),
  medianAnswerHours: z.number().nullable(),
});
export type StatisticsRow = z.infer<typeof statisticsRow>;

export const statisticsView = z.object({ total: statisticsRow, rows: z.array(statisticsRow) });
export type StatisticsView = z.infer<typeof statisticsView>;

export const notificationView = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  /** The request's number and title, so the web can word the notice in its own language. */
  requestNumber: z.string().nullable(),
  requestTitle: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  /** Where the notice leads in the web app when it concerns no request (an alarm: the alarms page). */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

/** Which closed requests count as "green" (绿码办结): configurable by the office. */
export const greenRateFormula = z.object({ ratings: z.array(z.enum(RATINGS)).min(1), requireOnTime: z.boolean() });
export type GreenRateFormula = z.infer<typeof greenRateFormula>;

/** An admin's override of the shipped working calendar: a holiday, or a weekend day worked (调休上班). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const calendarDayBody = z.object({ kind: z.enum(CALENDAR_DAY_KINDS), name: z.string().trim().min(1).max(50) });
export const calendarDayView = calendarDayBody.extend({ date: z.string() });
export type CalendarDayView = z.infer<typeof calendarDayView>;
