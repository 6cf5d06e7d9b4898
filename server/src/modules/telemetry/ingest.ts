// The ingest path shared by MQTT (embedded or external broker) and HTTP: token → device, payload →
// points → series, per-device rate limit, group-committed write. Every refusal is counted (per device
// when the device is known, else globally) and logged at most once a minute per device and reason.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { TelemetryDialect } from './dialect';
import { parseGatewayDevice, parseGatewayTelemetry, parseTelemetry, type Point, type Rejection } from './payload';
import { newDeviceRow } from './device-row';
import { BoundedMap } from './bounded-map';
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

/**
 * Why something a device sent was refused. client_id_taken: an MQTT CONNECT with a client id another device's
 * connection holds; children_limit / series_limit: new gateway children or new series over the caps (the
 * rest of the message is stored).
 */
export type RefusalReason =
  Rejection | 'rate_limited' | 'forbidden_topic' | 'unknown_token' | 'client_id_taken' | 'children_limit' | 'series_limit';
export type IngestResult = { ok: true; points: number } | { ok: false; reason: RefusalReason; detail: string };

export interface IngestOptions {
  /** Sustained messages per second a device may send, and the burst above it. */
  ratePerSecond: number;
  burst: number;
  writer: { maxBatch: number; maxDelayMs: number };
  /** Devices a gateway may create behind it (MAX_GATEWAY_CHILDREN). */
  maxGatewayChildren: number;
  /** Series (metric keys) one device may create (MAX_DEVICE_SERIES). */
  maxDeviceSeries: number;
  /** Entries the in-memory caches keep: per device (tokens, children, rate buckets, counts) and per series. */
  cache: { devices: number; series: number };
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  ratePerSecond: 10,
  burst: 50,
  writer: { maxBatch: 10_000, maxDelayMs: 50 },
  maxGatewayChildren: 500,
  maxDeviceSeries: 300,
  // A county's devices, and the 150,000 series of the benchmark county with room; an evicted entry is read again.
  cache: { devices: 50_000, series: 250_000 },
};

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
  rejected_limit: number;
  rejected_client_id: number;
  lastSeen: number;
}

/** The device's own counter of a refusal (the device page's counts); unknown tokens name no device. */
const COUNT_COLUMN: Partial<Record<RefusalReason, keyof DeviceCounts>> = {
  malformed: 'rejected_malformed',
  oversize: 'rejected_size',
  rate_limited: 'rejected_rate',
  forbidden_topic: 'rejected_topic',
  children_limit: 'rejected_limit',
  series_limit: 'rejected_limit',
  client_id_taken: 'rejected_client_id',
};

/** The running total in `IngestService.global` of each refusal reason. */
export const GLOBAL_COUNTER = {
  unknown_token: 'unknownToken',
  malformed: 'malformed',
  oversize: 'oversize',
  rate_limited: 'rateLimited',
  forbidden_topic: 'forbiddenTopic',
  client_id_taken: 'clientIdTaken',
  children_limit: 'childrenLimit',
  series_limit: 'seriesLimit',
} as const satisfies Record<RefusalReason, string>;

/** How many of something a device already has, read from the database at most once a minute. */
interface Tally {
  n: number;
  at: number;
}

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
  private readonly byToken: BoundedMap<string, { device: DeviceRef; at: number }>;
  private readonly unknownTokens = new Map<string, number>();
  private readonly children: BoundedMap<string, DeviceRef>;
  /** `deviceId|key` → the series; evicting one drops its owner below with it. */
  private readonly series: BoundedMap<string, number>;
  private readonly seriesOwner = new Map<number, { device: DeviceRef; key: string }>();
  private readonly buckets: BoundedMap<string, TokenBucket>;
  /** Children per gateway and series per device, for the caps. */
  private readonly childTally: BoundedMap<string, Tally>;
  private readonly seriesTally: BoundedMap<string, Tally>;
  private counts = new Map<string, DeviceCounts>();
  private readonly lastLog = new Map<string, number>();
  private readonly latency = new LatencySamples();
  readonly global = {
    unknownToken: 0,
    malformed: 0,
    oversize: 0,
    rateLimited: 0,
    forbiddenTopic: 0,
    clientIdTaken: 0,
    childrenLimit: 0,
    seriesLimit: 0,
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
    const { devices, series } = deps.options.cache;
    this.byToken = new BoundedMap(devices);
    this.children = new BoundedMap(devices);
    this.buckets = new BoundedMap(devices);
    this.childTally = new BoundedMap(devices);
    this.seriesTally = new BoundedMap(devices);
    this.series = new BoundedMap(series, (_key, id) => this.seriesOwner.delete(id));
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

  /** Entries in each in-memory cache (bounded by `options.cache`), for the metrics and tests. */
  cacheSizes() {
    return {
      tokens: this.byToken.size,
      unknownTokens: this.unknownTokens.size,
      children: this.children.size,
      series: this.series.size,
      seriesOwners: this.seriesOwner.size,
      buckets: this.buckets.size,
      tallies: this.childTally.size + this.seriesTally.size,
      counts: this.counts.size,
      logKeys: this.lastLog.size,
    };
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
    for (const key of [...this.series.keys()]) if (key.startsWith(`${deviceId}|`)) this.series.delete(key);
    this.childTally.delete(deviceId);
    this.seriesTally.delete(deviceId);
  }

  refuse(device: DeviceRef | null, reason: RefusalReason, detail: string): IngestResult {
    this.global[GLOBAL_COUNTER[reason]] += 1;
    const column = COUNT_COLUMN[reason];
    if (device && column) this.countsOf(device.id)[column] += 1;
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
    let refusedChildren = 0;
    let refusedPoints = 0;
    for (const [name, points] of parsed.value) {
      const child = await this.child(gateway, name, null);
      if (child) batches.push([child, points]);
      else {
        refusedChildren += 1;
        refusedPoints += points.length;
      }
    }
    const refusal =
      refusedChildren > 0 &&
      this.refuse(
        gateway,
        'children_limit',
        `${refusedChildren} new devices over the gateway's cap of ${this.options.maxGatewayChildren}: their ${refusedPoints} points refused`,
      );
    if (refusal && batches.length === 0) return refusal;
    return this.store(batches, now);
  }

  /** v1/gateway/connect: announces (and on first sight creates) a device behind the gateway. */
  async gatewayConnect(gateway: DeviceRef, payload: Buffer): Promise<IngestResult> {
    if (gateway.kind !== 'gateway') return this.refuse(gateway, 'forbidden_topic', 'only a gateway publishes to v1/gateway/*');
    const parsed = parseGatewayDevice(payload);
    if (!parsed.ok) return this.refuse(gateway, parsed.reason, parsed.detail);
    const child = await this.child(gateway, parsed.value.device, parsed.value.type);
    if (!child) return this.refuse(gateway, 'children_limit', `a new device over the gateway's cap of ${this.options.maxGatewayChildren}`);
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
    const storedOf = new Map<DeviceRef, number>();
    let newest = 0;
    let refusal: IngestResult | null = null;
    for (const [device, list] of batches) {
      const refusedKeys = new Set<string>();
      let stored = 0;
      for (const p of list) {
        const seriesId = refusedKeys.has(p.key) ? null : await this.seriesId(device, p.key, p.value);
        if (seriesId === null) {
          refusedKeys.add(p.key);
          continue;
        }
        points.push({ seriesId, ts: p.ts, value: p.value });
        stored += 1;
        if (p.ts > newest) newest = p.ts;
      }
      storedOf.set(device, stored);
      if (refusedKeys.size > 0)
        refusal = this.refuse(
          device,
          'series_limit',
          `${refusedKeys.size} new metrics over the device's cap of ${this.options.maxDeviceSeries} series: their points refused`,
        );
    }
    if (refusal && points.length === 0) return refusal;
    await this.writer.write(points);
    const committed = Date.now();
    // A device's own timestamp measures publish → commit; without one, receipt → commit.
    this.latency.add(committed - Math.min(newest, receivedAt));
    for (const [device] of batches) {
      const c = this.countsOf(device.id);
      c.messages += 1;
      c.points += storedOf.get(device) ?? 0;
      c.lastSeen = committed;
    }
    this.global.acceptedMessages += 1;
    this.global.acceptedPoints += points.length;
    return { ok: true, points: points.length };
  }

  /** The series of a device's metric, created on first sight; null for a new one over the device's cap. */
  private async seriesId(device: DeviceRef, key: string, value: number): Promise<number | null> {
    const cacheKey = `${device.id}|${key}`;
    const known = this.series.get(cacheKey);
    if (known !== undefined) return known;
    // Read first: after a restart every series of a running county exists, and a read commits nothing (an
    // insert attempt per series was one fsync each with synchronous=FULL: minutes for 150,000 series).
    let id = await repo.findSeriesId(this.db, device.id, key);
    if (id === undefined) {
      if (!(await this.reserve(this.seriesTally, device.id, this.options.maxDeviceSeries, () => repo.countSeries(this.db, device.id))))
        return null;
      await repo.insertSeries(this.db, device.id, key, value);
      id = await repo.findSeriesId(this.db, device.id, key);
      if (id === undefined) throw new Error(`series ${device.id}/${key} vanished after insert`);
    }
    this.series.set(cacheKey, id);
    this.seriesOwner.set(id, { device, key });
    return id;
  }

  /**
   * Takes one of `cap` places of an owner (children of a gateway, series of a device), or false when full.
   * The count is read from the database at most once a minute (other instances create too, and deletions free
   * places); the check and the taking have no await between them, so parallel messages cannot overshoot.
   */
  private async reserve(tally: BoundedMap<string, Tally>, ownerId: string, cap: number, count: () => Promise<number>): Promise<boolean> {
    const now = Date.now();
    const known = tally.get(ownerId);
    if (!known || now - known.at >= TOKEN_TTL_MS) {
      const n = await count();
      // A parallel message may have read it meanwhile and taken places since: keep that one.
      if (tally.peek(ownerId) === known) tally.set(ownerId, { n, at: now });
    }
    const t = tally.peek(ownerId);
    if (!t || t.n >= cap) return false;
    t.n += 1;
    return true;
  }

  /** The device behind a gateway by its name, created on first sight; null for a new one over the gateway's cap. */
  private async child(gateway: DeviceRef, name: string, type: string | null): Promise<DeviceRef | null> {
    const cacheKey = `${gateway.id}|${name}`;
    const known = this.children.get(cacheKey);
    if (known) return known;
    // Read first, as for series: a gateway's children exist after its first day.
    let row = await repo.gatewayChild(this.db, gateway.id, name);
    if (!row) {
      if (
        !(await this.reserve(this.childTally, gateway.id, this.options.maxGatewayChildren, () =>
          repo.countGatewayChildren(this.db, gateway.id),
        ))
      )
        return null;
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
      c = {
        messages: 0,
        points: 0,
        rejected_malformed: 0,
        rejected_rate: 0,
        rejected_size: 0,
        rejected_topic: 0,
        rejected_limit: 0,
        rejected_client_id: 0,
        lastSeen: 0,
      };
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
        limit: c.rejected_limit,
        clientId: c.rejected_client_id,
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
