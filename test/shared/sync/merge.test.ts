import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../../../src/shared/access/equal';
import { applyConflictValue, documentsEqual, mergeDocuments, stripInternal, type MergeDoc } from '../../../src/shared/sync/merge';
import { MERGE_RULES, type MergeRules } from '../../../src/shared/sync/merge-rules';

const RULES: MergeRules = { appendOnly: ['timeline'], keyed: ['contacts'], set: ['tags'] };
const SCALARS = ['name', 'phone', 'note', 'level'] as const;

interface Contact {
  id: string;
  name: string;
  mobile?: string;
}
interface Entry {
  id: string;
  text: string;
}

const word = fc.constantFrom('a', 'b', 'c', '张', '李', '');
const contact = (id: string) => fc.record({ id: fc.constant(id), name: word, mobile: fc.option(word, { nil: undefined }) });

/** A base document: a few scalar fields, contacts (keyed), a timeline (append-only), tags (set). */
const baseDoc = fc
  .record({
    name: word,
    phone: fc.option(word, { nil: undefined }),
    note: fc.option(word, { nil: undefined }),
    level: fc.integer({ min: 0, max: 3 }),
    contactIds: fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c3'), { maxLength: 3 }),
    timeline: fc.uniqueArray(fc.constantFrom('t1', 't2'), { maxLength: 2 }),
    tags: fc.uniqueArray(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
  })
  .chain((r) =>
    fc.tuple(fc.constant(r), fc.tuple(...r.contactIds.map((id) => contact(id)))).map(([rec, contacts]) => {
      const doc: MergeDoc = {
        id: 'doc1',
        name: rec.name,
        level: rec.level,
        contacts,
        timeline: rec.timeline.map((id) => ({ id, text: id })),
        tags: rec.tags,
        updatedAt: 1000,
        updatedBy: 'base',
        _deleted: false,
      };
      if (rec.phone !== undefined) doc['phone'] = rec.phone;
      if (rec.note !== undefined) doc['note'] = rec.note;
      return doc;
    }),
  );

/** One side's edits of the base: scalars, contacts added/removed/edited, entries appended, tags. */
function edits(side: 'l' | 's', base: MergeDoc) {
  return fc
    .record({
      scalars: fc.array(fc.tuple(fc.constantFrom(...SCALARS), fc.option(word, { nil: undefined })), { maxLength: 3 }),
      removeContacts: fc.array(fc.constantFrom<string>('c1', 'c2', 'c3'), { maxLength: 2 }),
      editContacts: fc.array(fc.tuple(fc.constantFrom('c1', 'c2', 'c3'), word), { maxLength: 2 }),
      addContact: fc.option(word, { nil: undefined }),
      append: fc.integer({ min: 0, max: 2 }),
      // not something the app does, but a side that drops an entry must not drop it for all
      dropEntry: fc.boolean(),
      addTags: fc.array(fc.constantFrom('x', 'y', 'z', side), { maxLength: 2 }),
      removeTags: fc.array(fc.constantFrom<string>('x', 'y', 'z'), { maxLength: 2 }),
      at: fc.integer({ min: 1001, max: 5000 }),
    })
    .map((e) => {
      const doc: MergeDoc = structuredClone(base);
      for (const [field, value] of e.scalars) {
        if (field === 'level') doc['level'] = value === undefined ? 0 : value.length;
        else if (value === undefined) delete doc[field];
        else doc[field] = value;
      }
      let contacts = (doc['contacts'] as Contact[]).filter((c) => !e.removeContacts.includes(c.id));
      contacts = contacts.map((c) => {
        const edit = e.editContacts.find(([id]) => id === c.id);
        return edit ? { ...c, name: `${c.name}${edit[1]}!` } : c;
      });
      if (e.addContact !== undefined) contacts.push({ id: `${side}-new`, name: e.addContact });
      doc['contacts'] = contacts;
      const timeline = doc['timeline'] as Entry[];
      if (e.dropEntry) timeline.shift();
      for (let i = 0; i < e.append; i++) timeline.push({ id: `${side}${i}`, text: `${side}${i}` });
      const tags = (doc['tags'] as string[]).filter((t) => !e.removeTags.includes(t));
      for (const t of e.addTags) if (!tags.includes(t)) tags.push(t);
      doc['tags'] = tags;
      doc['updatedAt'] = e.at;
      doc['updatedBy'] = side === 'l' ? 'laptop' : 'server';
      return doc;
    });
}

const triple = baseDoc.chain((base) => fc.tuple(fc.constant(base), edits('l', base), edits('s', base)));

const SETTINGS = { numRuns: 400, seed: 20_260_601 };

function entry(doc: MergeDoc, field: string, id: string): unknown {
  return (doc[field] as { id: string }[] | undefined)?.find((e) => e.id === id);
}

describe('field-level three-way merge', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(triple, ([base, local, server]) => {
        const a = mergeDocuments(RULES, { base, local, server });
        const b = mergeDocuments(RULES, { base: structuredClone(base), local: structuredClone(local), server: structuredClone(server) });
        expect(a).toEqual(b);
      }),
      SETTINGS,
    );
  });

  it('takes the one side that changed, and agrees when both made the same change', () => {
    fc.assert(
      fc.property(triple, ([base, local, server]) => {
        expect(mergeDocuments(RULES, { base, local: base, server })).toEqual({ merged: server, conflicts: [] });
        expect(mergeDocuments(RULES, { base, local, server: local })).toEqual({ merged: local, conflicts: [] });
        const onlyLocal = mergeDocuments(RULES, { base, local, server: base });
        expect(onlyLocal.conflicts).toEqual([]);
        expect(onlyLocal.merged).toEqual(local);
      }),
      SETTINGS,
    );
  });

  it('never loses a server change, and keeps every local change in the result or the inbox', () => {
    fc.assert(
      fc.property(triple, ([base, local, server]) => {
        const { merged, conflicts } = mergeDocuments(RULES, { base, local, server });
        for (const field of [...SCALARS]) {
          if (!jsonEqual(server[field], base[field])) expect(merged[field]).toEqual(server[field]);
          if (!jsonEqual(local[field], base[field]) && !jsonEqual(merged[field], local[field])) {
            expect(conflicts).toContainEqual({ field, base: base[field], local: local[field], server: server[field] });
          }
        }
        const ids = new Set([...(local['contacts'] as Contact[]), ...(server['contacts'] as Contact[])].map((c) => c.id));
        for (const id of ['c1', 'c2', 'c3', ...ids]) {
          const [b, l, s, m] = [entry(base, 'contacts', id), entry(local, 'contacts', id), entry(server, 'contacts', id), entry(merged, 'contacts', id)];
          if (!jsonEqual(s, b)) expect(m).toEqual(s);
          if (!jsonEqual(l, b) && !jsonEqual(m, l)) {
            expect(conflicts.some((c) => c.field === 'contacts' && c.entryId === id && jsonEqual(c.local, l))).toBe(true);
          }
        }
      }),
      SETTINGS,
    );
  });

  it('merges append-only arrays changed on both sides as a union by id, server entries first', () => {
    fc.assert(
      fc.property(triple, ([base, local, server]) => {
        const { merged } = mergeDocuments(RULES, { base, local, server });
        const ids = (merged['timeline'] as Entry[]).map((e) => e.id);
        const [b, l, s] = [base, local, server].map((d) => (d['timeline'] as Entry[]).map((e) => e.id));
        // one side's change alone is taken as it is; when both changed, nothing either holds is dropped
        const expected = jsonEqual(l, b) ? s! : jsonEqual(s, b) ? l! : [...new Set([...s!, ...l!])];
        expect(ids).toEqual(expected);
      }),
      SETTINGS,
    );
  });

  it('merges sets: additions of either side stay, removals of either side go', () => {
    fc.assert(
      fc.property(triple, ([base, local, server]) => {
        const { merged } = mergeDocuments(RULES, { base, local, server });
        const [b, l, s, m] = [base, local, server, merged].map((d) => d['tags'] as string[]);
        for (const tag of [...l!, ...s!]) if (!b!.includes(tag)) expect(m).toContain(tag);
        for (const tag of b!) if (!l!.includes(tag) || !s!.includes(tag)) expect(m).not.toContain(tag);
        expect(new Set(m).size).toBe(m!.length);
      }),
      SETTINGS,
    );
  });

  it('re-applying every inbox entry restores the laptop value of each conflicted field', () => {
    fc.assert(
      fc.property(triple, ([base, local, server]) => {
        const { merged, conflicts } = mergeDocuments(RULES, { base, local, server });
        const reapplied = conflicts.reduce((doc, c) => applyConflictValue(doc, c), merged);
        for (const c of conflicts) {
          if (c.entryId === undefined) expect(reapplied[c.field]).toEqual(local[c.field]);
          else expect(entry(reapplied, c.field, c.entryId)).toEqual(c.local);
        }
      }),
      SETTINGS,
    );
  });

  it('stamps a merge that kept local values with the later time and this laptop as writer', () => {
    const base = { id: 'd', name: 'a', phone: '1', updatedAt: 100, updatedBy: 'x', _deleted: false };
    const local = { ...base, name: 'b', updatedAt: 50, updatedBy: 'laptop' };
    const server = { ...base, phone: '2', updatedAt: 200, updatedBy: 'other' };
    const { merged, conflicts } = mergeDocuments(RULES, { base, local, server });
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ id: 'd', name: 'b', phone: '2', updatedAt: 200, updatedBy: 'laptop', _deleted: false });
  });

  it('keeps the server value of a field both sides changed and hands the local value to the inbox', () => {
    const base = { id: 'd', name: '张三', phone: '1', _deleted: false };
    const { merged, conflicts } = mergeDocuments(MERGE_RULES.customers, {
      base,
      local: { ...base, phone: '138' },
      server: { ...base, phone: '139' },
    });
    expect(merged['phone']).toBe('139');
    expect(conflicts).toEqual([{ field: 'phone', base: '1', local: '138', server: '139' }]);
  });

  it('keeps a server delete and puts what was edited here in the inbox', () => {
    const base = { id: 'd', name: 'a', note: 'n', _deleted: false };
    const { merged, conflicts } = mergeDocuments(RULES, {
      base,
      local: { ...base, note: 'typed offline' },
      server: { ...base, _deleted: true },
    });
    expect(merged['_deleted']).toBe(true);
    expect(conflicts).toEqual([{ field: 'note', base: 'n', local: 'typed offline', server: 'n' }]);
  });

  it('recomputes atDesc from the merged time and ignores RxDB bookkeeping', () => {
    const base = { id: 'd', at: 10, atDesc: 5, title: 'a', _deleted: false };
    const { merged } = mergeDocuments(RULES, {
      base,
      local: { ...base, at: 20, _meta: { lwt: 1 }, _rev: '1-x', _attachments: {} },
      server: { ...base, title: 'b' },
    });
    expect(merged).toEqual({ id: 'd', at: 20, atDesc: 9_999_999_999_979, title: 'b', _deleted: false });
  });
});

describe('documentsEqual', () => {
  /** What it must mean: both documents without bookkeeping, `_deleted` as a boolean, compared as JSON. */
  const reference = (a: MergeDoc, b: MergeDoc) =>
    jsonEqual({ ...stripInternal(a), _deleted: a['_deleted'] === true }, { ...stripInternal(b), _deleted: b['_deleted'] === true });
  const value = fc.oneof(
    fc.constantFrom(undefined, null, '', 'a', '张', 0, 1, true, false),
    fc.constant([{ id: 'c1', name: 'a' }]),
    fc.constant([{ name: 'a', id: 'c1' }]),
    fc.constant({ lwt: 1 }),
  );
  const doc = fc.dictionary(fc.constantFrom('id', 'name', 'note', 'contacts', '_deleted', '_meta', '_rev', '_attachments'), value, {
    maxKeys: 8,
  });
  /** The same fields in another order, with bookkeeping and `undefined` fields added or dropped. */
  const variant = (d: MergeDoc) =>
    fc.record({ meta: fc.boolean(), undefinedField: fc.boolean(), reverse: fc.boolean() }).map(({ meta, undefinedField, reverse }) => {
      const entries = Object.entries(d).filter(([k]) => !['_meta', '_rev', '_attachments'].includes(k));
      const out: MergeDoc = Object.fromEntries(reverse ? entries.reverse() : entries);
      if (meta) Object.assign(out, { _meta: { lwt: 2 }, _rev: '2-b', _attachments: {} });
      if (undefinedField) out['extra'] = undefined;
      return out;
    });

  it('is equality of the documents without bookkeeping, whatever the key order', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(doc, doc), doc.chain((d) => fc.tuple(fc.constant(d), variant(d)))),
        ([a, b]) => {
          expect(documentsEqual(a, b)).toBe(reference(a, b));
          expect(documentsEqual(b, a)).toBe(reference(a, b));
        },
      ),
      SETTINGS,
    );
  });

  it('tells a missing _deleted from a deleted document, and a missing field from an empty one', () => {
    expect(documentsEqual({ id: 'd', name: 'a' }, { id: 'd', name: 'a', _deleted: false })).toBe(true);
    expect(documentsEqual({ id: 'd', name: 'a' }, { id: 'd', name: 'a', _deleted: true })).toBe(false);
    expect(documentsEqual({ id: 'd', note: '' }, { id: 'd' })).toBe(false);
    expect(documentsEqual({ id: 'd', note: undefined }, { id: 'd' })).toBe(true);
  });
});
