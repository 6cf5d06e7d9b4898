// Typed domain events: what modules publish on the realtime bus and what the browser receives over SSE.
// Each event names the enterprise it belongs to (null: county-only) and, where one applies, the plant, so
// the stream can scope it exactly like the HTTP API. Events carry ids and small fields only: across
// instances they travel in a PostgreSQL NOTIFY payload (at most 8000 bytes), and a screen refetches its
// snapshot for everything else.
import { z } from 'zod';
import { ASSET_STATES } from './assets';
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from './maintenance';
import { RATINGS } from './service-requests';
import { ALARM_SEVERITIES, MACHINE_STATES } from './telemetry';

/** A notifications.created event names at most this many users (a broadcast goes out as several), to fit a NOTIFY. */
export const NOTIFIED_USERS_PER_EVENT = 100;

/** Free text on an event (a title, an asset name) is cut to this many characters. */
export const EVENT_TEXT_MAX = 80;

const id = z.string().max(64);
const text = z.string().max(EVENT_TEXT_MAX);
const scope = { enterpriseId: id.nullable(), plantId: id.nullable() };

/**
 * Names and titles are optional: county staff receive enterprise events without them, as the HTTP API
 * gives the county only aggregates of an enterprise's equipment and work orders.
 */
const workOrderFields = {
  ...scope,
  workOrderId: id,
  number: z.string().max(32),
  kind: z.enum(WORK_ORDER_KINDS),
  status: z.enum(WORK_ORDER_STATUSES),
  assetId: id,
  assetCode: text.optional(),
  title: text.optional(),
};

export const domainEventInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('work_order.created'), ...workOrderFields }),
  z.object({ type: z.literal('work_order.changed'), ...workOrderFields, action: z.string().max(32) }),
  z.object({
    type: z.literal('asset.state_changed'),
    ...scope,
    assetId: id,
    assetCode: text.optional(),
    assetName: text.optional(),
    from: z.enum(ASSET_STATES),
    to: z.enum(ASSET_STATES),
  }),
  z.object({
    type: z.literal('alarm.raised'),
    ...scope,
    alarmId: id,
    assetId: id.nullable(),
    deviceId: id.nullable(),
    severity: z.enum(ALARM_SEVERITIES),
    message: text.optional(),
  }),
  z.object({ type: z.literal('alarm.cleared'), ...scope, alarmId: id, assetId: id.nullable() }),
  z.object({
    type: z.literal('machine.state_changed'),
    ...scope,
    assetId: id,
    state: z.enum(MACHINE_STATES),
    since: z.string().max(40),
  }),
  /** Periodic figures of one enterprise's machines (or of the county when enterpriseId is null). */
  z.object({
    type: z.literal('telemetry.summary'),
    ...scope,
    devicesOnline: z.number().int().nonnegative(),
    devicesTotal: z.number().int().nonnegative(),
    running: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('request.dispatched'),
    ...scope,
    requestId: id,
    number: z.string().max(32),
    leadDepartmentId: id,
  }),
  z.object({ type: z.literal('request.answered'), ...scope, requestId: id, number: z.string().max(32), onTime: z.boolean() }),
  z.object({ type: z.literal('request.rated'), ...scope, requestId: id, number: z.string().max(32), rating: z.enum(RATINGS) }),
  /** Platform-internal: a kiosk screen token was revoked; streams opened with it end on every instance. */
  z.object({ type: z.literal('screen_token.revoked'), ...scope, tokenId: id }),
  /** Platform-internal: notifications were written for these users; their bells' streams on every instance fetch them. */
  z.object({ type: z.literal('notifications.created'), ...scope, userIds: z.array(id).min(1).max(NOTIFIED_USERS_PER_EVENT) }),
]);
export type DomainEventInput = z.infer<typeof domainEventInput>;
export type DomainEventType = DomainEventInput['type'];

/** As delivered: the bus stamps an id (instance + sequence) and the time. */
export type DomainEvent = DomainEventInput & { id: string; at: string };

/** How a module publishes without knowing the bus (services take one, optional, in their constructor). */
export type PublishEvent = (event: DomainEventInput) => void;

export const DOMAIN_EVENT_TYPES = domainEventInput.options.map((o) => o.shape.type.value) as readonly DomainEventType[];

/** Cuts free text to what an event may carry. */
export const eventText = (value: string | null | undefined): string | undefined =>
  value == null ? undefined : value.length > EVENT_TEXT_MAX ? `${value.slice(0, EVENT_TEXT_MAX - 1)}…` : value;
