/**
 * Posting-list keys of the customer search index, as small integers so postings live in a
 * flat array instead of a Map:
 * - every non-ASCII character (Chinese names, companies, contacts): its UTF-16 code;
 * - every trigram of a lower-case letter/digit run (pinyin, initials, code, credit code,
 *   phone digits, Latin parts of names): 0x10000 + base-37 trigram;
 * - the first one and two characters of pinyin, initials, code, credit code and phones
 *   ("starts with" for queries shorter than a trigram): 0x20000 + base-37 pair.
 */

const TRIGRAM_BASE = 0x10000;
const PREFIX_BASE = 0x20000;
const NONE = 36;
export const KEY_SPACE = PREFIX_BASE + 37 * 37;

function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return -1;
}

/** Lower-case letters and digits only: "KH240612-7QX3M" → "kh2406127qx3m". */
export function alnum(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function addCjkKeys(text: string, into: Set<number>): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) into.add(code);
  }
}

/** Trigrams of every letter/digit run of `text` (already lower case). */
export function addTrigramKeys(text: string, into: Set<number>): void {
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = symbol(text.charCodeAt(i));
    if (c < 0) {
      a = -1;
      b = -1;
      continue;
    }
    if (a >= 0 && b >= 0) into.add(TRIGRAM_BASE + (a * 37 + b) * 37 + c);
    a = b;
    b = c;
  }
}

export function prefixKey(text: string): number {
  const a = symbol(text.charCodeAt(0));
  if (a < 0) return -1;
  const b = text.length > 1 ? symbol(text.charCodeAt(1)) : NONE;
  return b < 0 ? -1 : PREFIX_BASE + a * 37 + b;
}

/** The keys for "starts with the first one or two characters of `text`". */
export function addPrefixKeys(text: string, into: Set<number>): void {
  if (text.length === 0) return;
  const one = prefixKey(text.slice(0, 1));
  if (one >= 0) into.add(one);
  if (text.length > 1) {
    const two = prefixKey(text.slice(0, 2));
    if (two >= 0) into.add(two);
  }
}

/** One search term, prepared once per query. */
export interface QueryTerm {
  /** Lower case, trimmed. */
  raw: string;
  /** Letters and digits only (for codes, pinyin, phones typed with separators). */
  compact: string;
  /** True when the term has no Chinese (or other non-ASCII) characters. */
  ascii: boolean;
  digitsOnly: boolean;
  /** Necessary keys: a document lacking any of them cannot match this term. */
  keys: number[];
}

export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const part of query.trim().toLowerCase().split(/\s+/).slice(0, 6)) {
    if (part === '') continue;
    const ascii = !/[^\x00-\x7f]/.test(part);
    const compact = alnum(part);
    const keys = new Set<number>();
    if (!ascii) {
      addCjkKeys(part, keys);
    } else if (compact.length >= 3) {
      addTrigramKeys(compact, keys);
    } else if (compact.length > 0) {
      keys.add(prefixKey(compact));
    }
    if (keys.size === 0) continue;
    terms.push({ raw: part, compact, ascii, digitsOnly: /^\d+$/.test(compact), keys: [...keys] });
  }
  return terms;
}
