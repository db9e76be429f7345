import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '../../shared/ipc/app';
import { IpcFailure } from '../../shared/ipc/define';
import type { PrintDataParsed, PrintPreview } from '../../shared/ipc/print';
import type { AppSettings } from '../../shared/ipc/settings';
import { printPreviewUrl } from '../attachments/preview-protocol';
import { newSessionId } from '../settings/atomic';
import { buildDocument } from './document';
import { formatDateTime } from './format';
import { buildView } from './models';
import { badTemplate, type FormMeta, type TemplateRegistry } from './registry';
import { TemplateError } from './template-lang';

export interface PageOptions {
  landscape: boolean;
}

/**
 * Turns a filled form (an HTML file) into PDF bytes: Electron's printToPDF in a hidden
 * window with JavaScript off in the app, Chromium's page.pdf in tests. The page's own CSS
 * (`@page`) sets A4, margins, header and footer.
 */
export interface PdfRenderer {
  htmlToPdf(htmlFile: string, options: PageOptions): Promise<Uint8Array>;
}

/** Sends a filled form to a printer through the system print dialog; false when cancelled. */
export interface Printer {
  print(htmlFile: string, options: PageOptions): Promise<boolean>;
}

export interface FilledForm {
  formId: string;
  meta: FormMeta;
  title: string;
  html: string;
}

/** How many previews are kept on disk at once; older ones are removed. */
const KEEP_PREVIEWS = 8;

export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export class PrintEngine {
  private readonly previews = new Map<string, { meta: FormMeta; html: string; pdf: string }>();

  constructor(
    private readonly deps: {
      registry: TemplateRegistry;
      settings: () => AppSettings;
      pdf: PdfRenderer;
      printer?: Printer;
      /** Private folder for filled pages and preview PDFs (cleared at start). */
      workDir: string;
      now?: () => number;
    },
  ) {}

  async init(): Promise<void> {
    await rm(this.deps.workDir, { recursive: true, force: true });
    await mkdir(this.deps.workDir, { recursive: true });
  }

  /** Fills a form with escaped data: the complete HTML page the print window loads. */
  async fill(formId: string, data: PrintDataParsed, locale: Locale): Promise<FilledForm> {
    const form = await this.deps.registry.load(formId);
    if (form.meta.model !== data.model) {
      throw new IpcFailure(
        'invalid-argument',
        `form "${formId}" prints ${form.meta.model} data, not ${data.model}`,
        'print.errors.wrongData',
      );
    }
    const settings = this.deps.settings();
    const now = this.deps.now?.() ?? Date.now();
    const built = await buildView(data, { locale, settings, now });
    const title = built.title ?? form.meta.title[locale];
    const printedAt = formatDateTime(now);
    const context = {
      ...built.view,
      company: { name: settings.companyName, hotline: settings.hotline, address: settings.companyAddress },
      // English labels fall back to Chinese ones a template author has not translated yet.
      L: { ...form.meta.labels['zh-CN'], ...form.meta.labels[locale] },
      assets: form.assets,
      printedAt,
      form: { title },
    };
    let body: string;
    try {
      body = form.template.render(context, form.partial);
    } catch (error) {
      if (error instanceof TemplateError) throw badTemplate(formId, error.message);
      throw error;
    }
    const html = buildDocument({
      id: formId,
      meta: form.meta,
      locale,
      title,
      body,
      baseCss: form.baseCss,
      formCss: form.css,
      furniture: form.meta.furniture
        ? { companyName: settings.companyName, hotline: settings.hotline, title, printedAt }
        : null,
    });
    return { formId, meta: form.meta, title, html };
  }

  async preview(formId: string, data: PrintDataParsed, locale: Locale): Promise<PrintPreview> {
    const filled = await this.fill(formId, data, locale);
    const previewId = newSessionId();
    await mkdir(this.deps.workDir, { recursive: true });
    const html = path.join(this.deps.workDir, `${previewId}.html`);
    const pdf = path.join(this.deps.workDir, `${previewId}.pdf`);
    await writeFile(html, filled.html, { mode: 0o600 });
    const bytes = await this.deps.pdf.htmlToPdf(html, { landscape: filled.meta.orientation === 'landscape' });
    await writeFile(pdf, bytes, { mode: 0o600 });
    this.previews.set(previewId, { meta: filled.meta, html, pdf });
    while (this.previews.size > KEEP_PREVIEWS) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      await this.close(oldest);
    }
    return { previewId, url: printPreviewUrl(previewId), bytes: bytes.byteLength, pages: countPdfPages(bytes) };
  }

  /** The preview's PDF file, for the read-only preview scheme. */
  async previewPdf(previewId: string): Promise<string | null> {
    const preview = this.previews.get(previewId);
    if (!preview) return null;
    return (await stat(preview.pdf).catch(() => null))?.isFile() ? preview.pdf : null;
  }

  async savePdf(previewId: string, target: string): Promise<void> {
    await copyFile(this.get(previewId).pdf, target);
  }

  async print(previewId: string): Promise<boolean> {
    const preview = this.get(previewId);
    if (!this.deps.printer) throw new IpcFailure('unavailable', 'no printer here', 'print.errors.noPrinter');
    return this.deps.printer.print(preview.html, { landscape: preview.meta.orientation === 'landscape' });
  }

  async close(previewId: string): Promise<boolean> {
    const preview = this.previews.get(previewId);
    if (!preview) return false;
    this.previews.delete(previewId);
    await rm(preview.html, { force: true });
    await rm(preview.pdf, { force: true });
    return true;
  }

  private get(previewId: string) {
    const preview = this.previews.get(previewId);
    if (!preview) throw new IpcFailure('not-found', 'the preview has been closed', 'print.errors.previewGone');
    return preview;
  }
}
