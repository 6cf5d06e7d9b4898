import { z } from 'zod';

export const healthView = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  mqtt: z.enum(['embedded', 'external']),
});
export type HealthView = z.infer<typeof healthView>;
