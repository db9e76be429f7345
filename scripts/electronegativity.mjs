#!/usr/bin/env node
// Runs Electronegativity over src/ and fails on any finding that is not explained in
// .electronegativity-explained.json (a reviewed reason per CHECK@file).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
// SARIF, not CSV: Electronegativity writes a CSV's header and rows with two concurrent
// writes, which now and then overwrite each other; the SARIF file is written in one go.
const report = path.join(mkdtempSync(path.join(tmpdir(), 'eneg-')), 'findings.sarif');
execFileSync(
  'npx',
  ['electronegativity', '-i', 'src', '-r', '-v', 'false', '-e', electronVersion, '-o', report],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

const explained = JSON.parse(readFileSync(path.join(root, '.electronegativity-explained.json'), 'utf8'));
let sarif;
try {
  sarif = JSON.parse(readFileSync(report, 'utf8'));
} catch (error) {
  console.error(`electronegativity: its report ${report} is not readable JSON (${error.message})`);
  process.exit(1);
}
const results = sarif.runs?.[0]?.results ?? [];
let unexplained = 0;
for (const result of results) {
  const where = result.locations?.[0]?.physicalLocation;
  const file = where?.artifactLocation?.uri ?? 'unknown';
  const location = `${where?.region?.startLine ?? '?'}:${(where?.region?.startColumn ?? 1) - 1}`;
  const key = `${result.ruleId}@${file}`;
  const level = String(result.level ?? '').padEnd(8);
  if (explained[key]) {
    console.log(`explained  ${level} ${key}:${location}`);
  } else {
    unexplained++;
    console.log(`UNEXPLAINED ${level} ${key}:${location}  ${result.message?.text ?? ''}`);
  }
}
console.log(`electronegativity: ${results.length} finding(s), ${unexplained} unexplained (Electron ${electronVersion})`);
process.exit(unexplained ? 1 : 0);
