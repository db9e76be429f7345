/**
 * Exponential backoff with jitter for reaching the server: 1 s, 2 s, 4 s … up to a minute,
 * each wait randomised by ±25 % so a fleet of laptops does not knock on the server at once
 * when it comes back.
 */
export class Backoff {
  private step = 0;

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait after one more failure. */
  next(): number {
    const delay = this.peek();
    this.step = Math.min(this.step + 1, 30);
    return delay;
  }

  /** The wait the next failure would get, without counting one. */
  peek(): number {
    const raw = Math.min(this.maxMs, this.baseMs * 2 ** this.step);
    return Math.round(raw * (0.75 + this.random() * 0.5));
  }

  reset(): void {
    this.step = 0;
  }
}
