// The device contract's payloads (ThingsBoard's): `{"temp": 61.5}`, `{"ts": ms, "values": {...}}`, or an
// array of either; a gateway sends `{"Press 7": [ ...those... ]}`. Pure parsing, no I/O: a bad payload
// becomes a reason that the caller counts against the device.
import { controlCharacterIn } from '../../http/text-input';

export const MAX_PAYLOAD_BYTES = 64 * 1024;
/**
 * The embedded broker closes a connection whose packet announces more than this; a payload between the
 * two limits is refused (and counted) with the connection kept, as HTTP answers 413 and goes on.
 */
export const MAX_MQTT_PACKET_BYTES = 2 * MAX_PAYLOAD_BYTES;
export const MAX_POINTS_PER_MESSAGE = 2_000;
/** Points stamped further back or ahead than this are refused (a device clock gone wrong). */
const MAX_PAST_MS = 30 * 24 * 3600_000;
const MAX_FUTURE_MS = 24 * 3600_000;
const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const DEVICE_NAME_MAX = 200;

/**
 * A gateway's name for a device behind it: 1–200 characters, none a control character (a NUL cannot be stored
 * by PostgreSQL: the insert failed, the message was never acknowledged and a QoS 1 gateway redelivered it for ever).
 */
function deviceNameProblem(name: string): string | null {
  if (name.trim() === '' || name.length > DEVICE_NAME_MAX) return 'device names are 1–200 characters';
  const char = controlCharacterIn(name);
  return char ? `a device name holds the control character ${char}` : null;
}

export interface Point {
  key: string;
  ts: number;
  value: number;
}

export type Rejection = 'malformed' | 'oversize';
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Rejection; detail: string };

const fail = (reason: Rejection, detail: string) => ({ ok: false as const, reason, detail });

function parseJson(payload: Buffer): Parsed<unknown> {
  if (payload.length > MAX_PAYLOAD_BYTES) return fail('oversize', `payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  try {
    return { ok: true, value: JSON.parse(payload.toString('utf8')) as unknown };
  } catch {
    return fail('malformed', 'payload is not JSON');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number, a boolean (1/0) or a numeric string; anything else is not a point. */
function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function entryPoints(entry: unknown, now: number, out: Point[]): string | null {
  if (!isObject(entry)) return 'each entry must be an object';
  let ts = now;
  let values: Record<string, unknown> = entry;
  if ('values' in entry) {
    if (!isObject(entry.values)) return 'values must be an object';
    values = entry.values;
    if ('ts' in entry) {
      if (typeof entry.ts !== 'number' || !Number.isInteger(entry.ts)) return 'ts must be an integer of milliseconds';
      ts = entry.ts;
    }
  }
  if (ts < now - MAX_PAST_MS || ts > now + MAX_FUTURE_MS) return `ts ${ts} is outside the accepted window`;
  for (const [key, raw] of Object.entries(values)) {
    if (!KEY.test(key)) return `key ${JSON.stringify(key.slice(0, 70))} is not a metric name`;
    // Text is skipped below, but text with a NUL or another control character is garbage, as it is in the API.
    const char = typeof raw === 'string' ? controlCharacterIn(raw) : null;
    if (char) return `the value of ${key} holds the control character ${char}`;
    const value = numeric(raw);
    if (value === null) continue; // text or nested attributes are not machine data; skipped, not fatal
    out.push({ key, ts, value });
    if (out.length > MAX_POINTS_PER_MESSAGE) return `more than ${MAX_POINTS_PER_MESSAGE} points in one message`;
  }
  return null;
}

function toPoints(body: unknown, now: number): Parsed<Point[]> {
  const entries = Array.isArray(body) ? body : [body];
  const points: Point[] = [];
  for (const entry of entries) {
    const problem = entryPoints(entry, now, points);
    if (problem) return fail('malformed', problem);
  }
  if (points.length === 0) return fail('malformed', 'no numeric value in the payload');
  return { ok: true, value: points };
}

/** v1/devices/me/telemetry and POST /api/v1/{token}/telemetry. */
export function parseTelemetry(payload: Buffer, now: number): Parsed<Point[]> {
  const json = parseJson(payload);
  return json.ok ? toPoints(json.value, now) : json;
}

/** v1/gateway/telemetry: points per device name. */
export function parseGatewayTelemetry(payload: Buffer, now: number): Parsed<Map<string, Point[]>> {
  const json = parseJson(payload);
  if (!json.ok) return json;
  if (!isObject(json.value)) return fail('malformed', 'a gateway payload is an object keyed by device name');
  const byDevice = new Map<string, Point[]>();
  let total = 0;
  for (const [device, entries] of Object.entries(json.value)) {
    const problem = deviceNameProblem(device);
    if (problem) return fail('malformed', problem);
    const points = toPoints(entries, now);
    if (!points.ok) return fail(points.reason, `${device.slice(0, 50)}: ${points.detail}`);
    total += points.value.length;
    if (total > MAX_POINTS_PER_MESSAGE) return fail('malformed', `more than ${MAX_POINTS_PER_MESSAGE} points in one message`);
    byDevice.set(device, points.value);
  }
  if (byDevice.size === 0) return fail('malformed', 'no device in the gateway payload');
  return { ok: true, value: byDevice };
}

/** v1/gateway/connect and v1/gateway/disconnect: `{"device": "Press 7", "type": "press"}`. */
export function parseGatewayDevice(payload: Buffer): Parsed<{ device: string; type: string | null }> {
  const json = parseJson(payload);
  if (!json.ok) return json;
  const body = json.value;
  if (!isObject(body) || typeof body.device !== 'string') return fail('malformed', 'expected {"device": "<name>"}');
  const problem = deviceNameProblem(body.device);
  if (problem) return fail('malformed', problem);
  const type = typeof body.type === 'string' && /^[a-z0-9_-]{1,64}$/.test(body.type) ? body.type : null;
  return { ok: true, value: { device: body.device.trim(), type } };
}
