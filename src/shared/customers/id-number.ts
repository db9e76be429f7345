/**
 * Resident identity card number (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function normalizeIdNumber(raw: string): string {
  return raw.trim().replace(/\s/g, '').toUpperCase();
}

/** The birth date an ID number states, as YYYY-MM-DD, when it is a real calendar date. */
export function birthDateOfIdNumber(raw: string): string | null {
  const id = normalizeIdNumber(raw);
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${m}-${d}`;
}

export function isValidIdNumber(raw: string, today: Date = new Date()): boolean {
  const id = normalizeIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return false;
  const birth = birthDateOfIdNumber(id);
  if (!birth) return false;
  const year = Number(birth.slice(0, 4));
  return year >= 1900 && birth <= today.toISOString().slice(0, 10);
}
