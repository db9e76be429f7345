import { BehaviorSubject } from 'rxjs';
import type { ReplicatedCollection } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/users';
import type { FromWorker, ToWorker } from './messages';
import { INITIAL_STATUS, type SyncStatus } from './status';

export interface SyncStart {
  dbName: string;
  password: string;
  user: SessionUser;
  serverUrl: string;
  token: string | null;
}

/** The window's handle on the sync worker. */
export class SyncWorkerClient {
  readonly status$ = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  private readonly worker: Worker;
  private nextRequest = 1;
  private readonly waiting = new Map<number, (message: FromWorker) => void>();

  constructor(start: SyncStart) {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'dangan-sync' });
    this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      this.status$.next({
        ...this.status$.value,
        phase: 'error',
        error: { code: 'storage', message: event.message || 'the sync worker failed', at: Date.now() },
      });
    });
    this.send({ type: 'start', ...start });
  }

  setToken(token: string): void {
    this.send({ type: 'token', token });
  }

  syncNow(): void {
    this.send({ type: 'syncNow' });
  }

  /** Changes not yet confirmed by the server, per collection; null when it cannot be known. */
  pending(timeoutMs = 10_000): Promise<Partial<Record<ReplicatedCollection, number>> | null> {
    return this.request({ type: 'pending', requestId: this.nextRequest++ }, timeoutMs).then((m) =>
      m?.type === 'pending' ? m.pending : null,
    );
  }

  /** Stops replication and closes the worker's database, then ends the worker. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.request({ type: 'stop', requestId: this.nextRequest++ }, timeoutMs);
    this.worker.terminate();
    this.status$.complete();
  }

  private request(message: Extract<ToWorker, { requestId: number }>, timeoutMs: number): Promise<FromWorker | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(message.requestId);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(message.requestId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.send(message);
    });
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'status') {
      this.status$.next(message.status);
      return;
    }
    if (message.type === 'fatal') {
      this.status$.next({
        ...this.status$.value,
        phase: 'error',
        error: { code: 'storage', message: message.message, at: Date.now() },
      });
      return;
    }
    this.waiting.get(message.requestId)?.(message);
    this.waiting.delete(message.requestId);
  }
}
