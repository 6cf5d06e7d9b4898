import {
  actionBody,
  calendarDayBody,
  calendarDayView,
  greenRateFormula,
  categoryUpdateBody,
  categoryView,
  createRequestBody,
  paged,
  requestDetailView,
  requestListQuery,
  requestView,
  statisticsQuery,
  statisticsView,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptAttachmentBodies, readUpload, sendAttachment, uploadRouteOptions } from '../../http/attachments';
import { requireActor } from '../../http/auth';
import type { RequestAttachmentService } from './request-attachments.service';
import type { RequestSettingsService } from './request-settings.service';
import type { ServiceRequestService } from './service-requests.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const dateParams = z.object({ date: z.iso.date() });
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function serviceRequestRoutes({
  serviceRequests,
  settings,
  attachments,
}: {
  serviceRequests: ServiceRequestService;
  settings: RequestSettingsService;
  attachments: RequestAttachmentService;
}) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['service-requests'];

    app.get('/api/service-requests/categories', { schema: { tags, response: { 200: z.array(categoryView) } } }, async (request) =>
      settings.listCategories(requireActor(request)),
    );
    app.patch(
      '/api/service-requests/categories/:code',
      {
        schema: { tags, params: z.object({ code: z.string().min(1).max(40) }), body: categoryUpdateBody, response: { 200: categoryView } },
      },
      async (request) => settings.updateCategory(requireActor(request), request.params.code, request.body),
    );

    app.get(
      '/api/service-requests',
      { schema: { tags, querystring: requestListQuery, response: { 200: paged(requestView) } } },
      async (request) => serviceRequests.list(requireActor(request), request.query),
    );
    app.post(
      '/api/service-requests',
      { schema: { tags, body: createRequestBody, response: { 201: requestDetailView } } },
      async (request, reply) => reply.status(201).send(await serviceRequests.create(requireActor(request), request.body)),
    );

    app.get(
      '/api/service-requests/statistics',
      { schema: { tags, querystring: statisticsQuery, response: { 200: statisticsView } } },
      async (request) => serviceRequests.statistics(requireActor(request), request.query),
    );
    app.get('/api/service-requests/statistics.xlsx', { schema: { tags, querystring: statisticsQuery } }, async (request, reply) => {
      const file = await serviceRequests.statisticsExport(requireActor(request), request.query);
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="service-statistics.xlsx"; filename*=UTF-8''${encodeURIComponent('直通服务统计.xlsx')}`,
        )
        .send(file);
    });
    app.get('/api/service-requests/green-formula', { schema: { tags, response: { 200: greenRateFormula } } }, async (request) => {
      requireActor(request);
      return settings.greenFormula();
    });
    app.put(
      '/api/service-requests/green-formula',
      { schema: { tags, body: greenRateFormula, response: { 200: greenRateFormula } } },
      async (request) => settings.setGreenFormula(requireActor(request), request.body),
    );

    app.get('/api/service-requests/:id', { schema: { tags, params: idParams, response: { 200: requestDetailView } } }, async (request) =>
      serviceRequests.get(requireActor(request), request.params.id),
    );
    app.post(
      '/api/service-requests/:id/actions',
      { schema: { tags, params: idParams, body: actionBody, response: { 200: requestDetailView } } },
      async (request) => serviceRequests.act(requireActor(request), request.params.id, request.body),
    );

    acceptAttachmentBodies(fastify);
    app.post(
      '/api/service-requests/:id/attachments',
      {
        bodyLimit: uploadRouteOptions.bodyLimit,
        schema: {
          tags,
          params: idParams,
          headers: uploadRouteOptions.headers,
          description: uploadRouteOptions.description,
          response: { 201: requestDetailView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await attachments.attach(requireActor(request), request.params.id, readUpload(request))),
    );
    app.get(
      '/api/service-requests/:id/attachments/:attachmentId',
      { schema: { tags, params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }) } },
      async (request, reply) =>
        sendAttachment(reply, await attachments.attachment(requireActor(request), request.params.id, request.params.attachmentId)),
    );

    app.get('/api/calendar', { schema: { tags, response: { 200: z.array(calendarDayView) } } }, async (request) =>
      settings.listCalendarOverrides(requireActor(request)),
    );
    app.put('/api/calendar/:date', { schema: { tags, params: dateParams, body: calendarDayBody } }, async (request, reply) => {
      await settings.setCalendarDay(requireActor(request), { date: request.params.date, ...request.body });
      return reply.status(204).send();
    });
    app.delete('/api/calendar/:date', { schema: { tags, params: dateParams } }, async (request, reply) => {
      await settings.deleteCalendarDay(requireActor(request), request.params.date);
      return reply.status(204).send();
    });
  };
}
