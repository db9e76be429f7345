import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleForBrowser, HARNESS_OUT } from './bundle';

/** Builds a test page (HTML + bundled entry) served at `/__test/<name>.html`. */
export function buildTestPage(name: string, entry: string): string {
  bundleForBrowser(entry, `${name}.js`);
  writeFileSync(
    path.join(HARNESS_OUT, `${name}.html`),
    `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body><script src="./${name}.js"></script></body></html>`,
  );
  return HARNESS_OUT;
}
