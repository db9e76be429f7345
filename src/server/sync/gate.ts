/**
 * At most `limit` holders at a time per key, the rest waiting in arrival order. Pushes to one
 * collection commit one after another anyway (its sequence counter's row lock orders them), so
 * more than a few at once only lengthens PostgreSQL's lock queue: every commit wakes the backends
 * waiting on it, and on a small machine the waking and re-locking cost more CPU than the pushes
 * themselves. Waiting here costs nothing and holds no connection or lock.
 */
export class KeyedGate<K> {
  private readonly active = new Map<K, number>();
  private readonly waiting = new Map<K, (() => void)[]>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be at least 1');
  }

  async run<T>(key: K, fn: () => Promise<T>): Promise<T> {
    await this.enter(key);
    try {
      return await fn();
    } finally {
      this.leave(key);
    }
  }

  private enter(key: K): Promise<void> {
    const active = this.active.get(key) ?? 0;
    if (active < this.limit) {
      this.active.set(key, active + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else this.waiting.set(key, [resolve]);
    });
  }

  private leave(key: K): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (next) {
      // The slot passes straight to the next in line: the count stays.
      if (queue?.length === 0) this.waiting.delete(key);
      next();
      return;
    }
    const active = (this.active.get(key) ?? 1) - 1;
    if (active === 0) this.active.delete(key);
    else this.active.set(key, active);
  }
}
