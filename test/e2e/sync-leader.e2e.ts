import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSession } from '../../src/shared/ipc';
import { customerDoc } from '../server/helpers/docs';
import { login, pushNew, type Doc } from '../server/helpers/harness';
import { NetworkProxy } from '../renderer/sync/support/proxy';
import { startHttpServer, type HttpTestServer } from '../renderer/sync/support/server';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { buildTestPage } from './harness/pages';
import { phase, signInThroughUi } from './sync-helpers';

interface SyncTestApi {
  open(userId: string): Promise<boolean>;
  get(collection: string, id: string): Promise<Record<string, unknown> | null>;
}
declare const __synctest: SyncTestApi;

const ctx = { senderId: 0, emit: () => undefined };

/** What the laptop asked the server for, in order (method and path, no query). */
const requests: string[] = [];
let server: HttpTestServer;
let proxy: NetworkProxy;
let app: TestApp | null = null;
let second: Page | null = null;

async function seedCustomer(name: string): Promise<Doc> {
  const boss = await login(server.t, 'boss');
  const rep = await login(server.t, 'rep1');
  const doc = customerDoc(rep.userId, 't1', { name, note: '' });
  await pushNew(server.t, boss, 'customers', [doc]);
  return doc;
}

function standby(page: Page): Promise<string | null> {
  return page.getByTestId('sync-phase').getAttribute('data-standby').catch(() => null);
}

/** Requests that only a replicating worker makes: pulls, pushes and the live stream. */
function syncRequestsSince(mark: number): string[] {
  return requests.slice(mark).filter((r) => r.includes('/api/sync/'));
}

describe('one laptop, two windows: only one sync worker replicates', () => {
  screenshotOnFailure(() => second ?? app?.page);

  beforeAll(async () => {
    server = await startHttpServer();
    await server.addUser('boss', 'manager', 't1');
    await server.addUser('rep1', 'rep', 't1');
    proxy = new NetworkProxy(server.url, {
      onRequest: (req) => {
        requests.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
        return 'forward';
      },
    });
    await proxy.start();
  });
  afterAll(async () => {
    await app?.dispose();
    await proxy?.close();
    await server?.close();
  });

  it('a second window waits while the first replicates, and takes over when the first closes', async () => {
    const pagesDir = buildTestPage('sync', path.resolve(import.meta.dirname, 'pages/sync-page.ts'));
    app = await launchApp({ extraRoots: { '/__test/': pagesDir } });
    const first = app.page;
    await signInThroughUi(first, proxy.url, 'rep1');
    await expect.poll(() => phase(first), { timeout: 30_000 }).toBe('online');
    expect(await standby(first)).toBe('false');
    const session = (await app.table['secure:session']({}, ctx)) as StoredSession;
    // A tab that reads the shared database without syncing (it runs no worker).
    const reader = await app.context.newPage();
    await reader.goto(`${app.baseUrl}/__test/sync.html`);
    await reader.waitForFunction(() => '__synctest' in globalThis);
    await reader.evaluate((id) => __synctest.open(id), session.user.id);
    const stored = (id: string) => reader.evaluate((doc) => __synctest.get('customers', doc).then((d) => d?.['name'] ?? null), id);

    // The second window opens the same user's database with a worker of its own, which finds
    // the first one replicating and waits.
    const mark = requests.length;
    second = await app.context.newPage();
    await second.goto(`${app.baseUrl}/index.html#/customers`);
    await expect.poll(() => standby(second!), { timeout: 30_000 }).toBe('true');
    expect(await phase(second)).toBe('starting');
    expect(await second.getByTestId('sync-phase').innerText()).toBe('由另一窗口同步');

    // A change on the server reaches the database (through the first window's live stream),
    // and the second window sees it there without asking the server for anything.
    const early = await seedCustomer('绍兴同德纺织');
    await expect.poll(() => stored(early.id), { timeout: 30_000 }).toBe('绍兴同德纺织');
    await expect.poll(() => second!.getByText('绍兴同德纺织').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(syncRequestsSince(mark)).toEqual([]);

    // The first window closes: its worker ends, the second one's takes over and syncs.
    const handover = requests.length;
    await first.close();
    await expect.poll(() => standby(second!), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => phase(second!), { timeout: 30_000 }).toBe('online');
    expect(syncRequestsSince(handover)).toContain('GET /api/sync/stream');
    const later = await seedCustomer('嘉兴恒丰五金');
    await expect.poll(() => stored(later.id), { timeout: 30_000 }).toBe('嘉兴恒丰五金');
    await expect.poll(() => second!.getByText('嘉兴恒丰五金').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
