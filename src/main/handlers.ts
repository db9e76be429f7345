import { appHandlers, type AppServices } from './app/handlers';
import { attachmentsHandlers, type AttachmentServices } from './attachments/handlers';
import { backupHandlers } from './backup/handlers';
import type { BackupService } from './backup/service';
import type { HandlerTable } from './ipc/dispatch';
import { printHandlers, type PrintServices } from './print/handlers';
import { secureHandlers } from './secure/handlers';
import type { SecureVault } from './secure/vault';
import { settingsHandlers } from './settings/handlers';
import type { SettingsStore } from './settings/store';
import { transferHandlers, type TransferServices } from './transfer/handlers';

/** Everything the handlers need, built once by index.ts (Electron) or by the test bridge. */
export interface MainServices {
  app: AppServices;
  attachments: AttachmentServices;
  settings: SettingsStore;
  print: PrintServices;
  backup: BackupService;
  secure: SecureVault;
  transfer: TransferServices;
}

/** The full handler table: one entry per contract channel, checked by the compiler. */
export function createHandlerTable(services: MainServices): HandlerTable {
  return {
    ...appHandlers(services.app),
    ...attachmentsHandlers(services.attachments),
    ...settingsHandlers(services.settings),
    ...printHandlers(services.print),
    ...backupHandlers(services.backup),
    ...secureHandlers(services.secure),
    ...transferHandlers(services.transfer),
  };
}
