import type { ErrorBody, ErrorCode } from '@tiantai/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An expected failure with a stable code; anything else thrown becomes a 500 INTERNAL with a hidden message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Not allowed for your role') => new AppError(403, 'FORBIDDEN', message);

/** Fastify's own errors (parsing, limits) mapped to our codes. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'VALIDATION_FAILED' },
  FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION_FAILED' },
};

export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  // PostgreSQL unique_violation, SQLite UNIQUE / PRIMARY KEY constraint
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    let status = 500;
    let body: ErrorBody = { error: { code: 'INTERNAL', message: 'Internal server error' } };

    if (error instanceof AppError) {
      status = error.statusCode;
      body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400;
      const details = error.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      body = {
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
          details,
        },
      };
    } else if (isUniqueViolation(error)) {
      status = 409;
      body = { error: { code: 'DUPLICATE', message: 'A record with the same unique value already exists' } };
    } else if ('code' in error && typeof error.code === 'string' && FASTIFY_CODES[error.code]) {
      const mapped = FASTIFY_CODES[error.code]!;
      status = mapped.status;
      body = { error: { code: mapped.code, message: error.message } };
    } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = {
        error: {
          code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED',
          message: error.message,
        },
      };
    }

    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, status }, body.error.message);
    return reply.status(status).send(body);
  });
}

export function notFoundBody(method: string, url: string): ErrorBody {
  return { error: { code: 'NOT_FOUND', message: `Route ${method} ${url} not found` } };
}
