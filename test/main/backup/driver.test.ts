import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { pagesOf } from '../../../src/renderer/src/features/backup/driver';
import { collectAttachmentGarbage } from '../../../src/renderer/src/features/documents/documents.data';
import { openMemoryDatabase } from '../../renderer/db/memory-db';
import { tempDir } from '../attachments/helpers';
import { mainProcess } from './helpers';
import { seedDatabase } from './seed';

describe('reading the database out for main', () => {
  let db: DanganDatabase;
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    db = await openMemoryDatabase();
    ({ dir: root, cleanup } = await tempDir('dangan-driver-'));
  });
  afterEach(async () => {
    await db.close();
    await cleanup();
  });

  it('sends every live document once, even when one is written again mid-way', async () => {
    await seedDatabase(db, []);
    const seen: string[] = [];
    let edited = false;
    for await (const page of pagesOf(db, 'customers', 4)) {
      seen.push(...page.map((doc) => String(doc['id'])));
      if (!edited) {
        edited = true;
        // An early document changes (sync, a user edit): it moves to the end of the order.
        await (await db.customers.findOne(String(page[0]?.['id'])).exec())?.incrementalPatch({ points: 999 });
        await (await db.customers.findOne('cust-024').exec())?.remove();
      }
    }
    expect(seen).toHaveLength(new Set(seen).size);
    expect(new Set(seen).size).toBe(24);
    expect(seen).not.toContain('cust-024');
  });

  it('tells main every referenced hash for garbage collection', async () => {
    const main = await mainProcess(root);
    const kept = await main.store.importStream([Buffer.from('kept bytes')], 'a');
    const orphan = await main.store.importStream([Buffer.from('orphan bytes')], 'b');
    await seedDatabase(db, [kept.sha256]);
    const report = await collectAttachmentGarbage(db, {
      begin: async () => {
        const r = await main.api.invoke('attachments:gcBegin', {});
        if (!r.ok) throw new Error(r.error.message);
        return r.value.gcId;
      },
      referenced: async (gcId, sha256s) => void (await main.api.invoke('attachments:gcReferenced', { gcId, sha256s })),
      finish: async (gcId) => main.api.invoke('attachments:gcFinish', { gcId }),
    });
    // Grace 0 in this main: the orphan goes at once, the referenced bytes stay.
    expect(report).toEqual({ ok: true, value: { deleted: 1, bytesFreed: orphan.size, pending: 0, kept: 1 } });
    expect(await main.store.has(kept.sha256)).toBe(true);
    expect(await main.store.has(orphan.sha256)).toBe(false);
  });
});
