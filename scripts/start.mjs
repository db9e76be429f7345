#!/usr/bin/env node
// `npm start`: builds the app, starts the sync server with its embedded database (PGlite, in
// data/server) unless one already answers on 127.0.0.1:8787, then launches Electron.
// Electron's binary is downloaded by the `electron` package on first start (internet and
// Node 22.12+ needed). Where it cannot be had, the built UI is served on a loopback address
// instead, so the screens can still be tried in a browser (main-process features — files,
// printing, backups — need the Electron app).
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

async function serverAnswers() {
  try {
    const response = await fetch('http://127.0.0.1:8787/api/health', { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

step('Building Dangan', npx, ['electron-vite', 'build', '--logLevel', 'warn']);

const children = [];
if (await serverAnswers()) {
  console.log('\n✔ A sync server already answers on http://127.0.0.1:8787');
} else {
  console.log('\n▶ Starting the sync server on http://127.0.0.1:8787 (embedded database in data/server)');
  children.push(spawn(npx, ['tsx', 'src/server/cli.ts'], { cwd: root, stdio: 'inherit' }));
}
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', () => (stopAll(), process.exit(0)));
process.on('SIGTERM', () => (stopAll(), process.exit(0)));

console.log('\n▶ Starting the Electron app');
const electron = spawn(npx, ['electron-vite', 'preview', '--skipBuild'], { cwd: root, stdio: 'inherit' });
electron.on('exit', (code) => {
  if (code === 0) {
    stopAll();
    process.exit(0);
  }
  serveUi();
});

function serveUi() {
  const dir = path.join(root, 'out/renderer');
  console.log(
    '\n⚠ Electron could not start here (its binary is downloaded on first start, which needs internet\n' +
      '  and Node 22.12+). Serving the built UI instead; files, printing and backups need the Electron app.',
  );
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.resolve(dir, '.' + (url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }).listen(5170, '127.0.0.1', () => console.log('\n✔ Dangan UI: http://127.0.0.1:5170/  (Ctrl+C stops everything)'));
}
