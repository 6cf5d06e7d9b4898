import {
  actionBody,
  calendarDayBody,
  calendarDayView,
  greenRateFormula,
  categoryUpdateBody,
  categoryView,
  createRequestBody,
  notificationView,
  paged,
  requestDetailView,
  requestListQuery,
  requestView,
  statisticsQuery,
  statisticsView,
  type DomainEvent,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptAttachmentBodies, readUpload, sendAttachment, uploadRouteOptions } from '../../http/attachments';
import { requireActor } from '../../http/auth';
import type { ServiceRequestService } from './service-requests.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const dateParams = z.object({ date: z.iso.date() });
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `subscribe` is the domain-event bus's: a bell's stream hears of its user's new notifications from any instance. */
export function serviceRequestRoutes(service: ServiceRequestService, subscribe: (listener: (event: DomainEvent) => void) => () => void) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['service-requests'];

    app.get('/api/service-requests/categories', { schema: { tags, response: { 200: z.array(categoryView) } } }, async (request) =>
      service.listCategories(requireActor(request)),
    );
    app.patch(
      '/api/service-requests/categories/:code',
      {
        schema: { tags, params: z.object({ code: z.string().min(1).max(40) }), body: categoryUpdateBody, response: { 200: categoryView } },
      },
      async (request) => service.updateCategory(requireActor(request), request.params.code, request.body),
    );

    app.get(
      '/api/service-requests',
      { schema: { tags, querystring: requestListQuery, response: { 200: paged(requestView) } } },
      async (request) => service.list(requireActor(request), request.query),
    );
    app.post(
      '/api/service-requests',
      { schema: { tags, body: createRequestBody, response: { 201: requestDetailView } } },
      async (request, reply) => reply.status(201).send(await service.create(requireActor(request), request.body)),
    );

    app.get(
      '/api/service-requests/statistics',
      { schema: { tags, querystring: statisticsQuery, response: { 200: statisticsView } } },
      async (request) => service.statistics(requireActor(request), request.query),
    );
    app.get('/api/service-requests/statistics.xlsx', { schema: { tags, querystring: statisticsQuery } }, async (request, reply) => {
      const file = await service.statisticsExport(requireActor(request), request.query);
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
      return service.greenFormula();
    });
    app.put(
      '/api/service-requests/green-formula',
      { schema: { tags, body: greenRateFormula, response: { 200: greenRateFormula } } },
      async (request) => service.setGreenFormula(requireActor(request), request.body),
    );

    app.get('/api/service-requests/:id', { schema: { tags, params: idParams, response: { 200: requestDetailView } } }, async (request) =>
      service.get(requireActor(request), request.params.id),
    );
    app.post(
      '/api/service-requests/:id/actions',
      { schema: { tags, params: idParams, body: actionBody, response: { 200: requestDetailView } } },
      async (request) => service.act(requireActor(request), request.params.id, request.body),
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
      async (request, reply) => reply.status(201).send(await service.attach(requireActor(request), request.params.id, readUpload(request))),
    );
    app.get(
      '/api/service-requests/:id/attachments/:attachmentId',
      { schema: { tags, params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }) } },
      async (request, reply) =>
        sendAttachment(reply, await service.attachment(requireActor(request), request.params.id, request.params.attachmentId)),
    );

    app.get('/api/calendar', { schema: { tags, response: { 200: z.array(calendarDayView) } } }, async (request) =>
      service.listCalendarOverrides(requireActor(request)),
    );
    app.put('/api/calendar/:date', { schema: { tags, params: dateParams, body: calendarDayBody } }, async (request, reply) => {
      await service.setCalendarDay(requireActor(request), { date: request.params.date, ...request.body });
      return reply.status(204).send();
    });
    app.delete('/api/calendar/:date', { schema: { tags, params: dateParams } }, async (request, reply) => {
      await service.deleteCalendarDay(requireActor(request), request.params.date);
      return reply.status(204).send();
    });

    app.get(
      '/api/notifications',
      { schema: { tags, response: { 200: z.object({ unread: z.number().int(), items: z.array(notificationView) }) } } },
      async (request) => service.listNotifications(requireActor(request)),
    );
    app.post(
      '/api/notifications/read',
      { schema: { tags, body: z.object({ ids: z.union([z.array(z.string().max(64)).max(500), z.literal('all')]) }) } },
      async (request, reply) => {
        await service.markRead(requireActor(request), request.body.ids);
        return reply.status(204).send();
      },
    );
    // Server-sent events: each notification for the signed-in user as it is written. Open streams are
    // ended when the server closes, so a graceful shutdown does not wait for browsers to hang up.
    const streams = new Set<() => void>();
    fastify.addHook('preClose', async () => {
      for (const end of streams) end();
    });
    app.get(
      '/api/notifications/stream',
      { schema: { tags, description: 'text/event-stream of notifications' } },
      async (request, reply) => {
        const actor = requireActor(request);
        // What the bell already shows is not pushed again. Then every notifications.created event for this
        // user, and one catch-up for anything written between that read and the subscription, push what is
        // new — one fetch after another, so two events close together never send a notification twice.
        const sent = new Set<string>();
        await service.unsentNotifications(actor.userId, sent);
        let pushing = Promise.resolve();
        const push = () => {
          pushing = pushing
            .then(() => service.unsentNotifications(actor.userId, sent))
            .then((fresh) => {
              if (reply.raw.writableEnded) return; // the browser left while the fetch ran
              for (const n of fresh) reply.raw.write(`event: notification\ndata: ${JSON.stringify(n)}\n\n`);
            })
            .catch((error: unknown) => request.log.warn({ err: error }, 'notification push failed'));
        };
        const unsubscribe = subscribe((event) => {
          if (event.type === 'notifications.created' && event.userIds.includes(actor.userId)) push();
        });
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        reply.raw.write(': connected\n\n');
        push();
        const heartbeat = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
        const end = () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(end);
          reply.raw.end();
        };
        streams.add(end);
        request.raw.on('close', end);
      },
    );
  };
}
