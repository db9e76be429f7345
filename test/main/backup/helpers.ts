import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { attachmentsHandlers } from '../../../src/main/attachments/handlers';
import { AttachmentStore } from '../../../src/main/attachments/store';
import { backupHandlers } from '../../../src/main/backup/handlers';
import { BackupService, type BackupOs } from '../../../src/main/backup/service';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createDanganApi } from '../../../src/preload/api';
import type { DanganApi } from '../../../src/shared/ipc';
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/ipc/settings';
import { RecordingOs } from '../attachments/helpers';

export class BackupTestOs extends RecordingOs implements BackupOs {
  folder: string | null = null;
  backupFile: string | null = null;
  async chooseFolder(): Promise<string | null> {
    return this.folder;
  }
  async chooseBackupFile(): Promise<string | null> {
    return this.backupFile;
  }
}

/**
 * One laptop's main process (attachment store + backup service) over `dataDir`, reached
 * through `window.dangan` as the renderer sees it: the preload's API over the real
 * dispatcher, with events delivered to `on` listeners.
 */
export async function mainProcess(
  dataDir: string,
  options: { settings?: Partial<AppSettings>; now?: () => number; autoPassphrase?: () => Promise<string | undefined> } = {},
) {
  await mkdir(dataDir, { recursive: true });
  const settings: AppSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const store = await AttachmentStore.open(path.join(dataDir, 'attachments'), () => settings.attachmentMaxMb * 1024 * 1024);
  const os = new BackupTestOs();
  const service = new BackupService({
    dataDir,
    store,
    settings: () => settings,
    os,
    appVersion: '0.1.0-test',
    ...(options.now ? { now: options.now } : {}),
    ...(options.autoPassphrase ? { autoPassphrase: options.autoPassphrase } : {}),
  });
  const table = {
    ...attachmentsHandlers({ store, os, openDir: path.join(dataDir, 'tmp', 'open'), graceMs: () => 0 }),
    ...backupHandlers(service),
  };
  const listeners = new Set<(message: { name: string; payload: unknown }) => void>();
  const api: DanganApi = createDanganApi({
    invoke: (channel, args) =>
      dispatch(table, channel, args, {
        senderId: 1,
        emit: (name, payload) => listeners.forEach((listener) => listener({ name, payload })),
      }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { dataDir, store, os, service, api, settings };
}
