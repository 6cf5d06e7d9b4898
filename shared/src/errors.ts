// Stable error codes: the server answers `{ error: { code, message } }` and the web switches on `code`.
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'CSRF_FAILED',
  'RATE_LIMITED',
  /** The user must choose a new password before anything else (first sign-in, a password an admin set). */
  'PASSWORD_CHANGE_REQUIRED',
  /** A read-only API token tried a write (anything but GET and HEAD). */
  'TOKEN_READ_ONLY',
  /** The published demo password is accepted only from the machine that runs the platform. */
  'PASSWORD_LOCAL_ONLY',
  'NOT_FOUND',
  'DUPLICATE',
  'CONFLICT',
  'INVALID_TRANSITION',
  'COUNTER_BACKWARDS',
  'INSUFFICIENT_STOCK',
  'IMPORT_BAD_FILE',
  'ATTACHMENT_REJECTED',
  'IMPORT_INVALID_ROWS',
  /** A work order cannot be done while required checklist items are unticked. */
  'CHECKLIST_INCOMPLETE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export const IMPORT_PROBLEMS = [
  'REQUIRED',
  'TOO_LONG',
  'BAD_FORMAT',
  'NOT_YES_NO',
  'UNKNOWN_PARK',
  'DUPLICATE_IN_SHEET',
  /** A header in the first row that names no column of the import (row 0). */
  'UNKNOWN_COLUMN',
  'INVALID',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

/**
 * One bad cell of an imported spreadsheet; `row` is the 1-based sheet row, `column` the sheet's header.
 * `problem` + `value` (the cell's text, or the earlier row for DUPLICATE_IN_SHEET) let the web say it in
 * its language; `message` says it in English for API clients.
 */
export interface ImportRowError {
  row: number;
  column?: string;
  problem: ImportProblem;
  value?: string;
  message: string;
}
