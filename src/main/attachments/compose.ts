import path from 'node:path';
import { BackupService, type BackupOs } from '../backup/service';
import { PrintEngine, type PdfRenderer, type Printer } from '../print/engine';
import type { PrintOs, PrintServices } from '../print/handlers';
import { TemplateRegistry } from '../print/registry';
import { SettingsStore } from '../settings/store';
import { clearOldOpenCopies, type AttachmentOs, type AttachmentServices } from './handlers';
import type { RepairSource } from './integrity';
import type { PreviewSources } from './preview-protocol';
import { isPreviewable } from './safety';
import { AttachmentStore } from './store';

const MiB = 1024 * 1024;
const DAY = 24 * 3600 * 1000;

export interface FileServiceOptions {
  dataDir: string;
  /** resources/templates in development, `<resources>/templates` when packaged. */
  builtinTemplatesDir: string;
  appVersion: string;
  os: AttachmentOs & PrintOs & BackupOs;
  pdf: PdfRenderer;
  printer?: Printer;
  repairSource?: () => RepairSource | undefined;
  /** Encrypts automatic backups with the local key (see BackupService). */
  autoBackupPassphrase?: () => Promise<string | undefined>;
}

export interface FileServices {
  settings: SettingsStore;
  attachments: AttachmentServices;
  print: PrintServices;
  backup: BackupService;
  /** What the read-only preview scheme serves. */
  previewSources: PreviewSources;
}

/**
 * Builds everything main does with files (settings, attachments, printing, backups) from
 * plain Node parts plus the injected OS pieces; index.ts passes Electron's, tests their own.
 *
 * `<dataDir>/settings.json`, `attachments/`, `templates/` (the user's), `backups/`, and
 * `tmp/` (open copies, print pages, restore staging; cleared of leftovers at start).
 */
export async function createFileServices(options: FileServiceOptions): Promise<FileServices> {
  const { dataDir } = options;
  const settings = await SettingsStore.open(dataDir);
  const store = await AttachmentStore.open(path.join(dataDir, 'attachments'), () => settings.get().attachmentMaxMb * MiB);
  const openDir = path.join(dataDir, 'tmp', 'open');
  await clearOldOpenCopies(openDir);
  const registry = new TemplateRegistry(options.builtinTemplatesDir, path.join(dataDir, 'templates'));
  const engine = new PrintEngine({
    registry,
    settings: () => settings.get(),
    pdf: options.pdf,
    ...(options.printer ? { printer: options.printer } : {}),
    workDir: path.join(dataDir, 'tmp', 'print'),
  });
  await engine.init();
  const backup = new BackupService({
    dataDir,
    store,
    settings: () => settings.get(),
    os: options.os,
    appVersion: options.appVersion,
    ...(options.autoBackupPassphrase ? { autoPassphrase: options.autoBackupPassphrase } : {}),
  });
  return {
    settings,
    attachments: {
      store,
      os: options.os,
      openDir,
      graceMs: () => settings.get().attachmentGraceDays * DAY,
      ...(options.repairSource ? { repairSource: options.repairSource } : {}),
    },
    print: { engine, registry, os: options.os },
    backup,
    previewSources: {
      attachment: async (sha256) => {
        if (!(await store.has(sha256))) return null;
        const detected = await store.detect(sha256);
        if (!isPreviewable(detected)) return null;
        return { file: store.blobPath(sha256), mime: detected.category === 'pdf' ? 'application/pdf' : `image/${detected.format}` };
      },
      print: async (previewId) => {
        const file = await engine.previewPdf(previewId);
        return file ? { file, mime: 'application/pdf' } : null;
      },
    },
  };
}
