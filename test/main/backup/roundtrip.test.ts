import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../../src/renderer/src/features/backup/driver';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { COLLECTION_NAMES } from '../../../src/shared/schema';
import { openMemoryDatabase } from '../../renderer/db/memory-db';
import { tempDir } from '../attachments/helpers';
import { mainProcess } from './helpers';
import { seedDatabase } from './seed';

async function snapshot(db: DanganDatabase) {
  const out: Record<string, unknown[]> = {};
  for (const name of COLLECTION_NAMES) {
    const docs = await db.collections[name].find().exec();
    out[name] = docs.map((d) => d.toMutableJSON(false)).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

describe('backup and restore', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const dbs: DanganDatabase[] = [];
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('dangan-backup-'));
  });
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.close()));
    await cleanup();
  });

  async function laptop(name: string) {
    const main = await mainProcess(path.join(root, name));
    const db = await openMemoryDatabase();
    dbs.push(db);
    return { main, db };
  }

  for (const passphrase of [undefined, 'correct horse battery staple']) {
    it(`gives back identical documents and byte-identical attachments (${passphrase ? 'encrypted' : 'plain'})`, async () => {
      const a = await laptop('a');
      const files = [randomBytes(5 * 1024 * 1024 + 17), Buffer.from('%PDF-1.4\n合同\n%%EOF\n'), randomBytes(0)];
      const stored = [];
      for (const bytes of files) stored.push(await a.main.store.importStream([bytes], 'f'));
      const missing = 'f'.repeat(64);
      await seedDatabase(a.db, [...stored.map((s) => s.sha256), missing]);
      a.main.os.folder = path.join(root, 'usb');
      const phases = new Set<string>();
      const summary = await backupDatabase(a.db, a.main.api, {
        destination: 'choose',
        ...(passphrase ? { passphrase } : {}),
        onProgress: (phase) => phases.add(phase),
      });
      expect(summary).toMatchObject({ encrypted: passphrase !== undefined, blobs: 3, missingBlobs: 1, damagedBlobs: 0 });
      expect(summary?.documents.customers).toBe(25);
      expect([...phases]).toEqual(expect.arrayContaining(['documents', 'attachments', 'finishing']));
      const backupFile = path.join(summary?.folder ?? '', summary?.fileName ?? '');
      // Encrypted: no document text and no attachment bytes in the clear (and plain: all of it).
      // The strings are long enough that 5 MiB of ciphertext cannot hold them by chance.
      const raw = await readFile(backupFile);
      for (const text of ['%PDF-1.4\n合同', 'onerror=alert(1)', 'KH-0001']) {
        expect(raw.includes(Buffer.from(text)), text).toBe(passphrase === undefined);
      }

      // Wipe: this laptop's database is gone (RxDB's open core also allows one open at a time here).
      const before = await snapshot(a.db);
      await a.db.close();
      dbs.splice(dbs.indexOf(a.db), 1);
      const b = await laptop('b');
      b.main.os.backupFile = backupFile;
      const restored = await restoreDatabase(b.db, b.main.api, {
        source: { kind: 'dialog' },
        ...(passphrase ? { passphrase } : {}),
      });
      expect(restored).toEqual({ documents: expect.any(Number), blobs: 3 });
      expect(await snapshot(b.db)).toEqual(before);
      expect(before['customers']).toHaveLength(25);
      for (const file of stored) {
        const [restoredBytes, originalBytes] = await Promise.all([
          readFile(b.main.store.blobPath(file.sha256)),
          readFile(a.main.store.blobPath(file.sha256)),
        ]);
        // Buffer.equals: a deep-equality matcher walks 5 MiB element by element.
        expect(restoredBytes.equals(originalBytes), file.sha256).toBe(true);
        expect(restoredBytes.length).toBe(file.size);
      }
      expect(await b.main.store.has(missing)).toBe(false);
      expect(await readdir(path.join(b.main.dataDir, 'tmp', 'restore'))).toEqual([]);
    });
  }
});

describe('a backup that steps aside', () => {
  it('sends no document while beforePage holds it, and completes once it lets go', async () => {
    const { dir, cleanup } = await tempDir('dangan-backup-aside-');
    const main = await mainProcess(path.join(dir, 'a'));
    const db = await openMemoryDatabase();
    try {
      await seedDatabase(db, []);
      main.os.folder = path.join(dir, 'usb');
      let release: () => void = () => undefined;
      let holding = true;
      const sent: number[] = [];
      const made = backupDatabase(db, main.api, {
        destination: 'choose',
        onProgress: (phase, done) => phase === 'documents' && sent.push(done),
        beforePage: () => (holding ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Only the opening "0 of n" went out while held.
      expect(sent).toEqual([0]);
      holding = false;
      release();
      const summary = await made;
      expect(summary?.documents.customers).toBe(25);
      expect(sent.at(-1)).toBeGreaterThan(25);
    } finally {
      await db.close();
      await cleanup();
    }
  });
});
