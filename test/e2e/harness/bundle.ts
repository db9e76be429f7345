import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

export const HARNESS_OUT = path.resolve(import.meta.dirname, '../../../test-results/harness');

/** Bundles a browser-side test entry (bridge, test pages) into one IIFE script. */
export function bundleForBrowser(entry: string, outName: string): string {
  mkdirSync(HARNESS_OUT, { recursive: true });
  const outfile = path.join(HARNESS_OUT, outName);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile,
    logLevel: 'error',
    define: { 'import.meta.env.DEV': 'false' },
  });
  return outfile;
}
