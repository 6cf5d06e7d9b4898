import type { Actor } from '@tiantai/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface ResolvedActor {
  actor: Actor;
  /** Present for cookie sessions: unsafe methods must echo it in the x-csrf-token header. */
  csrfToken?: string;
  /** When present, the only routes (patterns) this actor may call; others answer 403 PASSWORD_CHANGE_REQUIRED. */
  restrictedTo?: string[];
  /** A read-only API token: only GET and HEAD; anything else answers 403 TOKEN_READ_ONLY. */
  readOnly?: boolean;
}

/** How a request proves who it is; the identity module supplies it so this layer knows no tables. */
export type ActorResolver = (request: FastifyRequest) => Promise<ResolvedActor | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const READ_METHODS = new Set(['GET', 'HEAD']);

/** `ownAuth`: route patterns that check their own credentials (GET /metrics and its bearer token). */
export function registerAuth(app: FastifyInstance, resolveActor: ActorResolver, ownAuth: readonly string[] = []): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (ownAuth.includes(request.routeOptions.url ?? '')) return;
    const resolved = await resolveActor(request);
    if (!resolved) return;
    if (resolved.csrfToken !== undefined && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== resolved.csrfToken) {
        throw new AppError(403, 'CSRF_FAILED', 'Missing or wrong x-csrf-token header for a cookie-authenticated write');
      }
    }
    if (resolved.readOnly && !READ_METHODS.has(request.method)) {
      throw new AppError(403, 'TOKEN_READ_ONLY', 'This API token is read-only: GET and HEAD only');
    }
    if (resolved.restrictedTo && !resolved.restrictedTo.includes(request.routeOptions.url ?? '')) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', 'Choose a new password first (POST /api/auth/password)');
    }
    request.actor = resolved.actor;
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'UNAUTHENTICATED', 'Log in or send an API token');
  return request.actor;
}
