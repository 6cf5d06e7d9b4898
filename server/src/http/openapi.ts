import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas: JSON at /api/openapi.json, a browsable UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tiantai API',
        version: '0.1.0',
        description:
          'Tiantai industrial platform. Authenticate with the session cookie from POST /api/auth/login (writes then need the x-csrf-token header) or with `Authorization: Bearer <API token>`. Errors are `{ "error": { "code", "message" } }`. Text (path, query and body fields) may hold tabs and line breaks but no other control characters: a NUL or another C0 control character, or DEL, is refused with 400 VALIDATION_FAILED naming the field.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tt_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
