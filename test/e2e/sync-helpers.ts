import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../renderer/sync/support/server';

/** The phase the header's sync badge shows (null before it is rendered). */
export async function phase(page: Page): Promise<string | null> {
  return page.getByTestId('sync-phase').getAttribute('data-phase').catch(() => null);
}

export async function signInThroughUi(page: Page, serverUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  const fromLocal = page.getByTestId('sync-signin');
  await fromLocal.or(page.getByTestId('signin')).first().waitFor({ timeout: 20_000 });
  if (await fromLocal.isVisible()) await fromLocal.click();
  await page.getByTestId('signin-server').fill(serverUrl);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}
