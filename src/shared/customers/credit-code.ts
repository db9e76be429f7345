/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (digits and
 * capitals without I, O, S, V, Z); the last one is a check character computed mod 31.
 */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null if they use foreign symbols. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

export function normalizeCreditCode(raw: string): string {
  return raw.trim().replace(/\s/g, '').toUpperCase();
}

export function isValidCreditCode(raw: string): boolean {
  const code = normalizeCreditCode(raw);
  if (code.length !== 18) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
