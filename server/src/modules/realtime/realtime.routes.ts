import type { DomainEvent } from '@tiantai/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { StreamSlots } from '../../http/stream-slots';
import { AppError, notFound } from '../../http/errors';
import { audienceOf, eventFor, type Audience } from './audience';
import type { EventBus } from './event-bus';

export const HEARTBEAT_MS = 15_000;
/** A browser that stops reading is cut off (it reconnects and refetches its snapshot) rather than buffered for. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface StreamAccess {
  /** A kiosk screen token (`?token=`): the audience of its one screen, or null when unknown or revoked. */
  kioskAudience(token: string): Promise<Audience | null>;
  /** Whether the enterprise actor's enterprise has this plant (another's answers 404). */
  ownsPlant(request: FastifyRequest, plantId: string): Promise<boolean>;
}

const tags = ['realtime'];

/**
 * GET /api/realtime/stream: server-sent events of the domain events the caller may see. Reconnecting is
 * snapshot-based, not replay-based: the first frame is `event: ready` (the subscription is in place), on
 * which the client (re)fetches its snapshot and then applies the events that follow. Comments every 15 s
 * keep proxies from closing an idle stream.
 */
export function realtimeRoutes(bus: EventBus, access: StreamAccess) {
  return async function (fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const streams = new Set<() => void>();
    const slots = new StreamSlots();
    fastify.addHook('preClose', async () => {
      for (const end of streams) end();
    });

    app.get(
      '/api/realtime/stream',
      {
        schema: {
          tags,
          description:
            'text/event-stream of domain events scoped to the caller (session, Bearer token, or a kiosk screen `token`). ' +
            'The first frame is `event: ready`; fetch the snapshot then, and on every reconnect.',
          querystring: z.object({ token: z.string().max(200).optional(), plantId: z.string().max(64).optional() }),
        },
      },
      async (request, reply) => {
        let audience: Audience;
        if (request.query.token !== undefined) {
          const kiosk = await access.kioskAudience(request.query.token);
          if (!kiosk) throw new AppError(401, 'UNAUTHENTICATED', 'Unknown or revoked screen token');
          audience = kiosk;
        } else {
          const actor = requireActor(request);
          const plantId = request.query.plantId ?? null;
          audience = audienceOf(actor, plantId);
          if (plantId !== null && (audience.kind !== 'enterprise' || !(await access.ownsPlant(request, plantId)))) throw notFound('Plant');
        }

        const release = slots.take(audience.kioskTokenId ? `kiosk:${audience.kioskTokenId}` : `user:${request.actor?.userId ?? ''}`);
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        out.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ instanceId: bus.instanceId })}\n\n`);

        const send = (frame: string) => {
          if (out.writableLength > MAX_BUFFERED_BYTES) return end();
          out.write(frame);
        };
        const unsubscribe = bus.subscribe((event: DomainEvent) => {
          if (event.type === 'screen_token.revoked' && audience.kioskTokenId === event.tokenId) return end();
          const visible = eventFor(audience, event);
          if (visible) send(`id: ${visible.id}\nevent: ${visible.type}\ndata: ${JSON.stringify(visible)}\n\n`);
        });
        const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
        let ended = false;
        function end() {
          if (ended) return;
          ended = true;
          release();
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(end);
          out.end();
        }
        streams.add(end);
        request.raw.on('close', end);
      },
    );
  };
}
