import { z } from 'zod';
import { attachmentView } from './attachments';
import { COUNTER_KINDS } from './assets';

// Maintenance (保养/巡检/维修): plans that fall due by time or by usage, and the work orders that carry
// the work from report (报修) through assignment (派工) and repair (维修) to acceptance (验收).
export const PLAN_LEVELS = ['level1', 'level2'] as const;
export type PlanLevel = (typeof PLAN_LEVELS)[number];

export const PLAN_TRIGGERS = ['time', 'usage'] as const;
export type PlanTrigger = (typeof PLAN_TRIGGERS)[number];

export const TIME_UNITS = ['days', 'weeks', 'months'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
/** Usage plans count on the asset's counters. */
export const INTERVAL_UNITS = [...TIME_UNITS, ...COUNTER_KINDS] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

/** fixed: the next due point follows the scheduled one; floating: it follows the last completion. */
export const PLAN_ANCHORS = ['fixed', 'floating'] as const;
export type PlanAnchor = (typeof PLAN_ANCHORS)[number];

export const PLAN_STATUSES = ['OK', 'WARNING', 'DUE', 'OVERDUE'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const WORK_ORDER_KINDS = ['maintenance', 'inspection', 'repair'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

/** cancelled: closed without the work done, by the platform (the asset went to another keeper), with its reason. */
export const WORK_ORDER_STATUSES = ['reported', 'assigned', 'in_progress', 'on_hold', 'done', 'accepted', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
/** Orders still to be worked on (done ones wait only for 验收). */
export const OPEN_WORK_ORDER_STATUSES = ['reported', 'assigned', 'in_progress', 'on_hold'] as const satisfies readonly WorkOrderStatus[];

export const WORK_ORDER_ACTIONS = ['assign', 'start', 'hold', 'resume', 'use_part', 'complete', 'accept', 'reject'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const checklist = z.array(text(200)).max(100);

const planFields = z.object({
  assetId: id,
  name: text(200),
  level: z.enum(PLAN_LEVELS),
  trigger: z.enum(PLAN_TRIGGERS),
  intervalValue: z.number().positive().max(1e10),
  intervalUnit: z.enum(INTERVAL_UNITS),
  anchor: z.enum(PLAN_ANCHORS),
  /** WARNING in the last share of the interval before DUE (0.1 = the last 10 %). */
  warningShare: z.number().min(0).max(0.9),
  checklist,
  active: z.boolean(),
  /** Time plans: where the schedule starts (default: now). Usage plans: the counter value it starts from (default: the current one). */
  startAt: z.iso.datetime().optional(),
  startCounter: z.number().min(0).max(1e12).optional(),
});

const unitMatchesTrigger = (p: { trigger?: PlanTrigger | undefined; intervalUnit?: IntervalUnit | undefined }) =>
  p.trigger === undefined ||
  p.intervalUnit === undefined ||
  (p.trigger === 'time') === (TIME_UNITS as readonly string[]).includes(p.intervalUnit);
const unitMessage = { message: 'intervalUnit: days, weeks or months for a time plan; shots, cycles or run_hours for a usage plan' };

export const planBody = planFields
  .extend({
    level: planFields.shape.level.default('level1'),
    anchor: planFields.shape.anchor.default('fixed'),
    warningShare: planFields.shape.warningShare.default(0.1),
    checklist: checklist.default([]),
    active: z.boolean().default(true),
  })
  .refine(unitMatchesTrigger, unitMessage);
export type PlanBody = z.input<typeof planBody>;
/** The asset, trigger and start of a plan stay; make a new plan to change them. */
export const planUpdateBody = planFields
  .pick({ name: true, level: true, intervalValue: true, anchor: true, warningShare: true, checklist: true, active: true })
  .partial();
export type PlanUpdateBody = z.infer<typeof planUpdateBody>;

export const planStatusView = z.object({
  planId: z.string(),
  status: z.enum(PLAN_STATUSES),
  /** ISO time for time plans, counter value for usage plans (as text): the key of its work order. */
  duePoint: z.string(),
  dueAt: z.string().nullable(),
  dueCounter: z.number().nullable(),
  /** The asset's counter now (usage plans). */
  counterValue: z.number().nullable(),
  /** Share of the interval used so far (1 = due). */
  progress: z.number(),
  workOrderId: z.string().nullable(),
});
export type PlanStatusView = z.infer<typeof planStatusView>;

export const planView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  assetId: z.string(),
  assetCode: z.string(),
  assetName: z.string(),
  name: z.string(),
  level: z.enum(PLAN_LEVELS),
  trigger: z.enum(PLAN_TRIGGERS),
  intervalValue: z.number(),
  intervalUnit: z.enum(INTERVAL_UNITS),
  anchor: z.enum(PLAN_ANCHORS),
  warningShare: z.number(),
  checklist: z.array(z.string()),
  active: z.boolean(),
  startAt: z.string(),
  startCounter: z.number().nullable(),
  lastDoneAt: z.string().nullable(),
  lastDoneCounter: z.number().nullable(),
  /** The due point the last completion served. */
  lastDuePoint: z.string().nullable(),
  status: planStatusView.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanView = z.infer<typeof planView>;
export const planListQuery = z.object({ assetId: id.optional() });

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const workOrderListQuery = z.object({
  kind: z.enum(WORK_ORDER_KINDS).optional(),
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  assetId: id.optional(),
  /** Number, title or asset code/name contains this. */
  q: z.string().trim().max(100).optional(),
  /** Only orders assigned to the caller (a technician's task list). */
  mine: flag,
  /** Only orders not yet done or accepted. */
  open: flag,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type WorkOrderListQuery = z.infer<typeof workOrderListQuery>;

/** A technician reports a fault (报修) or an inspection on an asset the enterprise keeps. */
export const createWorkOrderBody = z.object({
  assetId: id,
  kind: z.enum(['repair', 'inspection']).default('repair'),
  title: text(200),
  description: z.string().trim().max(5000).default(''),
  /** When the asset stopped, if it did. */
  downtimeStart: z.iso.datetime().optional(),
});
export type CreateWorkOrderBody = z.input<typeof createWorkOrderBody>;

export const workOrderActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), assigneeUserId: id, dueAt: z.iso.datetime().optional() }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('hold'), reason: text(1000) }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('use_part'), partId: id, quantity: z.number().positive().max(1e6) }),
  z.object({
    action: z.literal('complete'),
    result: text(5000),
    labourMinutes: z.number().int().min(0).max(100_000),
    downtimeStart: z.iso.datetime().optional(),
    downtimeEnd: z.iso.datetime().optional(),
  }),
  z.object({ action: z.literal('accept'), note: z.string().trim().max(1000).optional() }),
  z.object({ action: z.literal('reject'), reason: text(1000) }),
]);
export type WorkOrderActionBody = z.infer<typeof workOrderActionBody>;

export const workOrderView = z.object({
  id: z.string(),
  number: z.string(),
  enterpriseId: z.string(),
  assetId: z.string(),
  assetCode: z.string(),
  assetName: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  title: z.string(),
  description: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  planId: z.string().nullable(),
  duePoint: z.string().nullable(),
  dueAt: z.string().nullable(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  reportedBy: z.string().nullable(),
  downtimeStart: z.string().nullable(),
  downtimeEnd: z.string().nullable(),
  labourMinutes: z.number().nullable(),
  result: z.string().nullable(),
  completedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Actions the caller may take now. */
  allowedActions: z.array(z.enum(WORK_ORDER_ACTIONS)),
});
export type WorkOrderView = z.infer<typeof workOrderView>;

export const workOrderEventView = z.object({
  id: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  at: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export const workOrderPartView = z.object({
  id: z.string(),
  partId: z.string(),
  partCode: z.string(),
  partName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  at: z.string(),
});
/** A ticked checklist item: done and fine, done and failed, or not applicable to this asset. */
export const CHECKLIST_RESULTS = ['pass', 'fail', 'na'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];

/** One item of a maintenance order's checklist (copied from its plan), as ticked so far. */
export const workOrderChecklistItemView = z.object({
  id: z.string(),
  seq: z.number().int(),
  item: z.string(),
  required: z.boolean(),
  /** null: not ticked yet. */
  result: z.enum(CHECKLIST_RESULTS).nullable(),
  value: z.string().nullable(),
  note: z.string().nullable(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
});
export type WorkOrderChecklistItemView = z.infer<typeof workOrderChecklistItemView>;

/** Ticks (or re-ticks) one checklist item while the order is in progress or on hold. */
export const checklistTickBody = z.object({
  result: z.enum(CHECKLIST_RESULTS),
  /** A measured value, if the item has one (e.g. 油位 45 L). */
  value: z.string().trim().max(200).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type ChecklistTickBody = z.infer<typeof checklistTickBody>;

export const workOrderDetailView = workOrderView.extend({
  /** The plan's checklist, item by item, in order; empty for orders without one. */
  checklist: z.array(workOrderChecklistItemView),
  /** Oldest first. */
  events: z.array(workOrderEventView),
  parts: z.array(workOrderPartView),
  /** Photos and PDFs, oldest first. */
  attachments: z.array(attachmentView),
});
export type WorkOrderDetailView = z.infer<typeof workOrderDetailView>;

export const sparePartBody = z.object({
  code: z.string().trim().min(1).max(64),
  name: text(200),
  unit: z.string().trim().min(1).max(20).default('件'),
  quantity: z.number().min(0).max(1e9).default(0),
  minQuantity: z.number().min(0).max(1e9).default(0),
});
export type SparePartBody = z.input<typeof sparePartBody>;
/** A stock movement: positive for goods received, negative for a count correction. */
export const stockAdjustBody = z.object({ delta: z.number().min(-1e9).max(1e9), reason: text(500) });
export type StockAdjustBody = z.infer<typeof stockAdjustBody>;
export const sparePartView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number(),
  minQuantity: z.number(),
  /** quantity ≤ minQuantity: time to reorder. */
  lowStock: z.boolean(),
  updatedAt: z.string(),
});
export type SparePartView = z.infer<typeof sparePartView>;

// ---- KPIs ----

export const KPI_GROUPS = ['asset', 'line', 'plant'] as const;

export const kpiQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  groupBy: z.enum(KPI_GROUPS).default('plant'),
});
export type KpiQuery = z.infer<typeof kpiQuery>;

export const kpiRow = z.object({
  key: z.string(),
  label: z.string(),
  assets: z.number().int(),
  failures: z.number().int(),
  downtimeHours: z.number(),
  mttrHours: z.number().nullable(),
  mtbfHours: z.number().nullable(),
  availability: z.number().nullable(),
  pmDue: z.number().int(),
  pmOnTime: z.number().int(),
  pmCompliance: z.number().nullable(),
  overdue: z.number().int(),
  moldsNearEnd: z.number().int(),
});
export type KpiRowView = z.infer<typeof kpiRow>;

export const kpiView = z.object({ from: z.string(), to: z.string(), total: kpiRow, rows: z.array(kpiRow) });
export type KpiView = z.infer<typeof kpiView>;

/** One enterprise's total in the county roll-up — present only when that enterprise chose to share its figures. */
export const sharedEnterpriseKpiRow = kpiRow.extend({ enterpriseName: z.string() });
export type SharedEnterpriseKpiRowView = z.infer<typeof sharedEnterpriseKpiRow>;

/**
 * The county's roll-up: the same figures over every enterprise, and how many there are. No enterprise's
 * detail, except the totals of enterprises that opted in to sharing (`sharedEnterprises`).
 */
export const countyKpiView = z.object({
  from: z.string(),
  to: z.string(),
  enterprises: z.number().int(),
  total: kpiRow,
  sharedEnterprises: z.array(sharedEnterpriseKpiRow),
});
export type CountyKpiView = z.infer<typeof countyKpiView>;

/** Whether an enterprise shows the county its own maintenance figures (off until its admin turns it on). */
export const maintenanceSharingBody = z.object({ shared: z.boolean() });
export type MaintenanceSharingBody = z.infer<typeof maintenanceSharingBody>;
export const maintenanceSharingView = z.object({
  shared: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MaintenanceSharingView = z.infer<typeof maintenanceSharingView>;

// ---- inspection (巡检/点检): routes of points with check items, walked in rounds; a failed item opens a repair ----

export const INSPECTION_ITEM_KINDS = ['pass_fail', 'number', 'text', 'photo', 'meter'] as const;
export type InspectionItemKind = (typeof INSPECTION_ITEM_KINDS)[number];

const inspectionItemFields = z.object({
  label: text(200),
  kind: z.enum(INSPECTION_ITEM_KINDS),
  unit: z.string().trim().max(20).nullable().default(null),
  /** number and meter items: the accepted range; a value outside it fails the item. */
  min: z.number().min(-1e12).max(1e12).nullable().default(null),
  max: z.number().min(-1e12).max(1e12).nullable().default(null),
  required: z.boolean().default(true),
});
const minNotAboveMax = (i: { min: number | null; max: number | null }) => i.min === null || i.max === null || i.min <= i.max;

export const inspectionItemBody = inspectionItemFields.refine(minNotAboveMax, { message: 'min: above max' });
export type InspectionItemBody = z.input<typeof inspectionItemBody>;

export const inspectionPointBody = z.object({
  name: text(200),
  /** The asset a failed item opens a repair work order for; none for a point that is not an asset. */
  assetId: id.nullable().default(null),
  items: z.array(inspectionItemBody).min(1).max(50),
});
export type InspectionPointBody = z.input<typeof inspectionPointBody>;

/**
 * Edits a point: its name, its asset, and its items as the whole new list in order — an item with an `id`
 * keeps its identity (and its recorded results), one without is new, one left out is removed (only if no
 * round has checked in to it).
 */
export const inspectionPointUpdateBody = z
  .object({
    name: text(200),
    assetId: id.nullable(),
    items: z
      .array(inspectionItemFields.extend({ id: id.optional() }).refine(minNotAboveMax, { message: 'min: above max' }))
      .min(1)
      .max(50),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type InspectionPointUpdateBody = z.input<typeof inspectionPointUpdateBody>;

/** The route's points in their new walking order: every point of the route, once. */
export const inspectionPointOrderBody = z.object({ pointIds: z.array(id).min(1).max(500) });
export type InspectionPointOrderBody = z.infer<typeof inspectionPointOrderBody>;

export const inspectionRouteBody = z.object({
  name: text(200),
  plantId: id.nullable().default(null),
  active: z.boolean().default(true),
});
export type InspectionRouteBody = z.input<typeof inspectionRouteBody>;

export const inspectionRouteUpdateBody = z
  .object({ name: text(200), plantId: id.nullable(), active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type InspectionRouteUpdateBody = z.infer<typeof inspectionRouteUpdateBody>;

export const inspectionItemView = z.object({
  id: z.string(),
  seq: z.number().int(),
  label: z.string(),
  kind: z.enum(INSPECTION_ITEM_KINDS),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  required: z.boolean(),
});
export type InspectionItemView = z.infer<typeof inspectionItemView>;

/** The QR token is not here: it only travels on the printed label, so checking in proves the walk. */
export const inspectionPointView = z.object({
  id: z.string(),
  routeId: z.string(),
  seq: z.number().int(),
  name: z.string(),
  assetId: z.string().nullable(),
  assetCode: z.string().nullable(),
  assetName: z.string().nullable(),
  items: z.array(inspectionItemView),
});
export type InspectionPointView = z.infer<typeof inspectionPointView>;

export const inspectionRouteView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  plantId: z.string().nullable(),
  active: z.boolean(),
  pointCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InspectionRouteView = z.infer<typeof inspectionRouteView>;

export const inspectionRouteDetailView = inspectionRouteView.extend({ points: z.array(inspectionPointView) });
export type InspectionRouteDetailView = z.infer<typeof inspectionRouteDetailView>;

export const inspectionRoundBody = z.object({ routeId: id });
export type InspectionRoundBody = z.infer<typeof inspectionRoundBody>;

export const inspectionRoundListQuery = z.object({
  routeId: id.optional(),
  /** Only rounds the caller started (a technician's own walks). */
  mine: flag,
  /** Only rounds not finished yet. */
  open: flag,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type InspectionRoundListQuery = z.infer<typeof inspectionRoundListQuery>;

export const inspectionCheckInBody = z.object({ qrToken: z.string().trim().min(1).max(64) });
export type InspectionCheckInBody = z.infer<typeof inspectionCheckInBody>;

/**
 * pass_fail: 'pass' or 'fail'; number and meter: a number, failed outside [min, max]; text: not empty when
 * required. A photo item takes its picture through the photo upload; here it may only be left empty (optional).
 */
export const inspectionResultBody = z.object({
  pointId: id,
  itemId: id,
  value: z.string().trim().max(2000),
  note: z.string().trim().max(2000).optional(),
});
export type InspectionResultBody = z.infer<typeof inspectionResultBody>;

export const inspectionResultView = z.object({
  id: z.string(),
  pointId: z.string(),
  itemId: z.string(),
  checkedInAt: z.string(),
  value: z.string().nullable(),
  /** null: not recorded yet, or an item that is not judged (text, photo). */
  passed: z.boolean().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string().nullable(),
  workOrderId: z.string().nullable(),
  workOrderNumber: z.string().nullable(),
  /** photo items: the latest photo, served at /api/inspection/rounds/{roundId}/photos/{photoId}. */
  photoId: z.string().nullable(),
});
export type InspectionResultView = z.infer<typeof inspectionResultView>;

export const inspectionFailureView = z.object({
  pointId: z.string(),
  pointName: z.string(),
  itemId: z.string(),
  itemLabel: z.string(),
  value: z.string().nullable(),
  workOrderId: z.string().nullable(),
  workOrderNumber: z.string().nullable(),
});
export type InspectionFailureView = z.infer<typeof inspectionFailureView>;

export const inspectionRoundView = z.object({
  id: z.string(),
  routeId: z.string(),
  routeName: z.string(),
  enterpriseId: z.string(),
  startedBy: z.string(),
  startedByName: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  pointsTotal: z.number().int(),
  pointsChecked: z.number().int(),
  itemsTotal: z.number().int(),
  itemsDone: z.number().int(),
  failures: z.array(inspectionFailureView),
});
export type InspectionRoundView = z.infer<typeof inspectionRoundView>;

export const inspectionRoundDetailView = inspectionRoundView.extend({ results: z.array(inspectionResultView) });
export type InspectionRoundDetailView = z.infer<typeof inspectionRoundDetailView>;

export const inspectionCheckInView = z.object({ point: inspectionPointView, results: z.array(inspectionResultView) });
export type InspectionCheckInView = z.infer<typeof inspectionCheckInView>;
