import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { buildTestPage } from './harness/pages';

interface Compared {
  params: Record<string, unknown>;
  fast: string[];
  engine: string[];
  deletedFlags: unknown[];
}
declare const __customerstest: { compareFirstPages(count: number): Promise<Compared[]> };

describe('the status list first page on Dexie in Chromium', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    const dir = buildTestPage('customers', path.resolve(import.meta.dirname, 'pages/customers-page.ts'));
    app = await launchApp({ extraRoots: { '/__test/': dir } });
    await app.page.goto(`${app.baseUrl}/__test/customers.html`);
    await app.page.waitForFunction(() => '__customerstest' in globalThis);
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('reads from the index exactly what the query engine returns, for every filter and sort', async () => {
    const results = await app!.page.evaluate(() => __customerstest.compareFirstPages(400));
    expect(results.length).toBeGreaterThan(8);
    for (const r of results) {
      expect(r.fast, JSON.stringify(r.params)).toEqual(r.engine);
      if (r.fast.length) expect(r.deletedFlags).toEqual([false]);
    }
    // The sets are not all empty: the comparison says something.
    const sizes = results.map((r) => r.fast.length);
    expect(Math.max(...sizes)).toBe(400);
    expect(results.find((r) => r.params['archiveStatus'] === 'retired' && r.params['sort'] === 'code' && !r.params['lifecycle'])?.fast.length).toBeGreaterThan(0);
  });
});
