import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveAppFile } from '../../../src/main/security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/origins';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1 the way the app protocol does in Electron: same path
 * resolution (traversal refused) and the same Content-Security-Policy header.
 */
export async function serveFolder(roots: Record<string, string>, port = 0): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
        res.writeHead(200, {
          'content-type': target.mime,
          'content-length': info.size,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'cache-control': 'no-store',
        });
        createReadStream(target.file).pipe(res);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
