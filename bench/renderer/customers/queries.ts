import type { CustomerDoc } from '../../../src/shared/schema';
import { Random } from '../../../src/renderer/src/features/demo/random';

export interface BenchQuery {
  kind: string;
  text: string;
  /** Set when the query names one customer exactly (full code, full mobile). */
  expectId?: string;
}

/**
 * Mixed queries drawn from the data itself, the way people search: full pinyin of a person,
 * pinyin initials, a run of 4–7 phone digits, a 2–3 character Chinese fragment of a name or
 * company, a contact's name, a whole code and a whole mobile number.
 */
export function searchQueries(docs: readonly CustomerDoc[], count: number): BenchQuery[] {
  const r = new Random(7);
  const out: BenchQuery[] = [];
  const kinds = ['pinyin', 'initials', 'digits', 'fragment', 'contact', 'code', 'mobile', 'initials-short'] as const;
  for (let i = 0; out.length < count; i++) {
    const doc = docs[r.int(0, docs.length - 1)]!;
    const kind = kinds[i % kinds.length]!;
    const mobile = doc.contacts.find((c) => c.mobile)?.mobile ?? '';
    switch (kind) {
      case 'pinyin':
        out.push({ kind, text: doc.namePinyin.slice(0, r.int(6, 14)) });
        break;
      case 'initials':
        out.push({ kind, text: doc.nameInitials.slice(0, r.int(3, 5)) });
        break;
      case 'initials-short':
        out.push({ kind, text: doc.nameInitials.slice(0, 2) });
        break;
      case 'digits': {
        const length = r.int(4, 7);
        const start = r.int(0, Math.max(0, mobile.length - length));
        out.push({ kind, text: mobile.slice(start, start + length) });
        break;
      }
      case 'fragment': {
        const length = r.int(2, 3);
        const start = r.int(0, Math.max(0, doc.name.length - length));
        out.push({ kind, text: doc.name.slice(start, start + length) });
        break;
      }
      case 'contact':
        out.push({ kind, text: doc.contacts[r.int(0, doc.contacts.length - 1)]!.name });
        break;
      case 'code':
        out.push({ kind, text: doc.code, expectId: doc.id });
        break;
      case 'mobile':
        if (mobile) out.push({ kind, text: mobile, expectId: doc.id });
        break;
    }
  }
  return out;
}
