// Big screens (监控大屏): the plant screen (one per plant, or the whole enterprise), the county screen, and
// the read-only kiosk tokens a wall display opens them with.
import { z } from 'zod';
import { ALARM_SEVERITIES, MACHINE_STATES } from './telemetry';
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from './maintenance';

export const SCREEN_KINDS = ['plant', 'enterprise', 'county'] as const;
export type ScreenKind = (typeof SCREEN_KINDS)[number];

const ratio = z.number().nullable();

export const machineTileView = z.object({
  assetId: z.string(),
  code: z.string(),
  name: z.string(),
  state: z.enum(MACHINE_STATES),
  since: z.string().nullable(),
});
export type MachineTileView = z.infer<typeof machineTileView>;

export const screenAlarmView = z.object({
  id: z.string(),
  assetId: z.string().nullable(),
  assetCode: z.string().nullable(),
  severity: z.enum(ALARM_SEVERITIES),
  message: z.string(),
  raisedAt: z.string(),
});
export type ScreenAlarmView = z.infer<typeof screenAlarmView>;

export const tickerItemView = z.object({
  workOrderId: z.string(),
  number: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  status: z.enum(WORK_ORDER_STATUSES),
  title: z.string(),
  assetCode: z.string(),
  at: z.string(),
});
export type TickerItemView = z.infer<typeof tickerItemView>;

export const plantScreenView = z.object({
  kind: z.enum(['plant', 'enterprise']),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  plantId: z.string().nullable(),
  plantName: z.string().nullable(),
  generatedAt: z.string(),
  /** COUNTY_TIME_ZONE: the clock and times on a screen read in it (a kiosk display has no session to learn it from). */
  timeZone: z.string(),
  tiles: z.object({
    machines: z.number().int(),
    online: z.number().int(),
    running: z.number().int(),
    down: z.number().int(),
    utilisationToday: ratio,
    openWorkOrders: z.number().int(),
    overdueMaintenance: z.number().int(),
    moldsNearEnd: z.number().int(),
  }),
  lines: z.array(z.object({ lineId: z.string().nullable(), lineName: z.string().nullable(), machines: z.array(machineTileView) })),
  ticker: z.array(tickerItemView),
  alarms: z.array(screenAlarmView),
  /** The county's last seven days (its zone's dates), oldest first. */
  week: z.array(
    z.object({ date: z.string(), utilisation: ratio, availability: ratio, mttrHours: z.number().nullable(), failures: z.number().int() }),
  ),
});
export type PlantScreenView = z.infer<typeof plantScreenView>;

export const plantScreenQuery = z.object({ token: z.string().max(200).optional() });

/** Projects (洽谈 → 投产) and targets are built in parallel: null renders "待接入" until they are wired in. */
export const projectsSlotView = z
  .object({
    byStage: z.array(z.object({ stage: z.string(), label: z.string(), count: z.number().int(), investmentWan: z.number() })),
    /** Cumulative size bands (≥ 10 M, ≥ 100 M, ≥ 1 bn yuan): count, this year's planned investment and its share of the year's plan. */
    bySize: z.array(
      z.object({ band: z.string(), label: z.string(), count: z.number().int(), plannedYearWan: z.number(), shareOfYearPlan: z.number() }),
    ),
  })
  .nullable();
export type ProjectsSlotView = z.infer<typeof projectsSlotView>;

export const targetsSlotView = z
  .object({
    items: z.array(z.object({ name: z.string(), progress: ratio, expected: ratio, unit: z.string().nullable() })),
  })
  .nullable();
export type TargetsSlotView = z.infer<typeof targetsSlotView>;

const groupUtilisation = z.object({
  key: z.string(),
  label: z.string(),
  enterprises: z.number().int(),
  machines: z.number().int(),
  utilisation: ratio,
});

export const countyScreenView = z.object({
  generatedAt: z.string(),
  /** COUNTY_TIME_ZONE, as on the plant screen. */
  timeZone: z.string(),
  tiles: z.object({
    enterprises: z.number().int(),
    enterprisesOnline: z.number().int(),
    devices: z.number().int(),
    devicesOnline: z.number().int(),
    utilisation: ratio,
    pmCompliance: ratio,
    openAlarms: z.number().int(),
  }),
  byPark: z.array(groupUtilisation),
  byIndustry: z.array(groupUtilisation),
  parks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      towns: z.array(z.string()),
      enterprises: z.number().int(),
      devicesOnline: z.number().int(),
    }),
  ),
  maintenance: z.object({ pmCompliance: ratio, overdue: z.number().int(), mttrHours: z.number().nullable(), availability: ratio }),
  requests: z.object({
    year: z.number().int(),
    received: z.number().int(),
    closed: z.number().int(),
    completionRate: ratio,
    onTimeRate: ratio,
    greenRate: ratio,
    byDepartment: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        received: z.number().int(),
        closed: z.number().int(),
        completionRate: ratio,
        onTimeRate: ratio,
        greenRate: ratio,
      }),
    ),
  }),
  projects: projectsSlotView,
  targets: targetsSlotView,
});
export type CountyScreenView = z.infer<typeof countyScreenView>;

// ---- kiosk tokens ----

export const screenTokenView = z.object({
  id: z.string(),
  name: z.string(),
  screen: z.enum(SCREEN_KINDS),
  enterpriseId: z.string().nullable(),
  plantId: z.string().nullable(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ScreenTokenView = z.infer<typeof screenTokenView>;

export const createScreenTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    screen: z.enum(SCREEN_KINDS),
    plantId: z.string().max(64).nullable().optional(),
  })
  .refine((b) => b.screen !== 'plant' || Boolean(b.plantId), { message: 'a plant screen names its plantId', path: ['plantId'] });
export type CreateScreenTokenBody = z.infer<typeof createScreenTokenBody>;

/** The secret is shown once, at creation, with the address a wall display opens. */
export const createdScreenToken = screenTokenView.extend({ token: z.string(), path: z.string() });
export type CreatedScreenToken = z.infer<typeof createdScreenToken>;
