import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp, type TestApp } from '../../test/e2e/harness/app';
import { buildTestPage } from '../../test/e2e/harness/pages';
import { NetworkProxy } from '../../test/renderer/sync/support/proxy';
import { Profiles, Trace, writeHeapSnapshot } from './profile';

declare const __synctest: {
  open(userId: string): Promise<boolean>;
  patch(collection: string, id: string, patch: Record<string, unknown>): Promise<void>;
};

interface LongTaskWindow {
  __longTasks: { start: number; duration: number }[];
  /** Long animation frames over 100 ms: what ran in them (Chromium's LoAF attribution). */
  __longFrames: { start: number; duration: number; render: number; scripts: string[] }[];
}

export interface LaptopFigures {
  /** From pressing "sign in" until every collection finished its first round. */
  totalSeconds: number;
  customersSeconds: number;
  /** Until the status list showed its first rows. */
  listUsableSeconds: number;
  longestTaskMs: number;
  longTasksOver100: number;
  pageHeapMb: number;
  workerHeapMb: number | null;
  /** From reconnecting until the server holds every edit. */
  editsUpSeconds: number;
  /** From reconnecting until the laptop shows nothing waiting to go up. */
  editsConfirmedSeconds: number;
}

/** The bench's own view of the server, to time the edits' arrival there. */
export interface EditsProbe {
  /** Remembers where the server's changes are now (called before reconnecting). */
  mark(): Promise<void>;
  /** How many of the edits the server holds since the mark. */
  arrived(): Promise<number>;
}

type LongFrame = LongTaskWindow['__longFrames'][number];

/** One long animation frame: when (s after sign-in), how long, and the scripts that ran in it. */
function describeFrame(f: LongFrame, signInAt: number): string {
  return `  long frame ${Math.round(f.duration)} ms at ${((f.start - signInAt) / 1000).toFixed(1)} s (render ${Math.round(f.render)} ms): ${f.scripts.join('; ')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe().catch(() => false)) return;
    await sleep(everyMs);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

const attr = (page: Page, name: string) => page.getByTestId('sync-status').getAttribute(name).catch(() => null);

/**
 * A fresh laptop in Debian's Chromium (the built renderer, the real sync worker, IndexedDB on
 * disk) signs in and pulls everything; long tasks on the UI thread are recorded by the page's
 * own PerformanceObserver. Then it goes offline, makes `edits` edits, and reconnects.
 * DANGAN_BENCH_SYNC_PROFILE=<folder>: CPU profiles of the page and the worker during the pull
 * (written there, summarized by self time on stderr). DANGAN_BENCH_SYNC_TRACE=<file>: a Chromium
 * trace of every process (IndexedDB's backend included) until the customers are in;
 * DANGAN_BENCH_SYNC_TRACE_EDITS=<file>: the same from reconnecting until the edits are confirmed.
 */
export async function runLaptop(options: {
  serverUrl: string;
  username: string;
  password: string;
  editIds: string[];
  edits: EditsProbe;
  timeoutMs: number;
}): Promise<LaptopFigures> {
  const pagesDir = buildTestPage('sync', path.resolve(import.meta.dirname, '../../test/e2e/pages/sync-page.ts'));
  const proxy = new NetworkProxy(options.serverUrl);
  await proxy.start();
  const app: TestApp = await launchApp({ extraRoots: { '/__test/': pagesDir } });
  try {
    const page = app.page;
    await page.getByTestId('sync-signin').waitFor({ timeout: 30_000 });
    await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow;
      w.__longTasks = [];
      w.__longFrames = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      interface Script {
        duration: number;
        invoker: string;
        sourceFunctionName: string;
        sourceURL: string;
        sourceCharPosition: number;
      }
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { renderStart: number; scripts: Script[] })[]) {
          if (e.duration <= 100) continue;
          w.__longFrames.push({
            start: e.startTime,
            duration: e.duration,
            render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
            scripts: e.scripts.map(
              (s) =>
                `${Math.round(s.duration)}ms ${s.invoker} ${s.sourceFunctionName}@${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}`,
            ),
          });
        }
      }).observe({ type: 'long-animation-frame' });
    });
    await page.getByTestId('sync-signin').click();
    await page.getByTestId('signin-server').fill(proxy.url);
    await page.getByTestId('signin-username').fill(options.username);
    await page.getByTestId('signin-password').fill(options.password);
    const profileDir = process.env['DANGAN_BENCH_SYNC_PROFILE'];
    const profiles = profileDir ? await Profiles.start(profileDir, app.context, page) : null;
    const tracePath = process.env['DANGAN_BENCH_SYNC_TRACE'];
    const trace = tracePath ? await Trace.start(app.context, page) : null;
    const started = Date.now();
    // The pull's pace: when each collection's every 40th page (10,000 documents at 250 a
    // page) was asked for, in s after sign-in; said at the end with DANGAN_BENCH_TRACE.
    const pages = new Map<string, number>();
    const pace: string[] = [];
    proxy.hooks = {
      onRequest: (req) => {
        const pulled = req.method === 'GET' ? /\/api\/sync\/([a-z]+)\/pull/.exec(req.url ?? '')?.[1] : undefined;
        if (pulled) {
          const n = (pages.get(pulled) ?? 0) + 1;
          pages.set(pulled, n);
          if (n % 40 === 0) pace.push(`${pulled} ${n * 250} asked at ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
        return 'forward';
      },
    };
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('sync-status').waitFor({ timeout: 30_000 });
    await page.evaluate(() => (location.hash = '#/customers'));

    let listUsable = 0;
    let customersDone = 0;
    await waitFor(
      'initial sync',
      async () => {
        if (!listUsable && (await page.getByTestId('customer-row').count()) >= 20) {
          listUsable = Date.now();
          process.stderr.write(`  status list shows rows after ${((listUsable - started) / 1000).toFixed(1)} s\n`);
        }
        const caughtUp = (await attr(page, 'data-caught-up')) ?? '';
        if (!customersDone && caughtUp.split(',').includes('customers')) {
          // Said at once: a run that later times out still tells how long the customers took.
          customersDone = Date.now();
          process.stderr.write(`  customers caught up after ${((customersDone - started) / 1000).toFixed(1)} s\n`);
          if (trace && tracePath) await trace.stop(tracePath);
          // Said now too: what held the window while the customers came in, even if the run fails later.
          const frames = await page.evaluate(() => (window as unknown as LongTaskWindow).__longFrames.splice(0));
          const at = await page.evaluate((wall) => performance.now() - (Date.now() - wall), started);
          for (const f of frames) process.stderr.write(`${describeFrame(f, at)} (customers)\n`);
        }
        return (await page.getByTestId('sync-phase').getAttribute('data-phase')) === 'online' && listUsable > 0;
      },
      options.timeoutMs,
      250,
    );
    const finished = Date.now();
    if (process.env['DANGAN_BENCH_TRACE']) process.stderr.write(`pull pace:\n  ${pace.join('\n  ')}\n`);
    if (profiles) process.stderr.write(`${await profiles.stop()}\n`);
    const longTasks = await page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks);
    const signInAt = await page.evaluate((wall) => performance.now() - (Date.now() - wall), started);
    const longFrames = await page.evaluate(() => (window as unknown as LongTaskWindow).__longFrames);
    for (const f of longFrames) process.stderr.write(`${describeFrame(f, signInAt)}\n`);
    const worst = [...longTasks].sort((a, b) => b.duration - a.duration).slice(0, 12);
    process.stderr.write(
      `  longest UI tasks (ms at s after sign-in): ${worst.map((t) => `${t.duration}@${((t.start - signInAt) / 1000).toFixed(1)}`).join(' ')}\n`,
    );
    const cdp = await app.context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const heapPath = process.env['DANGAN_BENCH_SYNC_HEAP'];
    if (heapPath) await writeHeapSnapshot(cdp, heapPath);
    const worker = page.workers()[0];
    const workerHeap = worker
      ? await worker.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null)
      : null;

    // Offline edits, then reconnect.
    const session = (await app.table['secure:session']({}, { senderId: 0, emit: () => undefined })) as { user: { id: string } };
    const tab = await app.context.newPage();
    await tab.goto(`${app.baseUrl}/__test/sync.html`);
    await tab.waitForFunction(() => '__synctest' in globalThis);
    await tab.evaluate((id) => __synctest.open(id), session.user.id);
    proxy.cut();
    await waitFor('offline', async () => (await page.getByTestId('sync-phase').getAttribute('data-phase')) === 'offline', 30_000);
    await tab.evaluate(async (ids) => {
      for (const id of ids) await __synctest.patch('customers', id, { note: `bench edit ${id}` });
    }, options.editIds);
    await waitFor('edits counted', async () => Number(await attr(page, 'data-pending')) >= options.editIds.length, 60_000);
    await options.edits.mark();
    const requests: string[] = [];
    let reconnected = Date.now();
    proxy.hooks = {
      onRequest: (req) => {
        requests.push(`${Date.now() - reconnected} ${req.method} ${req.url?.slice(0, 60)}`);
        return 'forward';
      },
    };
    await profiles?.restart();
    const editsTracePath = process.env['DANGAN_BENCH_SYNC_TRACE_EDITS'];
    const editsTrace = editsTracePath ? await Trace.start(app.context, page) : null;
    reconnected = Date.now();
    proxy.restore();
    // The browser's "online" event, where the sync worker listens for it (worker.ts): try at
    // once. (Clicking "sync now" instead timed Playwright's two clicks: 1–5 s on a busy machine.)
    const syncWorker = page.workers().find((w) => w.url().includes('worker'));
    if (syncWorker) await syncWorker.evaluate(() => self.dispatchEvent(new Event('online')));
    else {
      await page.getByTestId('sync-status').click();
      await page.getByTestId('sync-now').click();
    }
    requests.push(`${Date.now() - reconnected} (online ${syncWorker ? 'event' : 'clicked'})`);
    let confirmed = 0;
    await waitFor(
      'edits up',
      async () => {
        if (!confirmed && Number(await attr(page, 'data-pending')) === 0) confirmed = Date.now();
        return (await options.edits.arrived()) >= options.editIds.length;
      },
      120_000,
      50,
    );
    const editsUp = Date.now();
    await waitFor(
      'edits confirmed on the laptop',
      async () => {
        if (!confirmed && Number(await attr(page, 'data-pending')) === 0) confirmed = Date.now();
        return confirmed > 0;
      },
      60_000,
      50,
    );
    if (profiles) process.stderr.write(`${await profiles.stop(25, '-edits')}\n`);
    if (editsTrace && editsTracePath) await editsTrace.stop(editsTracePath);
    if (process.env['DANGAN_BENCH_TRACE']) process.stderr.write(`reconnected at ${reconnected} (epoch ms)\n${requests.join('\n')}\n`);

    return {
      totalSeconds: (finished - started) / 1000,
      customersSeconds: customersDone ? (customersDone - started) / 1000 : NaN,
      listUsableSeconds: (listUsable - started) / 1000,
      longestTaskMs: Math.max(0, ...longTasks.map((t) => t.duration)),
      longTasksOver100: longTasks.filter((t) => t.duration > 100).length,
      pageHeapMb: heap.usedSize / 1024 / 1024,
      workerHeapMb: typeof workerHeap === 'number' ? workerHeap / 1024 / 1024 : null,
      editsUpSeconds: (editsUp - reconnected) / 1000,
      editsConfirmedSeconds: (confirmed - reconnected) / 1000,
    };
  } finally {
    await app.dispose();
    await proxy.close();
  }
}
