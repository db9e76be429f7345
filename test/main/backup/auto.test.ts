import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../attachments/helpers';
import { mainProcess } from './helpers';

const day = (d: number, h = 10) => new Date(2025, 5, d, h, 0, 0).getTime();

describe('automatic daily backups', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('dangan-auto-'));
  });
  afterEach(() => cleanup());

  async function autoBackup(main: Awaited<ReturnType<typeof mainProcess>>) {
    const begun = await main.service.begin(1, 'auto');
    if (!('backupId' in begun)) throw new Error('auto backups never ask where');
    await main.service.chunk(1, begun.backupId, 'customers', [{ id: 'c1', name: '张三' }]);
    return main.service.finish(1, begun.backupId);
  }

  it('is due once per local day and keeps only the newest N', async () => {
    let now = day(1);
    const main = await mainProcess(path.join(root, 'p'), { settings: { backupKeep: 3 }, now: () => now });
    expect(await main.service.autoStatus()).toEqual({ enabled: true, due: true, lastAt: null, keep: 3 });
    for (const d of [1, 2, 3, 4, 5]) {
      now = day(d);
      expect((await main.service.autoStatus()).due).toBe(true);
      const summary = await autoBackup(main);
      expect(summary.folder).toBe(main.service.autoDir);
      now = day(d, 18);
      expect((await main.service.autoStatus()).due).toBe(false);
    }
    const names = (await readdir(main.service.autoDir)).sort();
    expect(names).toEqual([
      'dangan-backup-20250603-100000-auto.dgbk',
      'dangan-backup-20250604-100000-auto.dgbk',
      'dangan-backup-20250605-100000-auto.dgbk',
    ]);
    expect((await main.service.autoStatus()).lastAt).toBe(day(5));
  });

  it('never prunes manual backups kept in the same folder, and lists both', async () => {
    let now = day(1);
    const main = await mainProcess(path.join(root, 'p'), { settings: { backupKeep: 1 }, now: () => now });
    main.os.folder = main.service.autoDir;
    const manual = await main.service.begin(1, 'choose');
    if (!('backupId' in manual)) throw new Error('folder chosen');
    await main.service.finish(1, manual.backupId);
    now = day(2);
    await autoBackup(main);
    now = day(3);
    await autoBackup(main);
    const list = await main.service.list();
    expect(list.map((b) => [b.fileName, b.auto])).toEqual([
      ['dangan-backup-20250603-100000-auto.dgbk', true],
      ['dangan-backup-20250601-100000.dgbk', false],
    ]);
  });

  it('encrypts automatic backups with the local key and restores them from the list without asking', async () => {
    const key = 'local-key-from-safe-storage-0123456789';
    const main = await mainProcess(path.join(root, 'p'), { autoPassphrase: async () => key });
    const summary = await autoBackup(main);
    expect(summary.encrypted).toBe(true);
    const raw = await readFile(path.join(summary.folder, summary.fileName));
    expect(raw.includes(Buffer.from('张三'))).toBe(false);

    const fresh = await mainProcess(path.join(root, 'q'), { autoPassphrase: async () => key });
    await mkdir(fresh.service.autoDir, { recursive: true });
    await copyFile(path.join(summary.folder, summary.fileName), path.join(fresh.service.autoDir, summary.fileName));
    const begun = await fresh.api.invoke('backup:restoreBegin', { source: { kind: 'local', fileName: summary.fileName } });
    if (!begun.ok || 'cancelled' in begun.value) throw new Error(JSON.stringify(begun));
    const next = await fresh.api.invoke('backup:restoreNext', { restoreId: begun.value.restoreId });
    expect(next.ok && !next.value.done && next.value.docs).toEqual([{ id: 'c1', name: '张三' }]);
    await fresh.api.invoke('backup:restoreEnd', { restoreId: begun.value.restoreId });

    const traversal = await fresh.api.invoke('backup:restoreBegin', { source: { kind: 'local', fileName: '../../etc/passwd' } });
    expect(traversal.ok ? null : traversal.error.code).toBe('invalid-argument');
  });

  it('is off when the setting is off, and runs one backup or restore at a time', async () => {
    const main = await mainProcess(path.join(root, 'p'), { settings: { autoBackup: false } });
    expect((await main.service.autoStatus()).due).toBe(false);
    const first = await main.service.begin(1, 'auto');
    await expect(main.service.begin(1, 'auto')).rejects.toMatchObject({ messageKey: 'backup.errors.busy' });
    if (!('backupId' in first)) throw new Error('auto');
    expect(await main.service.abort(2, first.backupId)).toBe(false);
    expect(await main.service.abort(1, first.backupId)).toBe(true);
    expect((await readdir(main.service.autoDir)).filter((n) => n.endsWith('.part'))).toEqual([]);
    const cancelled = await main.service.begin(1, 'choose');
    expect(cancelled).toEqual({ cancelled: true });
  });
});
