// Prometheus metrics: one registry per app (so tests may build several), the process's default metrics
// (CPU, memory, event-loop lag), HTTP requests by route and status, requests in flight (open SSE streams are
// the in-flight requests of the /stream routes), and whatever gauges and counters the composition root adds.
// GET /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; without a token configured it is off.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { AppError } from './errors';

export type MetricsRegistry = client.Registry;
export { client as prom };

export interface DatabaseObserver {
  /** A statement's execution time. */
  query(seconds: number): void;
  /** Time spent waiting for a pooled connection (PostgreSQL). */
  acquire(seconds: number): void;
}

export function createMetricsRegistry(): MetricsRegistry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}

/** Histograms of database statement and connection-wait time, for openDatabase to feed. */
export function databaseObserver(registry: MetricsRegistry): DatabaseObserver {
  const query = new client.Histogram({
    name: 'tiantai_db_query_duration_seconds',
    help: 'Database statement execution time',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  const acquire = new client.Histogram({
    name: 'tiantai_db_pool_wait_seconds',
    help: 'Time waiting for a pooled database connection (PostgreSQL)',
    buckets: [0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  return { query: (s) => query.observe(s), acquire: (s) => acquire.observe(s) };
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const METRICS_PATH = '/metrics';

export function registerMetrics(app: FastifyInstance, registry: MetricsRegistry, token: string | undefined): void {
  const duration = new client.Histogram({
    name: 'tiantai_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status, with their duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new client.Gauge({
    name: 'tiantai_http_requests_in_flight',
    help: 'HTTP requests being answered (server-sent event streams stay in flight while open)',
    labelNames: ['route'],
    registers: [registry],
  });
  const streams = new client.Gauge({
    name: 'tiantai_sse_streams_open',
    help: 'Open server-sent event streams (live screens, notification bells)',
    registers: [registry],
  });
  // The route's pattern, never the raw URL: a label per token or id would grow without bound.
  const routeOf = (url: string | undefined) => url ?? 'unmatched';

  app.addHook('onRequest', async (request, reply) => {
    const route = routeOf(request.routeOptions.url);
    const stream = route.endsWith('/stream');
    inFlight.inc({ route });
    if (stream) streams.inc();
    reply.raw.once('close', () => {
      inFlight.dec({ route });
      if (stream) streams.dec();
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: routeOf(request.routeOptions.url), status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get(METRICS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!token) throw new AppError(404, 'NOT_FOUND', 'Metrics are off: set METRICS_TOKEN to turn them on');
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7).trim(), token))
      throw new AppError(401, 'UNAUTHENTICATED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
