import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDeviceRevoked } from '../../src/server/auth/tokens';
import type { StoredSession } from '../../src/shared/ipc';
import { customerDoc } from '../server/helpers/docs';
import { login, pushNew, type Doc } from '../server/helpers/harness';
import { NetworkProxy } from '../renderer/sync/support/proxy';
import { startHttpServer, TEST_PASSWORD, type HttpTestServer } from '../renderer/sync/support/server';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { buildTestPage } from './harness/pages';
import { phase, signInThroughUi } from './sync-helpers';
import { shot } from './visits-helpers';

interface SyncTestApi {
  open(userId: string): Promise<boolean>;
  get(collection: string, id: string): Promise<Record<string, unknown> | null>;
  patch(collection: string, id: string, patch: Record<string, unknown>): Promise<void>;
  inbox(kind: 'conflict' | 'rejected'): Promise<Record<string, unknown>[]>;
  keepOffline(customerId: string): Promise<void>;
  attachPhoto(customerId: string, bytes: number[]): Promise<string>;
  hasBytes(sha256: string): Promise<boolean>;
}
declare const __synctest: SyncTestApi;

const ctx = { senderId: 0, emit: () => undefined };

interface Laptop {
  app: TestApp;
  proxy: NetworkProxy;
  /** A second tab with the data layer, standing in for screens of other features. */
  tab: Page;
  userId: string;
}

let pagesDir = '';
let server: HttpTestServer;
const laptops: Laptop[] = [];

async function startLaptop(username: string): Promise<Laptop> {
  const app = await launchApp({ extraRoots: { '/__test/': pagesDir } });
  const proxy = new NetworkProxy(server.url);
  await proxy.start();
  await signInThroughUi(app.page, proxy.url, username);
  await expect.poll(() => phase(app.page), { timeout: 30_000 }).toBe('online');
  // The home page names the server this laptop syncs with (it once said "not signed in").
  await expect.poll(() => app.page.getByTestId('home-session').innerText()).toContain(proxy.url);
  if (laptops.length === 0) await shot(app.page, 'sync-home-signed-in');
  const session = (await app.table['secure:session']({}, ctx)) as StoredSession;
  const tab = await app.context.newPage();
  await tab.goto(`${app.baseUrl}/__test/sync.html`);
  await tab.waitForFunction(() => '__synctest' in globalThis);
  await tab.evaluate((id) => __synctest.open(id), session.user.id);
  const laptop = { app, proxy, tab, userId: session.user.id };
  laptops.push(laptop);
  return laptop;
}

async function seedCustomer(overrides: Partial<Doc> = {}): Promise<Doc> {
  const boss = await login(server.t, 'boss');
  const rep = await login(server.t, 'rep1');
  const doc = customerDoc(rep.userId, 't1', { name: '杭州明远贸易', note: '', ...overrides });
  await pushNew(server.t, boss, 'customers', [doc]);
  return doc;
}

/** Opens the status popover (a click on an open one would close it). */
async function openStatus(page: Page): Promise<void> {
  if (await page.getByTestId('sync-details').isVisible().catch(() => false)) return;
  await page.getByTestId('sync-status').click();
  await page.getByTestId('sync-details').waitFor();
}

function field(laptop: Laptop, id: string, name: string) {
  return laptop.tab.evaluate(async ([doc, f]) => (await __synctest.get('customers', doc!))?.[f!] ?? null, [id, name]);
}

describe('offline-first sync in Chromium against the real server', () => {
  screenshotOnFailure(() => laptops.at(-1)?.app.page);

  beforeAll(async () => {
    pagesDir = buildTestPage('sync', path.resolve(import.meta.dirname, 'pages/sync-page.ts'));
    server = await startHttpServer();
    await server.addUser('boss', 'manager', 't1');
    await server.addUser('rep1', 'rep', 't1');
    await server.addUser('rep2', 'rep', 't1');
    await server.addUser('rep3', 'rep', 't2');
  });
  afterAll(async () => {
    for (const l of laptops.splice(0)) {
      await l.app.dispose();
      await l.proxy.close();
    }
    await server?.close();
  });

  it('two laptops edit a customer offline: fields merge, the same field lands in one inbox, a photo crosses over', async () => {
    const customer = await seedCustomer();
    const a = await startLaptop('rep1');
    const b = await startLaptop('rep2');
    await expect.poll(() => field(a, customer.id, 'name'), { timeout: 20_000 }).toBe('杭州明远贸易');
    await expect.poll(() => field(b, customer.id, 'name'), { timeout: 20_000 }).toBe('杭州明远贸易');
    await b.tab.evaluate((id) => __synctest.keepOffline(id), customer.id);

    a.proxy.cut();
    b.proxy.cut();
    await expect.poll(() => phase(a.app.page), { timeout: 20_000 }).toBe('offline');
    await expect.poll(() => phase(b.app.page), { timeout: 20_000 }).toBe('offline');

    await a.tab.evaluate((id) => __synctest.patch('customers', id, { note: '周三上午拜访', industry: '五金' }), customer.id);
    const photo = Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256);
    const sha = await a.tab.evaluate(([id, bytes]) => __synctest.attachPhoto(id as string, bytes as number[]), [customer.id, photo] as const);
    await b.tab.evaluate((id) => __synctest.patch('customers', id, { region: '华东', industry: '建材' }), customer.id);
    // Pending changes are counted while offline.
    await openStatus(a.app.page);
    await expect.poll(() => a.app.page.getByTestId('sync-pending').innerText()).toMatch(/[1-9]/);

    a.proxy.restore();
    a.app.page.getByTestId('sync-now').click().catch(() => undefined);
    await expect.poll(() => phase(a.app.page), { timeout: 40_000 }).toBe('online');
    b.proxy.restore();
    await expect.poll(() => phase(b.app.page), { timeout: 40_000 }).toBe('online');

    for (const laptop of [a, b]) {
      await expect.poll(() => field(laptop, customer.id, 'note'), { timeout: 30_000 }).toBe('周三上午拜访');
      await expect.poll(() => field(laptop, customer.id, 'region'), { timeout: 30_000 }).toBe('华东');
      await expect.poll(() => field(laptop, customer.id, 'industry'), { timeout: 30_000 }).toBe('五金');
    }
    const inboxB = await b.tab.evaluate(() => __synctest.inbox('conflict'));
    expect(inboxB).toEqual([expect.objectContaining({ documentId: customer.id, field: 'industry', local: '建材', server: '五金' })]);
    expect(await a.tab.evaluate(() => __synctest.inbox('conflict'))).toEqual([]);

    // The photo added offline on A is on B's disk, its hash checked on the way.
    await expect.poll(() => b.tab.evaluate((s) => __synctest.hasBytes(s), sha), { timeout: 60_000 }).toBe(true);

    // B sees both values side by side and re-applies its own.
    await b.app.page.goto(`${b.app.baseUrl}/index.html#/sync`);
    const card = b.app.page.getByTestId('inbox-conflict');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('inbox-yours').innerText()).toBe('建材');
    expect(await card.getByTestId('inbox-theirs').innerText()).toBe('五金');
    await card.getByTestId('inbox-reapply').click();
    await expect.poll(() => card.count()).toBe(0);
    await expect.poll(() => field(a, customer.id, 'industry'), { timeout: 30_000 }).toBe('建材');
  });

  it('signing out with changes not yet sent says how many and keeps them for the next sign-in', async () => {
    const customer = await seedCustomer();
    const a = laptops[0]!;
    await expect.poll(() => field(a, customer.id, 'name'), { timeout: 20_000 }).toBe('杭州明远贸易');
    a.proxy.cut();
    await a.tab.evaluate((id) => __synctest.patch('customers', id, { note: '退出前写的' }), customer.id);
    const page = a.app.page;
    await page.goto(`${a.app.baseUrl}/index.html#/`);
    await openStatus(page);
    await page.getByTestId('sync-signout').click();
    await expect.poll(() => page.getByTestId('signout-pending').getAttribute('data-count'), { timeout: 20_000 }).toBe('1');
    expect(await page.getByTestId('signout-pending').innerText()).toContain('1');
    await page.getByTestId('signout-confirm').click();
    await page.getByTestId('signin-notice').waitFor();

    // Offline unlock: the server is out of reach, the password is checked on the laptop.
    await signInThroughUi(page, a.proxy.url, 'rep1', 'wrong password');
    await expect.poll(() => page.getByTestId('signin-error').innerText()).toMatch(/密码|password/);
    await page.getByTestId('signin-password').fill(TEST_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('sync-status').waitFor();
    await a.tab.reload();
    await a.tab.waitForFunction(() => '__synctest' in globalThis);
    await a.tab.evaluate((id) => __synctest.open(id), a.userId);
    expect(await field(a, customer.id, 'note')).toBe('退出前写的');

    // Back online: signs in with the password kept in memory, and the kept change goes up.
    a.proxy.restore();
    await openStatus(page);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => phase(page), { timeout: 40_000 }).toBe('online');
    const rep = await login(server.t, 'rep1');
    await expect
      .poll(async () => {
        const response = await server.t.server.app.inject({
          method: 'GET',
          url: `/api/sync/customers/pull?limit=1000`,
          headers: { authorization: `Bearer ${rep.token}` },
        });
        return response.json<{ documents: Doc[] }>().documents.find((d) => d.id === customer.id)?.['note'];
      }, { timeout: 30_000 })
      .toBe('退出前写的');
  });

  it('a revoked laptop stops syncing and says why', async () => {
    // Revoked while connected: the server ends the live stream and the laptop names the cause at once.
    const a = laptops[0]!;
    const { deviceId } = (await a.app.table['secure:device']({}, ctx)) as { deviceId: string };
    expect(await setDeviceRevoked(server.t.server.db, deviceId, true)).toBe(true);
    const customer = await seedCustomer();
    await a.app.page.getByTestId('sync-revoked').waitFor({ timeout: 30_000 });
    expect(await a.app.page.getByTestId('sync-revoked').innerText()).toContain('停用');
    expect(await phase(a.app.page)).toBe('error');
    await openStatus(a.app.page);
    expect(await a.app.page.getByTestId('sync-error').innerText()).toContain('停用');
    // Nothing to retry until an administrator restores the device.
    expect(await a.app.page.getByTestId('sync-now').isDisabled()).toBe(true);
    expect(await field(a, customer.id, 'name')).toBeNull();

    // Revoked while offline (a lost laptop): the first request after reconnecting is refused with the reason.
    const b = laptops[1]!;
    const device = (await b.app.table['secure:device']({}, ctx)) as { deviceId: string };
    expect(device.deviceId).not.toBe(deviceId);
    b.proxy.cut();
    await expect.poll(() => phase(b.app.page), { timeout: 20_000 }).toBe('offline');
    expect(await setDeviceRevoked(server.t.server.db, device.deviceId, true)).toBe(true);
    const later = await seedCustomer({ name: '宁波远航机电' });
    await b.app.page.goto(`${b.app.baseUrl}/index.html#/`);
    await openStatus(b.app.page);
    // "Sync now" while still cut off: it fails, and the next automatic attempt comes soon.
    await b.app.page.getByTestId('sync-now').click();
    b.proxy.restore();
    await b.app.page.getByTestId('sync-revoked').waitFor({ timeout: 30_000 });
    expect(await b.app.page.getByTestId('sync-now').isDisabled()).toBe(true);
    expect(await phase(b.app.page)).toBe('error');
    expect(await field(b, later.id, 'name')).toBeNull();

    await setDeviceRevoked(server.t.server.db, deviceId, false);
    await setDeviceRevoked(server.t.server.db, device.deviceId, false);
  });

  it('a fresh laptop says the archive is on its way while the first pull runs, not that there is none', async () => {
    const boss = await login(server.t, 'boss');
    const rep = await login(server.t, 'rep3');
    const doc = customerDoc(rep.userId, 't2', { name: '湖州南浔丝绸', note: '' });
    await pushNew(server.t, boss, 'customers', [doc]);
    // The first customers pull waits until the test lets it through.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const app = await launchApp({ extraRoots: { '/__test/': pagesDir } });
    const proxy = new NetworkProxy(server.url, {
      delay: (req) => (req.url?.startsWith('/api/sync/customers/pull') ? held : undefined),
    });
    await proxy.start();
    laptops.push({ app, proxy, tab: app.page, userId: rep.userId });
    await signInThroughUi(app.page, proxy.url, 'rep3');
    await app.page.getByTestId('sync-status').waitFor({ timeout: 30_000 });
    await app.page.evaluate(() => (location.hash = '#/customers'));
    const awaiting = app.page.getByTestId('customer-list-awaiting-sync');
    await awaiting.waitFor({ timeout: 30_000 });
    expect(await awaiting.innerText()).toContain('正在从服务器接收客户档案');
    expect(await app.page.getByTestId('demo-panel').count()).toBe(0);
    await shot(app.page, 'sync-first-pull-awaiting');
    release();
    await app.page.getByTestId('customer-row').first().waitFor({ timeout: 30_000 });
    expect(await app.page.getByTestId('customer-row').first().innerText()).toContain('湖州南浔丝绸');
    expect(await awaiting.count()).toBe(0);
  });
});
