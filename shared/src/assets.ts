import { z } from 'zod';

// Plants (厂区) → lines (产线/区域) → assets: equipment, and molds and tooling as mobile assets of their own.
export const ASSET_KINDS = ['equipment', 'mold', 'tooling'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const CRITICALITIES = ['A', 'B', 'C'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const ASSET_STATES = ['planned', 'commissioned', 'in_service', 'under_maintenance', 'under_repair', 'idle', 'scrapped'] as const;
export type AssetState = (typeof ASSET_STATES)[number];

export const COUNTER_KINDS = ['run_hours', 'cycles', 'shots'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

export const READING_SOURCES = ['manual', 'telemetry'] as const;
export const READING_KINDS = ['reading', 'reset', 'rollover'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

export const ASSET_EVENT_KINDS = ['created', 'lifecycle', 'mounted', 'unmounted', 'transferred'] as const;
export type AssetEventKind = (typeof ASSET_EVENT_KINDS)[number];

export const TRANSFER_ROLES = ['owner', 'custodian'] as const;
export type TransferRole = (typeof TRANSFER_ROLES)[number];

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const id = z.string().min(1).max(64);

export const plantBody = z.object({ name, address: optionalText(200) });
export type PlantBody = z.infer<typeof plantBody>;
export const plantView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlantView = z.infer<typeof plantView>;

export const lineBody = z.object({ plantId: id, name });
export type LineBody = z.infer<typeof lineBody>;
export const lineView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  plantId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LineView = z.infer<typeof lineView>;
export const lineListQuery = z.object({ plantId: id.optional() });

export const MAX_ASSET_ATTRIBUTES = 50;

const assetFields = z.object({
  code: z.string().trim().min(1).max(64),
  name,
  model: optionalText(100),
  maker: optionalText(100),
  serial: optionalText(100),
  installDate: z.iso.date().nullable().optional(),
  criticality: z.enum(CRITICALITIES),
  plantId: id.nullable().optional(),
  lineId: id.nullable().optional(),
  /** Free key/value attributes (tonnage, spindle speed, material…). */
  attributes: z
    .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()]))
    // At most ~28 KB per asset: a nameplate's worth, not a document store.
    .refine((attributes) => Object.keys(attributes).length <= MAX_ASSET_ATTRIBUTES, `at most ${MAX_ASSET_ATTRIBUTES} attributes`),
  /** Equipment: a press (注塑机, 压铸机, 冲压机…) that molds are mounted on. */
  press: z.boolean().optional(),
  /** Molds: number of cavities and design life in shots. */
  cavities: z.number().int().min(1).max(1000).nullable().optional(),
  designLifeShots: z.number().int().min(1).max(1e10).nullable().optional(),
});

export const assetBody = assetFields.extend({
  kind: z.enum(ASSET_KINDS),
  criticality: z.enum(CRITICALITIES).default('B'),
  attributes: assetFields.shape.attributes.default({}),
  /** Assets already running are registered in their state; scrapped is reached only through the lifecycle. */
  state: z.enum(ASSET_STATES).exclude(['scrapped']).default('planned'),
});
export type AssetBody = z.input<typeof assetBody>;
/** Only the fields sent change. */
export const assetUpdateBody = assetFields.partial();
export type AssetUpdateBody = z.infer<typeof assetUpdateBody>;

export const assetView = z.object({
  id: z.string(),
  kind: z.enum(ASSET_KINDS),
  code: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  maker: z.string().nullable(),
  serial: z.string().nullable(),
  installDate: z.string().nullable(),
  criticality: z.enum(CRITICALITIES),
  state: z.enum(ASSET_STATES),
  /** The owner. */
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  /** Set when another enterprise keeps the asset (a customer's mold at its supplier). */
  custodianEnterpriseId: z.string().nullable(),
  custodianName: z.string().nullable(),
  plantId: z.string().nullable(),
  plantName: z.string().nullable(),
  lineId: z.string().nullable(),
  lineName: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Equipment that molds are mounted on. */
  press: z.boolean(),
  cavities: z.number().nullable(),
  designLifeShots: z.number().nullable(),
  /** Shots counted so far (molds), what remains of the design life (never below 0), and how far past it the mold ran. */
  shots: z.number().nullable(),
  remainingShots: z.number().nullable(),
  overLifeShots: z.number().nullable(),
  mountedOnAssetId: z.string().nullable(),
  mountedOnName: z.string().nullable(),
  /** Whether the caller's enterprise keeps the asset and may change it (the owner of a kept asset only reads). */
  holder: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssetView = z.infer<typeof assetView>;

export const counterView = z.object({
  counter: z.enum(COUNTER_KINDS),
  /** Accumulated total across resets and rollovers. */
  value: z.number(),
  /** The last raw reading of the physical counter. */
  lastReading: z.number(),
  resetCount: z.number().int(),
  updatedAt: z.string(),
});
export type CounterView = z.infer<typeof counterView>;

export const readingView = z.object({
  id: z.string(),
  counter: z.enum(COUNTER_KINDS),
  value: z.number(),
  delta: z.number(),
  at: z.string(),
  source: z.enum(READING_SOURCES),
  kind: z.enum(READING_KINDS),
});
export type ReadingView = z.infer<typeof readingView>;

export const assetEventView = z.object({
  id: z.string(),
  kind: z.enum(ASSET_EVENT_KINDS),
  fromState: z.enum(ASSET_STATES).nullable(),
  toState: z.enum(ASSET_STATES).nullable(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AssetEventView = z.infer<typeof assetEventView>;

export const moldMountView = z.object({
  id: z.string(),
  moldId: z.string(),
  moldName: z.string(),
  pressId: z.string(),
  pressName: z.string(),
  mountedAt: z.string(),
  removedAt: z.string().nullable(),
  mountedBy: z.string().nullable(),
  removedBy: z.string().nullable(),
});
export type MoldMountView = z.infer<typeof moldMountView>;

export const assetDetailView = assetView.extend({
  counters: z.array(counterView),
  /** Newest first. */
  events: z.array(assetEventView),
  readings: z.array(readingView),
  mounts: z.array(moldMountView),
  /** Lifecycle states the caller may move the asset to now. */
  allowedTransitions: z.array(z.enum(ASSET_STATES)),
});
export type AssetDetailView = z.infer<typeof assetDetailView>;

export const assetListQuery = z.object({
  kind: z.enum(ASSET_KINDS).optional(),
  /** Only presses (true), or only other assets (false). */
  press: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  plantId: id.optional(),
  lineId: id.optional(),
  state: z.enum(ASSET_STATES).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type AssetListQuery = z.infer<typeof assetListQuery>;

export const lifecycleBody = z.object({ to: z.enum(ASSET_STATES), reason: z.string().trim().min(1).max(500) });
export type LifecycleBody = z.infer<typeof lifecycleBody>;

export const readingBody = z.object({
  counter: z.enum(COUNTER_KINDS),
  value: z.number().nonnegative().max(1e12),
  /** A new physical counter that starts again from zero: the value counts in full. */
  reset: z.boolean().optional(),
  /** The counter wrapped at `rolloverAt` (e.g. 999 999): delta = rolloverAt − previous + value. */
  rollover: z.boolean().optional(),
  rolloverAt: z.number().positive().max(1e12).optional(),
});
export type ReadingBody = z.infer<typeof readingBody>;

export const mountBody = z.object({ pressId: id });
export type MountBody = z.infer<typeof mountBody>;

export const transferBody = z.object({ enterpriseId: id, role: z.enum(TRANSFER_ROLES), reason: z.string().trim().max(500).optional() });
export type TransferBody = z.infer<typeof transferBody>;

/** County aggregates: counts only, never an asset's identity. */
const assetCounts = z.object({
  total: z.number().int(),
  byKind: z.record(z.enum(ASSET_KINDS), z.number().int()),
  byState: z.record(z.enum(ASSET_STATES), z.number().int()),
  /** Molds with 90 % or more of their design life used. */
  moldsNearEndOfLife: z.number().int(),
});

/** One enterprise's own summary in the county's — present only when that enterprise chose to share it. */
export const sharedEnterpriseAssetSummary = assetCounts.extend({ enterpriseId: z.string(), enterpriseName: z.string() });
export type SharedEnterpriseAssetSummaryView = z.infer<typeof sharedEnterpriseAssetSummary>;

export const assetSummaryView = assetCounts.extend({
  enterprises: z.number().int(),
  /** County staff: the enterprises that opted in, each with the figures of its own summary; empty for an enterprise. */
  sharedEnterprises: z.array(sharedEnterpriseAssetSummary),
});
export type AssetSummaryView = z.infer<typeof assetSummaryView>;

/**
 * Finding the receiver of a transfer: an exact unified social credit code (18 characters), or at least two
 * characters of the name. Answers at most TRANSFER_TARGETS_SHOWN enterprises, each with its id and name only.
 */
export const transferTargetQuery = z.object({ q: z.string().trim().min(2).max(100) });
export type TransferTargetQuery = z.infer<typeof transferTargetQuery>;
export const TRANSFER_TARGETS_SHOWN = 5;
export const transferTargetView = z.object({ id: z.string(), name: z.string() });
export type TransferTargetView = z.infer<typeof transferTargetView>;

/** Whether an enterprise shows the county its own asset summary (off until its admin turns it on). */
export const assetSharingBody = z.object({ shared: z.boolean() });
export type AssetSharingBody = z.infer<typeof assetSharingBody>;
export const assetSharingView = z.object({ shared: z.boolean(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() });
export type AssetSharingView = z.infer<typeof assetSharingView>;

/**
 * A transfer into another enterprise is an offer its admin accepts or declines (security issue #13); the
 * sender's admin may withdraw it while it is pending. Only a custodian sending an asset back to its owner
 * moves it at once.
 */
export const TRANSFER_OFFER_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type TransferOfferStatus = (typeof TRANSFER_OFFER_STATUSES)[number];
export const TRANSFER_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const assetTransferOfferView = z.object({
  id: z.string(),
  assetId: z.string(),
  assetCode: z.string(),
  assetName: z.string(),
  assetKind: z.enum(ASSET_KINDS),
  fromEnterpriseId: z.string(),
  fromEnterpriseName: z.string(),
  toEnterpriseId: z.string(),
  toEnterpriseName: z.string(),
  /** owner: ownership is offered; custodian: keeping the asset is offered. */
  role: z.enum(TRANSFER_ROLES),
  reason: z.string().nullable(),
  status: z.enum(TRANSFER_OFFER_STATUSES),
  /** As the caller's enterprise sees the offer: it receives it (incoming) or sent it (outgoing). */
  direction: z.enum(TRANSFER_DIRECTIONS),
  /** Usernames of who offered and who accepted, declined or withdrew it. */
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type AssetTransferOfferView = z.infer<typeof assetTransferOfferView>;

/** The caller enterprise's offers, newest first; without `direction` both ways. */
export const assetTransferListQuery = z.object({
  direction: z.enum(TRANSFER_DIRECTIONS).optional(),
  status: z.enum(TRANSFER_OFFER_STATUSES).optional(),
  assetId: id.optional(),
});
export type AssetTransferListQuery = z.infer<typeof assetTransferListQuery>;
export const TRANSFER_OFFERS_SHOWN = 200;

/** Declining an offer: an optional note, the reason ({} for none). */
export const transferDecisionBody = z.object({ note: z.string().trim().max(500).optional() });
export type TransferDecisionBody = z.infer<typeof transferDecisionBody>;
