import { afterEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { CustomerCatalog } from '../../../src/renderer/src/features/customers/catalog';
import { findDuplicates } from '../../../src/renderer/src/features/customers/duplicates';
import type { CustomerDoc } from '../../../src/shared/schema';
import { openMemoryDatabase } from '../db/memory-db';
import { sampleCustomer } from './fixtures';

let db: DanganDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

function many(count: number, code: (i: number) => string): CustomerDoc[] {
  return Array.from({ length: count }, (_, i) =>
    sampleCustomer({
      code: code(i),
      name: `客户${i}`,
      namePinyin: `kehu${i}`,
      nameInitials: `kh${i}`,
      contacts: [{ id: `c${i}`, name: `联系人${i}`, mobile: `139${String(i).padStart(8, '0')}`, isPrimary: true, isEmergency: false }],
    }),
  );
}

describe('the customer catalog (status list rows and search index)', () => {
  it('loads every customer in chunks, including codes shared across a chunk boundary', async () => {
    db = await openMemoryDatabase();
    // 2,600 documents with only 3 distinct codes: chunks of 2,000 end in the middle of a code.
    await db.collections.customers.bulkInsert(many(2600, (i) => `KH240612-AB12C-0000${i % 3}`));
    const catalog = new CustomerCatalog(db);
    await catalog.start();
    expect(catalog.state.phase).toBe('ready');
    expect(catalog.rows.size).toBe(2600);
    await catalog.whenSearchComplete();
    expect(catalog.state.contactsIndexed).toBe(2600);
    expect(catalog.index.search('13900002599').hits.map((h) => catalog.rows.get(h.id)?.name)).toEqual(['客户2599']);
    catalog.close();
  });

  it('follows inserts, edits and deletions from the change stream', async () => {
    db = await openMemoryDatabase();
    const first = sampleCustomer({ name: '张三', namePinyin: 'zhangsan', nameInitials: 'zs' });
    await db.collections.customers.insert(first);
    const catalog = new CustomerCatalog(db);
    await catalog.whenSearchComplete();
    const added = sampleCustomer({ name: '李四', namePinyin: 'lisi', nameInitials: 'ls' });
    await db.collections.customers.insert(added);
    const doc = await db.collections.customers.findOne(first.id).exec();
    await doc!.incrementalPatch({ name: '张三丰', namePinyin: 'zhangsanfeng', nameInitials: 'zsf', archiveStatus: 'retired' });
    await (await db.collections.customers.findOne(added.id).exec())!.remove();
    expect(catalog.rows.get(first.id)).toMatchObject({ name: '张三丰', archiveStatus: 'retired' });
    expect(catalog.rows.has(added.id)).toBe(false);
    expect(catalog.index.search('zsf').hits.map((h) => h.id)).toEqual([first.id]);
    expect(catalog.index.search('lisi').hits).toEqual([]);
    catalog.close();
  });

  it('applies a large write in slices, in order, with the UI free in between', async () => {
    db = await openMemoryDatabase();
    const catalog = new CustomerCatalog(db, { sliceMs: -1 });
    await catalog.start();
    const before = catalog.state.version;
    const docs = many(3, (i) => `KH${i}`);
    await db.collections.customers.bulkInsert(docs);
    // One event per slice here: the write resolved with only the first applied.
    expect([...catalog.rows.keys()]).toEqual([docs[0]!.id]);
    const renamed = db.collections.customers.findOne(docs[2]!.id).exec().then((d) => d!.incrementalPatch({ name: '改过' }));
    for (let turn = 0; turn < 100 && catalog.rows.get(docs[2]!.id)?.name !== '改过'; turn++) await new Promise((r) => setTimeout(r, 0));
    await renamed;
    expect(catalog.rows.size).toBe(3);
    expect(catalog.rows.get(docs[2]!.id)?.name).toBe('改过');
    expect(catalog.index.search('kehu1').hits.map((h) => h.id)).toEqual([docs[1]!.id]);
    expect(catalog.changedSince(before)).toEqual(new Set(docs.map((d) => d.id)));
    catalog.close();
  });

  it('names the rows changed since a version, and says when it cannot', async () => {
    db = await openMemoryDatabase();
    await db.collections.customers.bulkInsert(many(3, (i) => `KH${i}`));
    const catalog = new CustomerCatalog(db);
    await catalog.start();
    const loadedAt = catalog.state.version;
    const added = sampleCustomer({ code: 'KH9' });
    await db.collections.customers.insert(added);
    const first = (await db.collections.customers.find().exec())[0]!;
    await first.incrementalPatch({ name: '改过' });
    expect(catalog.changedSince(loadedAt)).toEqual(new Set([added.id, first.primary]));
    expect(catalog.changedSince(catalog.state.version)).toEqual(new Set());
    // Before the rows were loaded: anything may have changed.
    expect(catalog.changedSince(0)).toBeNull();
    catalog.close();
  });

  it('finds duplicates by phone, credit code and a very similar name, never the customer itself', async () => {
    db = await openMemoryDatabase();
    const existing = sampleCustomer({});
    const person = sampleCustomer({ type: 'individual', name: '王伟', namePinyin: 'wangwei', nameInitials: 'ww', creditCode: undefined, contacts: [{ id: 'p', name: '王伟', mobile: '13500000000', isPrimary: true, isEmergency: false }] });
    await db.collections.customers.bulkInsert([existing, person]);
    const catalog = new CustomerCatalog(db);
    await catalog.whenSearchComplete();
    const byPhone = findDuplicates(catalog, { name: '另一家公司', phones: ['138 0013 8000'] });
    expect(byPhone.map((c) => [c.id, c.reasons])).toEqual([[existing.id, ['phone']]]);
    const byCredit = findDuplicates(catalog, { name: '完全不同', creditCode: '91350100m000100y43', phones: [] });
    expect(byCredit.map((c) => c.reasons)).toEqual([['credit']]);
    const byName = findDuplicates(catalog, { name: '北京华通科技股份有限公司（朝阳）', phones: [] });
    expect(byName.map((c) => c.id)).toEqual([existing.id]);
    expect(findDuplicates(catalog, { name: '王伟', phones: [] }).map((c) => c.id)).toEqual([person.id]);
    expect(findDuplicates(catalog, { name: '王伟', phones: ['13500000000'] }, person.id)).toEqual([]);
    expect(findDuplicates(catalog, { name: '王炜', phones: [] })).toEqual([]);
    catalog.close();
  });
});
