import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RefusedFile, StoredFile } from '../../shared/ipc/attachments';
import { IpcFailure } from '../../shared/ipc/define';
import type { HandlerTable } from '../ipc/dispatch';
import { newSessionId } from '../settings/atomic';
import { collectGarbage } from './gc';
import { verifyStore, type RepairSource } from './integrity';
import { attachmentPreviewUrl } from './preview-protocol';
import { isPreviewable, openCopyName, openVerdict, safeFileName } from './safety';
import { notStored, type AttachmentStore } from './store';
import { UploadSessions } from './uploads';

/** The operating-system parts (Electron's dialog and shell in the app). */
export interface AttachmentOs {
  /** The open-file dialog, several files allowed; empty when cancelled. */
  pickFiles(): Promise<string[]>;
  /** The save dialog; null when cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Opens a file with its default program; resolves to an error text, '' on success. */
  openPath(file: string): Promise<string>;
}

export interface AttachmentServices {
  store: AttachmentStore;
  os: AttachmentOs;
  /** Where copies handed to the OS are placed (cleared of old copies at start). */
  openDir: string;
  graceMs(): number;
  /** Provided by the sync feature when a server can resend damaged bytes. */
  repairSource?(): RepairSource | undefined;
}

type AttachmentChannels = Extract<keyof HandlerTable, `attachments:${string}`>;

/** Removes copies opened in earlier runs (a program may still hold today's). */
export async function clearOldOpenCopies(openDir: string, olderThanMs = 24 * 3600 * 1000): Promise<void> {
  await mkdir(openDir, { recursive: true });
  for (const entry of await readdir(openDir)) {
    const full = path.join(openDir, entry);
    const info = await stat(full).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) await rm(full, { recursive: true, force: true });
  }
}

export function attachmentsHandlers(services: AttachmentServices): Pick<HandlerTable, AttachmentChannels> {
  const { store, os } = services;
  const uploads = new UploadSessions(store);
  const gcRuns = new Map<string, { senderId: number; referenced: Set<string> }>();

  return {
    'attachments:pick': async () => {
      const files: StoredFile[] = [];
      const refused: RefusedFile[] = [];
      for (const file of await os.pickFiles()) {
        const name = path.basename(file);
        try {
          files.push(await store.importFile(file, name));
        } catch (error) {
          refused.push({ name, messageKey: error instanceof IpcFailure && error.messageKey ? error.messageKey : 'attachments.errors.importFailed' });
        }
      }
      return { files, refused };
    },
    'attachments:uploadBegin': async ({ name, size }, ctx) => ({
      uploadId: await uploads.begin(ctx.senderId, name, size),
    }),
    'attachments:uploadChunk': async ({ uploadId, bytes }, ctx) => ({
      received: await uploads.chunk(ctx.senderId, uploadId, bytes),
    }),
    'attachments:uploadFinish': ({ uploadId }, ctx) => uploads.finish(ctx.senderId, uploadId),
    'attachments:uploadAbort': async ({ uploadId }, ctx) => ({ aborted: await uploads.abort(ctx.senderId, uploadId) }),
    'attachments:info': ({ sha256 }) => store.info(sha256),
    'attachments:read': ({ sha256, offset, length }) => store.read(sha256, offset, length),
    'attachments:previewUrl': async ({ sha256 }) => {
      if (!(await store.has(sha256))) throw notStored(sha256);
      if (!isPreviewable(await store.detect(sha256))) {
        throw new IpcFailure('refused', 'only images and PDFs are shown in the app', 'attachments.errors.noPreview');
      }
      return { url: attachmentPreviewUrl(sha256) };
    },
    'attachments:thumbnail': ({ sha256 }) => store.getThumbnail(sha256),
    'attachments:putThumbnail': async ({ sha256, bytes }) => ({ stored: await store.putThumbnail(sha256, bytes) }),
    'attachments:open': async ({ sha256, name }) => {
      const detected = await store.detect(sha256, name);
      const verdict = openVerdict(detected, name);
      if (!verdict.ok) {
        throw new IpcFailure(
          'refused',
          `refusing to open "${name}" (${detected.format}): ${verdict.reason}`,
          verdict.reason === 'unknown-type' ? 'attachments.errors.cannotOpenType' : 'attachments.errors.dangerous',
        );
      }
      // Each copy gets its own folder so two files with the same name never collide.
      const copy = await store.copyInto(sha256, path.join(services.openDir, newSessionId()), openCopyName(name, detected));
      const problem = await os.openPath(copy);
      if (problem) throw new IpcFailure('failed', problem, 'attachments.errors.openFailed');
      return { opened: true };
    },
    'attachments:saveAs': async ({ sha256, name }) => {
      if (!(await store.has(sha256))) throw notStored(sha256);
      const target = await os.chooseSavePath(safeFileName(name));
      if (!target) return { saved: false };
      await store.copyTo(sha256, target);
      return { saved: true };
    },
    'attachments:verify': (_args, ctx) => {
      const repair = services.repairSource?.();
      return verifyStore(store, {
        ...(repair ? { repair } : {}),
        onProgress: (progress) => ctx.emit('attachments:verifyProgress', progress),
      });
    },
    'attachments:gcBegin': (_args, ctx) => {
      const gcId = newSessionId();
      gcRuns.clear();
      gcRuns.set(gcId, { senderId: ctx.senderId, referenced: new Set() });
      return { gcId };
    },
    'attachments:gcReferenced': ({ gcId, sha256s }, ctx) => {
      const run = gcRuns.get(gcId);
      if (!run || run.senderId !== ctx.senderId) throw new IpcFailure('not-found', 'no such collection run');
      for (const sha of sha256s) run.referenced.add(sha);
      return { received: run.referenced.size };
    },
    'attachments:gcFinish': ({ gcId }, ctx) => {
      const run = gcRuns.get(gcId);
      if (!run || run.senderId !== ctx.senderId) throw new IpcFailure('not-found', 'no such collection run');
      gcRuns.delete(gcId);
      return collectGarbage(store, run.referenced, services.graceMs());
    },
  };
}
