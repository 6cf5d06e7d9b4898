import { homeView } from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../http/auth';
import type { HomeService } from './home.service';

export function homeRoutes(service: HomeService) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/home',
      {
        schema: {
          tags: ['home'],
          description:
            "The signed-in person's home page: their own work, by role (`kind`) — the direct-service office's queue by SLA " +
            "colour, a department's requests to sign and answer, an enterprise admin's alarms, due maintenance and open work " +
            "orders, a technician's tasks for today, the county's key figures. Counted within the caller's tenancy only.",
          response: { 200: homeView },
        },
      },
      async (request) => service.home(requireActor(request)),
    );
  };
}
