import type { BenchContext, BenchModule, Figures } from '../types';

const VISITS_PER_CUSTOMER = 5;

async function step(ctx: BenchContext, name: string, ...args: unknown[]): Promise<Figures> {
  ctx.log(`visits: ${name}`);
  return ctx.page.evaluate(
    ([n, a]) => {
      const api = (
        window as unknown as {
          __danganBench: { visits: Record<string, (...x: unknown[]) => Promise<Figures>> };
        }
      ).__danganBench.visits;
      return api[n as string]!(...(a as unknown[]));
    },
    [name, args] as const,
  );
}

/**
 * Field visits at scale: 100,000 customers and 500,000 visits (5 per customer; `--customers N`
 * scales both). A customer's visit history opens in ≤ 50 ms and a draft saves in ≤ 20 ms at p99.
 * Reported beside the draft save (page.ts, draftSave): the checkpoint write of the visit
 * document (`draft_checkpoint_*`), the draft copy put with strict durability
 * (`draft_copy_strict_*`) and the whole document put by plain IndexedDB, strict
 * (`raw_idb_put_*`: the disk's own floor on this machine at that time).
 */
export const visitsBench: BenchModule = {
  name: 'visits',
  page: 'bench/renderer/visits/page.ts',
  targets: [
    { figure: 'history_p99_ms', max: 50, label: 'visit history opens ≤ 50 ms (p99)' },
    { figure: 'history_cold_ms', max: 50, label: 'first history after reopen ≤ 50 ms' },
    { figure: 'draft_save_p99_ms', max: 20, label: 'draft save ≤ 20 ms (p99)' },
  ],
  async run(ctx, figures) {
    Object.assign(figures, await step(ctx, 'customers', ctx.customers));
    Object.assign(figures, await step(ctx, 'visits', ctx.customers * VISITS_PER_CUSTOMER));
    Object.assign(figures, await step(ctx, 'history', 300));
    Object.assign(figures, await step(ctx, 'draftSave', 300));
    await step(ctx, 'release');
  },
};
