import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB, tempDir } from './helpers';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'large-import-child.ts');
/** Large enough that holding it in memory would be obvious; DANGAN_LARGE_MIB=1024 for a 1 GiB run. */
const SIZE_MIB = Number(process.env['DANGAN_LARGE_MIB'] ?? 512);

interface ChildReport {
  expected: string;
  actual: string;
  stored: number;
  size: number;
  baseline: number;
  peak: number;
}

function runChild(dir: string, mode: 'file' | 'upload'): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode, String(SIZE_MIB)], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited ${code}: ${err}`));
      else resolve(JSON.parse(out) as ChildReport);
    });
  });
}

describe('importing a large file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('dangan-large-'));
  });
  afterAll(() => cleanup());

  for (const mode of ['file', 'upload'] as const) {
    it(`streams a ${SIZE_MIB} MiB ${mode} into the store with bounded memory`, { timeout: 240_000 }, async () => {
      const report = await runChild(path.join(dir, mode), mode);
      expect(report.actual).toBe(report.expected);
      expect(report.stored).toBe(SIZE_MIB * MiB);
      // The file is many times larger than this bound: holding it would blow through it.
      expect(report.peak - report.baseline).toBeLessThan(96 * MiB);
    });
  }
});
