import {
  drillView,
  indicatorView,
  indicatorYearBody,
  targetTreeView,
  taskBody,
  taskDetailView,
  taskListQuery,
  taskReportBody,
  taskView,
  yearQuery,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import type { TargetService } from './targets.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function targetRoutes(service: TargetService) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['targets'];

    app.get('/api/targets', { schema: { tags, querystring: yearQuery, response: { 200: targetTreeView } } }, async (request) =>
      service.tree(requireActor(request), request.query.year),
    );
    app.put(
      '/api/targets/indicators/:id/years/:year',
      {
        schema: {
          tags,
          params: z.object({ id: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) }),
          body: indicatorYearBody,
          response: { 200: indicatorView },
        },
      },
      async (request) => service.setIndicatorYear(requireActor(request), request.params.id, request.params.year, request.body),
    );
    app.get(
      '/api/targets/indicators/:id/drill',
      { schema: { tags, params: idParams, querystring: yearQuery, response: { 200: drillView } } },
      async (request) => service.drill(requireActor(request), request.params.id, request.query.year),
    );
    app.get('/api/targets/tasks', { schema: { tags, querystring: taskListQuery, response: { 200: z.array(taskView) } } }, async (request) =>
      service.listTasks(requireActor(request), request.query),
    );
    app.post('/api/targets/tasks', { schema: { tags, body: taskBody, response: { 201: taskDetailView } } }, async (request, reply) =>
      reply.status(201).send(await service.createTask(requireActor(request), request.body)),
    );
    app.get('/api/targets/tasks/:id', { schema: { tags, params: idParams, response: { 200: taskDetailView } } }, async (request) =>
      service.getTask(requireActor(request), request.params.id),
    );
    app.post(
      '/api/targets/tasks/:id/reports',
      { schema: { tags, params: idParams, body: taskReportBody, response: { 201: taskDetailView } } },
      async (request, reply) => reply.status(201).send(await service.report(requireActor(request), request.params.id, request.body)),
    );
  };
}
