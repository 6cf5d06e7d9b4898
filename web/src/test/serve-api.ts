// A stand-in for the server in component tests: `fetch` is replaced by a handler that answers the app's
// api-client from a table of routes ("GET /api/departments"), as the real routes would, and records each
// request so a test can check what was asked and how often. Unknown routes answer 404 like the server.
import { vi } from 'vitest';
import type { ErrorBody, ErrorCode } from '@tiantai/shared';

export interface ApiCall {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

/** A route answers a value (sent as JSON with 200) or a ready Response (an error, a 204). */
export type ApiRoute = (call: ApiCall) => unknown;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The server's error body (shared ErrorBody), which api-client turns into an ApiError. */
export function apiError(status: number, code: ErrorCode, message: string = code): Response {
  const body: ErrorBody = { error: { code, message } };
  return json(body, status);
}

export function serveApi(routes: Record<string, ApiRoute>): { calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const handler = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.origin);
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const call: ApiCall = { method, path: url.pathname, search: url.searchParams, body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return apiError(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`);
    const answer = await route(call);
    return answer instanceof Response ? answer : json(answer);
  };
  vi.stubGlobal('fetch', vi.fn(handler));
  return { calls };
}
