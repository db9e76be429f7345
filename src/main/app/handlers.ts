import type { Locale } from '../../shared/ipc';
import type { HandlerTable } from '../ipc/dispatch';

export interface AppServices {
  name: string;
  version: string;
  platform: string;
  dataDir: string;
  getLocale(): Locale;
  setLocale(locale: Locale): void;
}

export function appHandlers(app: AppServices): Pick<HandlerTable, 'app:info' | 'app:setLocale'> {
  return {
    'app:info': () => ({
      name: app.name,
      version: app.version,
      platform: app.platform,
      locale: app.getLocale(),
      dataDir: app.dataDir,
    }),
    'app:setLocale': ({ locale }) => {
      app.setLocale(locale);
      return { locale };
    },
  };
}
