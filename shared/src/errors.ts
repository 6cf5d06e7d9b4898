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
  'NOT_FOUND',
  'DUPLICATE',
  'CONFLICT',
  'IMPORT_BAD_FILE',
  'IMPORT_INVALID_ROWS',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One bad cell (or row) of an imported spreadsheet; `row` is the 1-based sheet row. */
export interface ImportRowError {
  row: number;
  column?: string;
  message: string;
}
