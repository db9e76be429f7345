import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { embeddedCjkFonts } from '../main/print/chromium';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import {
  createCustomerThroughForm,
  creditCode,
  pdfPageSize,
  pdfText,
  shot,
  squash,
  toast,
} from './fixtures/issue5/helpers';

const COMPANY = {
  name: '杭州示例贸易有限公司',
  hotline: '400-820-8820',
  address: '杭州市西湖区文三路 90 号',
};
const CUSTOMER = {
  name: '宁波海岳五金商行',
  creditCode: creditCode('91330203MA2H7QX5C'),
  contact: '陈老板',
  mobile: '13812345678',
  location: { cabinet: 'B', shelf: '3', box: '12' },
};
const HOSTILE = {
  name: '<img src=x onerror=alert(1)>温州瓯江',
  creditCode: creditCode('91330302MA2L8TY4D'),
  contact: '周会计',
  mobile: '13698765432',
  location: { cabinet: 'B', shelf: '3', box: '13' },
};
const RETIRE_REASON = '合同到期未续签';

/** A4 portrait in PDF points (210 × 297 mm); Chromium rounds the page to whole CSS pixels. */
const A4 = { width: 595.28, height: 841.89 };

describe('printing from the app (Chromium print pipeline)', () => {
  let app: TestApp | undefined;
  const pdfDir = mkdtempSync(path.join(tmpdir(), 'dangan-e2e-pdf-'));
  let saved: string[] = [];
  let customerId = '';
  const dialogs: string[] = [];
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    app = await launchApp({
      os: { choosePdfPath: async (name) => (saved = [...saved, path.join(pdfDir, name)]).at(-1)! },
    });
    app.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  // A failed step must not leave its preview over the page for the next one.
  afterEach(async () => {
    const open = app?.page.locator('.ant-modal:visible .ant-modal-close');
    if (open && (await open.count()) > 0) await open.first().click();
  });
  afterAll(async () => {
    await app?.dispose();
    rmSync(pdfDir, { recursive: true, force: true });
  });

  const page = (): Page => app!.page;

  /**
   * Saves the open preview through its "save PDF" button; returns the file written. The path
   * is chosen before the PDF is written: the "saved" toast says the file is there.
   */
  async function savePreview(savedToast = '已保存'): Promise<string> {
    const before = saved.length;
    await page().getByTestId('print-save').click();
    await expect.poll(() => saved.length).toBe(before + 1);
    const file = saved.at(-1)!;
    await toast(page(), savedToast);
    return file;
  }

  async function closePreview(): Promise<void> {
    await page().locator('.ant-modal:visible .ant-modal-close').click();
    await page().getByTestId('print-frame').waitFor({ state: 'detached' });
  }

  it('keeps the company name and hotline every form carries, set on the settings page', async () => {
    await page().goto(`${app!.baseUrl}/index.html#/settings`);
    await page().getByTestId('print-company-name').fill(COMPANY.name);
    await page().getByTestId('print-hotline').fill(COMPANY.hotline);
    await page().getByTestId('print-company-address').fill(COMPANY.address);
    await page().getByTestId('print-settings-save').click();
    await toast(page(), '打印设置已保存');
    await page().reload();
    await expect
      .poll(() => page().getByTestId('print-company-name').inputValue())
      .toBe(COMPANY.name);
  });

  it("previews a customer's archive sheet from the archive, and saves it as an A4 PDF in Chinese", async () => {
    customerId = await createCustomerThroughForm(page(), app!.baseUrl, CUSTOMER);
    const code = (await page().getByTestId('archive-code').innerText()).trim();
    const actions = page().getByTestId('archive-section-print');
    await actions.getByTestId('print-customer-sheet').click();
    const frame = page().getByTestId('print-frame');
    await frame.waitFor({ timeout: 60_000 });
    const footer = page().locator('.ant-modal:visible .ant-modal-footer');
    await expect.poll(() => footer.innerText()).toMatch(/共 \d+ 页/);
    const shownPages = Number(/共 (\d+) 页/.exec(await footer.innerText())?.[1]);
    // The preview shows the PDF in Chromium's viewer, inside the app.
    await expect
      .poll(() =>
        page()
          .frames()
          .some((f) => f.url().startsWith('chrome-extension://')),
      )
      .toBe(true);
    await page().waitForTimeout(1500);
    await shot(page(), 'print-preview');

    const file = await savePreview();
    expect(path.basename(file)).toBe(`客户档案表-${CUSTOMER.name}.pdf`);
    const text = squash(await pdfText(file));
    for (const value of [
      '客户档案表',
      COMPANY.name,
      COMPANY.hotline,
      CUSTOMER.name,
      code,
      CUSTOMER.creditCode,
      CUSTOMER.contact,
      CUSTOMER.mobile,
      'B柜3层12盒',
      '本机用户',
    ]) {
      expect(text, value).toContain(squash(value));
    }
    const size = await pdfPageSize(file);
    expect(size.pages).toBe(shownPages);
    expect(Math.abs(size.width - A4.width)).toBeLessThan(1.5);
    expect(Math.abs(size.height - A4.height)).toBeLessThan(1.5);
    expect(await embeddedCjkFonts(file, readFileSync(file))).not.toEqual([]);
    await closePreview();
  });

  it('prints folder labels of the customer, as spine strips', async () => {
    const actions = page().getByTestId('archive-section-print');
    await actions.getByTestId('print-labels').hover();
    await page()
      .locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '档案盒脊背条' })
      .click();
    await page().getByTestId('print-frame').waitFor({ timeout: 60_000 });
    const file = await savePreview();
    const text = squash(await pdfText(file));
    const code = (await page().getByTestId('archive-code').innerText()).trim();
    for (const value of ['档案标签', CUSTOMER.name, COMPANY.name])
      expect(text, value).toContain(squash(value));
    // A long code breaks after a hyphen on the narrow strip, and pdftotext joins such lines
    // as a hyphenated word (dropping the hyphen): compare the code without its hyphens.
    expect(text.replace(/-/g, '')).toContain(code.replace(/-/g, ''));
    // The QR code of the customer's id is drawn as vector paths, not text: it must not leak as text.
    expect(text).not.toContain(customerId);
    await closePreview();
  });

  it('shows "no printer" instead of failing silently where printing is unavailable', async () => {
    await page().getByTestId('archive-section-print').getByTestId('print-customer-sheet').click();
    await page().getByTestId('print-frame').waitFor({ timeout: 60_000 });
    await page().getByTestId('print-print').click();
    await toast(page(), '本机无法打印');
    await closePreview();
  });

  it("prints the year's catalog of retired archives, a hostile name as plain text", async () => {
    const retire = async () => {
      await page().getByTestId('archive-retire').click();
      await page().getByTestId('retire-reason').fill(RETIRE_REASON);
      await page().getByTestId('retire-confirm').click();
      await expect.poll(() => page().getByTestId('archive-status').innerText()).toBe('已退档');
    };
    await retire();
    await createCustomerThroughForm(page(), app!.baseUrl, HOSTILE);
    await retire();
    await page().goto(`${app!.baseUrl}/index.html#/settings`);
    const panel = page().getByTestId('catalog-panel');
    const year = new Date().getFullYear();
    await panel.getByTestId('print-catalog').click();
    await page().getByTestId('print-frame').waitFor({ timeout: 60_000 });
    await page().waitForTimeout(1000);
    await shot(page(), 'print-catalog-preview');
    const file = await savePreview();
    expect(path.basename(file)).toBe(`退档目录-${year}.pdf`);
    const text = squash(await pdfText(file));
    // The hostile name wraps inside its cell, so it is read back in its two lines.
    for (const value of [
      `${year}年度退档目录`,
      CUSTOMER.name,
      '<img src=x',
      'onerror=alert(1)>',
      RETIRE_REASON,
      'B柜3层12盒',
      '本机用户',
      COMPANY.hotline,
    ]) {
      expect(text, value).toContain(squash(value));
    }
    expect(dialogs).toEqual([]);
    await closePreview();
  });

  it('prints the catalog in English when the app is in English, without breaking words', async () => {
    await page().getByTestId('language-switch').click();
    await page().locator('.ant-select-item-option', { hasText: 'English' }).click();
    await expect.poll(() => page().getByTestId('catalog-panel').innerText()).toContain('Year');
    await shot(page(), 'settings-en', page().locator('main, .ant-layout-content').first());
    await page().getByTestId('catalog-panel').getByTestId('print-catalog').click();
    await page().getByTestId('print-frame').waitFor({ timeout: 60_000 });
    const text = await pdfText(await savePreview('Saved'));
    expect(text).toContain(`Retired archives ${new Date().getFullYear()}`);
    // Column values stay whole: the type column is wide enough for "Enterprise".
    expect(text.match(/\bEnterprise\b/g)?.length).toBe(2);
    expect(text).toContain('Cabinet B');
    await closePreview();
  });
});
