/**
 * A Server-Sent Events reader over fetch, as the sync worker will have one: the token goes in
 * the Authorization header, which EventSource cannot send.
 */
export class SseClient {
  readonly messages: unknown[] = [];
  private readonly waiters: {
    predicate: (m: unknown) => boolean;
    resolve: (m: unknown) => void;
  }[] = [];
  private readonly controller = new AbortController();
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  private endedResolve!: () => void;
  private cursor = 0;

  private constructor(private readonly body: ReadableStream<Uint8Array>) {
    this.ended = new Promise((resolve) => {
      this.endedResolve = resolve;
    });
    void this.read();
  }

  static async connect(baseUrl: string, token: string, query = ''): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/api/sync/stream${query}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(`stream refused: ${response.status} ${await response.text()}`);
    }
    const client = new SseClient(response.body);
    client.controller.signal.addEventListener('abort', () => controller.abort());
    return client;
  }

  static async status(baseUrl: string, token: string | undefined, query = ''): Promise<number> {
    const response = await fetch(`${baseUrl}/api/sync/stream${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    await response.body?.cancel();
    return response.status;
  }

  private async read(): Promise<void> {
    const reader = this.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) this.push(JSON.parse(data));
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: either way the stream has ended.
    } finally {
      this.endedResolve();
    }
  }

  private push(message: unknown): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  /** The next message (not yet taken by next()) that matches, waiting for it if needed. */
  next<T = unknown>(predicate: (m: unknown) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    while (this.cursor < this.messages.length) {
      const message = this.messages[this.cursor++];
      if (predicate(message)) return Promise.resolve(message as T);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching stream message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          this.cursor = this.messages.length;
          resolve(m as T);
        },
      });
    });
  }

  close(): void {
    this.controller.abort();
  }
}

export interface ChangeMessage {
  collection: string;
  documents: (Record<string, unknown> & { id: string; _deleted: boolean })[];
  checkpoint: { seq: number; scope: number };
}

export function isChange(collection: string, id?: string): (m: unknown) => boolean {
  return (m) => {
    if (typeof m !== 'object' || m === null) return false;
    const change = m as ChangeMessage;
    return (
      change.collection === collection &&
      (id === undefined || change.documents.some((d) => d.id === id))
    );
  };
}
