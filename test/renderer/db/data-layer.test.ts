import type { RxCollection } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT_DESC_BASE, COLLECTION_NAMES, type TaskDoc } from '../../../src/shared/schema';
import { newId } from '../../../src/shared/ids';
import { MAX_BATCH, writeInBatches } from '../../../src/renderer/src/db/batch';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { openMemoryDatabase } from './memory-db';

function task(overrides: Partial<TaskDoc> = {}): TaskDoc {
  return {
    id: newId(),
    customerId: 'c1',
    kind: 'returnVisit',
    status: 'open',
    title: '回访：安装后满意度',
    assigneeId: 'u1',
    at: 1_760_000_000_000,
    atDesc: 0,
    createdAt: 0,
    createdBy: '',
    updatedAt: 0,
    updatedBy: '',
    ...overrides,
  };
}

describe('the data layer', () => {
  let db: DanganDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase('clerk-7');
  });
  afterEach(async () => {
    await db.close();
  });

  it('opens all collections of the shared schema', () => {
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  it('stamps who and when on insert and on every save, in one place', async () => {
    const before = Date.now();
    const doc = await db.collections.tasks.insert(task({ createdBy: '', updatedBy: 'forged' }));
    expect(doc.updatedBy).toBe('clerk-7');
    expect(doc.createdBy).toBe('clerk-7');
    expect(doc.updatedAt).toBeGreaterThanOrEqual(before);
    expect(doc.atDesc).toBe(AT_DESC_BASE - 1_760_000_000_000);

    const saved = await doc.incrementalPatch({ at: 1_770_000_000_000, updatedBy: 'forged' });
    expect(saved.updatedBy).toBe('clerk-7');
    expect(saved.atDesc).toBe(AT_DESC_BASE - 1_770_000_000_000);
    expect(saved.createdAt).toBe(doc.createdAt);
  });

  it('refuses a document that breaks its schema', async () => {
    await expect(db.collections.tasks.insert(task({ status: 'nonsense' as TaskDoc['status'] }))).rejects.toThrow();
    await expect(db.collections.tasks.insert(task({ title: 'x'.repeat(301) }))).rejects.toThrow();
  });

  it('writes large sets in batches of at most 250 with progress', async () => {
    const collection = db.collections.tasks;
    const sizes: number[] = [];
    const original = collection.bulkInsert.bind(collection);
    (collection as RxCollection<TaskDoc>).bulkInsert = (docs) => {
      sizes.push(docs.length);
      return original(docs);
    };
    const progress: number[] = [];
    const docs = Array.from({ length: 1_001 }, () => task());
    const written = await writeInBatches(collection, docs, 'insert', { onProgress: (p) => progress.push(p.done) });
    expect(written).toBe(1_001);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BATCH);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1_001);
    expect(progress.at(-1)).toBe(1_001);
    expect(await collection.count().exec()).toBe(1_001);
  });

  it('reports documents a batch could not write instead of dropping them', async () => {
    const existing = task();
    await db.collections.tasks.insert(existing);
    await expect(
      writeInBatches(db.collections.tasks, [task(), { ...existing }, task()], 'insert'),
    ).rejects.toMatchObject({ written: 2, failures: [{ id: existing.id }] });
  });
});
