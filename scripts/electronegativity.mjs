#!/usr/bin/env node
// Runs Electronegativity over src/ and fails on any finding that is not explained in
// .electronegativity-explained.json (a reviewed reason per CHECK@file).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const csv = path.join(mkdtempSync(path.join(tmpdir(), 'eneg-')), 'findings.csv');
execFileSync(
  'npx',
  ['electronegativity', '-i', 'src', '-r', '-v', 'false', '-e', electronVersion, '-o', csv],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

const explained = JSON.parse(readFileSync(path.join(root, '.electronegativity-explained.json'), 'utf8'));
const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).filter(Boolean);
const fields = (line) => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
let unexplained = 0;
for (const row of rows) {
  const [check, severity, , file, location] = fields(row);
  const key = `${check}@${file}`;
  if (explained[key]) {
    console.log(`explained  ${severity.padEnd(8)} ${key}:${location}`);
  } else {
    unexplained++;
    console.log(`UNEXPLAINED ${severity.padEnd(8)} ${key}:${location}`);
  }
}
console.log(`electronegativity: ${rows.length} finding(s), ${unexplained} unexplained (Electron ${electronVersion})`);
process.exit(unexplained ? 1 : 0);
