import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../../src/renderer/src/features/backup/driver';
import type { IpcCallError } from '../../../src/renderer/src/features/backup/ipc';
import { COLLECTION_NAMES } from '../../../src/shared/schema';
import { openMemoryDatabase } from '../../renderer/db/memory-db';
import { tempDir } from '../attachments/helpers';
import { mainProcess } from './helpers';
import { seedDatabase } from './seed';

const PASS = 'correct horse battery staple';

/** Two backups of one seeded profile (plain and encrypted), made once for every case below. */
describe('restoring a damaged, foreign or locked backup', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const made: Record<'plain' | 'encrypted', Buffer> = { plain: Buffer.alloc(0), encrypted: Buffer.alloc(0) };
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('dangan-refuse-'));
    const main = await mainProcess(path.join(root, 'source'));
    const db = await openMemoryDatabase();
    const blob = await main.store.importStream([randomBytes(3 * 1024 * 1024)], 'scan.bin');
    await seedDatabase(db, [blob.sha256]);
    main.os.folder = path.join(root, 'made');
    for (const kind of ['plain', 'encrypted'] as const) {
      const summary = await backupDatabase(db, main.api, { destination: 'choose', ...(kind === 'encrypted' ? { passphrase: PASS } : {}) });
      made[kind] = await readFile(path.join(summary?.folder ?? '', summary?.fileName ?? ''));
    }
    await db.close();
  });
  afterAll(() => cleanup());

  let n = 0;
  /** Restores `bytes` into a fresh, empty laptop and reports what happened to it. */
  async function attempt(bytes: Buffer, passphrase?: string) {
    n += 1;
    const main = await mainProcess(path.join(root, `target-${n}`));
    const db = await openMemoryDatabase();
    const file = path.join(root, `attempt-${n}.dgbk`);
    await writeFile(file, bytes);
    main.os.backupFile = file;
    let error: IpcCallError | null = null;
    try {
      await restoreDatabase(db, main.api, { source: { kind: 'dialog' }, ...(passphrase ? { passphrase } : {}) });
    } catch (e) {
      error = e as IpcCallError;
    }
    const documents = (await Promise.all(COLLECTION_NAMES.map((c) => db.collections[c].count().exec()))).reduce((a, b) => a + b, 0);
    const storeEmpty = await main.store.isEmpty();
    const staging = await readdir(path.join(main.dataDir, 'tmp', 'restore')).catch(() => []);
    await db.close();
    // A refusal must change nothing: no document, no attachment, no staging left behind.
    return { key: error?.messageKey ?? null, unchanged: documents === 0 && storeEmpty && staging.length === 0, documents };
  }

  const flip = (bytes: Buffer, at: number) => {
    const copy = Buffer.from(bytes);
    copy[at] = (copy[at] ?? 0) ^ 0x40;
    return copy;
  };

  it('restores the untouched files (the cases below start from good backups)', async () => {
    expect(await attempt(made.plain)).toMatchObject({ key: null, documents: 29 });
    expect(await attempt(made.encrypted, PASS)).toMatchObject({ key: null, documents: 29 });
  });

  for (const kind of ['plain', 'encrypted'] as const) {
    const pass = kind === 'encrypted' ? PASS : undefined;
    it(`refuses a ${kind} backup with one byte changed anywhere, changing nothing`, async () => {
      const size = made[kind].length;
      const bodyStart = 12 + made[kind].readUInt32BE(8) + 32;
      // In the header, inside the documents (just after the header), inside an attachment's
      // bytes, and at the very end.
      for (const at of [20, bodyStart + 60, Math.floor(size / 2), size - 5]) {
        expect(await attempt(flip(made[kind], at), pass), `byte ${at}`).toEqual({
          key: 'backup.errors.damaged',
          unchanged: true,
          documents: 0,
        });
      }
    });

    it(`refuses a truncated ${kind} backup and one with bytes appended`, async () => {
      const bytes = made[kind];
      for (const damaged of [bytes.subarray(0, bytes.length - 1), bytes.subarray(0, Math.floor(bytes.length * 0.7)), Buffer.concat([bytes, Buffer.from('x')])]) {
        expect(await attempt(damaged, pass)).toMatchObject({ key: 'backup.errors.damaged', unchanged: true });
      }
    });
  }

  it('refuses an encrypted backup without its passphrase or with a wrong one', async () => {
    expect(await attempt(made.encrypted)).toMatchObject({ key: 'backup.errors.passphraseRequired', unchanged: true });
    expect(await attempt(made.encrypted, 'wrong horse battery staple')).toMatchObject({
      key: 'backup.errors.wrongPassphrase',
      unchanged: true,
    });
  });

  it('refuses a file that is not a Dangan backup', async () => {
    expect(await attempt(Buffer.from('%PDF-1.7\n%%EOF\n'))).toMatchObject({ key: 'backup.errors.notABackup', unchanged: true });
    expect(await attempt(Buffer.alloc(0))).toMatchObject({ key: 'backup.errors.notABackup', unchanged: true });
    expect(await attempt(flip(made.plain, 2))).toMatchObject({ key: 'backup.errors.notABackup', unchanged: true });
    // A newer format than this app knows is named as such, not as damage.
    const newer = Buffer.from(made.plain);
    const headerEnd = 12 + newer.readUInt32BE(8);
    const header = Buffer.from(newer.subarray(12, headerEnd).toString('utf8').replace('"version":1', '"version":9'));
    const head = Buffer.concat([newer.subarray(0, 12), header]);
    const digest = createHash('sha256').update(head).digest();
    expect(await attempt(Buffer.concat([head, digest, newer.subarray(headerEnd + 32)]))).toMatchObject({
      key: 'backup.errors.unsupportedVersion',
      unchanged: true,
    });
  });

  it('restores only into an empty profile', async () => {
    const main = await mainProcess(path.join(root, 'busy-profile'));
    await main.store.importStream([Buffer.from('already here')], 'x.txt');
    const file = path.join(root, 'busy.dgbk');
    await writeFile(file, made.plain);
    main.os.backupFile = file;
    const db = await openMemoryDatabase();
    await expect(restoreDatabase(db, main.api, { source: { kind: 'dialog' } })).rejects.toMatchObject({
      messageKey: 'backup.errors.profileNotEmpty',
    });
    await db.close();

    const other = await mainProcess(path.join(root, 'busy-db'));
    other.os.backupFile = file;
    const full = await openMemoryDatabase();
    await seedDatabase(full, []);
    await expect(restoreDatabase(full, other.api, { source: { kind: 'dialog' } })).rejects.toMatchObject({
      messageKey: 'backup.errors.profileNotEmpty',
    });
    expect(await other.store.isEmpty()).toBe(true);
    await full.close();
  });
});
