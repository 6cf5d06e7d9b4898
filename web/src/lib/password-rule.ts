import type { FormRule } from 'antd';
import { isCommonPassword } from '@tiantai/shared';

/** A form rule refusing the passwords the server refuses as too common (shared/src/common-passwords.ts). */
export const notCommon = (message: string): FormRule => ({
  validator: async (_rule, value: unknown) => {
    if (typeof value === 'string' && isCommonPassword(value)) throw new Error(message);
  },
});
