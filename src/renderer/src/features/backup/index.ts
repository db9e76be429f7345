/** Backup and restore: the settings page section, the daily automatic backup, and the data driver. */
export { BackupSettings } from './BackupSettings';
export { AutoBackup, useAutoBackup } from './useAutoBackup';
export { backupDatabase, isProfileEmpty, restoreDatabase, type BackupPhase } from './driver';
export { IpcCallError } from './ipc';

/** For the settings page's list of sections (features/settings `settingsSections`). */
export const backupSettingsSection = { key: 'backup', titleKey: 'backup:title' } as const;
