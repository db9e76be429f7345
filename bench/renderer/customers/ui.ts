import path from 'node:path';
import type { BenchContext, Figures } from '../types';

/**
 * Runs in the app page. A string, not a function: the bench's TypeScript loader would wrap a
 * function's inner closures in helpers that do not exist in the page.
 */
const SCROLL_SCRIPT = `(async () => {
  const scroller = document.querySelector('[data-testid="customer-list-scroll"]');
  if (!scroller) throw new Error('no list scroller');
  const intervals = [];
  const longFrames = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longFrames.push(entry.duration);
  });
  observer.observe({ type: 'long-animation-frame', buffered: false });
  await new Promise((resolve) => {
    let last = performance.now();
    let frame = 0;
    // Read once: reading layout inside the loop would force a layout per frame no user causes.
    const max = scroller.scrollHeight - scroller.clientHeight;
    const tick = (now) => {
      intervals.push(now - last);
      last = now;
      frame += 1;
      // Mostly wheel-like steps; every 15th frame a jump, as when dragging the scrollbar.
      scroller.scrollTop = frame % 15 === 0 ? Math.random() * max : Math.min(max, scroller.scrollTop + 900);
      if (frame < 240) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  observer.disconnect();
  return { intervals: intervals.slice(1), longFrames };
})()`;

async function mainThreadMs(ctx: BenchContext): Promise<number> {
  const { metrics } = (await ctx.cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
}

/**
 * The status list in the built app, on the 100k customers the bench wrote: time until the
 * first rows show, then fast scrolling (smooth steps and jumps) while every frame's length is
 * recorded in the page. Screenshots of the list and of one archive when `--shots` is given.
 */
export async function measureStatusList(ctx: BenchContext, figures: Figures): Promise<void> {
  const { page } = ctx;
  ctx.log('customers: status list in the app');
  await ctx.cdp.send('Performance.enable');
  const started = Date.now();
  await page.goto(`${ctx.baseUrl}/index.html#/customers`);
  await page.locator('[data-testid="customer-row"]').first().waitFor({ timeout: 60_000 });
  figures['ui_first_rows_ms'] = Date.now() - started;
  await page.locator('[data-testid="customer-list"][data-phase="ready"]').waitFor({ timeout: 120_000 });
  figures['ui_list_ready_ms'] = Date.now() - started;
  // Scrolling right away, while contacts are still being decrypted and indexed behind it…
  const during = (await page.evaluate(SCROLL_SCRIPT)) as { intervals: number[]; longFrames: number[] };
  const busy = [...during.intervals].sort((a, b) => a - b);
  figures['scroll_while_indexing_max_frame_ms'] = busy[busy.length - 1] ?? NaN;
  // …and once the app is settled.
  await page.locator('[data-testid="customer-list"][data-search-complete="true"]').waitFor({ timeout: 600_000 });
  figures['ui_search_complete_ms'] = Date.now() - started;
  const before = await mainThreadMs(ctx);
  const frames = (await page.evaluate(SCROLL_SCRIPT)) as { intervals: number[]; longFrames: number[] };
  // Main-thread work per frame (task time, not wall time): what the list itself costs, apart
  // from time lost waiting for a CPU when the machine is busy.
  figures['scroll_main_thread_ms_per_frame'] = ((await mainThreadMs(ctx)) - before) / Math.max(1, frames.intervals.length);
  const sorted = [...frames.intervals].sort((a, b) => a - b);
  Object.assign(figures, {
    scroll_frames: frames.intervals.length,
    scroll_max_frame_ms: sorted[sorted.length - 1] ?? NaN,
    scroll_p95_frame_ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    scroll_long_frames: frames.longFrames.filter((d) => d > 100).length,
  });
  if (ctx.shotsDir) {
    await page.evaluate('document.querySelector(\'[data-testid="customer-list-scroll"]\').scrollTop = 0');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ctx.shotsDir, 'status-list-100k.png') });
    await page.locator('[data-testid="customer-row"]').nth(2).click();
    await page.locator('[data-testid="archive-header"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ctx.shotsDir, 'archive-100k.png'), fullPage: true });
  }
}
