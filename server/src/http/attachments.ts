// Photos and PDFs as raw request bodies (as fetch or `curl --data-binary` send them), the name in the
// x-filename header; and stored files sent back so a browser shows them but never runs them.
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, ATTACHMENTS_PER_REQUEST, matchesFileSignature } from '@tiantai/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors';
import { refuseControlText } from './text-input';

export interface UploadedFile {
  filename: string;
  mime: string;
  content: Buffer;
}

/** Route options for an upload route: the size limit and the documented header. */
export const uploadRouteOptions = {
  bodyLimit: ATTACHMENT_MAX_BYTES + 1,
  headers: z.object({ 'x-filename': z.string().min(1).max(400).optional() }),
  description: `Upload a photo or PDF (${ATTACHMENT_TYPES.join(', ')}, at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB) as the raw body; name it with the x-filename header (URI-encoded).`,
};

/** Lets the plugin's routes take the attachment types as raw bodies. */
export function acceptAttachmentBodies(app: FastifyInstance): void {
  app.addContentTypeParser([...ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1 }, (_request, body, done) =>
    done(null, body),
  );
}

export function readUpload(request: FastifyRequest): UploadedFile {
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the file as the raw body with one of ${ATTACHMENT_TYPES.join(', ')}`);
  }
  const rawName = String(request.headers['x-filename'] ?? 'attachment');
  let filename = rawName;
  try {
    filename = decodeURIComponent(rawName);
  } catch {
    // a name that is not URI-encoded is kept as sent
  }
  // %00 decodes to a NUL, which PostgreSQL cannot store: refused like any other text input.
  refuseControlText('headers', { 'x-filename': filename });
  const mime = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
  return { filename: filename.slice(0, 200), mime, content: request.body };
}

/**
 * The checks every attachment passes before it is stored: an allowed type whose bytes match it, not empty, not
 * too large, and room left under the per-record count (`existing` files already attached to `what`).
 */
export function checkAttachment(file: UploadedFile, existing: number, what: string): void {
  const rejectFile = (message: string) => new AppError(400, 'ATTACHMENT_REJECTED', message);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.mime)) throw rejectFile(`Only ${ATTACHMENT_TYPES.join(', ')} files`);
  if (file.content.length === 0) throw rejectFile('The file is empty');
  if (file.content.length > ATTACHMENT_MAX_BYTES) throw rejectFile(`At most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB per file`);
  if (!matchesFileSignature(file.mime, file.content)) throw rejectFile(`The file's content is not ${file.mime}`);
  if (existing >= ATTACHMENTS_PER_REQUEST) throw rejectFile(`At most ${ATTACHMENTS_PER_REQUEST} files per ${what}`);
}

/**
 * The CSP of a stored file opened on its own: a sandboxed document (a unique origin, no scripts, forms or
 * popups) that loads nothing but itself. It replaces the web app's CSP that every answer gets.
 */
export const ATTACHMENT_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
// No `sandbox` for PDFs: Chromium's built-in viewer shows a sandboxed PDF blank (in a frame), so the prior sandboxed policy was reverted.
export const PDF_ATTACHMENT_CSP = "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export function sendAttachment(reply: FastifyReply, file: { mime: string; filename: string; content: Uint8Array }) {
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('content-security-policy', file.mime === 'application/pdf' ? PDF_ATTACHMENT_CSP : ATTACHMENT_CSP)
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.content));
}
