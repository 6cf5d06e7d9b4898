import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter } from './credit-code';

describe('GB 32100-2015 credit code check', () => {
  it('accepts published valid codes', () => {
    for (const code of ['91350100M000100Y43', '91110108551385082Q']) {
      expect(checkCreditCode(code)).toEqual({ status: 'valid' });
    }
  });

  it('computes the check character, where 31 maps to 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    // Σ ≡ 0 (mod 31) gives 31 − 0 = 31 → '0': all zeros is such a body.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('names the expected character for a wrong check, without rejecting the shape', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ status: 'bad_check', expected: '3' });
  });

  it('rejects the wrong shape: length, and the letters I O S V Z', () => {
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ status: 'bad_format' });
    for (const letter of 'IOSVZ') expect(checkCreditCode(`91350100M000100${letter}43`)).toEqual({ status: 'bad_format' });
  });

  it('ignores case and surrounding spaces', () => {
    expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ status: 'valid' });
  });
});
