#!/usr/bin/env node
// `npm test`: builds the app (the e2e tests run the built renderer), then runs every test —
// unit (Node) and end-to-end (Chromium) — and ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const e2eOnly = process.argv.includes('--e2e-only');
const passthrough = process.argv.slice(2).filter((a) => a !== '--e2e-only');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

const started = Date.now();
if (run('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.error('build failed');
  process.exit(1);
}

if (!process.env.DANGAN_TEST_DATABASE_URL) {
  console.log('note: DANGAN_TEST_DATABASE_URL is not set, so server tests run on PGlite only (.ci/run sets it).');
}

const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const report = path.join(results, 'vitest.json');
const status = run('npx', [
  'vitest',
  'run',
  ...(e2eOnly ? ['--project', 'e2e'] : []),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...passthrough,
]);

let summary = 'no test report was written';
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  summary = `${json.numPassedTests} passed, ${json.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : '');
  if (json.numTotalTests === 0) {
    console.error('no test was executed');
    process.exit(1);
  }
  if (skipped > 0 && process.env.CI) {
    console.error('tests were skipped: CI runs everything');
    process.exit(1);
  }
}
console.log(`\ntest time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`tests: ${summary}`);
process.exit(status);
