import { notificationView, type DomainEvent } from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { StreamSlots } from '../../http/stream-slots';
import type { NotificationService } from './notifications.service';

/** `subscribe` is the domain-event bus's: a bell's stream hears of its user's new notifications from any instance. */
export function notificationRoutes(service: NotificationService, subscribe: (listener: (event: DomainEvent) => void) => () => void) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    // Listed with the direct service in the API docs, where the bell began.
    const tags = ['service-requests'];

    app.get(
      '/api/notifications',
      { schema: { tags, response: { 200: z.object({ unread: z.number().int(), items: z.array(notificationView) }) } } },
      async (request) => service.list(requireActor(request)),
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
    const slots = new StreamSlots();
    fastify.addHook('preClose', async () => {
      for (const end of streams) end();
    });
    app.get(
      '/api/notifications/stream',
      { schema: { tags, description: 'text/event-stream of notifications' } },
      async (request, reply) => {
        const actor = requireActor(request);
        const release = slots.take(`user:${actor.userId}`);
        // What the bell already shows is not pushed again. Then every notifications.created event for this
        // user, and one catch-up for anything written between that read and the subscription, push what is
        // new — one fetch after another, so two events close together never send a notification twice.
        const sent = new Set<string>();
        await service.unsent(actor.userId, sent);
        let pushing = Promise.resolve();
        const push = () => {
          pushing = pushing
            .then(() => service.unsent(actor.userId, sent))
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
          release();
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
