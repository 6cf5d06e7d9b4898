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
import type { MaintenanceKpiService } from './maintenance-kpis.service';
import type { PlanService } from './plans.service';
import type { SparePartService } from './spare-parts.service';
import type { WorkOrderAttachmentService } from './work-order-attachments.service';
import type { WorkOrderChecklistService } from './work-order-checklist.service';
import type { WorkOrderService } from './work-orders.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function maintenanceRoutes({
  plans,
  workOrders,
  checklist,
  attachments,
  kpis,
  spareParts,
}: {
  plans: PlanService;
  workOrders: WorkOrderService;
  checklist: WorkOrderChecklistService;
  attachments: WorkOrderAttachmentService;
  kpis: MaintenanceKpiService;
  spareParts: SparePartService;
}) {
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
      async (request) => plans.listPlans(requireActor(request), request.query.assetId),
    );
    app.post('/api/maintenance/plans', { schema: { tags, body: planBody, response: { 201: planView } } }, async (request, reply) =>
      reply.status(201).send(await plans.createPlan(requireActor(request), request.body)),
    );
    app.get('/api/maintenance/plans/:id', { schema: { tags, params: idParams, response: { 200: planView } } }, async (request) =>
      plans.getPlan(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/maintenance/plans/:id',
      { schema: { tags, params: idParams, body: planUpdateBody, response: { 200: planView } } },
      async (request) => plans.updatePlan(requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/api/maintenance/plans/:id',
      { schema: { tags, description: 'A plan with work orders answers 409: deactivate it instead', params: idParams } },
      async (request, reply) => {
        await plans.deletePlan(requireActor(request), request.params.id);
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
      async (request) => plans.planStatus(requireActor(request), request.params.id),
    );

    app.get(
      '/api/work-orders',
      { schema: { tags, querystring: workOrderListQuery, response: { 200: paged(workOrderView) } } },
      async (request) => workOrders.listWorkOrders(requireActor(request), request.query),
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
      async (request, reply) => reply.status(201).send(await workOrders.reportWorkOrder(requireActor(request), request.body)),
    );
    app.get('/api/work-orders/:id', { schema: { tags, params: idParams, response: { 200: workOrderDetailView } } }, async (request) =>
      workOrders.getWorkOrder(requireActor(request), request.params.id),
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
      async (request) => workOrders.act(requireActor(request), request.params.id, request.body),
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
      async (request) => checklist.tick(requireActor(request), request.params.id, request.params.itemId, request.body),
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
      async (request, reply) =>
        reply.status(201).send(await attachments.attach(requireActor(request), request.params.id, readUpload(request))),
    );
    app.get(
      '/api/work-orders/:id/attachments/:attachmentId',
      { schema: { tags, params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }) } },
      async (request, reply) =>
        sendAttachment(reply, await attachments.attachment(requireActor(request), request.params.id, request.params.attachmentId)),
    );

    app.get('/api/maintenance/kpis', { schema: { tags, querystring: kpiQuery, response: { 200: kpiView } } }, async (request) =>
      kpis.kpis(requireActor(request), request.query),
    );
    app.get(
      '/api/maintenance/kpis/county',
      { schema: { tags, querystring: kpiQuery, response: { 200: countyKpiView } } },
      async (request) => kpis.countyKpis(requireActor(request), request.query),
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
      async (request) => kpis.getSharing(requireActor(request)),
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
      async (request) => kpis.setSharing(requireActor(request), request.body),
    );
    app.get('/api/spare-parts', { schema: { tags, response: { 200: z.array(sparePartView) } } }, async (request) =>
      spareParts.list(requireActor(request)),
    );
    app.post('/api/spare-parts', { schema: { tags, body: sparePartBody, response: { 201: sparePartView } } }, async (request, reply) =>
      reply.status(201).send(await spareParts.create(requireActor(request), request.body)),
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
      async (request) => spareParts.adjustStock(requireActor(request), request.params.id, request.body),
    );
  };
}
