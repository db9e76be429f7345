import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const SHOTS_DIR = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

/** Saves a full-page screenshot of the current page whenever a test in this file fails. */
export function screenshotOnFailure(getPage: () => Page | undefined): void {
  afterEach(async (ctx) => {
    const page = getPage();
    if (ctx.task.result?.state !== 'fail' || !page || page.isClosed()) return;
    mkdirSync(SHOTS_DIR, { recursive: true });
    const name = ctx.task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '_').slice(0, 80);
    await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
  });
}
