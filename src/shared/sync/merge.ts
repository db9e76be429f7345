import { jsonEqual } from '../access/equal';
import { atDescOf } from '../schema/common';
import { AUDIT_FIELDS, INTERNAL_FIELDS, type MergeRules } from './merge-rules';

/**
 * The field-level three-way merge behind the conflict handler (DESIGN.md, Sync). Inputs are the
 * common ancestor (the server state the laptop last saw, `assumedMasterState`), the laptop's
 * document and the server's current one. A field changed on one side only takes that change;
 * a field both sides changed to different values keeps the server's value, and the laptop's
 * value is returned as a conflict for the inbox. Nothing either side typed disappears without a
 * trace. Pure and deterministic: the same three documents always give the same result.
 */

export type MergeDoc = Record<string, unknown>;

export interface FieldConflict {
  field: string;
  /** Present when one entry of an id-keyed array conflicted, not the whole field. */
  entryId?: string;
  /** `undefined` when absent on that side (an entry removed, a field cleared). */
  base: unknown;
  local: unknown;
  server: unknown;
}

export interface MergeInput {
  /** The common ancestor; absent when the laptop never saw a server version of the document. */
  base?: MergeDoc | null;
  local: MergeDoc;
  server: MergeDoc;
}

export interface MergeResult {
  merged: MergeDoc;
  conflicts: FieldConflict[];
}

const SKIPPED = new Set<string>([...INTERNAL_FIELDS, ...AUDIT_FIELDS, '_deleted', 'atDesc']);

/** A copy without RxDB's bookkeeping (`_meta`, `_rev`, `_attachments`). */
export function stripInternal(doc: MergeDoc): MergeDoc {
  const out: MergeDoc = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!(INTERNAL_FIELDS as readonly string[]).includes(key) && value !== undefined) out[key] = value;
  }
  return out;
}

/** Left out of document equality: bookkeeping, and `_deleted`, which is compared as a boolean. */
const NOT_COMPARED = new Set<string>([...INTERNAL_FIELDS, '_deleted']);

/**
 * Document equality as replication needs it: blind to bookkeeping and key order, a field
 * holding `undefined` counts as absent, a missing `_deleted` as false (RxDB leaves it out of
 * some states). Field by field without copying either document: RxDB's upstream asks this of
 * every document it is about to push, 1,000 at a time after a week offline.
 */
export function documentsEqual(a: MergeDoc, b: MergeDoc): boolean {
  if ((a['_deleted'] === true) !== (b['_deleted'] === true)) return false;
  let fields = 0;
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (value === undefined || NOT_COMPARED.has(key)) continue;
    if (!jsonEqual(value, b[key])) return false;
    fields++;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined && !NOT_COMPARED.has(key)) fields--;
  return fields === 0;
}

/** Without bookkeeping, `_deleted` always a boolean (RxDB leaves it out of some states). */
function normalize(doc: MergeDoc): MergeDoc {
  return { ...stripInternal(doc), _deleted: doc['_deleted'] === true };
}

type Outcome = { value: unknown; conflict: boolean };

function threeWay(base: unknown, local: unknown, server: unknown): Outcome {
  if (jsonEqual(local, server)) return { value: server, conflict: false };
  if (jsonEqual(base, local)) return { value: server, conflict: false };
  if (jsonEqual(base, server)) return { value: local, conflict: false };
  return { value: server, conflict: true };
}

interface Entry {
  id: string;
}

function isEntryArray(value: unknown): value is Entry[] {
  return (
    Array.isArray(value) &&
    value.every((e) => typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string')
  );
}

function byId(entries: readonly Entry[]): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const entry of entries) if (!map.has(entry.id)) map.set(entry.id, entry);
  return map;
}

/** Entry-by-entry merge; `appendOnly` arrays never lose an entry, even one a side removed. */
function mergeEntries(
  field: string,
  base: Entry[],
  local: Entry[],
  server: Entry[],
  appendOnly: boolean,
  conflicts: FieldConflict[],
): Entry[] {
  const b = byId(base);
  const l = byId(local);
  const s = byId(server);
  const order = [...s.keys(), ...[...l.keys()].filter((id) => !s.has(id))];
  const out: Entry[] = [];
  for (const id of order) {
    const outcome = threeWay(b.get(id), l.get(id), s.get(id));
    let value = outcome.value as Entry | undefined;
    if (appendOnly && value === undefined) value = s.get(id) ?? l.get(id);
    if (outcome.conflict) {
      conflicts.push({ field, entryId: id, base: b.get(id), local: l.get(id), server: s.get(id) });
    }
    if (value !== undefined) out.push(value);
  }
  return out;
}

function isPrimitiveArray(value: unknown): value is (string | number | boolean)[] {
  return Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v));
}

/** Set semantics: what either side added stays, what either side removed goes. */
function mergeSet(base: unknown[], local: unknown[], server: unknown[]): unknown[] {
  const removedLocally = base.filter((v) => !local.includes(v));
  const out = server.filter((v) => !removedLocally.includes(v));
  for (const v of local) if (!base.includes(v) && !out.includes(v)) out.push(v);
  return out;
}

function orderedKeys(...docs: MergeDoc[]): string[] {
  const seen = new Set<string>();
  for (const doc of docs) for (const key of Object.keys(doc)) seen.add(key);
  return [...seen].filter((key) => !SKIPPED.has(key));
}

function mergeField(
  field: string,
  base: unknown,
  local: unknown,
  server: unknown,
  rules: MergeRules,
  conflicts: FieldConflict[],
): unknown {
  const whole = threeWay(base, local, server);
  if (!whole.conflict) return whole.value;
  const asArray = (v: unknown) => (v === undefined ? [] : v);
  const [b, l, s] = [asArray(base), asArray(local), asArray(server)];
  const appendOnly = rules.appendOnly.includes(field);
  if ((appendOnly || rules.keyed.includes(field)) && isEntryArray(b) && isEntryArray(l) && isEntryArray(s)) {
    return mergeEntries(field, b, l, s, appendOnly, conflicts);
  }
  if (rules.set.includes(field) && isPrimitiveArray(b) && isPrimitiveArray(l) && isPrimitiveArray(s)) {
    return mergeSet(b, l, s);
  }
  conflicts.push({ field, base, local, server });
  return server;
}

function changedFields(base: MergeDoc, doc: MergeDoc): string[] {
  return orderedKeys(base, doc).filter((key) => !jsonEqual(base[key], doc[key]));
}

function byPath(a: FieldConflict, b: FieldConflict): number {
  if (a.field !== b.field) return a.field < b.field ? -1 : 1;
  const [x, y] = [a.entryId ?? '', b.entryId ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function mergeDocuments(rules: MergeRules, input: MergeInput): MergeResult {
  const base = normalize(input.base ?? {});
  const local = normalize(input.local);
  const server = normalize(input.server);
  const conflicts: FieldConflict[] = [];

  // Deleted on the server while edited here: the delete stands (a record removed or moved out
  // of reach); what was typed here is kept for review.
  if (server['_deleted'] === true && base['_deleted'] !== true && local['_deleted'] !== true) {
    for (const field of changedFields(base, local)) {
      conflicts.push({ field, base: base[field], local: local[field], server: server[field] });
    }
    return { merged: server, conflicts: conflicts.sort(byPath) };
  }

  const merged: MergeDoc = {};
  for (const field of orderedKeys(server, local, base)) {
    const value = mergeField(field, base[field], local[field], server[field], rules, conflicts);
    if (value !== undefined) merged[field] = value;
  }
  merged['_deleted'] = threeWay(base['_deleted'], local['_deleted'], server['_deleted']).value;
  if ('atDesc' in server || 'atDesc' in local) {
    const at = merged['at'];
    merged['atDesc'] = typeof at === 'number' ? atDescOf(at) : (server['atDesc'] ?? local['atDesc']);
  }
  stampAudit(merged, local, server);
  return { merged, conflicts: conflicts.sort(byPath) };
}

/** The later stamp wins; a merge that kept something of this laptop's is this laptop's write. */
function stampAudit(merged: MergeDoc, local: MergeDoc, server: MergeDoc): void {
  const withServerStamps = { ...merged, updatedAt: server['updatedAt'], updatedBy: server['updatedBy'] };
  if (jsonEqual(withServerStamps, server)) {
    Object.assign(merged, withServerStamps);
    return;
  }
  const [l, s] = [local['updatedAt'], server['updatedAt']];
  const later = typeof l === 'number' && typeof s === 'number' ? Math.max(l, s) : (l ?? s);
  if (later !== undefined) merged['updatedAt'] = later;
  const by = local['updatedBy'] ?? server['updatedBy'];
  if (by !== undefined) merged['updatedBy'] = by;
}

/**
 * Puts a value from the conflict inbox back into the current document: a whole field, or one
 * entry of an id-keyed array (removed again when the laptop's side had removed it).
 */
export function applyConflictValue(doc: MergeDoc, conflict: Pick<FieldConflict, 'field' | 'entryId' | 'local'>): MergeDoc {
  const next = { ...doc };
  if (conflict.entryId === undefined) {
    if (conflict.local === undefined) delete next[conflict.field];
    else next[conflict.field] = conflict.local;
    return next;
  }
  const current = next[conflict.field];
  const entries = isEntryArray(current) ? [...current] : [];
  const at = entries.findIndex((e) => e.id === conflict.entryId);
  if (conflict.local === undefined) {
    if (at >= 0) entries.splice(at, 1);
  } else if (at >= 0) {
    entries[at] = conflict.local as Entry;
  } else {
    entries.push(conflict.local as Entry);
  }
  next[conflict.field] = entries;
  return next;
}
