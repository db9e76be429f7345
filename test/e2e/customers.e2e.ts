import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { fillCustomer, pick, searchFor } from './customers-helpers';

const COMPANY = '杭州云栖数据科技有限公司';

describe('customer archive in Chromium', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await app?.dispose();
  });

  const go = async (hash: string) => {
    await app!.page.goto(`${app!.baseUrl}/index.html#${hash}`);
  };

  it('shows field errors for an invalid credit code and phone', async () => {
    const page = app!.page;
    await go('/customers/new');
    await fillCustomer(page, { name: '错误示范有限公司', creditCode: '91350100M000100Y44', contacts: [{ name: '甲', mobile: '12812345678', phone: '62345678' }] });
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('form-creditCode-error').innerText()).toContain('统一社会信用代码不正确');
    expect(await page.getByTestId('contact-0-mobile-error').innerText()).toContain('11 位中国大陆手机号');
    expect(await page.getByTestId('contact-0-phone-error').innerText()).toContain('区号');
    // Fixed, the errors go away.
    await page.getByTestId('form-creditCode').fill('91350100M000100Y43');
    await page.getByTestId('contact-0-mobile').fill('13812345678');
    await page.getByTestId('contact-0-phone').fill('0571-88886666');
    await expect.poll(() => page.getByTestId('form-creditCode-error').count()).toBe(0);
    await expect.poll(() => page.getByTestId('contact-0-mobile-error').count()).toBe(0);
  });

  it('creates an enterprise with two contacts, finds it by initials and four phone digits', async () => {
    const page = app!.page;
    await go('/customers/new');
    await page.getByTestId('leave-confirm').click({ timeout: 2_000 }).catch(() => undefined);
    await fillCustomer(page, {
      name: COMPANY,
      creditCode: '91350100M000100Y43',
      contacts: [
        { name: '陈立', mobile: '13987654321', phone: '0571-88886666' },
        { name: '陈母', mobile: '13600001111', emergency: true },
      ],
    });
    await page.getByTestId('form-save').click();
    await page.getByTestId('archive-header').waitFor();
    expect(await page.getByTestId('archive-name').innerText()).toBe(COMPANY);
    expect(await page.getByTestId('archive-contact').count()).toBe(2);
    expect(await page.getByTestId('archive-contacts').innerText()).toMatch(/主联系人[\s\S]*紧急联系人/);
    expect(await page.getByTestId('archive-code').innerText()).toMatch(/^KH\d{6}-[0-9A-Z]{5}-\d{5}$/);

    expect(await searchFor(page, 'hzyq')).toContain(COMPANY);
    expect(await searchFor(page, '7654')).toContain(COMPANY);
    expect(await page.getByTestId('search-hit-detail').first().innerText()).toContain('13987654321');
    // Ctrl+K and the menu command focus the box from anywhere.
    await go('/');
    await page.keyboard.press('Control+K');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('global-search-input');
    await page.locator('body').click();
    await app!.emit('app:command', { command: 'search' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('global-search-input');
    await page.getByTestId('global-search-input').fill('hzyq');
    await page.keyboard.press('Enter');
    await page.getByTestId('archive-header').waitFor();
  });

  it('catches a duplicate before saving and opens the existing archive instead', async () => {
    const page = app!.page;
    await go('/customers/new');
    await fillCustomer(page, { name: '西湖区另一家公司', creditCode: '91110000710935732K', contacts: [{ name: '李雷', mobile: '139 8765 4321' }] });
    await page.getByTestId('form-save').click();
    await page.getByTestId('duplicate-candidate').waitFor();
    expect(await page.getByTestId('duplicate-list').innerText()).toContain(COMPANY);
    expect(await page.getByTestId('duplicate-list').innerText()).toContain('电话相同');
    await page.getByTestId('duplicate-open').click();
    await page.getByTestId('leave-confirm').click();
    await page.getByTestId('archive-header').waitFor();
    expect(await page.getByTestId('archive-name').innerText()).toBe(COMPANY);
  });

  it('edits, retires (leaving the active list) and reinstates, keeping the history', async () => {
    const page = app!.page;
    const hits = await searchFor(page, COMPANY);
    expect(hits).toContain(COMPANY);
    await page.keyboard.press('Enter');
    await page.getByTestId('archive-edit').click();
    await page.getByTestId('form-cabinet').fill('C3');
    await page.getByTestId('form-shelf').fill('2');
    await page.getByTestId('form-box').fill('045');
    await page.getByTestId('form-save').click();
    await page.getByTestId('archive-header').waitFor();
    await expect.poll(() => page.getByTestId('archive-location').innerText()).toBe('C3 柜 · 2 架 · 045 盒');

    await page.getByTestId('archive-retire').click();
    await page.getByTestId('retire-reason').fill('客户公司注销');
    await page.getByTestId('retire-confirm').click();
    await expect.poll(() => page.getByTestId('archive-status').innerText()).toBe('已退档');
    expect(await page.getByTestId('archive-retired-banner').innerText()).toContain('客户公司注销');
    const url = page.url();

    await go('/customers');
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    expect(await page.getByTestId('customer-list-scroll').innerText()).not.toContain(COMPANY);
    await page.getByTestId('filter-status').getByText('已退档').click();
    await expect.poll(() => page.getByTestId('customer-list-scroll').innerText()).toContain(COMPANY);
    await page.getByTestId('filter-status').getByText('在档').click();

    await page.goto(url);
    await page.getByTestId('archive-reinstate').click();
    await page.getByTestId('retire-reason').fill('注销撤回，恢复合作');
    await page.getByTestId('retire-confirm').click();
    await expect.poll(() => page.getByTestId('archive-status').innerText()).toBe('在档');
    const history = await page.getByTestId('archive-history-entry').allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[0]).toContain('注销撤回'); // newest first
    expect(history[1]).toContain('客户公司注销');
  });

  it('keeps a draft through a killed window and asks before leaving unsaved changes', async () => {
    let page = app!.page;
    await go('/customers/new');
    await page.getByTestId('form-name').fill('草稿测试商行');
    await page.getByTestId('draft-saved').waitFor();
    // Leaving asks first; staying keeps the form.
    await page.getByTestId('nav').getByText('工作台').click();
    await page.getByTestId('leave-stay').click();
    expect(await page.getByTestId('form-name').inputValue()).toBe('草稿测试商行');

    const { userDataDir, dataDir } = app!;
    await app!.kill();
    app = await launchApp({ userDataDir, dataDir, viewport: { width: 1440, height: 900 } });
    page = app.page;
    await go('/customers/new');
    await page.getByTestId('draft-restore').click();
    expect(await page.getByTestId('form-name').inputValue()).toBe('草稿测试商行');
  });

  it('keeps filters per user across a reload and exports the current view with Chinese headers', async () => {
    const page = app!.page;
    await go('/customers');
    await page.getByTestId('leave-confirm').click({ timeout: 2_000 }).catch(() => undefined);
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    const list = page.getByTestId('customer-list');
    const saved = () => list.getAttribute('data-view-saved');
    // A filter nothing matches: the list empties, and stays empty after a reload.
    await pick(page, 'filter-lifecycle', '活跃');
    await page.getByText('没有符合筛选条件的客户').waitFor();
    await expect.poll(saved).toBe('true');
    await page.reload();
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    expect(await page.getByTestId('filter-lifecycle').innerText()).toContain('活跃');
    expect(await page.getByTestId('customer-row').count()).toBe(0);
    // Sort and filter, then leave the list at once: the change is kept all the same.
    await pick(page, 'filter-lifecycle', '活跃'); // picked again: unpicked
    await pick(page, 'filter-lifecycle', '潜在');
    await page.getByTestId('sort-name').click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByTestId('nav').getByText('工作台').click();
    await page.getByTestId('nav').getByText('客户').click();
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    expect(await page.getByTestId('filter-lifecycle').innerText()).toContain('潜在');
    expect(await page.getByTestId('sort-name').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByTestId('customer-row').count()).toBe(1);
    // Rows name a Chinese face before the generic family (no per-character system fallback)
    // and their Chinese is drawn with it.
    const family = await page.getByTestId('customer-row').first().evaluate((row) => getComputedStyle(row).fontFamily);
    expect(family.indexOf('Noto Sans CJK SC')).toBeGreaterThan(-1);
    expect(family.indexOf('Noto Sans CJK SC')).toBeLessThan(family.indexOf('sans-serif'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-testid="customer-row"] > *' });
    const used = new Set<string>();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of fonts) used.add(f.familyName);
    }
    expect([...used]).toContain('Noto Sans CJK SC');
    await cdp.detach();

    const download = page.waitForEvent('download');
    await page.getByTestId('customer-export').click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    const bytes = readFileSync(file);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('客户状况一览表');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['客户编号', '客户名称', '类型']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe(COMPANY);
  });
});
