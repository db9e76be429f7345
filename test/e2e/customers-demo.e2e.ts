import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';

describe('demo data in Chromium', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('offers demo data on first run and fills the chosen count with a progress bar', async () => {
    const page = app!.page;
    await page.goto(`${app!.baseUrl}/index.html#/customers`);
    // First run: an empty archive offers the demo data right in the list.
    const panel = page.getByTestId('demo-panel');
    await panel.waitFor();
    await page.locator('input[data-testid="demo-count"], [data-testid="demo-count"] input').first().fill('5000');
    await page.getByTestId('demo-generate').click();
    await page.getByTestId('demo-progress').waitFor();
    expect(await page.getByText(/已写入 [\d,]+ \/ 5,000 户/).count()).toBe(1);
    await page.getByText('已生成 5,000 户演示客户').waitFor({ timeout: 120_000 });

    await page.getByText('打开客户一览表').click();
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    await expect.poll(() => page.getByTestId('customer-list').getAttribute('data-count')).toMatch(/^\d+$/);
    // Every demo customer is there: active ones in the list, retired ones under 已退档.
    const active = Number(await page.getByTestId('customer-list').getAttribute('data-count'));
    await page.getByTestId('filter-status').getByText('全部').click();
    await expect.poll(async () => Number(await page.getByTestId('customer-list').getAttribute('data-count'))).toBe(5000);
    expect(active).toBeGreaterThan(4500);
    expect(active).toBeLessThan(5000);
    // Realistic Chinese data: names in Chinese, owners from the demo staff directory.
    const firstRow = await page.getByTestId('customer-row').first().innerText();
    expect(firstRow).toMatch(/[\u4e00-\u9fff]{2,}/);
  });

  it('opens the demo data screen from the menu command, and only known screens', async () => {
    const page = app!.page;
    await page.goto(`${app!.baseUrl}/index.html#/customers`);
    await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor();
    await app!.emit('app:command', { command: 'navigate', arg: 'https://example.com/' });
    await app!.emit('app:command', { command: 'navigate', arg: '/customers/../../etc' });
    expect(await page.evaluate(() => location.hash)).toBe('#/customers');
    await app!.emit('app:command', { command: 'navigate', arg: '/demo' });
    await page.getByTestId('demo-count').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/demo');
  });
});
