import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDoc } from '../server/helpers/docs';
import { login, pushNew } from '../server/helpers/harness';
import { NetworkProxy } from '../renderer/sync/support/proxy';
import { startHttpServer, TEST_PASSWORD, type HttpTestServer } from '../renderer/sync/support/server';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { shot, visitField } from './visits-helpers';

/**
 * Manager review after sync: a rep writes and submits a visit report offline on one laptop; it
 * syncs when the network is back; a manager on another laptop (a separate browser profile and
 * database) reviews it and sends it back; the review reaches the rep's open report.
 */

interface Laptop {
  app: TestApp;
  proxy: NetworkProxy;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const REPORT = {
  outcomes: '客户确认追加采购三台样机，月底前下单',
  feedback: '对上次售后上门速度表示满意',
  suggestions: '希望提供分期付款方案',
  returnComment: '请写明追加采购的具体型号和金额',
};

let server: HttpTestServer;
const laptops: Laptop[] = [];

async function phase(page: Page): Promise<string | null> {
  return page.getByTestId('sync-phase').getAttribute('data-phase').catch(() => null);
}

async function startLaptop(username: string): Promise<Laptop> {
  const app = await launchApp();
  const proxy = new NetworkProxy(server.url);
  await proxy.start();
  const laptop = { app, proxy };
  laptops.push(laptop);
  const page = app.page;
  const fromLocal = page.getByTestId('sync-signin');
  await fromLocal.or(page.getByTestId('signin')).first().waitFor({ timeout: 20_000 });
  if (await fromLocal.isVisible()) await fromLocal.click();
  await page.getByTestId('signin-server').fill(proxy.url);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(TEST_PASSWORD);
  await page.getByTestId('signin-submit').click();
  await expect.poll(() => phase(page), { timeout: 30_000 }).toBe('online');
  return laptop;
}

describe('visit reports: a manager reviews on another laptop after sync', () => {
  screenshotOnFailure(() => laptops.at(-1)?.app.page);
  let customerId = '';
  let visitPath = '';

  beforeAll(async () => {
    server = await startHttpServer();
    await server.addUser('boss', 'manager', 't1');
    await server.addUser('rep1', 'rep', 't1');
    const boss = await login(server.t, 'boss');
    const rep = await login(server.t, 'rep1');
    const customer = customerDoc(rep.userId, 't1', { name: '宁波海曙五金商行' });
    await pushNew(server.t, boss, 'customers', [customer]);
    customerId = String(customer['id']);
  });
  afterAll(async () => {
    for (const l of laptops.splice(0)) {
      await l.app.dispose();
      await l.proxy.close();
    }
    await server?.close();
  });

  it('the rep writes and submits a report with the network cut; it syncs when the network is back', async () => {
    const rep = await startLaptop('rep1');
    const p = rep.app.page;
    await p.goto(`${rep.app.baseUrl}/index.html#/customers/${customerId}`);
    await p.getByTestId('customer-start-visit').waitFor({ timeout: 30_000 });

    rep.proxy.cut();
    await expect.poll(() => phase(p), { timeout: 20_000 }).toBe('offline');
    await p.getByTestId('customer-start-visit').click();
    await p.getByTestId('visit-report').waitFor();
    visitPath = new URL(p.url()).hash;
    expect(visitPath).toMatch(/^#\/visits\/[0-9a-f-]{36}$/);
    await expect.poll(() => p.getByTestId('visit-customer-name').innerText()).toContain('宁波海曙五金商行');
    const end = visitField(p, 'report-end');
    await end.click();
    await end.fill(`${ymd(new Date())} 23:59`);
    await end.press('Enter');
    await p.getByTestId('report-purposes').getByText('产品示范推销').click();
    await visitField(p, 'report-outcomes').fill(REPORT.outcomes);
    await visitField(p, 'report-feedback').fill(REPORT.feedback);
    await visitField(p, 'report-suggestions').fill(REPORT.suggestions);
    await p.getByTestId('visit-submit').click();
    await expect.poll(() => p.getByTestId('visit-status').first().innerText()).toBe('已提交');
    // A rep never reviews, not even their own report.
    expect(await p.getByTestId('review-accept').count()).toBe(0);

    rep.proxy.restore();
    await expect.poll(() => phase(p), { timeout: 30_000 }).toBe('online');
  });

  it('the manager, on a second laptop, finds the synced report and sends it back with a comment', async () => {
    const boss = await startLaptop('boss');
    const p = boss.app.page;
    await p.goto(`${boss.app.baseUrl}/index.html${visitPath}`);
    await expect
      .poll(() => p.getByTestId('visit-status').first().innerText().catch(() => ''), { timeout: 60_000 })
      .toBe('已提交');
    expect(await visitField(p, 'report-outcomes').inputValue()).toBe(REPORT.outcomes);
    expect(await visitField(p, 'report-feedback').inputValue()).toBe(REPORT.feedback);
    await visitField(p, 'review-input').fill(REPORT.returnComment);
    await p.getByTestId('review-return').click();
    await expect.poll(() => p.getByTestId('visit-status').first().innerText()).toBe('已退回');
    await shot(p, 'visits-sync-manager-review', true);
  });

  it("the review comes back to the rep's open report, which the rep may now correct", async () => {
    const p = laptops[0]!.app.page;
    await expect
      .poll(() => p.getByTestId('visit-status').first().innerText(), { timeout: 60_000 })
      .toBe('已退回');
    expect(await p.getByTestId('review-comment').innerText()).toContain(REPORT.returnComment);
    expect(await visitField(p, 'report-outcomes').isDisabled()).toBe(false);
    await shot(p, 'visits-sync-rep-returned', true);
  });
});
