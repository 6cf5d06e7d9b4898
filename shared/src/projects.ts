import { z } from 'zod';

// Investment projects (项目全链条服务): from negotiation to full production. Money in 万元 (10,000 yuan),
// the unit county statistics use; dates are China calendar dates 'YYYY-MM-DD', months 'YYYY-MM'.

/** 洽谈 → 签约 → 落地/供地 → 开工 → 投产 → 达产, or 终止 with a reason. */
export const PROJECT_STAGES = ['negotiating', 'signed', 'landed', 'started', 'producing', 'at_capacity', 'terminated'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const PROJECT_STAGE_ZH: Record<ProjectStage, string> = {
  negotiating: '洽谈',
  signed: '签约',
  landed: '落地',
  started: '开工',
  producing: '投产',
  at_capacity: '达产',
  terminated: '终止',
};

/** The transition table: which stages a project may move to from each stage. Anything else is 409 INVALID_TRANSITION. */
export const PROJECT_TRANSITIONS: Record<ProjectStage, readonly ProjectStage[]> = {
  negotiating: ['signed', 'terminated'],
  signed: ['landed', 'terminated'],
  landed: ['started', 'terminated'],
  started: ['producing', 'terminated'],
  producing: ['at_capacity', 'terminated'],
  at_capacity: [],
  terminated: [],
};

export function canMoveProject(from: ProjectStage, to: ProjectStage): boolean {
  return PROJECT_TRANSITIONS[from].includes(to);
}

export const PROJECT_INDUSTRIES = [
  'equipment',
  'auto_parts',
  'biomedicine',
  'green',
  'new_materials',
  'rubber_plastics',
  'aviation',
  'digital',
  'other',
] as const;
export type ProjectIndustry = (typeof PROJECT_INDUSTRIES)[number];

export const PROJECT_INDUSTRY_ZH: Record<ProjectIndustry, string> = {
  equipment: '高端装备',
  auto_parts: '汽车零部件',
  biomedicine: '生物医药',
  green: '绿色环保',
  new_materials: '新材料',
  rubber_plastics: '橡胶与塑料',
  aviation: '航空航天',
  digital: '数字经济',
  other: '其他',
};

/** Size bands by total investment, cumulative as the county counts them: ≥ 10 M, ≥ 100 M, ≥ 1 bn yuan. */
export const SIZE_BANDS = [
  { key: 'ge10m', minWan: 1_000 },
  { key: 'ge100m', minWan: 10_000 },
  { key: 'ge1bn', minWan: 100_000 },
] as const;
export type SizeBand = (typeof SIZE_BANDS)[number]['key'];

/** The 14th Five-Year Plan's aims: each year 5 projects ≥ 100 M and 3 ≥ 1 bn signed. */
export const FIVE_YEAR_AIMS = { signedGe100m: 5, signedGe1bn: 3 } as const;

export const SIGNAL_COLOURS = ['green', 'yellow', 'red'] as const;
export type SignalColour = (typeof SIGNAL_COLOURS)[number];

/** A milestone late by more than this many days is red; late by fewer, yellow. */
export const MILESTONE_RED_AFTER_DAYS = 30;

const date = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const wan = z.number().nonnegative().max(1e8);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const signalReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('investment_behind'), expectedWan: z.number(), completedWan: z.number() }),
  z.object({
    kind: z.literal('milestone_late'),
    milestoneId: z.string(),
    name: z.string(),
    plannedDate: z.string(),
    daysLate: z.number().int(),
  }),
]);
export type SignalReason = z.infer<typeof signalReason>;

export const projectSignal = z.object({
  /** null for terminated or fully producing projects: nothing left to chase. */
  colour: z.enum(SIGNAL_COLOURS).nullable(),
  reasons: z.array(signalReason),
});
export type ProjectSignal = z.infer<typeof projectSignal>;

const projectFields = z.object({
  name: z.string().trim().min(1).max(200),
  /** An existing enterprise of the register, or null for a new investor named in investorName. */
  enterpriseId: z.string().max(64).nullable().optional(),
  investorName: optionalText(200),
  parkId: z.string().max(64).nullable().optional(),
  industry: z.enum(PROJECT_INDUSTRIES),
  totalInvestmentWan: wan,
  landMu: z.number().nonnegative().max(1e6).nullable().optional(),
  promisedOutputPerMuWan: wan.nullable().optional(),
  promisedTaxPerMuWan: wan.nullable().optional(),
  jobs: z.number().int().nonnegative().max(1e6).nullable().optional(),
  responsibleDepartmentId: z.string().max(64).nullable().optional(),
  responsiblePerson: optionalText(50),
  description: optionalText(2000),
  /** This year's plan: the year and the investment planned in it. */
  planYear: z.number().int().min(2000).max(2100).optional(),
  plannedYearWan: wan.optional(),
});

export const projectBody = projectFields;
export type ProjectBody = z.infer<typeof projectBody>;
/** Enterprises may send only actualOutputWan, actualTaxWan and jobs: their own project's progress. */
export const projectUpdateBody = projectFields.partial().extend({
  actualOutputWan: wan.nullable().optional(),
  actualTaxWan: wan.nullable().optional(),
});
export type ProjectUpdateBody = z.infer<typeof projectUpdateBody>;

export const projectView = z.object({
  id: z.string(),
  name: z.string(),
  enterpriseId: z.string().nullable(),
  /** The enterprise's name, or the new investor's. */
  investorName: z.string(),
  parkId: z.string().nullable(),
  parkName: z.string().nullable(),
  industry: z.enum(PROJECT_INDUSTRIES),
  stage: z.enum(PROJECT_STAGES),
  terminatedReason: z.string().nullable(),
  totalInvestmentWan: z.number(),
  planYear: z.number().int().nullable(),
  plannedYearWan: z.number().nullable(),
  completedYearWan: z.number(),
  landMu: z.number().nullable(),
  promisedOutputPerMuWan: z.number().nullable(),
  promisedTaxPerMuWan: z.number().nullable(),
  actualOutputWan: z.number().nullable(),
  actualTaxWan: z.number().nullable(),
  /** Actual output and tax per mu, after production: against the promise. */
  outputPerMuWan: z.number().nullable(),
  taxPerMuWan: z.number().nullable(),
  jobs: z.number().int().nullable(),
  responsibleDepartmentId: z.string().nullable(),
  responsibleDepartmentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  description: z.string().nullable(),
  signedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  producingOn: z.string().nullable(),
  signal: projectSignal,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof projectView>;

export const milestoneView = z.object({
  id: z.string(),
  name: z.string(),
  plannedDate: z.string(),
  actualDate: z.string().nullable(),
  sort: z.number().int(),
});
export type MilestoneView = z.infer<typeof milestoneView>;

export const stageEventView = z.object({
  id: z.string(),
  fromStage: z.enum(PROJECT_STAGES).nullable(),
  toStage: z.enum(PROJECT_STAGES),
  on: z.string(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const linkedRequestView = z.object({ id: z.string(), number: z.string(), title: z.string(), status: z.string() });

export const projectDetailView = projectView.extend({
  milestones: z.array(milestoneView),
  /** Investment completed by month, all years. */
  investments: z.array(z.object({ month: z.string(), amountWan: z.number() })),
  stageEvents: z.array(stageEventView),
  serviceRequests: z.array(linkedRequestView),
  /** The stages this project may move to now (empty for viewers). */
  allowedStages: z.array(z.enum(PROJECT_STAGES)),
  canReportProgress: z.boolean(),
  canEdit: z.boolean(),
});
export type ProjectDetailView = z.infer<typeof projectDetailView>;

export const transitionBody = z.object({
  to: z.enum(PROJECT_STAGES),
  /** Required when terminating. */
  reason: z.string().trim().min(1).max(1000).optional(),
  /** The China date the stage was reached; today if omitted. */
  on: date.optional(),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const investmentBody = z.object({ amountWan: wan });
export const monthParams = z.object({ id: z.string().min(1).max(64), month });

export const milestoneBody = z.object({ name: z.string().trim().min(1).max(100), plannedDate: date });
export const milestoneUpdateBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  plannedDate: date.optional(),
  actualDate: date.nullable().optional(),
});

export const projectListQuery = z.object({
  q: z.string().max(100).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  parkId: z.string().max(64).optional(),
  industry: z.enum(PROJECT_INDUSTRIES).optional(),
  band: z.enum(['ge10m', 'ge100m', 'ge1bn']).optional(),
  signal: z.enum(SIGNAL_COLOURS).optional(),
  /** Only projects with a plan in this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const bucket = z.object({
  count: z.number().int(),
  totalInvestmentWan: z.number(),
  plannedYearWan: z.number(),
  completedYearWan: z.number(),
});

export const projectStatisticsView = z.object({
  year: z.number().int(),
  /** The China date the figures were computed on. */
  today: z.string(),
  /** Every project with a plan this year, not terminated. */
  total: bucket,
  /** Cumulative size bands; shareOfYearPlan = the band's planned / the year's planned total. */
  bands: z.array(bucket.extend({ band: z.enum(['ge10m', 'ge100m', 'ge1bn']), shareOfYearPlan: z.number() })),
  byStage: z.array(bucket.extend({ stage: z.enum(PROJECT_STAGES) })),
  byPark: z.array(bucket.extend({ parkId: z.string().nullable(), parkName: z.string().nullable() })),
  byIndustry: z.array(bucket.extend({ industry: z.enum(PROJECT_INDUSTRIES) })),
  signals: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  /** Completed investment per month of the year, all projects of the year. */
  monthly: z.array(z.object({ month: z.string(), completedWan: z.number() })),
  /** Time-proportional expectation: months finished this year / 12. */
  expectedShare: z.number(),
  aims: z.object({
    signedGe100m: z.number().int(),
    signedGe1bn: z.number().int(),
    aimGe100m: z.number().int(),
    aimGe1bn: z.number().int(),
  }),
});
export type ProjectStatisticsView = z.infer<typeof projectStatisticsView>;

const watchItem = z.object({
  id: z.string(),
  name: z.string(),
  investorName: z.string(),
  stage: z.enum(PROJECT_STAGES),
  since: z.string().nullable(),
  detail: z.string().nullable(),
});
export const projectWatchlistsView = z.object({
  /** Signed or landed, not started. */
  notStarted: z.array(watchItem),
  /** Started, but no investment recorded in the last three China months. */
  stalled: z.array(watchItem),
  /** Producing, with actual output or tax per mu below the promise. */
  belowPromise: z.array(watchItem),
});
export type ProjectWatchlistsView = z.infer<typeof projectWatchlistsView>;

export const projectImportResult = z.object({ created: z.number().int(), updated: z.number().int() });

export const projectServiceRequestBody = z.object({
  categoryCode: z.string().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  contactName: z.string().trim().min(1).max(50),
  contactPhone: z.string().trim().min(1).max(32),
});

/** Column headers of the project sheet, in order; import accepts the Chinese or the English header. */
export const PROJECT_SHEET_COLUMNS = [
  { key: 'name', zh: '项目名称', en: 'Project' },
  { key: 'investor', zh: '业主单位', en: 'Investor' },
  { key: 'park', zh: '园区', en: 'Park' },
  { key: 'industry', zh: '产业', en: 'Industry' },
  { key: 'stage', zh: '阶段', en: 'Stage' },
  { key: 'totalInvestment', zh: '总投资(万元)', en: 'Total investment (10k yuan)' },
  { key: 'planYear', zh: '计划年度', en: 'Plan year' },
  { key: 'plannedYear', zh: '年度计划投资(万元)', en: 'Planned this year (10k yuan)' },
  { key: 'completedYear', zh: '年度已完成投资(万元)', en: 'Completed this year (10k yuan)' },
  { key: 'landMu', zh: '用地(亩)', en: 'Land (mu)' },
  { key: 'promisedOutputPerMu', zh: '承诺亩均产值(万元)', en: 'Promised output per mu' },
  { key: 'promisedTaxPerMu', zh: '承诺亩均税收(万元)', en: 'Promised tax per mu' },
  { key: 'jobs', zh: '就业人数', en: 'Jobs' },
  { key: 'department', zh: '责任单位', en: 'Responsible department' },
  { key: 'person', zh: '责任人', en: 'Responsible person' },
] as const;
