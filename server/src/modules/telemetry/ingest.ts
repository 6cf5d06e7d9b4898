// The ingest path shared by MQTT (embedded or external broker) and HTTP: token → device, payload →
// points → series, per-device rate limit, group-committed write. Every refusal is counted (per device
// when the device is known, else globally) and logged at most once a minute per device and reason.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { TelemetryDialect } from './dialect';
import { parseGatewayDevice, parseGatewayTelemetry, parseTelemetry, type Point, type Rejection } from './payload';
import { newDeviceRow } from './device-row';
import { PointWriter, type SeriesPoint } from './point-writer';
import * as repo from './telemetry.repository';
import type { DevicesTable, TelemetryTables } from './telemetry.tables';

export interface DeviceRef {
  id: string;
  enterpriseId: string;
  assetId: string | null;
  /** The plant of the bound machine, for scoping events to a plant's screen. */
  plantId: string | null;
  kind: DevicesTable['kind'];
  deviceType: string;
  name: string;
}

export type RefusalReason = Rejection | 'rate_limited' | 'forbidden_topic' | 'unknown_token';
export type IngestResult = { ok: true; points: number } | { ok: false; reason: RefusalReason; detail: string };

export interface IngestOptions {
  /** Sustained messages per second a device may send, and the burst above it. */
  ratePerSecond: number;
  burst: number;
  writer: { maxBatch: number; maxDelayMs: number };
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = { ratePerSecond: 10, burst: 50, writer: { maxBatch: 10_000, maxDelayMs: 50 } };

const TOKEN_TTL_MS = 60_000;

export function newAccessToken(): string {
  return randomBytes(15).toString('base64url');
}

interface DeviceCounts {
  messages: number;
  points: number;
  rejected_malformed: number;
  rejected_rate: number;
  rejected_size: number;
  rejected_topic: number;
  lastSeen: number;
}

const COUNT_COLUMN: Record<Exclude<RefusalReason, 'unknown_token'>, keyof DeviceCounts> = {
  malformed: 'rejected_malformed',
  oversize: 'rejected_size',
  rate_limited: 'rejected_rate',
  forbidden_topic: 'rejected_topic',
};

class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A small ring of recent publish-to-commit latencies for p50/p99. */
class LatencySamples {
  private readonly samples = new Float64Array(8192);
  private n = 0;
  add(ms: number): void {
    this.samples[this.n++ % this.samples.length] = ms;
  }
  summary(): { p50: number; p99: number; samples: number } {
    const count = Math.min(this.n, this.samples.length);
    if (count === 0) return { p50: 0, p99: 0, samples: 0 };
    const sorted = Array.from(this.samples.subarray(0, count)).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(count - 1, Math.floor(q * count))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), samples: this.n };
  }
}

export class IngestService {
  readonly writer: PointWriter;
  /** Known tokens, re-read after TOKEN_TTL_MS so a token rotated or deleted on another instance stops working there too. */
  private readonly byToken = new Map<string, { device: DeviceRef; at: number }>();
  private readonly unknownTokens = new Map<string, number>();
  private readonly children = new Map<string, DeviceRef>();
  private readonly series = new Map<string, number>();
  private readonly seriesOwner = new Map<number, { device: DeviceRef; key: string }>();
  private readonly buckets = new Map<string, TokenBucket>();
  private counts = new Map<string, DeviceCounts>();
  private readonly lastLog = new Map<string, number>();
  private readonly latency = new LatencySamples();
  readonly global = {
    unknownToken: 0,
    malformed: 0,
    oversize: 0,
    rateLimited: 0,
    forbiddenTopic: 0,
    acceptedMessages: 0,
    acceptedPoints: 0,
  };

  private readonly db: Kysely<TelemetryTables>;
  private readonly dialect: TelemetryDialect;
  private readonly log: FastifyBaseLogger;
  private readonly options: IngestOptions;

  constructor(deps: {
    db: Kysely<TelemetryTables>;
    dialect: TelemetryDialect;
    log: FastifyBaseLogger;
    options: IngestOptions;
    /** After each commit, with the new points and whose they are (the machine monitor). */
    onCommitted: (points: Array<SeriesPoint & { device: DeviceRef; key: string }>) => void;
  }) {
    this.db = deps.db;
    this.dialect = deps.dialect;
    this.log = deps.log;
    this.options = deps.options;
    this.writer = new PointWriter({
      db: deps.db,
      dialect: deps.dialect,
      options: deps.options.writer,
      onCommitted: (inserted) => {
        const named = [];
        for (const p of inserted) {
          const owner = this.seriesOwner.get(p.seriesId);
          if (owner) named.push({ ...p, device: owner.device, key: owner.key });
        }
        deps.onCommitted(named);
      },
    });
  }

  stats() {
    return { ...this.global, pendingPoints: this.writer.queued, commitLatencyMs: this.latency.summary() };
  }

  /** The device behind an access token, or null. Unknown tokens are remembered for 10 s so a flood stays cheap. */
  async authenticate(token: string | undefined): Promise<DeviceRef | null> {
    // Printable ASCII only: a NUL would reach PostgreSQL as an error, not as an unknown token.
    if (!token || token.length > 64 || !/^[\x21-\x7e]+$/.test(token)) return null;
    const cached = this.byToken.get(token);
    if (cached && Date.now() - cached.at < TOKEN_TTL_MS) return cached.device;
    const refusedAt = this.unknownTokens.get(token);
    if (refusedAt !== undefined && Date.now() - refusedAt < 10_000) return null;
    const row = await repo.deviceByToken(this.db, token);
    if (!row) {
      this.byToken.delete(token);
      if (this.unknownTokens.size > 10_000) this.unknownTokens.clear();
      this.unknownTokens.set(token, Date.now());
      return null;
    }
    const device = toRef(row);
    this.byToken.set(token, { device, at: Date.now() });
    return device;
  }

  /** Drops cached credentials and bindings (token rotated, device deleted or re-bound). */
  forget(deviceId: string): void {
    for (const [token, known] of this.byToken) if (known.device.id === deviceId) this.byToken.delete(token);
    for (const [key, d] of this.children) if (d.id === deviceId) this.children.delete(key);
    for (const [id, owner] of this.seriesOwner) if (owner.device.id === deviceId) this.seriesOwner.delete(id);
    for (const key of this.series.keys()) if (key.startsWith(`${deviceId}|`)) this.series.delete(key);
  }

  refuse(device: DeviceRef | null, reason: RefusalReason, detail: string): IngestResult {
    const g = this.global;
    if (reason === 'unknown_token') g.unknownToken += 1;
    else if (reason === 'malformed') g.malformed += 1;
    else if (reason === 'oversize') g.oversize += 1;
    else if (reason === 'rate_limited') g.rateLimited += 1;
    else g.forbiddenTopic += 1;
    if (device && reason !== 'unknown_token') this.countsOf(device.id)[COUNT_COLUMN[reason]] += 1;
    const logKey = `${device?.id ?? '-'}:${reason}`;
    const now = Date.now();
    if ((this.lastLog.get(logKey) ?? 0) < now - 60_000) {
      if (this.lastLog.size > 10_000) this.lastLog.clear();
      this.lastLog.set(logKey, now);
      this.log.warn(
        { deviceId: device?.id, device: device?.name, reason, detail },
        'telemetry refused (logged once a minute per device and reason)',
      );
    }
    return { ok: false, reason, detail };
  }

  /** v1/devices/me/telemetry and HTTP: resolves once committed. */
  async ingest(device: DeviceRef, payload: Buffer): Promise<IngestResult> {
    const now = Date.now();
    if (!this.admit(device, now)) return this.refuse(device, 'rate_limited', 'over the device rate limit');
    const parsed = parseTelemetry(payload, now);
    if (!parsed.ok) return this.refuse(device, parsed.reason, parsed.detail);
    return this.store([[device, parsed.value]], now);
  }

  /** v1/gateway/telemetry: one message carrying several of the gateway's devices. */
  async ingestGateway(gateway: DeviceRef, payload: Buffer): Promise<IngestResult> {
    const now = Date.now();
    if (gateway.kind !== 'gateway') return this.refuse(gateway, 'forbidden_topic', 'only a gateway publishes to v1/gateway/*');
    if (!this.admit(gateway, now)) return this.refuse(gateway, 'rate_limited', 'over the gateway rate limit');
    const parsed = parseGatewayTelemetry(payload, now);
    if (!parsed.ok) return this.refuse(gateway, parsed.reason, parsed.detail);
    const batches: Array<[DeviceRef, Point[]]> = [];
    for (const [name, points] of parsed.value) batches.push([await this.child(gateway, name, null), points]);
    return this.store(batches, now);
  }

  /** v1/gateway/connect: announces (and on first sight creates) a device behind the gateway. */
  async gatewayConnect(gateway: DeviceRef, payload: Buffer): Promise<IngestResult> {
    if (gateway.kind !== 'gateway') return this.refuse(gateway, 'forbidden_topic', 'only a gateway publishes to v1/gateway/*');
    const parsed = parseGatewayDevice(payload);
    if (!parsed.ok) return this.refuse(gateway, parsed.reason, parsed.detail);
    const child = await this.child(gateway, parsed.value.device, parsed.value.type);
    this.countsOf(child.id).lastSeen = Date.now();
    return { ok: true, points: 0 };
  }

  private admit(device: DeviceRef, now: number): boolean {
    let bucket = this.buckets.get(device.id);
    if (!bucket) {
      bucket = new TokenBucket(this.options.ratePerSecond, this.options.burst, now);
      this.buckets.set(device.id, bucket);
    }
    return bucket.take(now);
  }

  private async store(batches: Array<[DeviceRef, Point[]]>, receivedAt: number): Promise<IngestResult> {
    const points: SeriesPoint[] = [];
    let newest = 0;
    for (const [device, list] of batches) {
      for (const p of list) {
        points.push({ seriesId: await this.seriesId(device, p.key, p.value), ts: p.ts, value: p.value });
        if (p.ts > newest) newest = p.ts;
      }
    }
    await this.writer.write(points);
    const committed = Date.now();
    // A device's own timestamp measures publish → commit; without one, receipt → commit.
    this.latency.add(committed - Math.min(newest, receivedAt));
    for (const [device, list] of batches) {
      const c = this.countsOf(device.id);
      c.messages += 1;
      c.points += list.length;
      c.lastSeen = committed;
    }
    this.global.acceptedMessages += 1;
    this.global.acceptedPoints += points.length;
    return { ok: true, points: points.length };
  }

  private async seriesId(device: DeviceRef, key: string, value: number): Promise<number> {
    const cacheKey = `${device.id}|${key}`;
    const known = this.series.get(cacheKey);
    if (known !== undefined) return known;
    // Read first: after a restart every series of a running county exists, and a read commits nothing (an
    // insert attempt per series was one fsync each with synchronous=FULL: minutes for 150,000 series).
    let id = await repo.findSeriesId(this.db, device.id, key);
    if (id === undefined) {
      await repo.insertSeries(this.db, device.id, key, value);
      id = await repo.findSeriesId(this.db, device.id, key);
      if (id === undefined) throw new Error(`series ${device.id}/${key} vanished after insert`);
    }
    this.series.set(cacheKey, id);
    this.seriesOwner.set(id, { device, key });
    return id;
  }

  private async child(gateway: DeviceRef, name: string, type: string | null): Promise<DeviceRef> {
    const cacheKey = `${gateway.id}|${name}`;
    const known = this.children.get(cacheKey);
    if (known) return known;
    // Read first, as for series: a gateway's children exist after its first day.
    let row = await repo.gatewayChild(this.db, gateway.id, name);
    if (!row) {
      await repo.insertGatewayChild(
        this.db,
        newDeviceRow({
          enterprise_id: gateway.enterpriseId,
          name,
          kind: 'device',
          gateway_id: gateway.id,
          device_type: type ?? 'machine',
          access_token: null,
        }),
      );
      row = await repo.gatewayChild(this.db, gateway.id, name);
      if (!row) throw new Error(`gateway child ${gateway.id}/${name} vanished after insert`);
    }
    const device = toRef(row);
    this.children.set(cacheKey, device);
    return device;
  }

  private countsOf(deviceId: string): DeviceCounts {
    let c = this.counts.get(deviceId);
    if (!c) {
      c = { messages: 0, points: 0, rejected_malformed: 0, rejected_rate: 0, rejected_size: 0, rejected_topic: 0, lastSeen: 0 };
      this.counts.set(deviceId, c);
    }
    return c;
  }

  /** Writes the series' latest values, then the per-device counters and last-seen times gathered since the last call. */
  async flushCounts(): Promise<void> {
    await this.writer.flushLatest();
    const counts = this.counts;
    if (counts.size === 0) return;
    this.counts = new Map();
    await repo.addDeviceCounts(
      this.db,
      this.dialect,
      [...counts].map(([id, c]) => ({
        id,
        messages: c.messages,
        points: c.points,
        malformed: c.rejected_malformed,
        rate: c.rejected_rate,
        size: c.rejected_size,
        topic: c.rejected_topic,
        seen: c.lastSeen > 0 ? new Date(c.lastSeen).toISOString() : null,
      })),
    );
  }

  async setConnected(deviceId: string, connected: boolean): Promise<void> {
    await repo.updateDevice(this.db, deviceId, {
      connected: connected ? 1 : 0,
      ...(connected && { last_seen_at: new Date().toISOString() }),
    });
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.flushCounts();
  }
}

export function toRef(
  row: Pick<DevicesTable, 'id' | 'enterprise_id' | 'asset_id' | 'kind' | 'device_type' | 'name'> & { plant_id: string | null },
): DeviceRef {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    assetId: row.asset_id,
    plantId: row.plant_id,
    kind: row.kind,
    deviceType: row.device_type,
    name: row.name,
  };
}
