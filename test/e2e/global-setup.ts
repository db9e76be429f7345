import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertChromium } from './harness/chromium';

/** Fails early when the browser is missing; builds the renderer when there is no build yet. */
export default function setup(): void {
  assertChromium();
  const index = path.resolve(import.meta.dirname, '../../out/renderer/index.html');
  if (!existsSync(index)) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
}
