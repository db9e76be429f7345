import { ShardedMap } from '../../../../shared/sharded';
import { addCjkKeys, addPrefixKeys, addTrigramKeys, alnum, KEY_SPACE, parseQuery } from './search-keys';
import { highlightHit, scoreEntry, type IndexedEntry, type SearchHit } from './search-score';

/** What the index needs to know about one customer. */
export interface SearchSource {
  id: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  code: string;
  companyName: string;
  creditCode: string;
  /** As stored (canonical form); matched by their digits. */
  phones: readonly string[];
  contactNames: readonly string[];
  retired: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Every matching customer, not only the hits returned. */
  total: number;
}

const NONE: readonly string[] = Object.freeze([]);

/** `value` folded, as the same string when folding changes nothing (no copy is kept). */
function folded(value: string, fold: (value: string) => string): string {
  const result = fold(value);
  return result === value ? value : result;
}

/** Every value folded: the same array when folding changes none of them. */
function foldedAll(values: readonly string[], fold: (value: string) => string): readonly string[] {
  if (values.length === 0) return NONE;
  let out: string[] | null = null;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const result = fold(value);
    if (out) out.push(result === value ? value : result);
    else if (result !== value) out = [...values.slice(0, i), result];
  }
  return out ?? values;
}

const lower = (value: string) => value.toLowerCase();
const onlyDigits = (value: string) => value.replace(/\D/g, '');

function entryOf(source: SearchSource): IndexedEntry {
  return {
    id: source.id,
    name: source.name,
    namePinyin: source.namePinyin,
    nameInitials: source.nameInitials,
    code: source.code,
    companyName: source.companyName,
    creditCode: source.creditCode,
    phones: source.phones.length === 0 ? NONE : source.phones,
    contactNames: source.contactNames.length === 0 ? NONE : source.contactNames,
    retired: source.retired,
    matchName: folded(source.name, lower),
    matchCode: folded(source.code, alnum),
    matchCredit: folded(source.creditCode, lower),
    matchCompany: folded(source.companyName, lower),
    matchContacts: foldedAll(source.contactNames, lower),
    matchPhones: foldedAll(source.phones, onlyDigits),
  };
}

function keysOf(e: IndexedEntry): Set<number> {
  const keys = new Set<number>();
  for (const text of [e.matchName, e.matchCompany, ...e.matchContacts]) {
    addCjkKeys(text, keys);
    addTrigramKeys(text, keys);
  }
  for (const text of [e.namePinyin, e.nameInitials, e.matchCode, e.matchCredit, ...e.matchPhones]) {
    addTrigramKeys(text, keys);
    addPrefixKeys(text, keys);
  }
  return keys;
}

/**
 * In-memory customer search: posting lists keyed by characters, trigrams and prefixes
 * (search-keys.ts). A query reads the shortest posting list among its keys — every match
 * must be in it — and scores those candidates only, so it never walks the whole collection.
 * Updates append to posting lists; an entry that no longer holds a key stays listed and is
 * rejected when scored, which keeps updates cheap without ever missing a match.
 */
export class SearchIndex {
  private readonly postings: (number[] | undefined)[] = new Array<number[] | undefined>(KEY_SPACE);
  private readonly entries: (IndexedEntry | undefined)[] = [];
  /** Id → slot; sharded, as the catalog's rows (a native Map of 100k grows in one long copy). */
  private readonly slots = new ShardedMap<number>();
  private seen = new Uint32Array(1024);
  private generation = 0;

  get size(): number {
    return this.slots.size;
  }

  upsert(source: SearchSource): void {
    const entry = entryOf(source);
    const existing = this.slots.get(source.id);
    const slot = existing ?? this.entries.length;
    const previous = existing === undefined ? undefined : this.entries[slot];
    const before = previous ? keysOf(previous) : undefined;
    this.entries[slot] = entry;
    if (existing === undefined) this.slots.set(source.id, slot);
    for (const key of keysOf(entry)) {
      if (before?.has(key)) continue;
      const list = this.postings[key];
      if (list) list.push(slot);
      else this.postings[key] = [slot];
    }
  }

  /** Replaces what is known of a customer's contacts (read and decrypted after the rest). */
  setContacts(id: string, phones: readonly string[], contactNames: readonly string[]): void {
    const slot = this.slots.get(id);
    const entry = slot === undefined ? undefined : this.entries[slot];
    if (entry) this.upsert({ ...entry, phones, contactNames });
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.entries[slot] = undefined;
    this.slots.delete(id);
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  search(query: string, limit = 20): SearchResult {
    const terms = parseQuery(query);
    if (terms.length === 0) return { hits: [], total: 0 };
    let shortest: number[] | undefined;
    for (const term of terms) {
      for (const key of term.keys) {
        const list = this.postings[key];
        if (!list) return { hits: [], total: 0 };
        if (!shortest || list.length < shortest.length) shortest = list;
      }
    }
    const top: SearchHit[] = [];
    let total = 0;
    const seen = this.stamp();
    for (const slot of shortest ?? []) {
      if (seen.mark(slot)) continue;
      const entry = this.entries[slot];
      if (!entry) continue;
      const scored = scoreEntry(entry, terms);
      if (!scored) continue;
      total += 1;
      insertTop(top, { ...scored, id: entry.id }, limit);
    }
    return { hits: top.map((hit) => highlightHit(hit, this.entries[this.slots.get(hit.id)!]!, terms)), total };
  }

  /** Ids of customers with a phone whose digits are exactly `digits`. */
  withPhone(digits: string): string[] {
    return this.lookup(digits, (e) => e.matchPhones.includes(digits));
  }

  /** Ids of customers with this credit code. */
  withCreditCode(code: string): string[] {
    const wanted = code.toLowerCase();
    return this.lookup(wanted, (e) => e.matchCredit === wanted);
  }

  /**
   * Ids of customers whose name shares at least `ratio` of the distinct characters of
   * `text` (candidates for a "very similar name" check, which the caller then makes).
   */
  sharingCharacters(text: string, ratio: number): string[] {
    const keys = new Set<number>();
    addCjkKeys(text.toLowerCase(), keys);
    addTrigramKeys(alnum(text), keys);
    if (keys.size === 0) return [];
    const counts = new Map<number, number>();
    for (const key of keys) {
      for (const slot of new Set(this.postings[key] ?? [])) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    const needed = Math.max(1, Math.ceil(keys.size * ratio));
    const ids: string[] = [];
    for (const [slot, count] of counts) {
      const entry = this.entries[slot];
      if (entry && count >= needed) ids.push(entry.id);
    }
    return ids;
  }

  private lookup(compact: string, accept: (e: IndexedEntry) => boolean): string[] {
    const keys = new Set<number>();
    addTrigramKeys(compact, keys);
    let shortest: number[] | undefined;
    for (const key of keys) {
      const list = this.postings[key];
      if (!list) return [];
      if (!shortest || list.length < shortest.length) shortest = list;
    }
    const ids = new Set<string>();
    for (const slot of shortest ?? []) {
      const entry = this.entries[slot];
      if (entry && accept(entry)) ids.add(entry.id);
    }
    return [...ids];
  }

  /** A reusable "already seen" marker over slots (no allocation per query). */
  private stamp(): { mark(slot: number): boolean } {
    if (this.seen.length < this.entries.length) this.seen = new Uint32Array(this.entries.length * 2);
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    const generation = this.generation;
    const seen = this.seen;
    return {
      mark(slot: number): boolean {
        if (seen[slot] === generation) return true;
        seen[slot] = generation;
        return false;
      },
    };
  }
}

function better(a: SearchHit, b: SearchHit): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.nameLength !== b.nameLength) return a.nameLength < b.nameLength;
  return a.code < b.code;
}

function insertTop(top: SearchHit[], hit: SearchHit, limit: number): void {
  if (top.length >= limit && !better(hit, top[top.length - 1]!)) return;
  let i = top.length;
  while (i > 0 && better(hit, top[i - 1]!)) i--;
  top.splice(i, 0, hit);
  if (top.length > limit) top.pop();
}
