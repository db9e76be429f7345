import { dialog, shell, type BrowserWindow } from 'electron';
import type { Locale } from '../../shared/ipc/app';
import { BACKUP_FILE_EXTENSION } from '../../shared/ipc/backup';
import type { BackupOs } from '../backup/service';
import type { PrintOs } from '../print/handlers';
import type { AttachmentOs } from './handlers';

const TITLES = {
  'zh-CN': { pick: '添加文件', save: '另存为', pdf: '保存 PDF', folder: '选择备份位置', restore: '选择备份文件', backup: 'Dangan 备份' },
  en: { pick: 'Add files', save: 'Save as', pdf: 'Save PDF', folder: 'Choose where to back up', restore: 'Choose a backup', backup: 'Dangan backup' },
} satisfies Record<Locale, Record<string, string>>;

/** Electron's dialogs and shell behind the small interfaces the file services use. */
export function electronFileOs(window: () => BrowserWindow | null, locale: () => Locale): AttachmentOs & PrintOs & BackupOs {
  const parent = () => window() ?? undefined;
  const words = () => TITLES[locale()];
  const open = async (options: Electron.OpenDialogOptions): Promise<string[]> => {
    const owner = parent();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  const save = async (options: Electron.SaveDialogOptions): Promise<string | null> => {
    const owner = parent();
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    pickFiles: () => open({ title: words().pick, properties: ['openFile', 'multiSelections'] }),
    chooseSavePath: (defaultName) => save({ title: words().save, defaultPath: defaultName }),
    choosePdfPath: (defaultName) => save({ title: words().pdf, defaultPath: defaultName, filters: [{ name: 'PDF', extensions: ['pdf'] }] }),
    openPath: (target) => shell.openPath(target),
    chooseFolder: async () => (await open({ title: words().folder, properties: ['openDirectory', 'createDirectory'] }))[0] ?? null,
    chooseBackupFile: async () =>
      (await open({ title: words().restore, properties: ['openFile'], filters: [{ name: words().backup, extensions: [BACKUP_FILE_EXTENSION] }] }))[0] ?? null,
  };
}
