import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BACKUP_CHUNK_DOCS,
  BACKUP_FILE_EXTENSION,
  type AutoBackupStatus,
  type BackupSummary,
  type LocalBackup,
} from '../../shared/ipc/backup';
import { IpcFailure } from '../../shared/ipc/define';
import type { AppSettings } from '../../shared/ipc/settings';
import type { CollectionName } from '../../shared/schema';
import type { AttachmentStore } from '../attachments/store';
import { newSessionId } from '../settings/atomic';
import { backupError } from './format';
import { verifyAndStage, type StagedBackup } from './reader';
import { BackupWriter } from './writer';

/** The operating-system parts (Electron's dialogs in the app). */
export interface BackupOs {
  /** A folder for a manual backup; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** A backup file to restore; null when cancelled. */
  chooseBackupFile(): Promise<string | null>;
}

export type Progress = (phase: 'documents' | 'attachments' | 'finishing' | 'verifying' | 'restoring', done: number, total: number) => void;

const NAME = new RegExp(`^dangan-backup-(\\d{8})-(\\d{6})(-auto)?(?:-\\d+)?\\.${BACKUP_FILE_EXTENSION}$`);
const pad = (n: number) => String(n).padStart(2, '0');

function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

function parseName(fileName: string): { day: string; createdAt: number; auto: boolean } | null {
  const match = NAME.exec(fileName);
  if (!match?.[1] || !match[2]) return null;
  const [y, mo, d] = [match[1].slice(0, 4), match[1].slice(4, 6), match[1].slice(6, 8)].map(Number);
  const [h, mi, s] = [match[2].slice(0, 2), match[2].slice(2, 4), match[2].slice(4, 6)].map(Number);
  const createdAt = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h, mi, s).getTime();
  return { day: match[1], createdAt, auto: match[3] !== undefined };
}

interface Writing {
  kind: 'backup';
  senderId: number;
  writer: BackupWriter;
  auto: boolean;
}
interface Restoring {
  kind: 'restore';
  senderId: number;
  /** Null while the file is still being verified. */
  staged: StagedBackup | null;
  stagingDir: string;
  next: number;
  pending: { collection: CollectionName; docs: Record<string, unknown>[] } | null;
}

/**
 * Backups and restores. One runs at a time. Documents travel through the renderer (which
 * owns the database) in chunks; attachment bytes never leave main.
 */
export class BackupService {
  readonly autoDir: string;
  private readonly stagingRoot: string;
  private session: { id: string; state: Writing | Restoring } | null = null;

  constructor(
    private readonly deps: {
      dataDir: string;
      store: AttachmentStore;
      settings: () => AppSettings;
      os: BackupOs;
      appVersion: string;
      now?: () => number;
      /**
       * The secret automatic backups are encrypted with when the user gives none: the
       * documents in a backup are decrypted, so an unencrypted file would undo the database's
       * encryption at rest. Wired to the local key kept in safeStorage; such a backup then
       * restores on this laptop only (a manual backup with a passphrase moves to another).
       */
      autoPassphrase?: () => Promise<string | undefined>;
    },
  ) {
    this.autoDir = path.join(deps.dataDir, 'backups');
    this.stagingRoot = path.join(deps.dataDir, 'tmp', 'restore');
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private claim(state: Writing | Restoring): string {
    if (this.session) throw backupError('busy', 'a backup or restore is already running');
    const id = newSessionId();
    this.session = { id, state };
    return id;
  }

  private state(senderId: number, id: string): Writing | Restoring | null {
    const state = this.session?.id === id ? this.session.state : null;
    return state && state.senderId === senderId ? state : null;
  }

  private writing(senderId: number, id: string): Writing {
    const state = this.state(senderId, id);
    if (state?.kind !== 'backup') throw new IpcFailure('not-found', `no backup ${id} is running`, 'backup.errors.notFound');
    return state;
  }

  private restoring(senderId: number, id: string): { state: Restoring; staged: StagedBackup } {
    const state = this.state(senderId, id);
    if (state?.kind !== 'restore' || !state.staged) {
      throw new IpcFailure('not-found', `no restore ${id} is ready`, 'backup.errors.notFound');
    }
    return { state, staged: state.staged };
  }

  async begin(senderId: number, destination: 'auto' | 'choose', passphrase?: string): Promise<{ backupId: string } | { cancelled: true }> {
    if (this.session) throw backupError('busy', 'a backup or restore is already running');
    const folder = destination === 'auto' ? this.autoDir : await this.deps.os.chooseFolder();
    if (!folder) return { cancelled: true };
    await mkdir(folder, { recursive: true });
    const now = this.now();
    const base = `dangan-backup-${stamp(now)}${destination === 'auto' ? '-auto' : ''}`;
    let fileName = `${base}.${BACKUP_FILE_EXTENSION}`;
    for (let n = 2; await stat(path.join(folder, fileName)).catch(() => null); n++) fileName = `${base}-${n}.${BACKUP_FILE_EXTENSION}`;
    const secret = passphrase ?? (destination === 'auto' ? await this.deps.autoPassphrase?.() : undefined);
    const writer = await BackupWriter.create(path.join(folder, fileName), {
      ...(secret ? { passphrase: secret } : {}),
      appVersion: this.deps.appVersion,
      now,
    });
    return { backupId: this.claim({ kind: 'backup', senderId, writer, auto: destination === 'auto' }) };
  }

  async chunk(senderId: number, id: string, collection: CollectionName, docs: Record<string, unknown>[]): Promise<number> {
    return this.writing(senderId, id).writer.addDocs(collection, docs);
  }

  async finish(senderId: number, id: string, progress?: Progress): Promise<BackupSummary> {
    const state = this.writing(senderId, id);
    try {
      const manifest = await state.writer.finish(this.deps.store, ({ done, total }) => progress?.('attachments', done, total));
      if (state.auto) await this.prune();
      return {
        fileName: path.basename(state.writer.finalPath),
        folder: path.dirname(state.writer.finalPath),
        bytes: manifest.bytes,
        createdAt: state.writer.createdAt,
        encrypted: state.writer.encrypted,
        documents: state.writer.documentCounts,
        blobs: manifest.entries.filter((e) => e.type === 'blob').length - manifest.damagedBlobs.length,
        missingBlobs: manifest.missingBlobs.length,
        damagedBlobs: manifest.damagedBlobs.length,
      };
    } catch (error) {
      await state.writer.abort();
      throw error;
    } finally {
      this.session = null;
    }
  }

  async abort(senderId: number, id: string): Promise<boolean> {
    if (this.session?.id !== id) return false;
    const state = this.session.state;
    if (state.senderId !== senderId) return false;
    this.session = null;
    if (state.kind === 'backup') await state.writer.abort();
    else await rm(state.stagingDir, { recursive: true, force: true });
    return true;
  }

  async list(): Promise<LocalBackup[]> {
    const names = await readdir(this.autoDir).catch(() => [] as string[]);
    const backups: LocalBackup[] = [];
    for (const fileName of names) {
      const parsed = parseName(fileName);
      const info = parsed ? await stat(path.join(this.autoDir, fileName)).catch(() => null) : null;
      if (parsed && info?.isFile()) backups.push({ fileName, bytes: info.size, createdAt: parsed.createdAt, auto: parsed.auto });
    }
    return backups.sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
  }

  /** Keeps the newest `backupKeep` automatic backups; manual ones are the user's to delete. */
  async prune(): Promise<string[]> {
    const keep = this.deps.settings().backupKeep;
    const autos = (await this.list()).filter((b) => b.auto);
    const removed = autos.slice(keep).map((b) => b.fileName);
    for (const fileName of removed) await rm(path.join(this.autoDir, fileName), { force: true });
    return removed;
  }

  /**
   * Whether today's automatic backup is still to be made (local date). The renderer asks at
   * start and every hour while the app runs, and makes it when due: only it can read the
   * documents, so main cannot back up on a timer of its own.
   */
  async autoStatus(): Promise<AutoBackupStatus> {
    const settings = this.deps.settings();
    const autos = (await this.list()).filter((b) => b.auto);
    const today = stamp(this.now()).slice(0, 8);
    const last = autos[0];
    return {
      enabled: settings.autoBackup,
      due: settings.autoBackup && !autos.some((b) => stamp(b.createdAt).slice(0, 8) === today),
      lastAt: last?.createdAt ?? null,
      keep: settings.backupKeep,
    };
  }

  /** Resolves where a restore reads from; null when the user cancelled the dialog. */
  async sourcePath(source: { kind: 'local'; fileName: string } | { kind: 'dialog' }): Promise<string | null> {
    if (source.kind === 'dialog') return this.deps.os.chooseBackupFile();
    if (!parseName(source.fileName)) throw backupError('notFound', 'no such local backup');
    return path.join(this.autoDir, source.fileName);
  }

  /** The passphrase to try for a file from the local backups folder when the user gave none. */
  async localPassphrase(): Promise<string | undefined> {
    return this.deps.autoPassphrase?.();
  }

  async restoreBegin(senderId: number, file: string, passphrase: string | undefined, progress?: Progress) {
    if (!(await this.deps.store.isEmpty())) {
      throw backupError('profileNotEmpty', 'a backup is restored only into an empty profile');
    }
    const stagingDir = path.join(this.stagingRoot, newSessionId());
    const state: Restoring = { kind: 'restore', senderId, stagingDir, next: 0, pending: null, staged: null };
    const restoreId = this.claim(state);
    let staged: StagedBackup;
    try {
      staged = await verifyAndStage(file, passphrase, stagingDir, (done, total) => progress?.('verifying', done, total));
      // Checked again: the store must still be empty now that the file is known good.
      if (!(await this.deps.store.isEmpty())) throw backupError('profileNotEmpty', 'the profile changed during the restore');
      for (const blob of staged.blobs) await this.deps.store.adopt(blob.file, blob.sha256);
    } catch (error) {
      this.session = null;
      await rm(stagingDir, { recursive: true, force: true });
      throw error;
    }
    state.staged = staged;
    return { restoreId, createdAt: staged.header.createdAt, documents: staged.manifest.documents, blobs: staged.blobs.length };
  }

  /** The next verified documents, at most `BACKUP_CHUNK_DOCS` at a time. */
  async restoreNext(senderId: number, id: string) {
    const { state, staged } = this.restoring(senderId, id);
    if (!state.pending) {
      const entry = staged.docFiles[state.next];
      if (!entry) return { done: true as const };
      state.next += 1;
      const lines = (await readFile(entry.file, 'utf8')).split('\n').filter((line) => line !== '');
      state.pending = { collection: entry.collection, docs: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
    }
    const docs = state.pending.docs.splice(0, BACKUP_CHUNK_DOCS);
    const collection = state.pending.collection;
    if (state.pending.docs.length === 0) state.pending = null;
    return { done: false as const, collection, docs };
  }

  async restoreEnd(senderId: number, id: string): Promise<boolean> {
    const { state } = this.restoring(senderId, id);
    this.session = null;
    await rm(state.stagingDir, { recursive: true, force: true });
    return true;
  }
}
