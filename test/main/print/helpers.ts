import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PrintEngine, type PdfRenderer, type Printer } from '../../../src/main/print/engine';
import { TemplateRegistry } from '../../../src/main/print/registry';
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/ipc/settings';
import { ChromiumPdfRenderer } from './chromium';

export const BUILTIN_TEMPLATES = path.resolve(import.meta.dirname, '../../../resources/templates');

export const PRINT_SETTINGS: AppSettings = {
  ...DEFAULT_SETTINGS,
  companyName: '杭州示例贸易有限公司',
  hotline: '400-820-8820',
};

export async function printFixture(options: { browser?: Browser; pdf?: PdfRenderer; printer?: Printer; settings?: AppSettings } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'dangan-print-'));
  const registry = new TemplateRegistry(BUILTIN_TEMPLATES, path.join(dir, 'templates'));
  let settings = options.settings ?? PRINT_SETTINGS;
  const pdf = options.pdf ?? (options.browser ? new ChromiumPdfRenderer(options.browser) : undefined);
  if (!pdf) throw new Error('a PDF renderer or a browser is needed');
  const engine = new PrintEngine({
    registry,
    settings: () => settings,
    pdf,
    ...(options.printer ? { printer: options.printer } : {}),
    workDir: path.join(dir, 'work'),
  });
  await engine.init();
  return {
    dir,
    registry,
    engine,
    setSettings: (next: AppSettings) => (settings = next),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
