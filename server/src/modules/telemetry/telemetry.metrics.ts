// Telemetry's figures for GET /metrics: messages and points accepted, refusals by reason, the writer's queue
// and its batches. Read from the ingest service's own counters when scraped, so the hot path only counts.
import { prom, type MetricsRegistry } from '../../http/metrics';
import { GLOBAL_COUNTER, type IngestService } from './ingest';

/** A Prometheus counter that follows one of the service's running totals. */
function followTotal(registry: MetricsRegistry, name: string, help: string, read: () => number): void {
  let seen = 0;
  new prom.Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}

export function registerTelemetryMetrics(registry: MetricsRegistry, ingest: IngestService): void {
  followTotal(registry, 'tiantai_telemetry_messages_accepted_total', 'Device messages stored', () => ingest.global.acceptedMessages);
  followTotal(registry, 'tiantai_telemetry_points_accepted_total', 'Telemetry points stored', () => ingest.global.acceptedPoints);
  const seen: Record<string, number> = {};
  new prom.Counter({
    name: 'tiantai_telemetry_messages_refused_total',
    help: 'Device messages refused, by reason',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      for (const [reason, field] of Object.entries(GLOBAL_COUNTER)) {
        const now = ingest.global[field];
        const delta = now - (seen[reason] ?? 0);
        this.inc({ reason }, Math.max(0, delta));
        seen[reason] = now;
      }
    },
  });
  new prom.Gauge({
    name: 'tiantai_telemetry_cache_entries',
    help: 'Entries in the ingest caches (each bounded; an evicted entry is read again from the database)',
    labelNames: ['cache'],
    registers: [registry],
    collect() {
      for (const [cache, n] of Object.entries(ingest.cacheSizes())) this.set({ cache }, n);
    },
  });
  new prom.Gauge({
    name: 'tiantai_telemetry_writer_queue_points',
    help: 'Points waiting for the next group commit',
    registers: [registry],
    collect() {
      this.set(ingest.writer.queued);
    },
  });
  const batchPoints = new prom.Histogram({
    name: 'tiantai_telemetry_batch_points',
    help: 'Points per group commit',
    buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10_000, 25_000],
    registers: [registry],
  });
  const batchSeconds = new prom.Histogram({
    name: 'tiantai_telemetry_batch_commit_seconds',
    help: 'Time to commit one batch of points',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  ingest.writer.onBatch = (points, seconds) => {
    batchPoints.observe(points);
    batchSeconds.observe(seconds);
  };
}
