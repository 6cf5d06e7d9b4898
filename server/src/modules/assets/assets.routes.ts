import {
  assetBody,
  assetDetailView,
  assetListQuery,
  assetSharingBody,
  assetSharingView,
  assetSummaryView,
  assetTransferListQuery,
  assetTransferOfferView,
  assetUpdateBody,
  assetView,
  lifecycleBody,
  lineBody,
  lineListQuery,
  lineView,
  mountBody,
  paged,
  plantBody,
  plantView,
  readingBody,
  transferBody,
  transferDecisionBody,
  transferTargetQuery,
  transferTargetView,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import type { AssetCustodyService } from './asset-custody.service';
import type { AssetSummaryService } from './asset-summary.service';
import type { AssetService } from './assets.service';
import type { PlaceService } from './places.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function assetRoutes({
  assets: service,
  custody,
  places,
  summary,
}: {
  assets: AssetService;
  custody: AssetCustodyService;
  places: PlaceService;
  summary: AssetSummaryService;
}) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['assets'];

    app.get('/api/plants', { schema: { tags, response: { 200: z.array(plantView) } } }, async (request) =>
      places.listPlants(requireActor(request)),
    );
    app.post('/api/plants', { schema: { tags, body: plantBody, response: { 201: plantView } } }, async (request, reply) =>
      reply.status(201).send(await places.createPlant(requireActor(request), request.body)),
    );
    app.patch(
      '/api/plants/:id',
      { schema: { tags, params: idParams, body: plantBody.partial(), response: { 200: plantView } } },
      async (request) => places.updatePlant(requireActor(request), request.params.id, request.body),
    );

    app.get('/api/lines', { schema: { tags, querystring: lineListQuery, response: { 200: z.array(lineView) } } }, async (request) =>
      places.listLines(requireActor(request), request.query.plantId),
    );
    app.post('/api/lines', { schema: { tags, body: lineBody, response: { 201: lineView } } }, async (request, reply) =>
      reply.status(201).send(await places.createLine(requireActor(request), request.body)),
    );
    app.patch(
      '/api/lines/:id',
      { schema: { tags, params: idParams, body: lineBody.partial(), response: { 200: lineView } } },
      async (request) => places.updateLine(requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/api/assets',
      {
        schema: {
          tags,
          description: 'Assets the caller’s enterprise owns or keeps',
          querystring: assetListQuery,
          response: { 200: paged(assetView) },
        },
      },
      async (request) => service.listAssets(requireActor(request), request.query),
    );
    app.post('/api/assets', { schema: { tags, body: assetBody, response: { 201: assetDetailView } } }, async (request, reply) =>
      reply.status(201).send(await service.createAsset(requireActor(request), request.body)),
    );
    app.get(
      '/api/assets/summary',
      {
        schema: { tags, description: 'Counts only: by kind, lifecycle state and keeping enterprise', response: { 200: assetSummaryView } },
      },
      async (request) => summary.summary(requireActor(request)),
    );
    app.get('/api/assets/:id', { schema: { tags, params: idParams, response: { 200: assetDetailView } } }, async (request) =>
      service.getAsset(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/assets/:id',
      { schema: { tags, params: idParams, body: assetUpdateBody, response: { 200: assetDetailView } } },
      async (request) => service.updateAsset(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/assets/:id/lifecycle',
      {
        schema: {
          tags,
          description: 'Illegal moves answer 409 INVALID_TRANSITION',
          params: idParams,
          body: lifecycleBody,
          response: { 200: assetDetailView },
        },
      },
      async (request) => service.changeLifecycle(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/assets/:id/readings',
      {
        schema: {
          tags,
          description: 'A counter reading below the previous one answers 409 COUNTER_BACKWARDS unless it is a reset or a rollover',
          params: idParams,
          body: readingBody,
          response: { 200: assetDetailView },
        },
      },
      async (request) => service.recordReading(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/assets/:id/mount',
      { schema: { tags, params: idParams, body: mountBody, response: { 200: assetDetailView } } },
      async (request) => custody.mount(requireActor(request), request.params.id, request.body),
    );
    app.post('/api/assets/:id/unmount', { schema: { tags, params: idParams, response: { 200: assetDetailView } } }, async (request) =>
      custody.unmount(requireActor(request), request.params.id),
    );
    app.get(
      '/api/assets/sharing',
      {
        schema: {
          tags,
          description: "Whether the caller's enterprise shows the county its own asset summary",
          response: { 200: assetSharingView },
        },
      },
      async (request) => summary.getSharing(requireActor(request)),
    );
    app.put(
      '/api/assets/sharing',
      {
        schema: {
          tags,
          description: 'The enterprise admin opts in to (or out of) showing the county its asset summary',
          body: assetSharingBody,
          response: { 200: assetSharingView },
        },
      },
      async (request) => summary.setSharing(requireActor(request), request.body),
    );
    app.get(
      '/api/assets/transfer-targets',
      {
        schema: {
          tags,
          description:
            'The receiver of a transfer, for an enterprise admin: an exact unified social credit code, or at least two characters ' +
            'of the name; at most 5 enterprises, id and name only',
          querystring: transferTargetQuery,
          response: { 200: z.array(transferTargetView) },
        },
      },
      async (request) => custody.transferTargets(requireActor(request), request.query.q),
    );
    app.post(
      '/api/assets/:id/transfer',
      {
        schema: {
          tags,
          description:
            'Offers the asset to another enterprise, whose admin accepts or declines it: 202 with the pending offer. ' +
            'A custodian sending the asset back to its owner moves it at once: 200 with the asset. ' +
            'A second offer while one is pending answers 409 CONFLICT',
          params: idParams,
          body: transferBody,
          response: { 200: assetDetailView, 202: assetTransferOfferView },
        },
      },
      async (request, reply) => {
        const outcome = await custody.transfer(requireActor(request), request.params.id, request.body);
        return outcome.kind === 'moved' ? reply.status(200).send(outcome.asset) : reply.status(202).send(outcome.offer);
      },
    );
    app.get(
      '/api/asset-transfers',
      {
        schema: {
          tags,
          description: 'Transfer offers the caller’s enterprise receives (incoming) or sent (outgoing), newest first, at most 200',
          querystring: assetTransferListQuery,
          response: { 200: z.array(assetTransferOfferView) },
        },
      },
      async (request) => custody.listOffers(requireActor(request), request.query),
    );
    app.post(
      '/api/asset-transfers/:id/accept',
      {
        schema: {
          tags,
          description:
            'The receiving enterprise admin takes the asset; 409 CONFLICT when it changed since it was offered, ' +
            '409 INVALID_TRANSITION when the offer is no longer pending',
          params: idParams,
          response: { 200: assetTransferOfferView },
        },
      },
      async (request) => custody.acceptOffer(requireActor(request), request.params.id),
    );
    app.post(
      '/api/asset-transfers/:id/decline',
      {
        schema: {
          tags,
          description: 'The receiving enterprise admin declines, with an optional note (body {} for none); the asset stays where it is',
          params: idParams,
          body: transferDecisionBody,
          response: { 200: assetTransferOfferView },
        },
      },
      async (request) => custody.declineOffer(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/asset-transfers/:id/cancel',
      {
        schema: {
          tags,
          description: 'The sending enterprise admin withdraws a pending offer',
          params: idParams,
          response: { 200: assetTransferOfferView },
        },
      },
      async (request) => custody.cancelOffer(requireActor(request), request.params.id),
    );
    app.get(
      '/api/assets/:id/label',
      { schema: { tags, description: 'A printable SVG QR label encoding <origin>/assets/<id>', params: idParams } },
      async (request, reply) => {
        const svg = await service.label(requireActor(request), request.params.id, `${request.protocol}://${request.host}`);
        return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=300').send(svg);
      },
    );
  };
}
