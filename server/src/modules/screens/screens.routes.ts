import {
  countyScreenView,
  createScreenTokenBody,
  createdScreenToken,
  plantScreenQuery,
  plantScreenView,
  screenTokenView,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import type { ScreensService } from './screens.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const plantParams = z.object({ plantId: z.string().min(1).max(64) });
const kioskNote = 'Signed in, or opened on a wall display with the read-only screen token of this very screen (`?token=`).';

export function screensRoutes(service: ScreensService) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['screens'];

    app.get(
      '/api/screens/plant/:plantId',
      {
        schema: {
          tags,
          description: `Snapshot of one plant's screen (enterprise roles). ${kioskNote}`,
          params: plantParams,
          querystring: plantScreenQuery,
          response: { 200: plantScreenView },
        },
      },
      async (request) => {
        const { plantId } = request.params;
        const { token } = request.query;
        const actor = token !== undefined ? await service.kioskActor(token, 'plant', plantId) : requireActor(request);
        return service.plantScreen(actor, plantId);
      },
    );
    app.get(
      '/api/screens/enterprise',
      {
        schema: {
          tags,
          description: `Snapshot of the whole enterprise's screen (enterprise roles). ${kioskNote}`,
          querystring: plantScreenQuery,
          response: { 200: plantScreenView },
        },
      },
      async (request) => {
        const { token } = request.query;
        const actor = token !== undefined ? await service.kioskActor(token, 'enterprise') : requireActor(request);
        return service.plantScreen(actor, null);
      },
    );
    app.get(
      '/api/screens/county',
      {
        schema: {
          tags,
          description: `Snapshot of the county screen (county roles). ${kioskNote}`,
          querystring: plantScreenQuery,
          response: { 200: countyScreenView },
        },
      },
      async (request) => {
        const { token } = request.query;
        const actor = token !== undefined ? await service.kioskActor(token, 'county') : requireActor(request);
        return service.countyScreen(actor);
      },
    );

    app.get(
      '/api/screen-tokens',
      { schema: { tags, description: 'Kiosk tokens the caller manages', response: { 200: z.array(screenTokenView) } } },
      async (request) => service.listTokens(requireActor(request)),
    );
    app.post(
      '/api/screen-tokens',
      { schema: { tags, body: createScreenTokenBody, response: { 201: createdScreenToken } } },
      async (request, reply) => reply.status(201).send(await service.createToken(requireActor(request), request.body)),
    );
    app.delete('/api/screen-tokens/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
      await service.revokeToken(requireActor(request), request.params.id);
      return reply.status(204).send();
    });
  };
}
