/**
 * `npm run bench`: the renderer benchmarks in Debian's Chromium on real IndexedDB (a fresh
 * on-disk profile). Builds the app, bundles each module's browser entry, serves both from one
 * origin (so bench pages and the app share IndexedDB), runs the modules in order, prints a
 * table and, as the very last line, one JSON object with every module's figures.
 *
 * Options: --customers N (default 100000), --only a,b, --shots DIR, --no-build,
 * --keep DIR (keep the browser profile and main's data folder there, to look at afterwards).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { launchApp } from '../../test/e2e/harness/app';
import { assertChromium } from '../../test/e2e/harness/chromium';
import { BENCH_MODULES } from './modules';
import { printTable } from './table';
import type { Figures } from './types';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'out/bench');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const customers = Number(option('customers') ?? 100_000);
const only = option('only')?.split(',');
const shotsDir = option('shots') ?? null;
const keepDir = option('keep');
const modules = BENCH_MODULES.filter((m) => !only || only.includes(m.name));
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function bundlePages(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const m of modules) {
    await build({
      entryPoints: [path.join(root, m.page)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      outfile: path.join(outDir, `${m.name}.js`),
      logLevel: 'error',
      define: { 'import.meta.env.DEV': 'false', 'process.env.NODE_ENV': '"production"' },
    });
  }
  const scripts = modules.map((m) => `<script src="./${m.name}.js"></script>`).join('\n');
  writeFileSync(path.join(outDir, 'index.html'), `<!doctype html>\n<meta charset="utf-8">\n<title>Dangan bench</title>\n${scripts}\n`);
}

async function main(): Promise<void> {
  assertChromium();
  if (!Number.isInteger(customers) || customers < 1) throw new Error('--customers must be a positive integer');
  if (!process.argv.includes('--no-build')) {
    log('building the app (electron-vite build)');
    const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('build failed');
  }
  await bundlePages();
  if (shotsDir) mkdirSync(shotsDir, { recursive: true });
  // The e2e harness: the built app and the bench pages from one origin (shared IndexedDB) in
  // a fresh on-disk profile, window.dangan bridged to the real main-process handlers.
  const kept = keepDir ? { userDataDir: path.join(keepDir, 'profile'), dataDir: path.join(keepDir, 'data') } : {};
  if (keepDir) mkdirSync(kept.userDataDir!, { recursive: true });
  const app = await launchApp({ ...kept, extraRoots: { '/__bench/': outDir }, viewport: { width: 1440, height: 900 } });
  const merged: Figures = {};
  try {
    const { page, context } = app;
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    const cdp = await context.newCDPSession(page);
    for (const m of modules) {
      await page.goto(`${app.baseUrl}/__bench/index.html`);
      const started = Date.now();
      try {
        await m.run({ page, context, cdp, baseUrl: app.baseUrl, customers, shotsDir, log }, merged);
      } catch (error) {
        merged[`${m.name}_error`] = error instanceof Error ? error.message : String(error);
        process.exitCode = 1;
      }
      log(`${m.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (keepDir) await app.close();
    else await app.dispose();
  }
  printTable(modules, merged);
  console.log(JSON.stringify(merged));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
