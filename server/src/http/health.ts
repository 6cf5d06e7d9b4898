// GET /api/health (readiness: a database query and the broker check, 503 naming what failed) and
// GET /api/health/live (liveness: answers while the process runs, for a supervisor that restarts it).
import { HEALTH_PARTS, healthView, type HealthView } from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export interface HealthChecks {
  db: HealthView['db'];
  mqtt: HealthView['mqtt'];
  /** Resolves when a query answered. */
  queryDatabase(): Promise<unknown>;
  /** Embedded: the broker listens; external: connected and answering pings. */
  brokerUp(): boolean;
}

/** A database that does not answer within this is as down as one that refuses. */
const CHECK_TIMEOUT_MS = 3000;

function withTimeout(work: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
    work
      .then(
        () => resolve(true),
        () => resolve(false),
      )
      .finally(() => clearTimeout(timer));
  });
}

export function registerHealth(app: FastifyInstance, checks: HealthChecks): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/health', { schema: { tags: ['platform'], response: { 200: healthView, 503: healthView } } }, async (_request, reply) => {
    const ok = { db: await withTimeout(checks.queryDatabase()), mqtt: checks.brokerUp() };
    const failed = HEALTH_PARTS.filter((part) => !ok[part]);
    const body: HealthView = { status: failed.length ? 'degraded' : 'ok', db: checks.db, mqtt: checks.mqtt };
    if (failed.length) return reply.status(503).send({ ...body, failed });
    return body;
  });
  typed.get('/api/health/live', { schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));
}
