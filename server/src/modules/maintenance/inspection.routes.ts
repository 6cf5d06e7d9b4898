import {
  inspectionCheckInBody,
  inspectionCheckInView,
  inspectionPointBody,
  inspectionPointOrderBody,
  inspectionPointUpdateBody,
  inspectionResultBody,
  inspectionRoundBody,
  inspectionRoundDetailView,
  inspectionRoundListQuery,
  inspectionRoundView,
  inspectionRouteBody,
  inspectionRouteDetailView,
  inspectionRouteUpdateBody,
  inspectionRouteView,
  paged,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptAttachmentBodies, readUpload, sendAttachment, uploadRouteOptions } from '../../http/attachments';
import { requireActor } from '../../http/auth';
import type { InspectionRoundService } from './inspection-rounds.service';
import type { InspectionRouteService } from './inspection-routes.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function inspectionRoutes({ routes, rounds }: { routes: InspectionRouteService; rounds: InspectionRoundService }) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['inspection'];

    app.get('/api/inspection/routes', { schema: { tags, response: { 200: z.array(inspectionRouteView) } } }, async (request) =>
      routes.listRoutes(requireActor(request)),
    );
    app.post(
      '/api/inspection/routes',
      {
        schema: {
          tags,
          description: '巡检路线: the enterprise admin',
          body: inspectionRouteBody,
          response: { 201: inspectionRouteDetailView },
        },
      },
      async (request, reply) => reply.status(201).send(await routes.createRoute(requireActor(request), request.body)),
    );
    app.get(
      '/api/inspection/routes/:id',
      {
        schema: {
          tags,
          description: 'The route with its points and check items',
          params: idParams,
          response: { 200: inspectionRouteDetailView },
        },
      },
      async (request) => routes.getRoute(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/inspection/routes/:id',
      { schema: { tags, params: idParams, body: inspectionRouteUpdateBody, response: { 200: inspectionRouteDetailView } } },
      async (request) => routes.updateRoute(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/inspection/routes/:id/points',
      {
        schema: {
          tags,
          description: 'Adds a point with its check items at the end of the route',
          params: idParams,
          body: inspectionPointBody,
          response: { 201: inspectionRouteDetailView },
        },
      },
      async (request, reply) => reply.status(201).send(await routes.addPoint(requireActor(request), request.params.id, request.body)),
    );
    app.put(
      '/api/inspection/routes/:id/point-order',
      {
        schema: {
          tags,
          description: 'Sets the walking order: every point of the route, once each',
          params: idParams,
          body: inspectionPointOrderBody,
          response: { 200: inspectionRouteDetailView },
        },
      },
      async (request) => routes.reorderPoints(requireActor(request), request.params.id, request.body),
    );
    app.patch(
      '/api/inspection/points/:id',
      {
        schema: {
          tags,
          description:
            'Edits a point: name, asset, and the items as the new list in order (with id: kept; without: new; left out: removed). ' +
            'Items a round has checked in to keep their kind and cannot be removed (409 CONFLICT).',
          params: idParams,
          body: inspectionPointUpdateBody,
          response: { 200: inspectionRouteDetailView },
        },
      },
      async (request) => routes.updatePoint(requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/inspection/points/:id',
      {
        schema: {
          tags,
          description: 'Removes a point no round has checked in to (409 CONFLICT otherwise)',
          params: idParams,
          response: { 200: inspectionRouteDetailView },
        },
      },
      async (request) => routes.deletePoint(requireActor(request), request.params.id),
    );
    app.get(
      '/api/inspection/points/:id/label',
      { schema: { tags, description: 'A printable SVG QR label encoding <origin>/inspect/<qrToken>', params: idParams } },
      async (request, reply) => {
        const svg = await routes.pointLabel(requireActor(request), request.params.id, `${request.protocol}://${request.host}`);
        return reply.type('image/svg+xml').send(svg);
      },
    );

    app.get(
      '/api/inspection/rounds',
      { schema: { tags, querystring: inspectionRoundListQuery, response: { 200: paged(inspectionRoundView) } } },
      async (request) => rounds.listRounds(requireActor(request), request.query),
    );
    app.post(
      '/api/inspection/rounds',
      {
        schema: {
          tags,
          description: 'Starts a round on an active route',
          body: inspectionRoundBody,
          response: { 201: inspectionRoundDetailView },
        },
      },
      async (request, reply) => reply.status(201).send(await rounds.startRound(requireActor(request), request.body.routeId)),
    );
    app.get(
      '/api/inspection/rounds/:id',
      {
        schema: {
          tags,
          description: 'Progress: points checked, items done, failures with their work-order numbers',
          params: idParams,
          response: { 200: inspectionRoundDetailView },
        },
      },
      async (request) => rounds.getRound(requireActor(request), request.params.id),
    );
    app.post(
      '/api/inspection/rounds/:id/check-in',
      {
        schema: {
          tags,
          description: 'Scanning a point’s QR label; a token off the round’s route answers 404',
          params: idParams,
          body: inspectionCheckInBody,
          response: { 200: inspectionCheckInView },
        },
      },
      async (request) => rounds.checkIn(requireActor(request), request.params.id, request.body.qrToken),
    );
    app.post(
      '/api/inspection/rounds/:id/results',
      {
        schema: {
          tags,
          description: 'Records an item of a checked-in point; a failed item opens one repair work order for the point’s asset',
          params: idParams,
          body: inspectionResultBody,
          response: { 200: inspectionRoundDetailView },
        },
      },
      async (request) => rounds.recordResult(requireActor(request), request.params.id, request.body),
    );
    acceptAttachmentBodies(fastify);
    app.post(
      '/api/inspection/rounds/:id/items/:itemId/photo',
      {
        bodyLimit: uploadRouteOptions.bodyLimit,
        schema: {
          tags,
          description:
            'The picture for a photo item of a point checked in this round (JPEG, PNG or WebP, at most 10 MB, as the raw body; ' +
            'name it with the x-filename header). A file whose content is not its type answers 400 ATTACHMENT_REJECTED.',
          params: z.object({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(64) }),
          headers: uploadRouteOptions.headers,
          response: { 201: inspectionRoundDetailView },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await rounds.recordPhoto(requireActor(request), request.params.id, request.params.itemId, readUpload(request))),
    );
    app.get(
      '/api/inspection/rounds/:id/photos/:photoId',
      { schema: { tags, params: z.object({ id: z.string().min(1).max(64), photoId: z.string().min(1).max(64) }) } },
      async (request, reply) => sendAttachment(reply, await rounds.photo(requireActor(request), request.params.id, request.params.photoId)),
    );
    app.post(
      '/api/inspection/rounds/:id/finish',
      { schema: { tags, params: idParams, response: { 200: inspectionRoundDetailView } } },
      async (request) => rounds.finishRound(requireActor(request), request.params.id),
    );
  };
}
