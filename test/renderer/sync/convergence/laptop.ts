import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { NetworkProxy } from '../support/proxy';
import type { ClientOptions, ClientReply, ClientRequest, Op } from './protocol';

const SCRIPT = path.resolve(import.meta.dirname, 'client-process.ts');

/** The test's handle on one laptop process, which can be killed and started again. */
export class Laptop {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  userId = '';
  restarts = 0;

  constructor(
    readonly name: string,
    readonly options: ClientOptions,
    readonly proxy: NetworkProxy,
  ) {}

  get polling(): boolean {
    return this.options.pollIntervalMs !== undefined;
  }

  private started = false;

  async start(): Promise<void> {
    if (this.started) this.restarts++;
    this.started = true;
    const child = fork(SCRIPT, [JSON.stringify(this.options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (message: ClientReply) => {
        if (message.id !== 0) return;
        child.off('message', onReady);
        if (message.ok) {
          this.userId = (message.value as { userId: string }).userId;
          resolve();
        } else reject(new Error(`${this.name} failed to start: ${message.error}`));
      };
      child.on('message', onReady);
      child.once('exit', (code) => reject(new Error(`${this.name} exited during start (${code})`)));
    });
    child.on('message', (message: ClientReply) => {
      if (message.id === 0) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(`${this.name}: ${message.error}`));
    });
    child.once('exit', () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`${this.name} is not running`));
      this.waiting.clear();
      if (this.child === child) this.child = null;
    });
    await ready;
  }

  private request<T>(message: { cmd: ClientRequest['cmd']; op?: Op }, timeoutMs = 30_000): Promise<T> {
    const child = this.child;
    if (!child) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: no answer to ${message.cmd}`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ ...message, id } as ClientRequest);
    });
  }

  apply(op: Op): Promise<boolean> {
    return this.request<boolean>({ cmd: 'apply', op });
  }

  dump() {
    return this.request<{
      docs: Record<string, Record<string, unknown>[]>;
      conflicts: Record<string, unknown>[];
      rejected: Record<string, unknown>[];
    }>({ cmd: 'dump' });
  }

  status() {
    return this.request<{ status: { phase: string; stoppedBy: string | null } | null; pending: Record<string, number> }>({
      cmd: 'status',
    });
  }

  checkpoints(): Promise<unknown> {
    return this.request({ cmd: 'checkpoints' });
  }

  syncNow(): Promise<unknown> {
    return this.request({ cmd: 'syncNow' });
  }

  /** SIGKILL: no cleanup, whatever was in flight is lost, the storage keeps its last writes. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    await this.request({ cmd: 'stop' }).catch(() => undefined);
    await this.kill();
  }
}
