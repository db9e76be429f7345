import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import {
  createCustomerThroughForm,
  creditCode,
  FIXTURES,
  sha256File,
  shot,
  toast,
} from './fixtures/issue5/helpers';

const CUSTOMER = {
  name: '杭州青禾家居有限公司',
  creditCode: creditCode('91330106MA2CFW3K1'),
  contact: '李采购',
  mobile: '13900001111',
  location: { cabinet: 'A', shelf: '2', box: '7' },
};

/** Drops files on an element the way Chromium delivers a drag from the desktop. */
async function dropFiles(
  target: Locator,
  files: { name: string; type: string; bytes: Buffer }[],
): Promise<void> {
  const transfer = await target.page().evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list)
        dt.items.add(
          new File([Uint8Array.from(atob(f.b64), (ch) => ch.charCodeAt(0))], f.name, {
            type: f.type,
          }),
        );
      return dt;
    },
    files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString('base64') })),
  );
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Pastes an image into an element as Ctrl+V of a screenshot does (a nameless `image.png`). */
async function pasteImage(target: Locator, bytes: Buffer): Promise<void> {
  await target.evaluate((element, b64) => {
    const dt = new DataTransfer();
    dt.items.add(
      new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], 'image.png', {
        type: 'image/png',
      }),
    );
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, bytes.toString('base64'));
}

/** The group of a kind (its heading and its table), as the section lists it. */
function group(section: Locator, title: string): Locator {
  return section
    .getByTestId('documents-group')
    .filter({ has: section.page().locator('h5', { hasText: title }) });
}

async function chooseKindForNew(page: Page, section: Locator, label: string): Promise<void> {
  await section.getByTestId('documents-kind').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .click();
}

describe('the Documents section of a customer archive (Chromium)', () => {
  let app: TestApp | undefined;
  let picked: string[] = [];
  const savedDir = mkdtempSync(path.join(tmpdir(), 'dangan-e2e-saved-'));
  let savedAs: string | null = null;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    app = await launchApp({
      os: {
        pickFiles: async () => picked,
        chooseSavePath: async (name) => (savedAs = path.join(savedDir, name)),
      },
    });
    await createCustomerThroughForm(app.page, app.baseUrl, CUSTOMER);
  });
  afterAll(async () => {
    await app?.dispose();
    rmSync(savedDir, { recursive: true, force: true });
  });

  const page = (): Page => app!.page;
  const section = (): Locator => page().getByTestId('documents-section');

  it('starts empty and adds a contract through the file dialog, under the kind chosen', async () => {
    await expect.poll(() => section().innerText()).toContain('还没有文件');
    await chooseKindForNew(page(), section(), '合同');
    picked = [FIXTURES.contract];
    await section().getByTestId('documents-add').click();
    expect(await toast(page(), '已添加')).toContain('已添加 1 个文件');
    const contracts = group(section(), '合同');
    await expect.poll(() => contracts.innerText()).toContain('购销合同.pdf');
    const row = contracts.locator('tr', { hasText: '购销合同.pdf' });
    expect(await row.innerText()).toContain('application/pdf');
    expect(await row.innerText()).toContain('83 KB');
    // Who: the display name of the signed-in (local) user, never a raw id.
    expect(await row.innerText()).toContain('本机用户');
  });

  it('adds renovation drawings by drag-and-drop and a screenshot by pasting', async () => {
    await chooseKindForNew(page(), section(), '装修图纸');
    await dropFiles(section(), [
      { name: '装修平面图.png', type: 'image/png', bytes: readFileSync(FIXTURES.drawing) },
    ]);
    await expect.poll(() => group(section(), '装修图纸').innerText()).toContain('装修平面图.png');

    // A pasted screenshot goes to photos unless a kind is chosen.
    await chooseKindForNew(page(), section(), '自动判断类别');
    await pasteImage(section(), readFileSync(FIXTURES.drawing));
    await expect
      .poll(() => group(section(), '照片').innerText())
      .toMatch(/粘贴的图片 \d{8}-\d{6}\.png/);

    picked = [FIXTURES.letter];
    await chooseKindForNew(page(), section(), '往来函件');
    await section().getByTestId('documents-add').click();
    await expect.poll(() => group(section(), '往来函件').innerText()).toContain('客户来函.txt');
  });

  it('lists every file with type, size, who and when, grouped by kind in a fixed order', async () => {
    const headings = await section().getByTestId('documents-group').locator('h5').allInnerTexts();
    expect(headings.map((h) => h.replace(/\s*\d+$/, ''))).toEqual([
      '合同',
      '装修图纸',
      '往来函件',
      '照片',
    ]);
    const drawing = group(section(), '装修图纸').locator('tr', { hasText: '装修平面图.png' });
    const text = await drawing.innerText();
    expect(text).toContain('image/png');
    expect(text).toContain('6 KB');
    expect(text).toContain('本机用户');
    const now = new Date();
    expect(text).toContain(`${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`);
    // A thumbnail was drawn for the image in the renderer and kept by main.
    await expect
      .poll(() => drawing.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await shot(page(), 'documents-section', page().getByTestId('archive-section-documents'));
  });

  it('previews an image and a PDF inside the app', async () => {
    await group(section(), '装修图纸').getByTestId('documents-preview').click();
    const modal = page().locator('.ant-modal:visible');
    const image = modal.locator('img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    await shot(page(), 'documents-preview-image');
    await modal.locator('.ant-modal-close').click();
    await modal.waitFor({ state: 'detached' });

    await group(section(), '合同').getByTestId('documents-preview').click();
    const frame = page().locator('.ant-modal:visible iframe');
    await frame.waitFor();
    const src = (await frame.getAttribute('src')) ?? '';
    const served = await page().evaluate(async (url) => {
      const response = await fetch(url);
      return {
        type: response.headers.get('content-type'),
        size: (await response.arrayBuffer()).byteLength,
      };
    }, src);
    expect(served).toEqual({
      type: 'application/pdf',
      size: readFileSync(FIXTURES.contract).byteLength,
    });
    // Chromium's PDF viewer runs inside the preview frame.
    await expect
      .poll(() =>
        page()
          .frames()
          .some((f) => f.url().startsWith('chrome-extension://')),
      )
      .toBe(true);
    await page().waitForTimeout(1500);
    await shot(page(), 'documents-preview-pdf');
    await page().locator('.ant-modal:visible .ant-modal-close').click();
  });

  it('saves a stored file elsewhere byte for byte, and keeps a note on it', async () => {
    await group(section(), '合同').getByTestId('documents-save-as').click();
    await expect.poll(() => savedAs).not.toBeNull();
    await expect.poll(() => sha256File(savedAs!)).toBe(sha256File(FIXTURES.contract));

    const row = group(section(), '合同').locator('tr', { hasText: '购销合同.pdf' });
    await row.locator('.ant-typography-edit').click();
    await row.locator('textarea').fill('原件存 A 柜 2 层 7 盒');
    await row.locator('textarea').press('Enter');
    await expect.poll(() => row.innerText()).toContain('原件存 A 柜 2 层 7 盒');
    // The note is in the database: it survives a reload.
    await page().reload();
    await expect
      .poll(() => group(section(), '合同').innerText())
      .toContain('原件存 A 柜 2 层 7 盒');
  });
});
