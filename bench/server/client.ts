import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** The server as `npm run server` runs it, in its own process, so clients and server do not share a CPU queue. */
export function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'src/server/cli.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, DANGAN_PORT: '0', DANGAN_LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        resolve({
          url: match[1],
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

const keepAlive = new http.Agent({ keepAlive: true });

export class Api {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  static async login(
    url: string,
    username: string,
    password: string,
    deviceId: string,
  ): Promise<Api> {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceId, deviceName: 'bench' }),
    });
    if (response.status !== 200)
      throw new Error(`login: ${response.status} ${await response.text()}`);
    return new Api(url, ((await response.json()) as { token: string }).token);
  }

  async push(collection: string, rows: unknown[]): Promise<unknown[]> {
    return this.pushText(collection, JSON.stringify(rows));
  }

  /**
   * A push of a body serialized beforehand, over node:http with kept-alive connections. The
   * clients share the server's two cores: `fetch` cost them about a millisecond more CPU per
   * request than the server's own work on a 20-document push, and that was measured as the
   * server's throughput.
   */
  pushText(collection: string, body: string): Promise<unknown[]> {
    const url = new URL(`${this.url}/api/sync/${collection}/push`);
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent: keepAlive,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${this.token}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200)
              reject(new Error(`push: ${response.statusCode} ${text}`));
            else resolve(JSON.parse(text) as unknown[]);
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  async pull(
    collection: string,
    checkpoint: unknown,
    limit: number,
  ): Promise<{ documents: { id: string }[]; checkpoint: unknown }> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const response = await fetch(`${this.url}/api/sync/${collection}/pull?${query}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.status !== 200)
      throw new Error(`pull: ${response.status} ${await response.text()}`);
    return (await response.json()) as { documents: { id: string }[]; checkpoint: unknown };
  }

  /** Opens the live stream; `onMessage` gets each parsed message with its arrival time. */
  async stream(onMessage: (message: unknown, at: number) => void): Promise<() => void> {
    const controller = new AbortController();
    const response = await fetch(`${this.url}/api/sync/stream`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: controller.signal,
    });
    if (!response.body) throw new Error('no stream body');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('data: '))
              onMessage(JSON.parse(block.slice(6)), performance.now());
          }
        }
      } catch {
        // aborted
      }
    })();
    return () => controller.abort();
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}
