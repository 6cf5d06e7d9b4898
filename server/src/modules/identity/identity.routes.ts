import {
  ORGANISATION_KINDS,
  apiTokenView,
  auditEntryView,
  auditListQuery,
  changePasswordBody,
  createApiTokenBody,
  createUserBody,
  createdApiToken,
  loginBody,
  organisationView,
  paged,
  sessionView,
  updateUserBody,
  userListQuery,
  userView,
} from '@tiantai/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { AppError } from '../../http/errors';
import type { IdentityService } from './identity.service';

export const SESSION_COOKIE = 'tt_session';
export const CSRF_COOKIE = 'tt_csrf';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** A throttled password check answers 429 with its wait in Retry-After too, as the per-address limits do. */
async function withRetryAfter<T>(reply: FastifyReply, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const details = error instanceof AppError && error.statusCode === 429 ? (error.details as { retryAfterSeconds?: unknown }) : undefined;
    if (typeof details?.retryAfterSeconds === 'number') reply.header('retry-after', String(details.retryAfterSeconds));
    throw error;
  }
}

export function identityRoutes(service: IdentityService, options: { cookieSecure: boolean; timeZone: string }) {
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: options.cookieSecure };
  const clearCookies = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);

  return async function plugin(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['identity'];

    app.post('/api/auth/login', { schema: { tags, body: loginBody, response: { 200: sessionView } } }, async (request, reply) => {
      const result = await withRetryAfter(reply, () => service.login(request.body, request.ip));
      // The CSRF token is also readable by the page's script (not httpOnly) so it can echo it in a header.
      reply
        .setCookie(SESSION_COOKIE, result.sessionToken, { ...cookieBase, httpOnly: true, expires: result.expiresAt })
        .setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase, httpOnly: false, expires: result.expiresAt });
      return { user: result.user, csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword, timeZone: options.timeZone };
    });

    app.post('/api/auth/logout', { schema: { tags } }, async (request, reply) => {
      const actor = requireActor(request);
      await service.logout(actor, request.cookies[SESSION_COOKIE]);
      return clearCookies(reply).status(204).send();
    });

    app.get('/api/auth/session', { schema: { tags, response: { 200: sessionView } } }, async (request) => {
      const actor = requireActor(request);
      return { ...(await service.sessionView(actor, request.cookies[SESSION_COOKIE])), timeZone: options.timeZone };
    });

    app.post('/api/auth/password', { schema: { tags, body: changePasswordBody } }, async (request, reply) => {
      const actor = requireActor(request);
      await withRetryAfter(reply, () => service.changePassword(actor, request.body, request.cookies[SESSION_COOKIE], request.ip));
      return reply.status(204).send();
    });

    app.get(
      '/api/organisations',
      {
        schema: {
          tags,
          querystring: z.object({ kind: z.enum(ORGANISATION_KINDS).optional() }),
          response: { 200: z.array(organisationView) },
        },
      },
      async (request) => service.listOrganisations(requireActor(request), request.query.kind),
    );

    app.get('/api/users', { schema: { tags, querystring: userListQuery, response: { 200: paged(userView) } } }, async (request) =>
      service.listUsers(requireActor(request), request.query),
    );
    app.post('/api/users', { schema: { tags, body: createUserBody, response: { 201: userView } } }, async (request, reply) =>
      reply.status(201).send(await service.createUser(requireActor(request), request.body)),
    );
    app.get('/api/users/:id', { schema: { tags, params: idParams, response: { 200: userView } } }, async (request) =>
      service.getUser(requireActor(request), request.params.id),
    );
    app.patch(
      '/api/users/:id',
      { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userView } } },
      async (request) => service.updateUser(requireActor(request), request.params.id, request.body),
    );

    app.get('/api/api-tokens', { schema: { tags, response: { 200: z.array(apiTokenView) } } }, async (request) =>
      service.listApiTokens(requireActor(request)),
    );
    app.post(
      '/api/api-tokens',
      { schema: { tags, body: createApiTokenBody, response: { 201: createdApiToken } } },
      async (request, reply) => reply.status(201).send(await service.createApiToken(requireActor(request), request.body)),
    );
    app.delete('/api/api-tokens/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
      await service.revokeApiToken(requireActor(request), request.params.id);
      return reply.status(204).send();
    });

    app.get('/api/audit', { schema: { tags, querystring: auditListQuery, response: { 200: paged(auditEntryView) } } }, async (request) =>
      service.listAudit(requireActor(request), request.query),
    );
  };
}
