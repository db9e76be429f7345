/**
 * 客户编号: `KH` + local day (YYMMDD) + `-` + device prefix + `-` + sequence, e.g.
 * `KH240612-7QX3M-00001`. Ids are uuids, but people read, say and write codes, so they must
 * be short and still never collide between laptops that work offline on the same day: the
 * device prefix (5 Crockford base-32 characters, chosen once per local database, or later
 * assigned by the server) separates laptops, the per-device sequence separates customers.
 */

export const CODE_PREFIX = 'KH';
const DEVICE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DEVICE_PREFIX_LENGTH = 5;
/** Sequences are padded to 5 digits so that codes of one day sort in creation order. */
export const SEQUENCE_WIDTH = 5;

const CODE_PATTERN = /^KH(\d{6})-([0-9A-HJKMNP-TV-Z]{5})-(\d{5,})$/;

export interface CustomerCodeParts {
  day: string;
  device: string;
  sequence: number;
}

export function isDevicePrefix(value: string): boolean {
  return value.length === DEVICE_PREFIX_LENGTH && [...value].every((c) => DEVICE_ALPHABET.includes(c));
}

/** A fresh device prefix from a source of random bytes (crypto.getRandomValues in the app). */
export function randomDevicePrefix(randomBytes: (n: number) => Uint8Array): string {
  return Array.from(randomBytes(DEVICE_PREFIX_LENGTH), (b) => DEVICE_ALPHABET[b % 32]!).join('');
}

/** The local calendar day of `time` as YYMMDD: a clerk reads the code's date as their own day. */
export function codeDay(time: number): string {
  const date = new Date(time);
  const yy = String(date.getFullYear() % 100).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export function formatCustomerCode(parts: CustomerCodeParts): string {
  if (!/^\d{6}$/.test(parts.day)) throw new Error(`invalid code day "${parts.day}"`);
  if (!isDevicePrefix(parts.device)) throw new Error(`invalid device prefix "${parts.device}"`);
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) throw new Error(`invalid sequence ${parts.sequence}`);
  return `${CODE_PREFIX}${parts.day}-${parts.device}-${String(parts.sequence).padStart(SEQUENCE_WIDTH, '0')}`;
}

export function parseCustomerCode(code: string): CustomerCodeParts | null {
  const match = CODE_PATTERN.exec(code);
  if (!match) return null;
  return { day: match[1]!, device: match[2]!, sequence: Number(match[3]) };
}

/** The per-device counter as stored in the `local` collection. */
export interface CodeCounter {
  device: string;
  day: string;
  next: number;
}

/**
 * Reserves `count` consecutive codes for `day`; the counter restarts each day. Pure: the
 * caller stores the returned counter atomically (RxDB incrementalModify) before using codes.
 */
export function reserveCodes(counter: CodeCounter, day: string, count: number): { codes: string[]; counter: CodeCounter } {
  const first = counter.day === day ? counter.next : 1;
  const codes = Array.from({ length: count }, (_, i) =>
    formatCustomerCode({ day, device: counter.device, sequence: first + i }),
  );
  return { codes, counter: { device: counter.device, day, next: first + count } };
}
