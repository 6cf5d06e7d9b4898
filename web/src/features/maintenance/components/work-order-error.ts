import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import type { Translate } from '@/lib/i18n';

/** The shared sentence for any error, except the two a work order's own steps run into. */
export function describeWorkOrderError(error: unknown, t: Translate): string {
  if (isApiError(error, 'INSUFFICIENT_STOCK')) return t('workOrder.insufficientStock', { message: error.message });
  if (isApiError(error, 'INVALID_TRANSITION')) return t('workOrder.invalidTransition');
  return describeError(error, t);
}
