import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { TransferDirection, TransferJob, TransferPriority, TransferSummary } from '../../shared/ipc/transfer';
import type { AttachmentStore } from '../attachments/store';
import { writeFileAtomic } from '../settings/atomic';
import { downloadBlob, TransferError, uploadBlob, type ServerLink } from './http';

export const QUEUE_FILE = 'queue.json';
/** A few at a time: a laptop on a hotel network must still be able to sync documents. */
export const DEFAULT_CONCURRENCY = 3;
const MAX_ATTEMPTS = 8;
const MAX_WAIT_MS = 5 * 60_000;
const PROGRESS_EVERY_MS = 250;

interface QueueFile {
  version: 1;
  jobs: TransferJob[];
  /** Uploads the server confirmed: asking again for them costs nothing. */
  sent: string[];
}

export interface TransferQueueOptions {
  store: AttachmentStore;
  /** The server session, when there is one. */
  link: () => ServerLink | null;
  onProgress?: (job: TransferJob) => void;
  concurrency?: number;
  /** Base of the retry backoff; tests shorten it. */
  retryBaseMs?: number;
  now?: () => number;
}

const keyOf = (direction: TransferDirection, sha256: string) => `${direction}:${sha256}`;

/**
 * The persistent queue of attachment transfers (`<dataDir>/transfer/queue.json`, replaced
 * atomically): jobs survive a restart, run `concurrency` at a time, the ones a user waits for
 * first, and failed attempts come back with a growing wait. A download whose bytes the server
 * does not have yet (the laptop that made them is still offline) waits and is tried again.
 */
export class TransferQueue {
  private readonly jobs = new Map<string, TransferJob>();
  private readonly sent = new Set<string>();
  private running = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly lastProgress = new Map<string, number>();
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];

  private constructor(
    private readonly file: string,
    private readonly options: TransferQueueOptions,
  ) {}

  static async open(dataDir: string, options: TransferQueueOptions): Promise<TransferQueue> {
    const dir = path.join(dataDir, 'transfer');
    await mkdir(dir, { recursive: true });
    const queue = new TransferQueue(path.join(dir, QUEUE_FILE), options);
    await queue.load();
    queue.schedule();
    return queue;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async load(): Promise<void> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const data = JSON.parse(raw) as QueueFile;
      for (const sha of data.sent ?? []) this.sent.add(sha);
      // A transfer cut off by a crash starts over: the store keeps nothing half-written.
      for (const job of data.jobs ?? []) this.jobs.set(keyOf(job.direction, job.sha256), { ...job, state: job.state === 'running' ? 'queued' : job.state });
    } catch {
      await rename(this.file, `${this.file}.unreadable-${Date.now()}`);
    }
  }

  private save(): Promise<void> {
    const data: QueueFile = { version: 1, jobs: [...this.jobs.values()], sent: [...this.sent] };
    this.saving = this.saving.then(() => writeFileAtomic(this.file, JSON.stringify(data))).catch(() => undefined);
    return this.saving;
  }

  async enqueueUploads(items: readonly { sha256: string; name: string }[]): Promise<number> {
    let queued = 0;
    for (const { sha256, name } of items) {
      if (this.sent.has(sha256) || this.jobs.has(keyOf('upload', sha256))) continue;
      if (!(await this.options.store.has(sha256))) continue;
      this.jobs.set(keyOf('upload', sha256), this.newJob(sha256, 'upload', 'background', name));
      queued++;
    }
    if (queued > 0) await this.save();
    this.schedule();
    return queued;
  }

  async enqueueDownloads(
    items: readonly { sha256: string; name: string }[],
    priority: TransferPriority,
  ): Promise<{ queued: number; present: string[] }> {
    let queued = 0;
    const present: string[] = [];
    for (const { sha256, name } of items) {
      if (await this.options.store.has(sha256)) {
        present.push(sha256);
        continue;
      }
      const existing = this.jobs.get(keyOf('download', sha256));
      if (existing) {
        // Someone is waiting for it now: it jumps the queue and skips its backoff wait.
        if (priority === 'now' && existing.state !== 'running') {
          Object.assign(existing, { priority, state: 'queued', retryAt: undefined });
        }
        continue;
      }
      this.jobs.set(keyOf('download', sha256), this.newJob(sha256, 'download', priority, name));
      queued++;
    }
    if (queued > 0) await this.save();
    this.schedule();
    return { queued, present };
  }

  retry(sha256?: string): number {
    let retried = 0;
    for (const job of this.jobs.values()) {
      if ((sha256 && job.sha256 !== sha256) || job.state === 'running') continue;
      if (job.state === 'failed' || job.retryAt !== undefined) {
        Object.assign(job, { state: 'queued', retryAt: undefined, attempts: job.state === 'failed' ? 0 : job.attempts });
        retried++;
      }
    }
    if (retried > 0) void this.save();
    this.schedule();
    return retried;
  }

  summary(): TransferSummary {
    const jobs = [...this.jobs.values()].filter((j) => j.state !== 'done');
    const order = { running: 0, queued: 1, failed: 2, done: 3 } as const;
    jobs.sort((a, b) => order[a.state] - order[b.state] || a.updatedAt - b.updatedAt);
    return {
      queued: jobs.filter((j) => j.state === 'queued').length,
      running: jobs.filter((j) => j.state === 'running').length,
      failed: jobs.filter((j) => j.state === 'failed').length,
      jobs: jobs.slice(0, 200),
      connected: this.options.link() !== null,
    };
  }

  /** Resolves when nothing is running or due now (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (this.running === 0 && !this.nextDue()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.saving;
  }

  private newJob(sha256: string, direction: TransferDirection, priority: TransferPriority, name: string): TransferJob {
    return { sha256, direction, state: 'queued', priority, name, bytes: 0, total: 0, attempts: 0, updatedAt: this.now() };
  }

  private nextDue(): TransferJob | undefined {
    const now = this.now();
    let best: TransferJob | undefined;
    for (const job of this.jobs.values()) {
      if (job.state !== 'queued' || (job.retryAt ?? 0) > now) continue;
      if (!best || (job.priority === 'now' && best.priority !== 'now') || (job.priority === best.priority && job.updatedAt < best.updatedAt)) best = job;
    }
    return best;
  }

  /** Starts what may start now, and sets a timer for the next job that is waiting. */
  schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const link = this.options.link();
    const concurrency = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    while (link && this.running < concurrency) {
      const job = this.nextDue();
      if (!job) break;
      void this.run(job, link);
    }
    const waiting = [...this.jobs.values()].filter((j) => j.state === 'queued');
    if (waiting.length > 0) {
      const soonest = Math.min(...waiting.map((j) => j.retryAt ?? this.now()));
      // Without a session, look again now and then: signing in does not call the queue.
      const wait = link ? Math.max(50, soonest - this.now()) : 5_000;
      this.timer = setTimeout(() => this.schedule(), wait);
      this.timer.unref?.();
    }
    if (this.running === 0 && !(link && this.nextDue())) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(job: TransferJob, link: ServerLink): Promise<void> {
    this.running++;
    Object.assign(job, { state: 'running', bytes: 0, attempts: job.attempts + 1, updatedAt: this.now() });
    delete job.error;
    this.emit(job, true);
    const progress = (bytes: number, total: number) => {
      Object.assign(job, { bytes, total });
      this.emit(job, false);
    };
    try {
      if (job.direction === 'upload') await uploadBlob(this.options.store, link, job.sha256, progress);
      else await downloadBlob(this.options.store, link, job.sha256, job.name, progress);
      job.state = 'done';
      this.jobs.delete(keyOf(job.direction, job.sha256));
      if (job.direction === 'upload') this.sent.add(job.sha256);
    } catch (error) {
      this.failed(job, error instanceof TransferError ? error : new TransferError('network', String(error)));
    } finally {
      job.updatedAt = this.now();
      this.running--;
      this.emit(job, true);
      await this.save();
      this.schedule();
    }
  }

  private failed(job: TransferJob, error: TransferError): void {
    job.error = error.code;
    const permanent = error.code === 'damaged' || error.code === 'notLocal' || error.code === 'tooLarge';
    // The bytes may simply not have reached the server yet: keep waiting, never give up.
    const patient = error.code === 'notOnServer' || error.code === 'network' || error.code === 'unauthorized';
    if (permanent || (!patient && job.attempts >= MAX_ATTEMPTS)) {
      job.state = 'failed';
      delete job.retryAt;
      return;
    }
    const base = this.options.retryBaseMs ?? 1_000;
    job.state = 'queued';
    job.retryAt = this.now() + Math.min(MAX_WAIT_MS, base * 2 ** Math.min(job.attempts - 1, 16));
  }

  private emit(job: TransferJob, force: boolean): void {
    const key = keyOf(job.direction, job.sha256);
    const now = this.now();
    if (!force && now - (this.lastProgress.get(key) ?? 0) < PROGRESS_EVERY_MS) return;
    this.lastProgress.set(key, now);
    this.options.onProgress?.({ ...job });
  }
}
