import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxyHooks {
  /**
   * Called for each request before it is forwarded. Return 'holdResponse' to let the request
   * reach the server but never hand its answer back (the laptop dies while waiting).
   */
  onRequest?(req: IncomingMessage): 'forward' | 'holdResponse' | FakeAnswer;
  /** Called before onRequest: the request reaches the server only when this resolves (a slow network). */
  delay?(req: IncomingMessage): Promise<void> | undefined;
  /** Called when a held response has arrived from the server (it was committed there). */
  onHeld?(req: IncomingMessage): void;
}

/** An answer the proxy gives itself, without asking the server (a server-side failure). */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

/**
 * A laptop's network between it and the sync server: an HTTP proxy that can be cut (every
 * connection reset, new ones refused) and restored. Streams (SSE) pass through as they come.
 */
export class NetworkProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly upstream = new Set<{ destroy(): void }>();
  private online = true;
  port = 0;

  constructor(
    private target: string,
    public hooks: ProxyHooks = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isOnline(): boolean {
    return this.online;
  }

  setTarget(target: string): void {
    this.target = target;
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      if (!this.online) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Offline: every open connection is reset, new ones are refused at once. */
  cut(): void {
    this.online = false;
    for (const socket of this.sockets) socket.destroy();
    for (const req of this.upstream) req.destroy();
    this.sockets.clear();
    this.upstream.clear();
  }

  restore(): void {
    this.online = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const delayed = this.hooks.delay?.(req);
    if (delayed) {
      req.pause();
      void delayed.then(() => this.forward(req, res));
    } else this.forward(req, res);
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    if (!this.online) {
      req.socket.destroy();
      return;
    }
    const verdict = this.hooks.onRequest?.(req) ?? 'forward';
    if (typeof verdict === 'object') {
      req.resume();
      res.writeHead(verdict.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(verdict.body));
      return;
    }
    const target = new URL(req.url ?? '/', this.target);
    const upstream = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        if (verdict === 'holdResponse') {
          answer.resume();
          answer.on('end', () => this.hooks.onHeld?.(req));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    this.upstream.add(upstream);
    upstream.on('close', () => this.upstream.delete(upstream));
    upstream.on('error', () => {
      if (!res.headersSent) res.destroy();
      else res.end();
    });
    req.on('aborted', () => upstream.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}
