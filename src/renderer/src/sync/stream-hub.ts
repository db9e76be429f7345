import { Subject } from 'rxjs';
import type { ReplicatedCollection } from '../../../shared/schema';
import { API_PATHS, RESYNC, type StreamChange, type StreamMessage } from '../../../shared/sync/protocol';
import { SyncHttpError, type ServerLink } from './api';
import { readEventStream } from './sse';

/** A stream that lived this long and then ended is reconnected without waiting. */
const QUICK_RECONNECT_AFTER_MS = 2_000;

export type HubMessage = { collection: ReplicatedCollection; change: StreamChange } | typeof RESYNC;

export interface StreamHubOptions {
  link: () => ServerLink;
  collections: readonly ReplicatedCollection[];
  /** Called when the connection fails; returns how long to wait before the next attempt. */
  onFailure: (error: SyncHttpError) => number;
  onConnected: () => void;
}

/**
 * One Server-Sent Events connection for every replicated collection. The server sends RESYNC
 * on each (re)connection; between connections nothing is trusted, so a reconnect always means
 * "pull everything since your checkpoint" to the replications.
 */
export class StreamHub {
  readonly messages$ = new Subject<HubMessage>();
  private controller: AbortController | null = null;
  /** Each start begins a new loop; a loop whose epoch has passed ends itself. */
  private epoch = 0;
  private running = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: StreamHubOptions) {}

  start(delayMs = 0): void {
    if (this.running) return;
    this.running = true;
    void this.loop(++this.epoch, delayMs);
  }

  stop(): void {
    this.running = false;
    this.epoch++;
    this.controller?.abort();
    this.wake?.();
  }

  /** Drops the current connection and connects again after `delayMs`. */
  restart(delayMs: number): void {
    this.stop();
    this.start(delayMs);
  }

  /** Skips the wait before the next connection attempt ("sync now", back online). */
  retryNow(): void {
    this.wake?.();
  }

  private async loop(epoch: number, delayMs: number): Promise<void> {
    const current = () => this.running && this.epoch === epoch;
    if (delayMs > 0) await this.sleep(delayMs);
    while (current()) {
      try {
        const connectedAt = await this.connectOnce(current);
        if (!current()) break;
        // The server closed a stream that had been healthy for a while: it re-checked the
        // session (device revoked, password changed) or is shutting down. Ask again at once, so
        // a refusal is named right away instead of showing "offline" until the next attempt.
        if (connectedAt !== null && Date.now() - connectedAt >= QUICK_RECONNECT_AFTER_MS) continue;
        await this.sleep(this.options.onFailure(new SyncHttpError('network', 'the live stream ended')));
      } catch (error) {
        if (!current()) break;
        const failure = error instanceof SyncHttpError ? error : new SyncHttpError('network', String(error));
        await this.sleep(this.options.onFailure(failure));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  /** When the server ends the stream: resolves with the time it connected (null if it did not). */
  private async connectOnce(current: () => boolean): Promise<number | null> {
    const link = this.options.link();
    if (!link.token) throw new SyncHttpError('unauthorized', 'not signed in');
    const controller = new AbortController();
    this.controller = controller;
    const query = `?collections=${this.options.collections.join(',')}`;
    let response: Response;
    try {
      response = await fetch(`${link.serverUrl}${API_PATHS.stream}${query}`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${link.token}` },
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch (error) {
      throw new SyncHttpError('network', `live stream: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => null)) as { error?: string; message?: string } | null;
      const code = (body?.error ?? (response.status >= 500 ? 'internal' : 'badRequest')) as SyncHttpError['code'];
      throw new SyncHttpError(code, body?.message ?? `live stream: HTTP ${response.status}`, response.status);
    }
    if (!current()) return null;
    this.options.onConnected();
    const connectedAt = Date.now();
    try {
      for await (const event of readEventStream(response.body, controller.signal)) {
        if (!current()) return connectedAt;
        const message = parse(event.data);
        if (message === RESYNC) this.messages$.next(RESYNC);
        else if (message) this.messages$.next({ collection: message.collection, change: message });
      }
    } catch (error) {
      if (!current()) return connectedAt;
      throw new SyncHttpError('network', `live stream interrupted: ${error instanceof Error ? error.message : String(error)}`);
    }
    return connectedAt;
  }
}

function parse(data: string): StreamMessage | null {
  try {
    const value = JSON.parse(data) as unknown;
    if (value === RESYNC) return RESYNC;
    if (value && typeof value === 'object' && 'collection' in value && 'documents' in value && 'checkpoint' in value) {
      return value as StreamChange;
    }
  } catch {
    // a malformed event is skipped; the next RESYNC or pull covers what it carried
  }
  return null;
}
