import type { BenchContext, BenchModule, Figures } from '../types';
import type { CustomersBenchApi } from './page';
import { measureStatusList } from './ui';

type Step = keyof CustomersBenchApi;

async function step(ctx: BenchContext, name: Step, ...args: unknown[]): Promise<Figures> {
  ctx.log(`customers: ${name}`);
  return ctx.page.evaluate(
    ([n, a]) => {
      const api = (window as unknown as { __danganBench: { customers: Record<string, (...x: unknown[]) => Promise<Figures>> } })
        .__danganBench.customers;
      return api[n as string]!(...(a as unknown[]));
    },
    [name, args] as const,
  );
}

async function heapMb(ctx: BenchContext): Promise<number> {
  await ctx.cdp.send('HeapProfiler.collectGarbage');
  const usage = (await ctx.cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize / 1024 / 1024;
}

export const customersBench: BenchModule = {
  name: 'customers',
  page: 'bench/renderer/customers/page.ts',
  targets: [
    { figure: 'first_page_ms', max: 20, label: 'first page ≤ 20 ms' },
    { figure: 'reopen_first_page_ms', max: 100, label: 'reopen to first page ≤ 100 ms' },
    { figure: 'search_p95_ms', max: 50, label: 'search p95 ≤ 50 ms' },
    { figure: 'import_ms', max: 2, relativeTo: 'raw_idb_import_ms', label: 'import ≤ 2 × raw IndexedDB' },
    { figure: 'scroll_max_frame_ms', max: 100, label: 'no frame > 100 ms while scrolling' },
  ],
  async run(ctx, figures) {
    Object.assign(figures, await step(ctx, 'generate', ctx.customers));
    Object.assign(figures, await step(ctx, 'importRx'));
    Object.assign(figures, await step(ctx, 'importRaw'));
    Object.assign(figures, await step(ctx, 'firstPage'));
    Object.assign(figures, await step(ctx, 'reopen'));
    Object.assign(figures, await step(ctx, 'buildIndex'));
    Object.assign(figures, await step(ctx, 'search'));
    figures['heap_mb'] = await heapMb(ctx);
    await step(ctx, 'release');
    await measureStatusList(ctx, figures);
  },
};
