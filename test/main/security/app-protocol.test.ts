import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../src/main/security/app-protocol';

const root = '/opt/dangan/renderer';

describe('the app:// protocol', () => {
  it('serves files inside the renderer folder with their type', () => {
    expect(resolveAppFile(root, 'app://dangan/index.html')).toEqual({
      file: path.join(root, 'index.html'),
      mime: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile(root, 'app://dangan/assets/a.js')?.mime).toMatch(/javascript/);
    expect(resolveAppFile(root, 'app://dangan/')?.file).toBe(path.join(root, 'index.html'));
  });

  it('never resolves outside the folder, however the path is spelled', () => {
    for (const url of [
      'app://dangan/../../etc/passwd',
      'app://dangan/%2e%2e/%2e%2e/etc/passwd',
      'app://dangan/assets/..%2f..%2f..%2fetc/passwd',
      'app://dangan/..%5c..%5cwindows',
    ]) {
      const target = resolveAppFile(root, url);
      expect(target === null || target.file.startsWith(root + path.sep), url).toBe(true);
    }
    expect(resolveAppFile(root, 'app://dangan/assets/..%2f..%2f..%2fetc/passwd')).toBeNull();
  });

  it('refuses NUL bytes, broken escapes and other hosts', () => {
    for (const url of ['app://dangan/%00index.html', 'app://dangan/%E0%A4%A', 'app://other/index.html', '::']) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });
});
