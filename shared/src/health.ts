import { z } from 'zod';

export const HEALTH_PARTS = ['db', 'mqtt'] as const;

/** GET /api/health: ok (200) when a query and the broker check pass; degraded (503) naming what failed. */
export const healthView = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['sqlite', 'postgres']),
  mqtt: z.enum(['embedded', 'external']),
  failed: z.array(z.enum(HEALTH_PARTS)).optional(),
});
export type HealthView = z.infer<typeof healthView>;
