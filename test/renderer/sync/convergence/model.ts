import { newId } from '../../../../src/shared/ids';
import { atDescOf } from '../../../../src/shared/schema';
import { customerDoc, visitDoc } from '../../../server/helpers/docs';
import type { Op } from './protocol';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CUSTOMER_FIELDS = ['note', 'industry', 'region', 'sourceChannel'] as const;
export const CASE_FIELDS = ['investigation', 'correctiveAction', 'customerFeedback'] as const;
const WORDS = ['西湖', '钱江', '明远', '五金', '建材', '回访', '报价', '样品', '合同', '安装'];

/** What the test expects to survive: every value typed, every entry added. */
export interface Expectations {
  /** Last value each laptop typed into a field: `laptop|collection|id|field` → value. */
  typed: Map<string, { laptop: string; collection: string; id: string; field: string; value: unknown }>;
  /** Entries of keyed or append-only arrays that must be in the final document. */
  entries: { collection: string; id: string; field: string; entryId: string }[];
  tags: { id: string; tag: string }[];
  /** Writes a rep is not allowed to make: the laptop must show the refusal and converge. */
  refused: { laptop: string; id: string }[];
}

export function newExpectations(): Expectations {
  return { typed: new Map(), entries: [], tags: [], refused: [] };
}

export interface World {
  random: () => number;
  customers: string[];
  cases: string[];
  counter: number;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function text(random: () => number): string {
  return `${pick(random, WORDS)}${pick(random, WORDS)}-${Math.floor(random() * 1e6)}`;
}

function caseDoc(customerId: string, by: string): Record<string, unknown> {
  const now = Date.now();
  return {
    id: newId(),
    customerId,
    kind: 'service',
    status: 'open',
    title: '售后请求',
    description: '设备异响',
    paid: false,
    respondBy: now + 86_400_000,
    assigneeId: by,
    timeline: [],
    at: now,
    atDesc: atDescOf(now),
    createdAt: now,
    createdBy: by,
    updatedAt: now,
    updatedBy: by,
  };
}

export interface PlannedOp {
  op: Op;
  /** Recorded once the laptop confirms the write. */
  expect?: (e: Expectations, laptop: string) => void;
}

/**
 * The next edit a laptop makes. Reps write their team's customers; `ownerId` is a filing
 * field a rep may not change, so a few of their edits are refused by the server on purpose.
 */
export function nextOp(world: World, laptop: { name: string; userId: string; isRep: boolean }, repIds: readonly string[]): PlannedOp {
  const r = world.random;
  const roll = r();
  if (world.customers.length < 3 || roll < 0.12) {
    world.counter++;
    const owner = laptop.isRep ? laptop.userId : pick(r, repIds);
    const doc = customerDoc(owner, 't1', { id: newId(), code: `K${world.counter.toString().padStart(5, '0')}-${laptop.name}`, name: `客户${world.counter}` });
    world.customers.push(doc.id);
    return { op: { kind: 'insert', collection: 'customers', doc } };
  }
  const customer = pick(r, world.customers);
  if (roll < 0.5) {
    const field = pick(r, CUSTOMER_FIELDS);
    const value = text(r);
    return {
      op: { kind: 'set', collection: 'customers', id: customer, field, value },
      expect: (e) => e.typed.set(`${laptop.name}|customers|${customer}|${field}`, { laptop: laptop.name, collection: 'customers', id: customer, field, value }),
    };
  }
  if (roll < 0.6) {
    const entry = { id: newId(), name: `联系人${Math.floor(r() * 1000)}`, mobile: `139${Math.floor(r() * 1e8).toString().padStart(8, '0')}`, isPrimary: false, isEmergency: false };
    return {
      op: { kind: 'append', collection: 'customers', id: customer, field: 'contacts', entry },
      expect: (e) => e.entries.push({ collection: 'customers', id: customer, field: 'contacts', entryId: entry.id }),
    };
  }
  if (roll < 0.68) {
    const tag = `t${Math.floor(r() * 20)}`;
    return {
      op: { kind: 'addToSet', collection: 'customers', id: customer, field: 'tags', value: tag },
      expect: (e) => e.tags.push({ id: customer, tag }),
    };
  }
  if (roll < 0.74 || world.cases.length === 0) {
    const doc = caseDoc(customer, laptop.userId);
    world.cases.push(doc['id'] as string);
    return { op: { kind: 'insert', collection: 'cases', doc } };
  }
  const caseId = pick(r, world.cases);
  if (roll < 0.86) {
    const entry = { id: newId(), at: Date.now(), by: laptop.userId, kind: 'note', text: text(r) };
    return {
      op: { kind: 'append', collection: 'cases', id: caseId, field: 'timeline', entry },
      expect: (e) => e.entries.push({ collection: 'cases', id: caseId, field: 'timeline', entryId: entry.id }),
    };
  }
  if (roll < 0.94) {
    const field = pick(r, CASE_FIELDS);
    const value = text(r);
    return {
      op: { kind: 'set', collection: 'cases', id: caseId, field, value },
      expect: (e) => e.typed.set(`${laptop.name}|cases|${caseId}|${field}`, { laptop: laptop.name, collection: 'cases', id: caseId, field, value }),
    };
  }
  if (laptop.isRep && roll < 0.97) {
    return {
      op: { kind: 'set', collection: 'customers', id: customer, field: 'ownerId', value: 'someone-else' },
      expect: (e) => e.refused.push({ laptop: laptop.name, id: customer }),
    };
  }
  return { op: { kind: 'insert', collection: 'visits', doc: visitDoc(customer, laptop.userId, 't1', { id: newId(), outcomes: text(r) }) } };
}
