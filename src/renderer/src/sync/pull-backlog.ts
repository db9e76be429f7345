/** Pulled documents not yet stored, beyond which the next pull waits. */
export const MAX_PULLED_AHEAD = 1000;
/** The stored checkpoint did not move for this long: stop waiting for it (see below). */
const STALL_MS = 2_000;
const POLL_MS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps the pull at most `MAX_PULLED_AHEAD` documents ahead of what is stored.
 *
 * RxDB's downstream fetches page after page without waiting for them to be written (it merges
 * what piles up into bigger writes). When the server is faster than IndexedDB — a fresh
 * laptop's first sync — the whole territory piled up in the worker's memory: 2 GB at 100k
 * customers, and garbage collection over it slowed everything else. Each pull here first
 * waits until the checkpoint RxDB stored after writing a page has caught up with the pages
 * fetched; RxDB stores it only after the documents, so nothing here decides what is durable.
 * If the stored checkpoint stops matching the pages (a live change stored its own), the wait
 * gives up after a short while rather than stall the pull.
 */
export class PullBacklog {
  private readonly pages: { checkpoint: string; count: number }[] = [];

  /** `stored`: the checkpoint RxDB last stored for this direction (null before any). */
  constructor(private readonly stored: () => Promise<unknown>) {}

  /** Resolves when another page may be fetched. */
  async room(): Promise<void> {
    let last = '';
    let since = Date.now();
    for (;;) {
      const stored = JSON.stringify((await this.stored().catch(() => null)) ?? null);
      const at = this.pages.findIndex((page) => page.checkpoint === stored);
      if (at >= 0) this.pages.splice(0, at + 1);
      if (this.ahead() < MAX_PULLED_AHEAD) return;
      if (stored !== last) {
        last = stored;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        this.pages.length = 0;
        return;
      }
      await sleep(POLL_MS);
    }
  }

  /** A page was fetched and handed to RxDB. */
  fetched(checkpoint: unknown, count: number): void {
    if (count > 0) this.pages.push({ checkpoint: JSON.stringify(checkpoint ?? null), count });
  }

  private ahead(): number {
    return this.pages.reduce((sum, page) => sum + page.count, 0);
  }
}
