import { BrowserWindow } from 'electron';
import { printWindowOptions } from '../security/window-options';
import type { PageOptions, PdfRenderer, Printer } from './engine';

/** Loads a filled form in a hidden window with JavaScript off (see printWindowOptions). */
async function loadHidden(htmlFile: string): Promise<BrowserWindow> {
  const window = new BrowserWindow(printWindowOptions());
  try {
    await window.loadFile(htmlFile);
    return window;
  } catch (error) {
    window.destroy();
    throw error;
  }
}

/**
 * printToPDF with the same settings as the tests' page.pdf: A4 and margins from the page's
 * own `@page` rule (zero here means "the CSS decides"), backgrounds on, no Chromium header.
 */
export const electronPdfRenderer: PdfRenderer = {
  async htmlToPdf(htmlFile: string, options: PageOptions): Promise<Uint8Array> {
    const window = await loadHidden(htmlFile);
    try {
      return await window.webContents.printToPDF({
        pageSize: 'A4',
        landscape: options.landscape,
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      });
    } finally {
      window.destroy();
    }
  },
};

/** The system print dialog for a filled form; resolves false when the user cancels. */
export const electronPrinter: Printer = {
  async print(htmlFile: string, options: PageOptions): Promise<boolean> {
    const window = await loadHidden(htmlFile);
    return new Promise((resolve) => {
      window.webContents.print(
        { silent: false, printBackground: true, landscape: options.landscape, pageSize: 'A4', margins: { marginType: 'default' } },
        (success) => {
          window.destroy();
          resolve(success);
        },
      );
    });
  },
};
