import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { resolveAppFile } from '../../../src/main/security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/origins';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Answers computed per request under a path prefix (another Electron protocol mapped here). */
  routes?: Record<string, (rest: string) => Promise<Response>>;
  /** Adapts the content security policy, in the header and in HTML pages' meta tag, to this origin. */
  policy?: (csp: string, origin: string) => string;
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  if (!response.body) return void res.end();
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).on('error', reject).pipe(res).on('finish', resolve);
  });
}

/**
 * Serves a folder on 127.0.0.1 the way the app protocol does in Electron: same path
 * resolution (traversal refused) and the same Content-Security-Policy header.
 */
export async function serveFolder(roots: Record<string, string>, port = 0, options: ServeOptions = {}): Promise<StaticServer> {
  let origin = '';
  const policy = (csp: string) => (options.policy ? options.policy(csp, origin) : csp);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = Object.keys(options.routes ?? {}).find((p) => url.pathname.startsWith(p));
      if (route !== undefined) {
        await sendResponse(res, await options.routes![route]!(url.pathname.slice(route.length))).catch(() => res.destroy());
        return;
      }
      const prefix = Object.keys(roots)
        .filter((p) => url.pathname.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      const root = prefix !== undefined ? roots[prefix] : undefined;
      const target =
        root !== undefined
          ? resolveAppFile(root, `app://dangan/${url.pathname.slice(prefix!.length).replace(/^\/+/, '')}`)
          : null;
      if (!target) {
        res.writeHead(404).end();
        return;
      }
      try {
        const info = await stat(target.file);
        if (!info.isFile()) throw new Error('not a file');
        const headers = { 'content-type': target.mime, 'content-security-policy': policy(CONTENT_SECURITY_POLICY), 'cache-control': 'no-store' };
        if (options.policy && target.mime.startsWith('text/html')) {
          const page = Buffer.from(policy(await readFile(target.file, 'utf8')));
          res.writeHead(200, { ...headers, 'content-length': page.byteLength }).end(page);
          return;
        }
        res.writeHead(200, { ...headers, 'content-length': info.size });
        createReadStream(target.file).pipe(res);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${bound}`;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
