/**
 * Chinese telephone numbers as people type them: mainland mobiles (optionally with +86),
 * landlines with an area code and an optional extension, and 400/800 service numbers.
 * Stored forms are canonical so that duplicate checks and digit search compare like with like.
 */

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code 0xx or 0xxx; the local number has 7–8 digits and does not start with 0 or 1. */
const AREA = /^0\d{2,3}$/;
const LOCAL = /^[2-9]\d{6,7}$/;
const SERVICE = /^([48]00)(\d{7})$/;

/** Drops separators people use (spaces, dashes, dots, brackets) and the +86 country code. */
function compact(raw: string): string {
  let value = raw.trim().replace(/[\s\-.()（）—]/g, '');
  if (value.startsWith('+86')) value = value.slice(3);
  else if (value.startsWith('0086')) value = value.slice(4);
  else if (value.length === 13 && value.startsWith('861')) value = value.slice(2);
  return value;
}

export function normalizeMobile(raw: string): string | null {
  const value = compact(raw);
  return MOBILE.test(value) ? value : null;
}

export function isMainlandMobile(raw: string): boolean {
  return normalizeMobile(raw) !== null;
}

/**
 * Landline in its canonical form `0AREA-NUMBER[-EXT]`, or a 400/800 number as `400-XXX-XXXX`.
 * When the user did not separate the area code, the split follows the numbering plan:
 * 3 digits for 010 and 02x, 4 elsewhere (`075512345678` → `0755-12345678`).
 */
export function normalizeLandline(raw: string): string | null {
  let value = raw.trim();
  let ext: string | undefined;
  const marked = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(value);
  if (marked) {
    value = marked[1] ?? '';
    ext = marked[2];
  }
  let international = false;
  const country = /^(?:\+86|0086)[\s-]*/.exec(value);
  if (country) {
    value = value.slice(country[0].length);
    international = true;
  }
  const groups = value.split(/[\s\-–—.()（）]+/).filter((g) => g !== '');
  if (groups.some((g) => !/^\d+$/.test(g))) return null;
  if (international && groups[0] && !groups[0].startsWith('0')) groups[0] = `0${groups[0]}`;
  if (!ext && groups.length === 3 && LOCAL.test(groups[1] ?? '') && /^\d{1,6}$/.test(groups[2] ?? '')) {
    ext = groups.pop();
  }
  const digits = groups.join('');
  const service = SERVICE.exec(digits);
  if (service && !ext) return `${service[1]}-${service[2]!.slice(0, 3)}-${service[2]!.slice(3)}`;
  const first = groups[0] ?? '';
  const areaLength =
    groups.length >= 2 && /^0\d{2,3}$/.test(first) ? first.length : /^0(10|2\d)/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  if (!AREA.test(area) || !LOCAL.test(local)) return null;
  return ext ? `${area}-${local}-${ext}` : `${area}-${local}`;
}

export function isLandline(raw: string): boolean {
  return normalizeLandline(raw) !== null;
}

/** The digits of a number, for "any run of phone digits" search. */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}
