import {
  checklistTickBody,
  countyKpiView,
  createWorkOrderBody,
  kpiQuery,
  kpiView,
  maintenanceSharingBody,
  maintenanceSharingView,
  paged,
  planBody,
  planListQuery,
  planStatusView,
  planUpdateBody,
  planView,
  sparePartBody,
  sparePartView,
  stockAdjustBody,
  workOrderActionBody,
  workOrderDetailView,
  workOrderListQuery,
  workOrderView,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptAttachmentBodies, readUpload, sendAttachment, uploadRouteOptions } from '../../http/attachments';
import { requireActor } from '../../http/auth';
import type { MaintenanceService } from './maintenance.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function maintenanceRoutes(service: MaintenanceService) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['maintenance'];

    app.get(
      '/api/maintenance/plans',
      {
        schema: {
          tags,
          description: 'Plans of the assets the caller’s enterprise keeps',
          querystring: planListQuery,
          response: { 200: z.array(planView) },
        },
      },
      async (request) => service.listPlans(requireActor(request), request.query.assetId),
    );
    app.post('/api/maintenance/plans', { schema: { tags, body: planBody, response: { 201: planView } } }, async (request, reply) =>
      reply.status(201).send(await service.createPlan(requireActor(request), request.body)),
    );
    app.get('/api/maintenance/plans/:id', { schema: { tags, params: idParams, response: { 200: planView } } }, async (request) =>
      service.getPlan(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/maintenance/plans/:id',
      { schema: { tags, params: idParams, body: planUpdateBody, response: { 200: planView } } },
      async (request) => service.updatePlan(requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/maintenance/plans/:id',
      { schema: { tags, description: 'A plan with work orders answers 409: deactivate it instead', params: idParams } },
      async (request, reply) => {
        await service.deletePlan(requireActor(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/maintenance/plans/:id/status',
      {
        schema: {
          tags,
          description: 'OK / WARNING / DUE / OVERDUE and the next due point',
          params: idParams,
          response: { 200: planStatusView },
        },
      },
      async (request) => service.planStatus(requireActor(request), request.params.id),
    );

    app.get(
      '/api/work-orders',
      { schema: { tags, querystring: workOrderListQuery, response: { 200: paged(workOrderView) } } },
      async (request) => service.listWorkOrders(requireActor(request), request.query),
    );
    app.post(
      '/api/work-orders',
      {
        schema: {
          tags,
          description: '报修: a fault report on an asset the enterprise keeps',
          body: createWorkOrderBody,
          response: { 201: workOrderDetailView },
        },
      },
      async (request, reply) => reply.status(201).send(await service.reportWorkOrder(requireActor(request), request.body)),
    );
    app.get('/api/work-orders/:id', { schema: { tags, params: idParams, response: { 200: workOrderDetailView } } }, async (request) =>
      service.getWorkOrder(requireActor(request), request.params.id),
    );
    app.post(
      '/api/work-orders/:id/actions',
      {
        schema: {
          tags,
          description: 'Illegal moves answer 409 INVALID_TRANSITION; parts beyond the stock 409 INSUFFICIENT_STOCK',
          params: idParams,
          body: workOrderActionBody,
          response: { 200: workOrderDetailView },
        },
      },
      async (request) => service.act(requireActor(request), request.params.id, request.body),
    );

    app.put(
      '/api/work-orders/:id/checklist/:itemId',
      {
        schema: {
          tags,
          description:
            'Ticks one checklist item (pass / fail / na) while the order is in progress or on hold; otherwise 409 INVALID_TRANSITION. ' +
            'Completing the order answers 409 CHECKLIST_INCOMPLETE while required items are unticked.',
          params: z.object({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(64) }),
          body: checklistTickBody,
          response: { 200: workOrderDetailView },
        },
      },
      async (request) => service.tick(requireActor(request), request.params.id, request.params.itemId, request.body),
    );

    acceptAttachmentBodies(fastify);
    app.post(
      '/api/work-orders/:id/attachments',
      {
        bodyLimit: uploadRouteOptions.bodyLimit,
        schema: {
          tags,
          params: idParams,
          headers: uploadRouteOptions.headers,
          description: `${uploadRouteOptions.description} An accepted order answers 409 INVALID_TRANSITION.`,
          response: { 201: workOrderDetailView },
        },
      },
      async (request, reply) => reply.status(201).send(await service.attach(requireActor(request), request.params.id, readUpload(request))),
    );
    app.get(
      '/api/work-orders/:id/attachments/:attachmentId',
      { schema: { tags, params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }) } },
      async (request, reply) =>
        sendAttachment(reply, await service.attachment(requireActor(request), request.params.id, request.params.attachmentId)),
    );

    app.get('/api/maintenance/kpis', { schema: { tags, querystring: kpiQuery, response: { 200: kpiView } } }, async (request) =>
      service.kpis(requireActor(request), request.query),
    );
    app.get(
      '/api/maintenance/kpis/county',
      { schema: { tags, querystring: kpiQuery, response: { 200: countyKpiView } } },
      async (request) => service.countyKpis(requireActor(request), request.query),
    );
    app.get(
      '/api/maintenance/sharing',
      {
        schema: {
          tags,
          description: "Whether the caller's enterprise shows the county its maintenance figures",
          response: { 200: maintenanceSharingView },
        },
      },
      async (request) => service.getSharing(requireActor(request)),
    );
    app.put(
      '/api/maintenance/sharing',
      {
        schema: {
          tags,
          description: 'The enterprise admin opts in to (or out of) showing the county its maintenance figures',
          body: maintenanceSharingBody,
          response: { 200: maintenanceSharingView },
        },
      },
      async (request) => service.setSharing(requireActor(request), request.body),
    );
    app.get('/api/spare-parts', { schema: { tags, response: { 200: z.array(sparePartView) } } }, async (request) =>
      service.listSpareParts(requireActor(request)),
    );
    app.post('/api/spare-parts', { schema: { tags, body: sparePartBody, response: { 201: sparePartView } } }, async (request, reply) =>
      reply.status(201).send(await service.createSparePart(requireActor(request), request.body)),
    );
    app.post(
      '/api/spare-parts/:id/adjust',
      {
        schema: {
          tags,
          description: 'The stock never goes below zero (409 INSUFFICIENT_STOCK)',
          params: idParams,
          body: stockAdjustBody,
          response: { 200: sparePartView },
        },
      },
      async (request) => service.adjustStock(requireActor(request), request.params.id, request.body),
    );
  };
}
