import { z } from 'zod';
import { channel, event } from './define';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  locale: Locale;
  /** Where the app keeps its files (attachments, backups, templates). */
  dataDir: string;
}

export const appChannels = {
  'app:info': channel(z.object({}).strict()).returns<AppInfo>(),
  /** Tells main the UI language so menus and dialogs follow it. */
  'app:setLocale': channel(z.object({ locale: z.enum(LOCALES) }).strict()).returns<{
    locale: Locale;
  }>(),
};

export const appEvents = {
  /** A menu item asked the UI to do something (navigate, open search…). */
  'app:command': event(z.object({ command: z.enum(['search', 'navigate', 'about']), arg: z.string().optional() })),
};
