import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printDataSchema, type PrintData } from '../../../src/shared/ipc/print';
import { embeddedCjkFonts, launchChromium, pdfFonts, pdfInfo, pdfText } from './chromium';
import { catalogData, customerSheetData, HOSTILE, labelData } from './fixtures';
import { printFixture } from './helpers';

/** pdftotext breaks lines where the layout wraps; compare text with whitespace removed. */
const squash = (text: string) => text.replace(/\s+/g, '');

describe('printed forms (Chromium print pipeline)', () => {
  let browser: Browser;
  let fx: Awaited<ReturnType<typeof printFixture>>;
  beforeAll(async () => {
    browser = await launchChromium();
    fx = await printFixture({ browser });
  });
  afterAll(async () => {
    await fx.cleanup();
    await browser.close();
  });

  async function render(form: string, data: PrintData, locale: 'zh-CN' | 'en' = 'zh-CN') {
    const preview = await fx.engine.preview(form, printDataSchema.parse(data), locale);
    const file = await fx.engine.previewPdf(preview.previewId);
    if (!file) throw new Error('no preview file');
    const [text, info, bytes] = await Promise.all([pdfText(file), pdfInfo(file), readFile(file)]);
    return { preview, file, text, squashed: squash(text), info, bytes };
  }

  it('prints the customer archive sheet on A4 with its Chinese values, furniture and an embedded CJK font', async () => {
    const { text, squashed, info, preview, file, bytes } = await render('customer-sheet', customerSheetData());
    expect(info.width).toBeCloseTo(595, 0);
    expect(info.height).toBeCloseTo(842, 0);
    expect(preview.pages).toBe(info.pages);
    for (const value of [
      '客户档案表',
      'KH-2024-0318',
      '杭州青禾家居有限公司',
      '王建国',
      '采购经理',
      '文三路478号华星时代广场A座1203室',
      'QH-S800整体衣柜',
      '柜门铰链松动',
      '框架协议2025.pdf',
      '张伟',
      'A柜3层12盒',
      '¥500,000.00',
    ]) {
      expect(squashed, value).toContain(value);
    }
    // Header and footer on every page: company, hotline, page x of y.
    expect(text.split('杭州示例贸易有限公司').length - 1).toBeGreaterThanOrEqual(info.pages);
    expect(squashed).toContain('服务热线：400-820-8820');
    expect(squashed).toContain(`第1页/共${info.pages}页`);
    expect(squashed).toContain(`第${info.pages}页/共${info.pages}页`);
    const fonts = await pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(await embeddedCjkFonts(file, bytes)).not.toEqual([]);
  });

  it('prints a hostile name as the text that was typed', async () => {
    const { squashed, bytes } = await render('customer-sheet', customerSheetData());
    expect(squashed).toContain(squash(`青禾家居${HOSTILE}`));
    // Nothing the data carried became a link or an image in the PDF.
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/\/URI|\/Subtype\s*\/Image/);
  });

  it('hides the middle of ID numbers unless told otherwise', async () => {
    const data = customerSheetData();
    if (data.model !== 'customer-sheet') throw new Error('fixture');
    data.customer = { ...data.customer, type: 'individual', idNumber: '330106199001011234' };
    expect((await render('customer-sheet', data)).squashed).toContain('330106********1234');
  });

  it('prints a sheet of folder labels and spine strips with name, code, location and QR', async () => {
    const sheet = await render('archive-label', labelData('sheet', 14));
    expect(sheet.info.pages).toBe(2);
    expect(sheet.info.width).toBeCloseTo(595, 0);
    for (const value of ['赵氏商贸有限公司', 'KH-2025-0001', 'KH-2025-0014', 'A柜·1层·10盒', '已退档', '杭州示例贸易有限公司']) {
      expect(sheet.squashed, value).toContain(value);
    }
    // A label shows two lines of name; the visible part of a hostile one is plain text.
    expect(sheet.squashed).toContain('<imgsrc=xonerror=alert(1)>');
    const spine = await render('archive-label', labelData('spine', 7));
    expect(spine.info.pages).toBe(2);
    expect(spine.squashed).toContain('KH-2025-0007');
    // Vertical text comes out one character per line; the name is still all there.
    expect(spine.squashed).toContain('孙明华');
  });

  it('prints the catalog of one year of retired archives, in shelf order, leaving others out', async () => {
    const { squashed, text, info } = await render('archive-catalog', catalogData(2024));
    expect(info.height).toBeCloseTo(842, 0);
    expect(squashed).toContain('2024年度退档目录');
    expect(squashed).toContain('份数：40');
    expect(squashed).not.toContain('去年退档的客户');
    expect(squashed).not.toContain('仍在档的客户');
    expect(squashed).toContain(squash(`退档客户${HOSTILE}`));
    const first = text.indexOf('KH-2019-0100');
    const shelfTwo = text.indexOf('KH-2019-0101');
    expect(first).toBeGreaterThan(-1);
    expect(shelfTwo).toBeGreaterThan(first);
  });

  it('prints the same forms in English', async () => {
    const { squashed } = await render('customer-sheet', customerSheetData(), 'en');
    expect(squashed).toContain('CustomerArchiveSheet');
    expect(squashed).toContain('Page1of');
    expect(squashed).toContain('Hotline:400-820-8820');
    expect(squashed).toContain('杭州青禾家居有限公司');
  });
});
