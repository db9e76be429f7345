import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewResponse } from '../../../src/main/attachments/preview-protocol';
import { printHandlers, type PrintOs } from '../../../src/main/print/handlers';
import type { PageOptions, Printer } from '../../../src/main/print/engine';
import { expectOk, recordingContext, typedDispatch } from '../attachments/helpers';
import { launchChromium } from './chromium';
import { customerSheetData, labelData } from './fixtures';
import { printFixture } from './helpers';

class RecordingPrinter implements Printer {
  jobs: { html: string; options: PageOptions }[] = [];
  async print(htmlFile: string, options: PageOptions): Promise<boolean> {
    this.jobs.push({ html: await readFile(htmlFile, 'utf8'), options });
    return true;
  }
}

describe('print channels', () => {
  let browser: Browser;
  let fx: Awaited<ReturnType<typeof printFixture>>;
  const printer = new RecordingPrinter();
  const os = { chosen: [] as string[], target: null as string | null, opened: [] as string[] };
  const printOs: PrintOs = {
    choosePdfPath: async (name) => {
      os.chosen.push(name);
      return os.target;
    },
    openPath: async (target) => {
      os.opened.push(target);
      return '';
    },
  };
  let call: <K extends Parameters<typeof typedDispatch>[1]>(
    channel: K,
    args: Parameters<typeof typedDispatch<K>>[2],
  ) => ReturnType<typeof typedDispatch<K>>;

  beforeAll(async () => {
    browser = await launchChromium();
    fx = await printFixture({ browser, printer });
    const table = printHandlers({ engine: fx.engine, registry: fx.registry, os: printOs });
    call = (channel, args) => typedDispatch(table, channel, args, recordingContext());
  });
  afterAll(async () => {
    await fx.cleanup();
    await browser.close();
  });

  it('previews a form as a PDF the app shows from its read-only scheme, then saves and prints it', async () => {
    const preview = expectOk(await call('print:preview', { form: 'customer-sheet', data: customerSheetData() }));
    expect(preview.url).toBe(`dangan-file://print/${preview.previewId}`);
    expect(preview.pages).toBeGreaterThanOrEqual(1);

    const response = await previewResponse(preview.url, {
      attachment: async () => null,
      print: async (id) => {
        const file = await fx.engine.previewPdf(id);
        return file ? { file, mime: 'application/pdf' } : null;
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.byteLength).toBe(preview.bytes);
    expect(served.subarray(0, 5).toString()).toBe('%PDF-');

    os.target = path.join(fx.dir, 'saved.pdf');
    expect(expectOk(await call('print:savePdf', { previewId: preview.previewId, name: '客户档案表/杭州青禾' }))).toEqual({
      saved: true,
    });
    expect(os.chosen).toEqual(['客户档案表_杭州青禾.pdf']);
    expect(await readFile(os.target)).toEqual(served);

    expect(expectOk(await call('print:print', { previewId: preview.previewId }))).toEqual({ printed: true });
    expect(printer.jobs[0]?.html).toContain('杭州青禾家居有限公司');
    expect(printer.jobs[0]?.options).toEqual({ landscape: false });

    expect(expectOk(await call('print:closePreview', { previewId: preview.previewId }))).toEqual({ closed: true });
    const gone = await call('print:print', { previewId: preview.previewId });
    expect(gone.ok ? null : gone.error.messageKey).toBe('print.errors.previewGone');
  });

  it('refuses data of the wrong shape and data for another form', async () => {
    const bad = await typedDispatch(
      printHandlers({ engine: fx.engine, registry: fx.registry, os: printOs }),
      'print:preview',
      { form: 'customer-sheet', data: { model: 'customer-sheet', customer: { name: 1 } } },
      recordingContext(),
    );
    expect(bad.ok ? null : bad.error.code).toBe('invalid-argument');
    const wrong = await call('print:preview', { form: 'customer-sheet', data: labelData('sheet', 2) });
    expect(wrong.ok ? null : wrong.error.messageKey).toBe('print.errors.wrongData');
    const unknown = await call('print:preview', { form: 'no-such-form', data: labelData('sheet', 2) });
    expect(unknown.ok ? null : unknown.error.messageKey).toBe('print.errors.unknownForm');
    const traversal = await typedDispatch(
      printHandlers({ engine: fx.engine, registry: fx.registry, os: printOs }),
      'print:preview',
      { form: '../customer-sheet', data: labelData('sheet', 2) },
      recordingContext(),
    );
    expect(traversal.ok ? null : traversal.error.code).toBe('invalid-argument');
  });

  it('serves nothing but previews and previewable attachments', async () => {
    const sources = {
      attachment: async () => ({ file: '/etc/hostname', mime: 'application/pdf' as const }),
      print: async () => null,
    };
    for (const url of [
      'dangan-file://attachment/../../etc/passwd',
      'dangan-file://attachment/abc',
      'dangan-file://print/00000000000000000000000000000000',
      'dangan-file://other/x',
      'app://dangan/index.html',
      `dangan-file://attachment/${'a'.repeat(64)}?x=1`,
    ]) {
      expect((await previewResponse(url, sources)).status, url).toBe(404);
    }
  });

  it('opens the user templates folder for editing', async () => {
    expect(expectOk(await call('print:openTemplatesFolder', {}))).toEqual({ opened: true });
    expect(os.opened).toEqual([fx.registry.userRoot]);
  });
});
