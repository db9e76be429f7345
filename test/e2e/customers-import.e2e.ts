import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../renderer/customers/gb18030';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';

const CSV = [
  '客户名称,客户类型,统一社会信用代码,联系人,手机,电话,详细地址',
  '宁波港湾物流有限公司,企业,91350100M000100Y43,周航,13811112222,0574-87654321,宁波市北仑区新碶街道1号',
  '温州瓯江电器有限公司,企业,91350100M000100Y44,林帆,13822223333,,温州市鹿城区人民路2号',
  '郑秀英,个人,,,13933334444,,',
].join('\r\n');

describe('Excel/CSV import in Chromium', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('imports the good rows of a GB18030 CSV only after confirmation, listing the bad row', async () => {
    const page = app!.page;
    const dir = mkdtempSync(path.join(tmpdir(), 'dangan-import-'));
    const file = path.join(dir, '客户清单.csv');
    writeFileSync(file, encodeGb18030(CSV));
    await page.goto(`${app!.baseUrl}/index.html#/import`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-mapping').innerText()).toContain('gb18030');
    expect(await page.getByTestId('import-preview').innerText()).toContain('宁波港湾物流有限公司');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-step').waitFor({ timeout: 30_000 });

    const errors = await page.getByTestId('import-errors').innerText();
    expect(errors).toContain('3'); // spreadsheet row 3: the bad credit code
    expect(errors).toContain('统一社会信用代码');
    expect(errors).toContain('91350100M000100Y44');

    // Nothing is written before the user confirms.
    await page.getByTestId('global-search-input').fill('宁波港湾');
    await page.getByTestId('search-empty').waitFor();
    await page.getByTestId('global-search-input').fill('');

    const download = page.waitForEvent('download');
    await page.getByTestId('import-errors-download').click();
    const errorsCsv = readFileSync(await (await download).path(), 'utf8');
    expect(errorsCsv.startsWith('\uFEFF行号,列,原因,值')).toBe(true);
    expect(errorsCsv).toContain('3,统一社会信用代码');

    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-done').innerText(), { timeout: 30_000 }).toContain('已导入 2 户');

    await page.goto(`${app!.baseUrl}/index.html#/customers`);
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    const list = await page.getByTestId('customer-list-scroll').innerText();
    expect(list).toContain('宁波港湾物流有限公司');
    expect(list).toContain('郑秀英');
    expect(list).not.toContain('温州瓯江电器有限公司');
    expect(await page.getByTestId('customer-row').count()).toBe(2);
  });

  it('flags a row that repeats a customer already on the laptop', async () => {
    const page = app!.page;
    const dir = mkdtempSync(path.join(tmpdir(), 'dangan-import-'));
    const file = path.join(dir, 'again.csv');
    writeFileSync(file, '\uFEFF客户名称,手机\r\n郑秀英,139 3333 4444\r\n');
    await page.goto(`${app!.baseUrl}/index.html#/import`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-step').waitFor({ timeout: 30_000 });
    await page.getByText('疑似重复（1）').click();
    expect(await page.getByTestId('import-duplicates').innerText()).toContain('与已有客户电话相同');
    // Duplicates are skipped by default, so there is nothing left to import.
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
  });
});
