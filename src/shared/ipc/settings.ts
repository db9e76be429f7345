import { z } from 'zod';
import { channel } from './define';

const settingsFields = {
  /** Printed on every form's header. */
  companyName: z.string().max(100),
  /** 服务热线, printed on every form's footer. */
  hotline: z.string().max(50),
  companyAddress: z.string().max(200),
  /** Largest attachment accepted, in MiB. */
  attachmentMaxMb: z.number().int().min(1).max(4096),
  /** Days unreferenced bytes are kept before garbage collection removes them. */
  attachmentGraceDays: z.number().int().min(1).max(3650),
  /** A local backup is made every day the app runs. */
  autoBackup: z.boolean(),
  /** How many automatic backups are kept. */
  backupKeep: z.number().int().min(1).max(365),
  /** Printed forms show ID numbers with the middle digits hidden. */
  maskIdNumbers: z.boolean(),
};

/**
 * Device-wide settings kept by main in `<dataDir>/settings.json`: what printed forms carry,
 * attachment limits, backup retention. Per-user preferences live in the database instead.
 */
export const settingsSchema = z.object(settingsFields).strict();
export type AppSettings = z.output<typeof settingsSchema>;

/** A change to some settings; no defaults here, so absent keys stay as they are. */
export const settingsPatchSchema = z.object(settingsFields).partial().strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  companyName: '',
  hotline: '',
  companyAddress: '',
  attachmentMaxMb: 200,
  attachmentGraceDays: 30,
  autoBackup: true,
  backupKeep: 7,
  maskIdNumbers: true,
};

export const settingsChannels = {
  'settings:get': channel(z.object({}).strict()).returns<AppSettings>(),
  'settings:update': channel(z.object({ patch: settingsPatchSchema }).strict()).returns<AppSettings>(),
};
