// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2/: each resource as .json
// or .xml, form-encoded filing, and the spec's error list instead of our { error } body for everything
// under /open311, including unknown paths and failures of the platform's own hooks.
import type { Actor } from '@tiantai/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import { Open311Service } from './open311.service';
import type { ServiceRequestService } from './service-requests.service';

/** An API token's owner, from the identity module; null or an AppError 401 when the token is unknown. */
export type ApiKeyResolver = (apiKey: string) => Promise<{ actor: Actor; readOnly?: boolean } | null>;

type Format = 'json' | 'xml';
const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };
const MAX_API_KEY_LENGTH = 200;

// ---- XML: the spec's element names; a list's items are named after their parent ----

type XmlValue = string | number | boolean | null | readonly XmlValue[] | { readonly [key: string]: XmlValue };

const ITEM_ELEMENTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates): dropped, not escaped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

function xmlElement(name: string, value: XmlValue): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name] ?? 'item';
    return `<${name}>${value.map((v: XmlValue) => xmlElement(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, XmlValue>)
      .map(([k, v]) => xmlElement(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, value)}\n`;
}

// ---- answers ----

function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  return reply
    .status(status)
    .type(CONTENT_TYPES[format])
    .send(format === 'xml' ? toXml(root, value) : JSON.stringify(value));
}

/** The format is the resource's extension; anything but json and xml is a 400, answered in JSON. */
function formatOf(raw: string): Format {
  const format = raw.toLowerCase();
  if (format === 'json' || format === 'xml') return format;
  throw new AppError(400, 'VALIDATION_FAILED', `Unknown format .${raw}: use .json or .xml`);
}

/** For errors, where the route's params may never have been read: the URL's extension. */
function formatOfUrl(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/** The spec's error statuses: 404 for what does not exist, 403 for the api_key, 400 for anything else. */
function open311Error(error: FastifyError | AppError | Error): { status: number; description: string } {
  if (error instanceof AppError) {
    if (error.statusCode === 401) return { status: 403, description: `Invalid api_key: ${error.message}` };
    if (error.statusCode === 403 || error.statusCode === 404 || error.statusCode === 429)
      return { status: error.statusCode, description: error.message };
    if (error.statusCode < 500) return { status: 400, description: error.message };
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map(
      (v) => `${v.instancePath.replace(/^\//, '') || error.validationContext || 'request'}: ${v.message}`,
    );
    return { status: 400, description: fields.join('; ') };
  } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: 400, description: error.message };
  }
  return { status: 500, description: 'Internal server error' };
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, description: string) {
  return send(reply, formatOfUrl(request.url), 'errors', [{ code: status, description }], status);
}

// ---- routes ----

const formatParams = z.object({ format: z.string().describe('json or xml') });
const optional = z.string().optional();
const apiKeyQuery = z.looseObject({ api_key: optional.describe('An API token; optional for reading (more detail for its owner)') });
const requestsQuery = apiKeyQuery.extend({
  service_request_id: optional.describe('Comma-separated request numbers (ZT2026000001) or ids; overrides all other arguments'),
  service_code: optional.describe('Comma-separated service codes'),
  start_date: optional.describe('W3C datetime, e.g. 2026-06-15T00:00:00+08:00; default: 90 days before end_date'),
  end_date: optional.describe('W3C datetime; default: 90 days after start_date, or now. The window may not exceed 90 days'),
  status: optional.describe('open, closed, or both comma-separated'),
});
// JSON clients send numbers for lat/long and the like: any scalar is accepted, the fields we use are read as text.
const scalar = z.union([z.string(), z.number(), z.boolean()]).optional();
const filingBody = z
  .looseObject({
    api_key: scalar.describe('An API token issued to an enterprise account (required)'),
    service_code: scalar,
    description: scalar,
    lat: scalar.describe('WGS84 latitude; a location is required: lat and long, address_string or address_id'),
    long: scalar.describe('WGS84 longitude'),
    address_string: scalar,
    address_id: scalar,
    email: scalar,
    device_id: scalar,
    account_id: scalar,
    first_name: scalar,
    last_name: scalar,
    phone: scalar,
    media_url: scalar.describe('An http(s) URL of a photo; kept as given, not fetched'),
  })
  .nullish();
const text = (value: string | number | boolean | undefined) => (value === undefined ? undefined : String(value));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function open311Routes(serviceRequests: ServiceRequestService, db: Kysely<any>, resolveApiKey: ApiKeyResolver) {
  const open311 = new Open311Service(db, serviceRequests);

  /**
   * Who is asking: the api_key argument, else an API token in the Authorization header (keeps the key out
   * of URLs and logs). Cookie sessions do not count: Open311 is for other systems, not browsers.
   */
  async function viewerOf(request: FastifyRequest, apiKey: string | undefined): Promise<Actor | null> {
    const key = apiKey?.trim();
    if (!key) return request.actor?.via === 'api_token' ? request.actor : null;
    const invalid = new AppError(403, 'FORBIDDEN', 'Invalid api_key received: unknown or revoked API token');
    if (key.length > MAX_API_KEY_LENGTH) throw invalid;
    try {
      const resolved = await resolveApiKey(key);
      if (!resolved) throw invalid;
      // A read-only token reads; filing a request with it is refused as the rest of the API refuses it.
      if (resolved.readOnly && request.method !== 'GET' && request.method !== 'HEAD')
        throw new AppError(403, 'TOKEN_READ_ONLY', 'This API token is read-only: it may not file requests');
      return resolved.actor;
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 401) throw invalid;
      throw error;
    }
  }

  async function routes(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['open311'];
    const description =
      'Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2). Errors are the spec\'s list `[{ "code", "description" }]` (XML: `<errors>`), not `{ error }`.';

    // The spec's way of posting; scoped to Open311, the rest of the API stays JSON-only.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
      const { status, description: text } = open311Error(error);
      if (status >= 500) request.log.error({ err: error }, 'open311 request failed');
      else request.log.info({ status }, text);
      return sendError(request, reply, status, text);
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(request, reply, 404, `No Open311 resource at ${request.method} ${request.url.split('?')[0]}`),
    );

    app.get('/v2/discovery.:format', { schema: { tags, description, params: formatParams } }, async (request, reply) => {
      const format = formatOf(request.params.format);
      return send(reply, format, 'discovery', open311.discovery(`${request.protocol}://${request.host}/open311/v2`));
    });

    app.get('/v2/services.:format', { schema: { tags, description, params: formatParams } }, async (request, reply) => {
      const format = formatOf(request.params.format);
      return send(reply, format, 'services', await open311.services());
    });

    app.get(
      '/v2/services/:code.:format',
      { schema: { tags, description, params: formatParams.extend({ code: z.string() }) } },
      async (request, reply) => {
        const format = formatOf(request.params.format);
        return send(reply, format, 'service_definition', await open311.serviceDefinition(request.params.code));
      },
    );

    app.post('/v2/requests.:format', { schema: { tags, description, params: formatParams, body: filingBody } }, async (request, reply) => {
      const format = formatOf(request.params.format);
      const body = request.body ?? {};
      const actor = await viewerOf(request, text(body.api_key));
      if (!actor) throw new AppError(403, 'FORBIDDEN', 'api_key was not provided: filing needs an enterprise account’s API token');
      const created = await open311.create(actor, {
        service_code: text(body.service_code),
        description: text(body.description),
        lat: text(body.lat),
        long: text(body.long),
        address_string: text(body.address_string),
        address_id: text(body.address_id),
        email: text(body.email),
        device_id: text(body.device_id),
        account_id: text(body.account_id),
        first_name: text(body.first_name),
        last_name: text(body.last_name),
        phone: text(body.phone),
        media_url: text(body.media_url),
      });
      return send(reply, format, 'service_requests', [created]);
    });

    app.get(
      '/v2/requests.:format',
      { schema: { tags, description, params: formatParams, querystring: requestsQuery } },
      async (request, reply) => {
        const format = formatOf(request.params.format);
        const viewer = await viewerOf(request, request.query.api_key);
        return send(reply, format, 'service_requests', await open311.search(viewer, request.query));
      },
    );

    app.get(
      '/v2/requests/:id.:format',
      { schema: { tags, description, params: formatParams.extend({ id: z.string() }), querystring: apiKeyQuery } },
      async (request, reply) => {
        const format = formatOf(request.params.format);
        const viewer = await viewerOf(request, request.query.api_key);
        return send(reply, format, 'service_requests', [await open311.get(viewer, request.params.id)]);
      },
    );

    app.get(
      '/v2/tokens/:token.:format',
      { schema: { tags, description, params: formatParams.extend({ token: z.string() }), querystring: apiKeyQuery } },
      async (request, reply) => {
        const format = formatOf(request.params.format);
        const viewer = await viewerOf(request, request.query.api_key);
        return send(reply, format, 'service_requests', [await open311.token(viewer, request.params.token)]);
      },
    );
  }

  return async function plugin(fastify: FastifyInstance): Promise<void> {
    // Prefixed so the not-found handler answers in the spec's shape for everything under /open311.
    await fastify.register(routes, { prefix: '/open311' });
  };
}
