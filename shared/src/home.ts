// Each role's home page (GET /api/home): the signed-in person's own work — counts and the few most urgent
// items behind them — computed by the server from the same services as the pages the home links to, and
// only ever within the person's tenancy (an enterprise its own records, a department its own requests).
import { z } from 'zod';
import { PLAN_STATUSES, WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from './maintenance';
import { REQUEST_STATUSES, SLA_COLOURS } from './service-requests';
import { ALARM_SEVERITIES } from './telemetry';
import type { Role } from './identity';

/**
 * office: the direct-service office (直通办); department: a department handler; enterprise: an enterprise
 * admin; technician: an enterprise member (maintenance staff); county: the county admin and county leaders.
 */
export const HOME_KINDS = ['office', 'department', 'enterprise', 'technician', 'county'] as const;
export type HomeKind = (typeof HOME_KINDS)[number];

export const HOME_KIND_OF_ROLE: Record<Role, HomeKind> = {
  service_officer: 'office',
  county_admin: 'county',
  county_viewer: 'county',
  department_handler: 'department',
  enterprise_admin: 'enterprise',
  enterprise_member: 'technician',
};

/** How many items a home card lists under its counts. */
export const HOME_TOP_ITEMS = 5;

const count = z.number().int().min(0);

export const homeRequestItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  status: z.enum(REQUEST_STATUSES),
  sla: z.enum(SLA_COLOURS).nullable(),
  /** The due time whose clock runs now (accepting, signing for or answering), if any. */
  dueAt: z.string().nullable(),
  paused: z.boolean(),
});
export type HomeRequestItem = z.infer<typeof homeRequestItem>;

/** Open requests by SLA colour (red: overdue; yellow: in the last quarter of the allowed working time). */
const slaCounts = z.object({ open: count, green: count, yellow: count, red: count });

export const homeWorkOrderItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  status: z.enum(WORK_ORDER_STATUSES),
  assetCode: z.string(),
  assetName: z.string(),
  dueAt: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** Past its due time and not done. */
  overdue: z.boolean(),
});
export type HomeWorkOrderItem = z.infer<typeof homeWorkOrderItem>;

export const homePlanItem = z.object({
  id: z.string(),
  name: z.string(),
  assetId: z.string(),
  assetCode: z.string(),
  assetName: z.string(),
  status: z.enum(PLAN_STATUSES),
  /** Time plans: when it falls due; usage plans: null (see progress). */
  dueAt: z.string().nullable(),
  /** Share of the interval used (1 = due). */
  progress: z.number(),
  /** The 保养 work order made for this due point, once the job has made it. */
  workOrderId: z.string().nullable(),
});
export type HomePlanItem = z.infer<typeof homePlanItem>;

export const homeAlarmItem = z.object({
  id: z.string(),
  severity: z.enum(ALARM_SEVERITIES),
  message: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  raisedAt: z.string(),
  acknowledged: z.boolean(),
});
export type HomeAlarmItem = z.infer<typeof homeAlarmItem>;

export const homeRoundItem = z.object({
  id: z.string(),
  routeName: z.string(),
  startedAt: z.string(),
  pointsTotal: count,
  pointsChecked: count,
});
export type HomeRoundItem = z.infer<typeof homeRoundItem>;

export const homeRouteItem = z.object({ id: z.string(), name: z.string(), pointCount: count });
export type HomeRouteItem = z.infer<typeof homeRouteItem>;

const base = { generatedAt: z.string() };

export const officeHomeView = z.object({
  kind: z.literal('office'),
  ...base,
  /** Every open request of the county (the office oversees them all), and what waits on the office itself. */
  queue: slaCounts.extend({
    /** Submitted, to be accepted (受理). */
    toAccept: count,
    /** Accepted, to be dispatched to a department (派单). */
    toDispatch: count,
    /** A department asked for more time: the office approves or declines. */
    extensionRequests: count,
    /**
     * Answered and awaiting the enterprise's rating: the office's follow-up call (回访) closes one; at the end of
     * its rating window (rateDueAt) the clock job closes it as not rated.
     */
    toFollowUp: count,
  }),
  urgent: z.array(homeRequestItem),
});
export type OfficeHomeView = z.infer<typeof officeHomeView>;

export const departmentHomeView = z.object({
  kind: z.literal('department'),
  ...base,
  /**
   * Requests the department leads: dispatched to it (to sign), signed or in progress (to answer); and the ones it
   * co-handles (协办) that the lead has signed and not yet answered, on which it gives the lead its opinion.
   */
  requests: z.object({ toSign: count, toAnswer: count, dueSoon: count, overdue: count, coHandling: count }),
  urgent: z.array(homeRequestItem),
  /** The department's target tasks of the year (责任表). */
  tasks: z.object({ total: count, behind: count, overdue: count }),
});
export type DepartmentHomeView = z.infer<typeof departmentHomeView>;

export const enterpriseHomeView = z.object({
  kind: z.literal('enterprise'),
  ...base,
  alarms: z.object({ open: count, critical: count, unacknowledged: count, items: z.array(homeAlarmItem) }),
  /** Active plans by due state: OVERDUE, DUE, WARNING (due soon). */
  maintenance: z.object({ overdue: count, due: count, warning: count, items: z.array(homePlanItem) }),
  workOrders: z.object({
    /** Not yet done: reported, assigned, in progress, on hold. */
    open: count,
    /** Reported, not yet assigned (派工). */
    unassigned: count,
    /** Done, waiting for the admin's acceptance (验收). */
    toAccept: count,
    overdue: count,
    items: z.array(homeWorkOrderItem),
  }),
  /** The enterprise's direct-service requests: open ones, and answered ones waiting for its rating. */
  requests: z.object({ open: count, toRate: count }),
});
export type EnterpriseHomeView = z.infer<typeof enterpriseHomeView>;

export const technicianHomeView = z.object({
  kind: z.literal('technician'),
  ...base,
  /** Work orders assigned to this technician and not yet done; dueToday counts those due by the end of today (overdue included). */
  workOrders: z.object({ assigned: count, dueToday: count, overdue: count, items: z.array(homeWorkOrderItem) }),
  inspection: z.object({
    /** Rounds this technician started and has not finished. */
    openRounds: z.array(homeRoundItem),
    /** The enterprise's active routes with points, and those of them no round has started on today. */
    activeRoutes: count,
    routesToWalk: count,
    routes: z.array(homeRouteItem),
  }),
});
export type TechnicianHomeView = z.infer<typeof technicianHomeView>;

export const countyHomeView = z.object({
  kind: z.literal('county'),
  ...base,
  year: z.number().int(),
  enterprises: z.object({ total: count, aboveScale: count }),
  parks: count,
  /** Received and closed this year (the statistics page's figures), and the open ones now by SLA colour. */
  requests: slaCounts.extend({ received: count, closed: count, onTimeRate: z.number().nullable() }),
  /** The year's projects (百项千万): count, planned and completed investment this year (万元), red signals. */
  projects: z.object({ count, plannedYearWan: z.number(), completedYearWan: z.number(), red: count }),
  /** Machines in service across the county and how many report live data now. */
  machines: z.object({ total: count, online: count }),
  targets: z.object({ indicators: count, behind: count, tasksBehind: count, tasksOverdue: count }),
});
export type CountyHomeView = z.infer<typeof countyHomeView>;

export const homeView = z.discriminatedUnion('kind', [
  officeHomeView,
  departmentHomeView,
  enterpriseHomeView,
  technicianHomeView,
  countyHomeView,
]);
export type HomeView = z.infer<typeof homeView>;
