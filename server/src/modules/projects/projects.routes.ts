import {
  investmentBody,
  milestoneBody,
  milestoneUpdateBody,
  monthParams,
  paged,
  projectBody,
  projectDetailView,
  projectImportResult,
  projectListQuery,
  projectServiceRequestBody,
  projectStatisticsView,
  projectUpdateBody,
  projectView,
  projectWatchlistsView,
  transitionBody,
  yearQuery,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { AppError } from '../../http/errors';
import type { ProjectService } from './projects.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;

export function projectRoutes(service: ProjectService) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['projects'];

    app.get('/api/projects', { schema: { tags, querystring: projectListQuery, response: { 200: paged(projectView) } } }, async (request) =>
      service.list(requireActor(request), request.query),
    );
    app.post('/api/projects', { schema: { tags, body: projectBody, response: { 201: projectDetailView } } }, async (request, reply) =>
      reply.status(201).send(await service.create(requireActor(request), request.body)),
    );
    app.get(
      '/api/projects/statistics',
      { schema: { tags, querystring: yearQuery, response: { 200: projectStatisticsView } } },
      async (request) => service.statistics(requireActor(request), request.query.year),
    );
    app.get(
      '/api/projects/watchlists',
      { schema: { tags, querystring: yearQuery, response: { 200: projectWatchlistsView } } },
      async (request) => service.watchlists(requireActor(request), request.query.year),
    );
    app.get(
      '/api/projects/export.xlsx',
      { schema: { tags, querystring: yearQuery, description: 'The project list of a year as an Excel sheet' } },
      async (request, reply) => {
        const file = await service.exportSheet(requireActor(request), request.query.year);
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', `attachment; filename="projects.xlsx"; filename*=UTF-8''${encodeURIComponent('项目台账.xlsx')}`)
          .send(file);
      },
    );
    app.get('/api/projects/:id', { schema: { tags, params: idParams, response: { 200: projectDetailView } } }, async (request) =>
      service.get(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/projects/:id',
      { schema: { tags, params: idParams, body: projectUpdateBody, response: { 200: projectDetailView } } },
      async (request) => service.update(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/projects/:id/transitions',
      { schema: { tags, params: idParams, body: transitionBody, response: { 200: projectDetailView } } },
      async (request) => service.transition(requireActor(request), request.params.id, request.body),
    );
    app.put(
      '/api/projects/:id/investments/:month',
      { schema: { tags, params: monthParams, body: investmentBody, response: { 200: projectDetailView } } },
      async (request) => service.recordInvestment(requireActor(request), request.params.id, request.params.month, request.body.amountWan),
    );
    app.post(
      '/api/projects/:id/milestones',
      { schema: { tags, params: idParams, body: milestoneBody, response: { 201: projectDetailView } } },
      async (request, reply) => reply.status(201).send(await service.addMilestone(requireActor(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/projects/:id/milestones/:milestoneId',
      {
        schema: {
          tags,
          params: z.object({ id: z.string().min(1).max(64), milestoneId: z.string().min(1).max(64) }),
          body: milestoneUpdateBody,
          response: { 200: projectDetailView },
        },
      },
      async (request) => service.updateMilestone(requireActor(request), request.params.id, request.params.milestoneId, request.body),
    );
    app.post(
      '/api/projects/:id/service-requests',
      {
        schema: {
          tags,
          params: idParams,
          body: projectServiceRequestBody,
          description: 'Files a direct-service request for the project (the project’s enterprise) and links it',
          response: { 201: projectDetailView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.fileServiceRequest(requireActor(request), request.params.id, request.body)),
    );

    app.addContentTypeParser(
      [XLSX_MIME, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/api/projects/import',
      {
        bodyLimit: IMPORT_LIMIT_BYTES,
        schema: {
          tags,
          description: `Upload an .xlsx (${XLSX_MIME}) as the raw body. All rows or none: 422 IMPORT_INVALID_ROWS lists every bad cell.`,
          response: { 200: projectImportResult },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!Buffer.isBuffer(request.body))
          throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the workbook as the raw body with content-type ${XLSX_MIME}`);
        return service.importSheet(actor, request.body);
      },
    );
  };
}
