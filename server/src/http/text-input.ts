// Text that no field of this platform holds: NUL and the other C0 control characters (tab, line feed and
// carriage return excepted) and DEL. PostgreSQL cannot store or compare a NUL at all (it answered 500), and
// the rest are never typed by a person, only sent by broken or hostile clients. Refused in one place for
// every route: path parameters and the query string when the request arrives, parsed bodies (JSON and form
// fields, keys and values at any depth) before validation. Raw bodies — the device HTTP API's payloads, photo
// and PDF uploads, spreadsheets — are Buffers and pass untouched; telemetry refuses its own (payload.ts).
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first forbidden control character of `text` as "U+0000", or null when the text is clean. */
export function controlCharacterIn(text: string): string | null {
  const found = CONTROL.exec(text);
  return found ? codePoint(found[0]) : null;
}

/** What the request carries, named as the validation errors name it. */
export type TextInputPart = 'params' | 'querystring' | 'body' | 'headers';

/** A JSON-pointer segment that is safe to echo: control characters in a key are shown as \uXXXX. */
const segment = (key: string) =>
  key
    .replace(/~/g, '~0')
    .replace(/\//g, '~1')
    .replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The first string (or object key) holding a control character, with its JSON pointer. Walks without
 * recursion: a megabyte of nested arrays must not overflow the stack.
 */
function findControl(value: unknown): { path: string; char: string } | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const char = controlCharacterIn(item);
      if (char) return { path: path || '/', char };
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}/${i}`]);
    } else if (typeof item === 'object' && item !== null && !ArrayBuffer.isView(item)) {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const childPath = `${path}/${segment(key)}`;
        const char = controlCharacterIn(key);
        if (char) return { path: childPath, char };
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

/** The 400 for a control character: VALIDATION_FAILED with the field's path, shaped as a schema failure is. */
export function controlCharacterError(part: TextInputPart, path: string, char: string): AppError {
  const message = `contains the control character ${char}; text may hold tabs and line breaks but no other control characters`;
  return new AppError(400, 'VALIDATION_FAILED', `Invalid ${part}: ${path} ${message}`, [{ path, message }]);
}

/** Throws 400 VALIDATION_FAILED when `value` (a string, or strings inside objects and arrays) holds a control character. */
export function refuseControlText(part: TextInputPart, value: unknown): void {
  const found = findControl(value);
  if (found) throw controlCharacterError(part, found.path, found.char);
}

/** Before any route reads them: params and query on arrival, a parsed body before validation. */
export function registerTextInputCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // No route matched: the 404 (or the web app's page) reads nothing.
    if (request.routeOptions.url === undefined) return;
    refuseControlText('params', request.params);
    refuseControlText('querystring', request.query);
  });
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url === undefined) return;
    refuseControlText('body', request.body);
  });
}
