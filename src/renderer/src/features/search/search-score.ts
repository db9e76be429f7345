import { match as pinyinMatch } from 'pinyin-pro';
import type { SearchSource } from './search-index';
import type { QueryTerm } from './search-keys';

/**
 * A customer as the index keeps it: what it was given, and beside it the folded forms that are
 * matched (lower-cased; codes letters and digits only; phones digits only). One object per
 * customer, and a folded form equal to what was given is that same string or array: at 100k
 * customers every object and copy kept is more for the window's garbage collector to mark, in
 * pauses on the UI thread, while a sync writes.
 */
export interface IndexedEntry extends Readonly<SearchSource> {
  readonly matchName: string;
  readonly matchCode: string;
  readonly matchCredit: string;
  readonly matchCompany: string;
  readonly matchContacts: readonly string[];
  readonly matchPhones: readonly string[];
}

export const MATCH_FIELDS = ['name', 'pinyin', 'initials', 'code', 'credit', 'phone', 'contact', 'company'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export type Range = [start: number, end: number];

export interface SearchHit {
  id: string;
  score: number;
  /** The field that gave the best score for the first term. */
  field: MatchField;
  nameLength: number;
  code: string;
  /** Character ranges of the name to highlight. */
  nameRanges: Range[];
  /** When the match is not in the name: the matching value (a phone, a contact…) and its ranges. */
  detail?: { field: MatchField; text: string; ranges: Range[] };
}

interface TermScore {
  score: number;
  field: MatchField;
}

function best(current: TermScore, score: number, field: MatchField): TermScore {
  return score > current.score ? { score, field } : current;
}

/**
 * How well one term matches: an exact name or code beats a prefix, which beats a fragment.
 * Terms shorter than three letters/digits only match at the start of pinyin, initials,
 * codes and phones (they carry no trigram), anywhere in Chinese text.
 */
function scoreTerm(e: IndexedEntry, t: QueryTerm): TermScore {
  let s: TermScore = { score: 0, field: 'name' };
  if (e.matchName === t.raw) s = best(s, 100, 'name');
  else if (e.matchName.startsWith(t.raw)) s = best(s, 90, 'name');
  else if (e.matchName.includes(t.raw)) s = best(s, 70, 'name');
  for (const contact of e.matchContacts) {
    if (contact === t.raw) s = best(s, 68, 'contact');
    else if (contact.includes(t.raw)) s = best(s, 58, 'contact');
  }
  if (e.matchCompany.startsWith(t.raw)) s = best(s, 56, 'company');
  else if (e.matchCompany.includes(t.raw)) s = best(s, 52, 'company');
  if (!t.ascii || t.compact === '') return s;
  const c = t.compact;
  const long = c.length >= 3;
  if (e.matchCode === c) s = best(s, 95, 'code');
  else if (e.matchCode.startsWith(c)) s = best(s, 80, 'code');
  else if (long && e.matchCode.includes(c)) s = best(s, 55, 'code');
  if (e.matchCredit !== '') {
    if (e.matchCredit === c) s = best(s, 95, 'credit');
    else if (e.matchCredit.startsWith(c)) s = best(s, 60, 'credit');
    else if (long && e.matchCredit.includes(c)) s = best(s, 50, 'credit');
  }
  if (!t.digitsOnly) {
    if (e.namePinyin === c) s = best(s, 88, 'pinyin');
    else if (e.namePinyin.startsWith(c)) s = best(s, 78, 'pinyin');
    else if (long && e.namePinyin.includes(c)) s = best(s, 50, 'pinyin');
    if (e.nameInitials === c) s = best(s, 86, 'initials');
    else if (e.nameInitials.startsWith(c)) s = best(s, 75, 'initials');
    else if (long && e.nameInitials.includes(c)) s = best(s, 45, 'initials');
  } else {
    for (const phone of e.matchPhones) {
      if (phone === c) s = best(s, 92, 'phone');
      else if (long && phone.endsWith(c)) s = best(s, 72, 'phone');
      else if (long && phone.includes(c)) s = best(s, 65, 'phone');
      else if (phone.startsWith(c)) s = best(s, 30, 'phone');
    }
  }
  return s;
}

/** The score of an entry for all terms (every term must match), or null. */
export function scoreEntry(e: IndexedEntry, terms: QueryTerm[]): Omit<SearchHit, 'id'> | null {
  let total = 0;
  let field: MatchField = 'name';
  for (let i = 0; i < terms.length; i++) {
    const s = scoreTerm(e, terms[i]!);
    if (s.score === 0) return null;
    total += s.score;
    if (i === 0) field = s.field;
  }
  if (e.retired) total -= 5;
  return { score: total, field, nameLength: e.name.length, code: e.code, nameRanges: [] };
}

function rangesOf(haystack: string, needle: string): Range[] {
  const at = haystack.indexOf(needle);
  return at < 0 || needle === '' ? [] : [[at, at + needle.length]];
}

/** Ranges in `text` covering the characters whose digits/letters form `compact`. */
function compactRanges(text: string, compact: string): Range[] {
  const positions: number[] = [];
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!.toLowerCase();
    if (/[a-z0-9]/.test(ch)) {
      positions.push(i);
      folded += ch;
    }
  }
  const at = folded.indexOf(compact);
  if (at < 0 || compact === '') return [];
  return [[positions[at]!, positions[at + compact.length - 1]! + 1]];
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Fills in what to highlight, for the few hits that are shown. */
export function highlightHit(hit: SearchHit, e: IndexedEntry, terms: QueryTerm[]): SearchHit {
  const name = e.name;
  const nameRanges: Range[] = [];
  let detail: SearchHit['detail'];
  for (const t of terms) {
    const s = scoreTerm(e, t);
    if (s.field === 'name') nameRanges.push(...rangesOf(e.matchName, t.raw));
    else if (s.field === 'pinyin' || s.field === 'initials') {
      const chars = pinyinMatch(name, t.compact, { precision: 'start', continuous: true }) ?? [];
      for (const i of chars) nameRanges.push([i, i + 1]);
    } else if (!detail) {
      detail = detailOf(e, t, s.field);
    }
  }
  return { ...hit, nameRanges: mergeRanges(nameRanges), ...(detail ? { detail } : {}) };
}

function detailOf(e: IndexedEntry, t: QueryTerm, field: MatchField): SearchHit['detail'] {
  switch (field) {
    case 'code':
      return { field, text: e.code, ranges: compactRanges(e.code, t.compact) };
    case 'credit':
      return { field, text: e.creditCode, ranges: compactRanges(e.creditCode, t.compact) };
    case 'phone': {
      const phone = e.phones.find((p) => p.replace(/\D/g, '').includes(t.compact)) ?? e.phones[0] ?? '';
      return { field, text: phone, ranges: compactRanges(phone, t.compact) };
    }
    case 'contact': {
      const contact = e.contactNames.find((c) => c.toLowerCase().includes(t.raw)) ?? '';
      return { field, text: contact, ranges: rangesOf(contact.toLowerCase(), t.raw) };
    }
    case 'company':
      return { field, text: e.companyName, ranges: rangesOf(e.companyName.toLowerCase(), t.raw) };
    default:
      return undefined;
  }
}
