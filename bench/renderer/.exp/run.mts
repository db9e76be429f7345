import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '/work/main/test/e2e/harness/chromium';
import { serveFolder } from '/work/main/test/e2e/harness/static-server';
const out = '/tmp/exp/www';
await build({ entryPoints: ['/work/main/bench/renderer/customers/exp-page.ts'], bundle: true, format: 'iife', outfile: out + '/exp.js', define: { 'import.meta.env.DEV': 'false', 'process.env.NODE_ENV': '"production"' }, logLevel: 'error' });
writeFileSync(out + '/index.html', '<!doctype html><meta charset="utf-8"><script src="./exp.js"></script>');
const server = await serveFolder({ '/': out }, 43111);
const ctx = await chromium.launchPersistentContext('/tmp/exp/profile', { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const page = ctx.pages()[0]!;
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto(server.url + '/index.html');
const steps = process.argv.slice(2);
for (const s of steps) {
  const [name, arg] = s.split(':');
  const r = await page.evaluate(([n, a]) => ((window as any).exp[n] ?? (window as any).exp2[n])(a ? Number(a) : undefined), [name, arg]);
  console.log(name, JSON.stringify(r));
}
await ctx.close(); await server.close();
