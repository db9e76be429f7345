import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';

describe('the app shell in Chromium', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('starts in Chinese and switches to English', async () => {
    const page = app!.page;
    await expect.poll(() => page.getByTestId('nav').innerText()).toContain('工作台');
    await page.getByTestId('language-switch').click();
    await page.getByTitle('English').click();
    await expect.poll(() => page.getByTestId('nav').innerText()).toContain('Settings');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // main was told, so the menu follows the UI language
    const info = await app!.table['app:info']({}, { senderId: 0, emit: () => undefined });
    expect(info.locale).toBe('en');
  });

  it('refuses a wrong argument and an unknown channel through window.dangan', async () => {
    const page = app!.page;
    const wrong = await page.evaluate(() =>
      window.dangan!.invoke('app:setLocale', { locale: 'fr' } as unknown as { locale: 'en' }),
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const unknown = await page.evaluate(() =>
      (window.dangan!.invoke as (c: string, a: unknown) => Promise<unknown>)('fs:readFile', { path: '/etc/passwd' }),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await page.evaluate(() => Object.keys(window.dangan!).sort())).toEqual(['invoke', 'on']);
  });

  it('keeps a saved profile in IndexedDB across a reload and a hard kill', async () => {
    let page = app!.page;
    await page.goto(`${app!.baseUrl}/index.html#/settings`);
    const name = page.getByTestId('profile-name');
    await name.fill('');
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').innerText()).toContain('Enter a display name');

    await name.fill('王小明');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();

    await page.reload();
    await page.goto(`${app!.baseUrl}/index.html#/`);
    await expect.poll(() => page.getByTestId('home-welcome').innerText()).toContain('王小明');

    const { userDataDir, dataDir } = app!;
    await app!.kill();
    app = await launchApp({ userDataDir, dataDir });
    page = app.page;
    await expect.poll(() => page.getByTestId('home-welcome').innerText(), { timeout: 20_000 }).toContain('王小明');
  });
});
