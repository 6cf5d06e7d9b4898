// Turns any thrown value into one sentence for the user, switching on the server's stable error codes.
import { isApiError } from './api-client';
import type { MessageKey, Translate } from './i18n';

const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  UNAUTHENTICATED: 'error.unauthenticated',
  INVALID_CREDENTIALS: 'error.invalidCredentials',
  FORBIDDEN: 'error.forbidden',
  CSRF_FAILED: 'error.csrf',
  RATE_LIMITED: 'error.rateLimited',
  NOT_FOUND: 'error.notFound',
  DUPLICATE: 'error.duplicate',
  CONFLICT: 'error.conflict',
  INVALID_TRANSITION: 'error.invalidTransition',
  INSUFFICIENT_STOCK: 'error.insufficientStock',
  COUNTER_BACKWARDS: 'error.counterBackwards',
  ATTACHMENT_REJECTED: 'error.attachmentRejected',
  CHECKLIST_INCOMPLETE: 'error.checklistIncomplete',
  PAYLOAD_TOO_LARGE: 'error.payloadTooLarge',
  IMPORT_BAD_FILE: 'error.importBadFile',
  NETWORK_ERROR: 'error.network',
  INTERNAL: 'error.internal',
};

export function describeError(error: unknown, t: Translate): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : t('error.unknown');
  if (error.code === 'VALIDATION_FAILED' || error.code === 'MALFORMED_JSON') {
    return t('error.validation', { message: error.message });
  }
  // DUPLICATE and CONFLICT messages name the clashing field, which the user needs to see.
  if (error.code === 'DUPLICATE' || error.code === 'CONFLICT') {
    return `${t(CODE_MESSAGES[error.code] ?? 'error.unknown')}${error.message ? `（${error.message}）` : ''}`;
  }
  const key = CODE_MESSAGES[error.code];
  if (key) return t(key);
  if (error.status >= 500) return t('error.internal');
  return error.message || t('error.unknown');
}
