/**
 * Customers first: on a fresh laptop the other collections (three visits per customer…) wait
 * while the first collection's initial pull makes progress, so it has the worker, the
 * IndexedDB and the server to itself. They get their turn when it has caught up — or when it
 * has made no progress for `stallMs` while it could (failing requests, a server that does
 * not answer it): then waiting longer would only hold everything else back.
 *
 * A fixed limit was wrong both ways: at 100k customers it let 300k visits in after 60 s,
 * halfway through, and from then on both shared the worker (customers took 367 s instead of
 * the 50 s or so their own pull needs); and a collection that cannot move at all held the
 * others for the whole minute.
 */
export class FirstTurn {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private over = false;

  constructor(
    private readonly stallMs: number,
    private readonly onOver: () => void,
  ) {}

  /** True once the others may run. */
  get released(): boolean {
    return this.over;
  }

  /** The first collection moved on (a page arrived), or can move again (back online): wait on. */
  progress(): void {
    if (this.over) return;
    this.clear();
    this.timer = setTimeout(() => this.end(), this.stallMs);
  }

  /** No progress is possible now (offline, stopped for sign-in): the stall window does not run. */
  hold(): void {
    this.clear();
  }

  /** The first collection has caught up. */
  end(): void {
    if (this.over) return;
    this.clear();
    this.over = true;
    this.onOver();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
