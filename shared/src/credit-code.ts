// GB 32100-2015 unified social credit code (统一社会信用代码): 18 symbols, the last a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck = { status: 'valid' } | { status: 'bad_format' } | { status: 'bad_check'; expected: string };

export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The check character the first 17 symbols call for, or null if they hold a symbol outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check] ?? null;
}

/**
 * A failing check is a warning, not a rejection: some legally issued early codes fail it.
 * Only the shape (18 symbols of the alphabet) is required.
 */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normaliseCreditCode(raw);
  if (!/^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(code)) return { status: 'bad_format' };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (expected === null) return { status: 'bad_format' };
  return code[17] === expected ? { status: 'valid' } : { status: 'bad_check', expected };
}
