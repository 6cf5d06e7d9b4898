// Each role's home page: the person's own work, counted by the other modules' services with the person as the
// actor, so every number is the one the linked page shows and stays inside the person's tenancy (those
// services scope every query by the actor). Nothing of its own is stored.
import {
  DEFAULT_COUNTY_TIME_ZONE,
  HOME_KIND_OF_ROLE,
  HOME_TOP_ITEMS,
  OPEN_WORK_ORDER_STATUSES,
  type Actor,
  type AlarmListQuery,
  type AlarmView,
  type CountyHomeView,
  type DepartmentHomeView,
  type EnterpriseHomeView,
  type HomeRequestItem,
  type HomeView,
  type HomeWorkOrderItem,
  type MachineState,
  type OfficeHomeView,
  type Paged,
  type PlanStatus,
  type ProjectStatisticsView,
  type RequestView,
  type SlaColour,
  type TargetProgressView,
  type TechnicianHomeView,
  type WorkOrderView,
  countyDate,
  countyDayRange,
} from '@tiantai/shared';
import type { InspectionRoundService, InspectionRouteService, PlanService, WorkOrderService } from '../maintenance';
import type { RegistryService } from '../registry';
import type { ServiceRequestService } from '../service-requests';
import type { TargetService } from '../targets';

/** Where the home's numbers come from: the pages' own services (app.ts wires them). */
export interface HomeSources {
  serviceRequests: ServiceRequestService;
  registry: RegistryService;
  workOrders: WorkOrderService;
  plans: PlanService;
  inspectionRoutes: InspectionRouteService;
  inspectionRounds: InspectionRoundService;
  targets: TargetService;
  /** The alarms page's list (telemetry's AlarmService). */
  alarms: { alarms(actor: Actor, query: AlarmListQuery): Promise<Paged<AlarmView>> };
  /** Every machine in service and its state now (telemetry's machine source, as the county screen reads it). */
  machines: { machineStates(scope: { enterpriseId: null }): Promise<Array<{ state: MachineState }>> };
  /** The year's project statistics on the county's date `today`: the statistics page's function. */
  projectStatistics: (year: number, today: string) => Promise<ProjectStatisticsView>;
  /** The year's targets summary on the county's date `today`: the county screen's function. */
  targetProgress: (year: number, today: string) => Promise<TargetProgressView>;
}

const PAGE = 200;

/** Every page of a paged list (the home counts whole queues, not a page of one). */
async function everyPage<T>(fetchPage: (page: number) => Promise<Paged<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= 100; page++) {
    const result = await fetchPage(page);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) break;
  }
  return items;
}

const byTime = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

// ---- requests ----

/** The due time whose clock runs now (the service's rule, read from the view). */
function runningDue(r: RequestView): string | null {
  switch (r.status) {
    case 'submitted':
      return r.acceptDueAt;
    case 'dispatched':
      return r.signDueAt;
    case 'signed':
    case 'in_progress':
      return r.answerDueAt;
    default:
      return null;
  }
}

const SLA_RANK: Record<SlaColour, number> = { red: 0, yellow: 1, green: 2 };

/** Most urgent first: overdue, then near the due time, then the earliest due. */
function urgentRequests(requests: RequestView[]): HomeRequestItem[] {
  return requests
    .map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      enterpriseName: r.enterpriseName,
      status: r.status,
      sla: r.sla,
      dueAt: runningDue(r),
      paused: r.paused,
    }))
    .sort((a, b) => SLA_RANK[a.sla ?? 'green'] - SLA_RANK[b.sla ?? 'green'] || byTime(a.dueAt, b.dueAt) || a.number.localeCompare(b.number))
    .slice(0, HOME_TOP_ITEMS);
}

function slaCounts(requests: RequestView[]) {
  const counts = { open: requests.length, green: 0, yellow: 0, red: 0 };
  for (const r of requests) if (r.sla) counts[r.sla]++;
  return counts;
}

// ---- work orders ----

function orderItem(o: WorkOrderView, now: Date): HomeWorkOrderItem {
  return {
    id: o.id,
    number: o.number,
    title: o.title,
    kind: o.kind,
    status: o.status,
    assetCode: o.assetCode,
    assetName: o.assetName,
    dueAt: o.dueAt,
    assigneeName: o.assigneeName,
    overdue: o.dueAt !== null && Date.parse(o.dueAt) < now.getTime(),
  };
}

/** Most urgent first: overdue ones, then reported repairs nobody has taken yet, then by due time and age. */
function urgentOrders(orders: WorkOrderView[], now: Date): HomeWorkOrderItem[] {
  const rank = (o: HomeWorkOrderItem) => (o.overdue ? 0 : o.kind === 'repair' && o.status === 'reported' ? 1 : 2);
  const created = new Map(orders.map((o) => [o.id, o.createdAt]));
  return orders
    .map((o) => orderItem(o, now))
    .sort((a, b) => rank(a) - rank(b) || byTime(a.dueAt, b.dueAt) || byTime(created.get(a.id)!, created.get(b.id)!))
    .slice(0, HOME_TOP_ITEMS);
}

const PLAN_RANK: Record<PlanStatus, number> = { OVERDUE: 0, DUE: 1, WARNING: 2, OK: 3 };
const SEVERITY_RANK: Record<AlarmView['severity'], number> = { critical: 0, major: 1, minor: 2 };

export class HomeService {
  private readonly sources: HomeSources;
  private readonly now: () => Date;
  private readonly timeZone: string;

  constructor(deps: {
    sources: HomeSources;
    /** The county's zone (COUNTY_TIME_ZONE): "today" and "this year" are the county's. */
    timeZone?: string;
    now?: () => Date;
  }) {
    this.sources = deps.sources;
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
    this.now = deps.now ?? (() => new Date());
  }

  /** The signed-in person's home: which one follows from the role (shared HOME_KIND_OF_ROLE). */
  async home(actor: Actor): Promise<HomeView> {
    switch (HOME_KIND_OF_ROLE[actor.role]) {
      case 'office':
        return this.office(actor);
      case 'department':
        return this.department(actor);
      case 'enterprise':
        return this.enterprise(actor);
      case 'technician':
        return this.technician(actor);
      case 'county':
        return this.county(actor);
    }
  }

  /** Open requests the actor sees (the requests page's list, open only), every page. */
  private openRequests(actor: Actor): Promise<RequestView[]> {
    return everyPage((page) => this.sources.serviceRequests.list(actor, { open: true, page, pageSize: PAGE }));
  }

  private async office(actor: Actor): Promise<OfficeHomeView> {
    const now = this.now();
    // Open includes answered (the list's open filter leaves out only closed and rejected requests).
    const open = await this.openRequests(actor);
    return {
      kind: 'office',
      generatedAt: now.toISOString(),
      queue: {
        ...slaCounts(open),
        toAccept: open.filter((r) => r.status === 'submitted').length,
        toDispatch: open.filter((r) => r.status === 'accepted').length,
        extensionRequests: open.filter((r) => r.extensionRequestedDays !== null).length,
        // Answered, the enterprise's rating awaited: the office may call it (回访) before the clock closes it unrated.
        toFollowUp: open.filter((r) => r.status === 'answered').length,
      },
      urgent: urgentRequests(open),
    };
  }

  private async department(actor: Actor): Promise<DepartmentHomeView> {
    const [involved, tasks] = await Promise.all([
      // Every open request the department handles, as lead or co-handling (the requests page's list).
      this.openRequests(actor),
      this.sources.targets.listTasks(actor, { mine: true }),
    ]);
    const own = actor.organisationId;
    // The requests it leads: only the lead department signs and answers.
    const led = involved.filter((r) => r.leadDepartmentId === own);
    const toSign = led.filter((r) => r.status === 'dispatched');
    const toAnswer = led.filter((r) => r.status === 'signed' || r.status === 'in_progress');
    const work = [...toSign, ...toAnswer];
    // The ones it co-handles (协办) while the lead handles them: it gives the lead its opinion.
    const coHandling = involved.filter((r) => r.leadDepartmentId !== own && r.allowedActions.includes('opinion'));
    return {
      kind: 'department',
      generatedAt: this.now().toISOString(),
      requests: {
        toSign: toSign.length,
        toAnswer: toAnswer.length,
        dueSoon: work.filter((r) => r.sla === 'yellow').length,
        overdue: work.filter((r) => r.sla === 'red').length,
        coHandling: coHandling.length,
      },
      urgent: urgentRequests(work),
      tasks: {
        total: tasks.length,
        behind: tasks.filter((t) => t.status === 'behind').length,
        overdue: tasks.filter((t) => t.status === 'overdue').length,
      },
    };
  }

  private async enterprise(actor: Actor): Promise<EnterpriseHomeView> {
    const { alarms, plans, workOrders, serviceRequests } = this.sources;
    const now = this.now();
    const [raised, planList, open, done, openRequests, toRate] = await Promise.all([
      everyPage((page) => alarms.alarms(actor, { status: 'raised', page, pageSize: PAGE })),
      plans.listPlans(actor),
      everyPage((page) => workOrders.listWorkOrders(actor, { open: true, mine: false, page, pageSize: PAGE })),
      workOrders.listWorkOrders(actor, { status: 'done', mine: false, open: false, page: 1, pageSize: 1 }),
      serviceRequests.list(actor, { open: true, page: 1, pageSize: 1 }),
      serviceRequests.list(actor, { status: 'answered', page: 1, pageSize: 1 }),
    ]);
    const openOrders = open.filter((o) => (OPEN_WORK_ORDER_STATUSES as readonly string[]).includes(o.status));
    const pending = planList
      .filter((p) => p.active && p.status && p.status.status !== 'OK')
      // The most pressing first: by due state, then the earliest due time (usage plans: the most used interval).
      .sort(
        (a, b) =>
          PLAN_RANK[a.status!.status] - PLAN_RANK[b.status!.status] ||
          (a.status!.dueAt && b.status!.dueAt ? byTime(a.status!.dueAt, b.status!.dueAt) : 0) ||
          b.status!.progress - a.status!.progress ||
          a.assetCode.localeCompare(b.assetCode),
      );
    const planCount = (status: PlanStatus) => pending.filter((p) => p.status!.status === status).length;
    return {
      kind: 'enterprise',
      generatedAt: now.toISOString(),
      alarms: {
        open: raised.length,
        critical: raised.filter((a) => a.severity === 'critical').length,
        unacknowledged: raised.filter((a) => a.acknowledgedAt === null).length,
        items: [...raised]
          .sort(
            (a, b) =>
              Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) ||
              SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
              byTime(b.raisedAt, a.raisedAt),
          )
          .slice(0, HOME_TOP_ITEMS)
          .map((a) => ({
            id: a.id,
            severity: a.severity,
            message: a.message,
            deviceId: a.deviceId,
            deviceName: a.deviceName,
            raisedAt: a.raisedAt,
            acknowledged: a.acknowledgedAt !== null,
          })),
      },
      maintenance: {
        overdue: planCount('OVERDUE'),
        due: planCount('DUE'),
        warning: planCount('WARNING'),
        items: pending.slice(0, HOME_TOP_ITEMS).map((p) => ({
          id: p.id,
          name: p.name,
          assetId: p.assetId,
          assetCode: p.assetCode,
          assetName: p.assetName,
          status: p.status!.status,
          dueAt: p.status!.dueAt,
          progress: p.status!.progress,
          workOrderId: p.status!.workOrderId,
        })),
      },
      workOrders: {
        open: openOrders.length,
        unassigned: openOrders.filter((o) => o.status === 'reported').length,
        toAccept: done.total,
        overdue: openOrders.filter((o) => orderItem(o, now).overdue).length,
        items: urgentOrders(openOrders, now),
      },
      requests: { open: openRequests.total, toRate: toRate.total },
    };
  }

  private async technician(actor: Actor): Promise<TechnicianHomeView> {
    const { workOrders, inspectionRoutes, inspectionRounds } = this.sources;
    const now = this.now();
    const today = countyDate(now, this.timeZone);
    const { from: todayStart, to: tomorrowStart } = countyDayRange(today, today, this.timeZone);
    const [mine, myRounds, routes, startedToday] = await Promise.all([
      everyPage((page) => workOrders.listWorkOrders(actor, { open: true, mine: true, page, pageSize: PAGE })),
      everyPage((page) => inspectionRounds.listRounds(actor, { mine: true, open: true, page, pageSize: 50 })),
      inspectionRoutes.listRoutes(actor),
      this.roundsStartedSince(actor, todayStart),
    ]);
    const assigned = mine.filter((o) => (OPEN_WORK_ORDER_STATUSES as readonly string[]).includes(o.status));
    const walkedToday = new Set(startedToday.map((r) => r.routeId));
    const active = routes.filter((r) => r.active && r.pointCount > 0);
    const toWalk = active.filter((r) => !walkedToday.has(r.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return {
      kind: 'technician',
      generatedAt: now.toISOString(),
      workOrders: {
        assigned: assigned.length,
        dueToday: assigned.filter((o) => o.dueAt !== null && Date.parse(o.dueAt) < tomorrowStart.getTime()).length,
        overdue: assigned.filter((o) => orderItem(o, now).overdue).length,
        items: urgentOrders(assigned, now),
      },
      inspection: {
        openRounds: myRounds.slice(0, HOME_TOP_ITEMS).map((r) => ({
          id: r.id,
          routeName: r.routeName,
          startedAt: r.startedAt,
          pointsTotal: r.pointsTotal,
          pointsChecked: r.pointsChecked,
        })),
        activeRoutes: active.length,
        routesToWalk: toWalk.length,
        routes: toWalk.slice(0, HOME_TOP_ITEMS).map((r) => ({ id: r.id, name: r.name, pointCount: r.pointCount })),
      },
    };
  }

  /** The enterprise's rounds started since `since` (the list is newest first: stop at the first older page). */
  private async roundsStartedSince(actor: Actor, since: Date) {
    const rounds = [];
    for (let page = 1; page <= 100; page++) {
      const result = await this.sources.inspectionRounds.listRounds(actor, { page, pageSize: 20 });
      const recent = result.items.filter((r) => Date.parse(r.startedAt) >= since.getTime());
      rounds.push(...recent);
      if (recent.length < result.items.length || page * 20 >= result.total) break;
    }
    return rounds;
  }

  private async county(actor: Actor): Promise<CountyHomeView> {
    const { registry, serviceRequests, machines } = this.sources;
    const now = this.now();
    const today = countyDate(now, this.timeZone);
    const year = Number(today.slice(0, 4));
    const [enterprises, aboveScale, parks, open, statistics, projects, states, targets] = await Promise.all([
      registry.listEnterprises(actor, { page: 1, pageSize: 1 }),
      registry.listEnterprises(actor, { aboveScale: true, page: 1, pageSize: 1 }),
      registry.listParks(actor),
      this.openRequests(actor),
      serviceRequests.statistics(actor, { from: `${year}-01-01`, to: today, groupBy: 'department' }),
      this.sources.projectStatistics(year, today),
      machines.machineStates({ enterpriseId: null }),
      this.sources.targetProgress(year, today),
    ]);
    return {
      kind: 'county',
      generatedAt: now.toISOString(),
      year,
      enterprises: { total: enterprises.total, aboveScale: aboveScale.total },
      parks: parks.length,
      requests: {
        ...slaCounts(open),
        received: statistics.total.received,
        closed: statistics.total.closed,
        onTimeRate: statistics.total.onTimeRate,
      },
      projects: {
        count: projects.total.count,
        plannedYearWan: projects.total.plannedYearWan,
        completedYearWan: projects.total.completedYearWan,
        red: projects.signals.red,
      },
      machines: { total: states.length, online: states.filter((s) => s.state !== 'offline').length },
      targets: {
        indicators: targets.indicators.length,
        behind: targets.indicators.filter((i) => i.status === 'behind' || i.status === 'missed').length,
        tasksBehind: targets.tasks.behind,
        tasksOverdue: targets.tasks.overdue,
      },
    };
  }
}
