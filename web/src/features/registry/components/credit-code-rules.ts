import { checkCreditCode } from '@tiantai/shared';
import type { FormRule } from 'antd';
import type { Translate } from '@/lib/i18n';

/**
 * Live check of a unified social credit code: a wrong shape blocks saving; a wrong check character
 * only warns (GB 32100-2015 — some legally issued early codes fail it), so the rule is `warningOnly`.
 */
export function creditCodeRules(t: Translate): FormRule[] {
  return [
    {
      validator: async (_rule, value: string | undefined) => {
        if (!value) return;
        if (checkCreditCode(value).status !== 'bad_format') return;
        // While the symbols so far are fine, say how many are missing rather than "wrong format".
        if (value.length < 18 && /^[0-9A-HJ-NP-RTUW-Y]*$/.test(value)) {
          throw new Error(t('creditCode.tooShort', { count: value.length }));
        }
        throw new Error(t('creditCode.badFormat'));
      },
    },
    {
      warningOnly: true,
      validator: async (_rule, value: string | undefined) => {
        if (!value) return;
        const result = checkCreditCode(value);
        if (result.status === 'bad_check') throw new Error(t('creditCode.badCheck', { expected: result.expected }));
      },
    },
  ];
}
