import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Where the visits screens are saved to be looked at (`/tmp/shots/visits-*.png`). */
export const SHOTS_DIR = process.env['DANGAN_SHOTS'] ?? '/tmp/shots';

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage });
}

/**
 * The editable element behind a test id: antd puts `data-testid` on the input itself for some
 * controls and on a wrapper for others (text areas with autosize, number inputs, pickers).
 */
export function visitField(page: Page, testId: string): Locator {
  const id = `[data-testid="${testId}"]`;
  return page.locator(`textarea${id}, input${id}, ${id} textarea, ${id} input`).first();
}
