import type { RegistryWarning } from '@tiantai/shared';
import type { Translate } from '@/lib/i18n';

/** A server warning said in the UI's language, from its code and value. */
export function describeWarning(warning: RegistryWarning, t: Translate): string {
  const text =
    warning.code === 'CREDIT_CODE_CHECK'
      ? t('creditCode.savedWithBadCheck', { expected: warning.value })
      : t('industry.savedUnknown', { code: warning.value });
  return warning.row === undefined ? text : `${t('import.atRow', { row: warning.row })}: ${text}`;
}
