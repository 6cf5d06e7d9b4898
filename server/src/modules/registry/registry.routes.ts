import {
  departmentBody,
  departmentView,
  enterpriseBody,
  enterpriseListQuery,
  enterpriseSaved,
  enterpriseUpdateBody,
  enterpriseView,
  importResult,
  paged,
  parkBody,
  parkView,
} from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import { requireActor } from '../../http/auth';
import type { RegistryService } from './registry.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;

export function registryRoutes(service: RegistryService) {
  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/parks', { schema: { tags: ['registry'], response: { 200: z.array(parkView) } } }, async (request) =>
      service.listParks(requireActor(request)),
    );
    app.post('/api/parks', { schema: { tags: ['registry'], body: parkBody, response: { 201: parkView } } }, async (request, reply) =>
      reply.status(201).send(await service.createPark(requireActor(request), request.body)),
    );
    app.get('/api/parks/:id', { schema: { tags: ['registry'], params: idParams, response: { 200: parkView } } }, async (request) =>
      service.getPark(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/parks/:id',
      { schema: { tags: ['registry'], params: idParams, body: parkBody.partial(), response: { 200: parkView } } },
      async (request) => service.updatePark(requireActor(request), request.params.id, request.body),
    );

    app.get('/api/departments', { schema: { tags: ['registry'], response: { 200: z.array(departmentView) } } }, async (request) =>
      service.listDepartments(requireActor(request)),
    );
    app.post(
      '/api/departments',
      { schema: { tags: ['registry'], body: departmentBody, response: { 201: departmentView } } },
      async (request, reply) => reply.status(201).send(await service.createDepartment(requireActor(request), request.body)),
    );
    app.get(
      '/api/departments/:id',
      { schema: { tags: ['registry'], params: idParams, response: { 200: departmentView } } },
      async (request) => service.getDepartment(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/departments/:id',
      { schema: { tags: ['registry'], params: idParams, body: departmentBody.partial(), response: { 200: departmentView } } },
      async (request) => service.updateDepartment(requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/api/enterprises',
      { schema: { tags: ['registry'], querystring: enterpriseListQuery, response: { 200: paged(enterpriseView) } } },
      async (request) => service.listEnterprises(requireActor(request), request.query),
    );
    app.post(
      '/api/enterprises',
      { schema: { tags: ['registry'], body: enterpriseBody, response: { 201: enterpriseSaved } } },
      async (request, reply) => reply.status(201).send(await service.createEnterprise(requireActor(request), request.body)),
    );
    app.get(
      '/api/enterprises/export.xlsx',
      { schema: { tags: ['registry'], description: 'The enterprise register as an Excel sheet' } },
      async (request, reply) => {
        const file = await service.exportEnterprises(requireActor(request));
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', `attachment; filename="enterprises.xlsx"; filename*=UTF-8''${encodeURIComponent('企业名录.xlsx')}`)
          .send(file);
      },
    );
    app.get(
      '/api/enterprises/:id',
      { schema: { tags: ['registry'], params: idParams, response: { 200: enterpriseView } } },
      async (request) => service.getEnterprise(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/enterprises/:id',
      { schema: { tags: ['registry'], params: idParams, body: enterpriseUpdateBody, response: { 200: enterpriseSaved } } },
      async (request) => service.updateEnterprise(requireActor(request), request.params.id, request.body),
    );

    // The sheet is the raw request body (curl --data-binary @sheet.xlsx -H 'content-type: <xlsx mime>').
    app.addContentTypeParser(
      [XLSX_MIME, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/api/enterprises/import',
      {
        bodyLimit: IMPORT_LIMIT_BYTES,
        schema: {
          tags: ['registry'],
          description: `Upload an .xlsx (${XLSX_MIME}) as the raw body. All rows or none: 422 IMPORT_INVALID_ROWS lists every bad cell.`,
          response: { 200: importResult },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!Buffer.isBuffer(request.body))
          throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the workbook as the raw body with content-type ${XLSX_MIME}`);
        return service.importEnterprises(actor, request.body);
      },
    );
  };
}
