import type { Locale } from '../../../src/shared/ipc';
import { createHandlerTable } from '../../../src/main/handlers';
import type { HandlerTable } from '../../../src/main/ipc/dispatch';

/**
 * The real main-process handler table over a temporary data folder. Only what needs an
 * Electron binary (windows, dialogs) is replaced, by the smallest stand-in that behaves alike.
 */
export async function createTestHandlerTable(dataDir: string): Promise<HandlerTable> {
  let locale: Locale = 'zh-CN';
  return createHandlerTable({
    app: {
      name: 'Dangan',
      version: '0.0.0-test',
      platform: process.platform,
      dataDir,
      getLocale: () => locale,
      setLocale: (next) => {
        locale = next;
      },
    },
  });
}
