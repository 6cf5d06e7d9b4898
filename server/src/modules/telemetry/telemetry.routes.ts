import {
  alarmListQuery,
  alarmRuleBody,
  alarmRuleView,
  alarmView,
  deviceBody,
  deviceCredentialsView,
  deviceDetailView,
  deviceListQuery,
  deviceUpdateBody,
  deviceView,
  ingestStatsView,
  paged,
  seriesQuery,
  seriesView,
  utilisationQuery,
  utilisationView,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import { requireActor } from '../../http/auth';
import type { IngestService } from './ingest';
import { MAX_PAYLOAD_BYTES } from './payload';
import type { AlarmService } from './alarms.service';
import type { TelemetryService } from './telemetry.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function telemetryRoutes({ service, alarms, ingest }: { service: TelemetryService; alarms: AlarmService; ingest: IngestService }) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['telemetry'];

    app.get(
      '/api/telemetry/devices',
      { schema: { tags, querystring: deviceListQuery, response: { 200: z.array(deviceView) } } },
      async (request) => service.list(requireActor(request), request.query),
    );
    app.post(
      '/api/telemetry/devices',
      {
        schema: {
          tags,
          description: 'Provisions a device or gateway (enterprise admin); the answer carries its access token',
          body: deviceBody,
          response: { 201: z.object({ device: deviceDetailView, credentials: deviceCredentialsView }) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(requireActor(request), request.body)),
    );
    app.get('/api/telemetry/devices/:id', { schema: { tags, params: idParams, response: { 200: deviceDetailView } } }, async (request) =>
      service.detail(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/telemetry/devices/:id',
      { schema: { tags, params: idParams, body: deviceUpdateBody, response: { 200: deviceDetailView } } },
      async (request) => service.update(requireActor(request), request.params.id, request.body),
    );
    app.delete('/api/telemetry/devices/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
      await service.remove(requireActor(request), request.params.id);
      return reply.status(204).send();
    });
    app.get(
      '/api/telemetry/devices/:id/credentials',
      { schema: { tags, params: idParams, response: { 200: deviceCredentialsView } } },
      async (request) => service.getCredentials(requireActor(request), request.params.id),
    );
    app.post(
      '/api/telemetry/devices/:id/rotate-token',
      {
        schema: {
          tags,
          description: 'A new access token; the old one stops working at once',
          params: idParams,
          response: { 200: deviceCredentialsView },
        },
      },
      async (request) => service.rotateToken(requireActor(request), request.params.id),
    );
    app.get(
      '/api/telemetry/devices/:id/series',
      {
        schema: {
          tags,
          description: 'Points of one metric; raw up to 6 h, 1-minute rollups up to 7 days, hourly beyond (unless resolution is given)',
          params: idParams,
          querystring: seriesQuery,
          response: { 200: seriesView },
        },
      },
      async (request) => service.series(requireActor(request), request.params.id, request.query),
    );
    app.get(
      '/api/telemetry/devices/:id/utilisation',
      { schema: { tags, params: idParams, querystring: utilisationQuery, response: { 200: utilisationView } } },
      async (request) => service.utilisation(requireActor(request), request.params.id, request.query.from, request.query.to),
    );
    app.get(
      '/api/telemetry/alarms',
      { schema: { tags, querystring: alarmListQuery, response: { 200: paged(alarmView) } } },
      async (request) => alarms.alarms(requireActor(request), request.query),
    );
    app.post(
      '/api/telemetry/alarms/:id/acknowledge',
      { schema: { tags, params: idParams, response: { 200: alarmView } } },
      async (request) => alarms.acknowledge(requireActor(request), request.params.id),
    );
    app.get('/api/telemetry/alarm-rules', { schema: { tags, response: { 200: z.array(alarmRuleView) } } }, async (request) =>
      alarms.listRules(requireActor(request)),
    );
    app.post(
      '/api/telemetry/alarm-rules',
      { schema: { tags, body: alarmRuleBody, response: { 201: alarmRuleView } } },
      async (request, reply) => reply.status(201).send(await alarms.saveRule(requireActor(request), null, request.body)),
    );
    app.patch(
      '/api/telemetry/alarm-rules/:id',
      { schema: { tags, params: idParams, body: alarmRuleBody, response: { 200: alarmRuleView } } },
      async (request) => alarms.saveRule(requireActor(request), request.params.id, request.body),
    );
    app.delete('/api/telemetry/alarm-rules/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
      await alarms.deleteRule(requireActor(request), request.params.id);
      return reply.status(204).send();
    });
    app.get('/api/telemetry/ingest-stats', { schema: { tags, response: { 200: ingestStatsView } } }, async (request) =>
      service.ingestStats(requireActor(request)),
    );

    // The device HTTP API (ThingsBoard's): the token in the path is the credential; no session, no CSRF.
    await app.register(async (device) => {
      device.removeAllContentTypeParsers();
      device.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_PAYLOAD_BYTES }, (_request, body, done) => done(null, body));
      // A chunked body without a length runs into the parser's limit instead: count that refusal too.
      device.addHook('onError', async (request, _reply, error) => {
        if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return;
        const known = await ingest.authenticate((request.params as { token?: string }).token);
        ingest.refuse(known, known ? 'oversize' : 'unknown_token', 'HTTP body over the limit');
      });
      // A body over the limit is refused before it is read, and counted against the device it names.
      device.addHook('onRequest', async (request) => {
        if (Number(request.headers['content-length'] ?? 0) <= MAX_PAYLOAD_BYTES) return;
        const token = (request.params as { token?: string }).token;
        const known = await ingest.authenticate(token);
        ingest.refuse(known, known ? 'oversize' : 'unknown_token', `HTTP body of ${request.headers['content-length']} bytes`);
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', `A telemetry body is at most ${MAX_PAYLOAD_BYTES} bytes`);
      });
      device.withTypeProvider<ZodTypeProvider>().post(
        '/api/v1/:token/telemetry',
        {
          schema: {
            tags: ['device API'],
            description: 'Telemetry from a device: {"temp": 61.5}, {"ts": ms, "values": {...}} or an array of those. 200 once stored.',
            params: z.object({ token: z.string().min(1).max(200) }),
          },
        },
        async (request, reply) => {
          const device = await ingest.authenticate(request.params.token);
          if (!device) {
            ingest.refuse(null, 'unknown_token', 'HTTP telemetry with an unknown access token');
            throw new AppError(401, 'UNAUTHENTICATED', 'Unknown device access token');
          }
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const result = await ingest.ingest(device, body);
          if (result.ok) return reply.status(200).send({ stored: result.points });
          if (result.reason === 'rate_limited') throw new AppError(429, 'RATE_LIMITED', result.detail);
          if (result.reason === 'oversize') throw new AppError(413, 'PAYLOAD_TOO_LARGE', result.detail);
          throw new AppError(400, 'VALIDATION_FAILED', result.detail);
        },
      );
    });
  };
}
