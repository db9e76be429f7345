import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../../src/shared/ipc';
import { createFileServices, type FileServiceOptions } from '../../../src/main/attachments/compose';
import type { PreviewSources } from '../../../src/main/attachments/preview-protocol';
import { createHandlerTable } from '../../../src/main/handlers';
import type { SecureVault } from '../../../src/main/secure';
import type { HandlerTable } from '../../../src/main/ipc/dispatch';
import type { PageOptions, PdfRenderer } from '../../../src/main/print/engine';
import { ChromiumPdfRenderer, launchChromium } from '../../main/print/chromium';
import { createSyncTestServices } from './sync-services';

/** PDFs through Chromium's print pipeline; the browser starts on the first PDF only. */
class LazyPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | null = null;
  async htmlToPdf(htmlFile: string, options: PageOptions): Promise<Uint8Array> {
    this.browser ??= launchChromium();
    return new ChromiumPdfRenderer(await this.browser).htmlToPdf(htmlFile, options);
  }
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }
}

/** The operating-system stand-ins a test may replace (dialogs answer "cancelled" by default). */
export type TestOs = FileServiceOptions['os'];

const CANCELLED_DIALOGS: TestOs = {
  pickFiles: async () => [],
  chooseSavePath: async () => null,
  choosePdfPath: async () => null,
  openPath: async () => '',
  chooseFolder: async () => null,
  chooseBackupFile: async () => null,
};

export interface TestServices {
  table: HandlerTable;
  /** What main's read-only `dangan-file:` scheme serves (stored PDFs and images, print previews). */
  previewSources: PreviewSources;
  /** Stops the browser that renders PDFs, if one was started. */
  close(): Promise<void>;
}

/**
 * The real main-process services over a temporary data folder. Only what needs an Electron
 * binary (windows, dialogs) is replaced, by the smallest stand-in that behaves alike; a test
 * answers a dialog by passing its own `os` piece (a fixture path, a folder).
 */
export async function createTestServices(
  dataDir: string,
  os: Partial<TestOs> = {},
): Promise<TestServices> {
  let locale: Locale = 'zh-CN';
  const pdf = new LazyPdfRenderer();
  const late: { vault?: SecureVault } = {};
  const { previewSources, ...files } = await createFileServices({
    dataDir,
    autoBackupPassphrase: async () => late.vault?.backupSecret(),
    builtinTemplatesDir: path.resolve(import.meta.dirname, '../../../resources/templates'),
    appVersion: '0.0.0-test',
    os: { ...CANCELLED_DIALOGS, ...os },
    pdf,
  });
  const sync = await createSyncTestServices(dataDir, files.attachments.store);
  late.vault = sync.secure;
  const table = createHandlerTable({
    ...files,
    ...sync,
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
  return { table, previewSources, close: () => pdf.close() };
}

/** The handler table alone (for tests that never render a PDF). */
export async function createTestHandlerTable(dataDir: string): Promise<HandlerTable> {
  return (await createTestServices(dataDir)).table;
}
