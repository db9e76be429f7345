import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import {
  createCustomerThroughForm,
  creditCode,
  FIXTURES,
  sha256File,
  shot,
} from './fixtures/issue5/helpers';

const CUSTOMER = {
  name: '绍兴鉴湖纺织有限公司',
  creditCode: creditCode('91330602MA2JK8R7B'),
  contact: '沈厂长',
  mobile: '13757512345',
  location: { cabinet: 'C', shelf: '1', box: '4' },
};
const PASSPHRASE = 'jianhu-2025-backup';

/**
 * Back up through the settings page, wipe everything (a new profile and a new data folder,
 * as on a replacement laptop), restore through the settings page, and find the customer and
 * its files byte for byte. A damaged backup is refused with a message and changes nothing.
 */
describe('backup and restore through the settings page (Chromium)', () => {
  let app: TestApp | undefined;
  const work = mkdtempSync(path.join(tmpdir(), 'dangan-e2e-backup-'));
  const backupDir = path.join(work, 'usb-stick');
  const savedDir = path.join(work, 'saved');
  // A large scan, so the backup takes long enough to watch its progress.
  const scan = path.join(work, '竣工验收扫描件.pdf');
  let picked: string[] = [];
  let backupFile = '';
  let chosenBackup = '';
  let customerId = '';
  screenshotOnFailure(() => app?.page);

  const dialogs = {
    pickFiles: async () => picked,
    chooseFolder: async () => backupDir,
    chooseBackupFile: async () => chosenBackup,
    chooseSavePath: async (name: string) => path.join(savedDir, name),
  };

  beforeAll(async () => {
    for (const dir of [backupDir, savedDir]) mkdirSync(dir, { recursive: true });
    writeFileSync(scan, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(48 * 1024 * 1024)]));
    app = await launchApp({ os: dialogs });
  });
  afterAll(async () => {
    await app?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const page = (): Page => app!.page;
  const settings = async () => {
    await page().goto(`${app!.baseUrl}/index.html#/settings`);
    await page().getByTestId('backup-settings').waitFor();
  };

  it('backs up a customer with its files to a folder, encrypted, showing the progress', async () => {
    customerId = await createCustomerThroughForm(page(), app!.baseUrl, CUSTOMER);
    picked = [FIXTURES.contract, scan];
    await page().getByTestId('documents-add').click();
    await expect
      .poll(() => page().getByTestId('documents-section').innerText())
      .toContain('竣工验收扫描件.pdf');

    await settings();
    // The daily automatic backup would start on its own after 30 s; this test backs up by hand.
    await page().getByTestId('backup-auto').click();
    await expect
      .poll(() => page().getByTestId('backup-auto').getAttribute('aria-checked'))
      .toBe('false');

    // Every state the progress bar shows, recorded in the page as it happens.
    await page().evaluate(() => {
      const seen: string[] = [];
      (globalThis as { __progressSeen?: string[] }).__progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="backup-progress"]');
        const text = bar?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page().getByTestId('backup-passphrase').fill(PASSPHRASE);
    await page().getByTestId('backup-now').click();
    await page().getByTestId('backup-progress').waitFor();
    await page().screenshot({
      path: path.join(process.env['DANGAN_SHOTS'] ?? '/tmp/shots', 'issue5-backup-progress.png'),
    });
    await expect
      .poll(() => page().getByTestId('backup-outcome').innerText(), { timeout: 60_000 })
      .toMatch(/备份完成：dangan-backup-\d{8}-\d{6}\.dgbk/);
    await shot(page(), 'backup-done', page().getByTestId('backup-settings'));

    const seen = await page().evaluate(
      () => (globalThis as { __progressSeen?: string[] }).__progressSeen ?? [],
    );
    expect(seen.some((s) => /^正在备份记录 \d+%$/.test(s))).toBe(true);
    expect(seen.some((s) => /^正在备份文件 \d+%$/.test(s))).toBe(true);
    const files = readdirSync(backupDir);
    expect(files).toHaveLength(1);
    backupFile = path.join(backupDir, files[0]!);
    // Encrypted: the contract's bytes do not appear in the file as they are.
    const contract = readFileSync(FIXTURES.contract);
    expect(readFileSync(backupFile).includes(contract.subarray(1000, 1064))).toBe(false);
    expect(statSync(backupFile).size).toBeGreaterThan(48 * 1024 * 1024);
  });

  it('on a wiped laptop, refuses a foreign file and a damaged backup with clear messages, changing nothing', async () => {
    await app!.dispose();
    app = await launchApp({ os: dialogs });
    await settings();
    chosenBackup = FIXTURES.letter;
    await page().getByTestId('restore-file').click();
    await expect
      .poll(() => page().getByTestId('backup-error').innerText(), { timeout: 30_000 })
      .toBe('这不是档案系统的备份文件');

    const damaged = path.join(work, 'damaged.dgbk');
    copyFileSync(backupFile, damaged);
    const bytes = readFileSync(damaged);
    // One flipped byte in the middle of the attachments.
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(damaged, bytes);
    chosenBackup = damaged;
    await page().getByTestId('restore-passphrase').fill(PASSPHRASE);
    await page().getByTestId('restore-file').click();
    await expect
      .poll(() => page().getByTestId('backup-error').innerText(), { timeout: 60_000 })
      .toBe('备份文件已损坏，未做任何更改');
    await shot(page(), 'backup-damaged', page().getByTestId('backup-settings'));
    // Nothing was written: the profile is still empty, so a restore is still offered.
    expect(await page().getByTestId('restore-file').isEnabled()).toBe(true);
    await page().goto(`${app!.baseUrl}/index.html#/customers/${customerId}`);
    await page().locator('.ant-result-404').waitFor();
  });

  it('refuses the wrong passphrase, then restores with the right one: the customer and its files come back', async () => {
    await settings();
    chosenBackup = backupFile;
    await page().getByTestId('restore-passphrase').fill('not-the-passphrase');
    await page().getByTestId('restore-file').click();
    await expect
      .poll(() => page().getByTestId('backup-error').innerText(), { timeout: 60_000 })
      .toBe('密码不正确');

    await page().getByTestId('restore-passphrase').fill(PASSPHRASE);
    await page().getByTestId('restore-file').click();
    await expect
      .poll(() => page().getByTestId('backup-outcome').innerText(), { timeout: 120_000 })
      .toMatch(/已恢复 \d+ 条记录和 2 个文件/);
    await shot(page(), 'backup-restored', page().getByTestId('backup-settings'));

    await page().goto(`${app!.baseUrl}/index.html#/customers/${customerId}`);
    await page().getByTestId('archive-name').filter({ hasText: CUSTOMER.name }).waitFor();
    expect(await page().getByTestId('archive-contacts').innerText()).toContain(CUSTOMER.contact);
    expect(await page().getByTestId('archive-location').innerText()).toContain('C');
    const section = page().getByTestId('documents-section');
    await expect.poll(() => section.innerText()).toContain('购销合同.pdf');
    expect(await section.innerText()).toContain('竣工验收扫描件.pdf');
    for (const [name, original] of [
      ['购销合同.pdf', FIXTURES.contract],
      ['竣工验收扫描件.pdf', scan],
    ] as const) {
      await section.locator('tr', { hasText: name }).getByTestId('documents-save-as').click();
      const copy = path.join(savedDir, name);
      await expect
        .poll(() => statSync(copy, { throwIfNoEntry: false })?.size, { timeout: 30_000 })
        .toBe(statSync(original).size);
      expect(sha256File(copy)).toBe(sha256File(original));
    }
  });
});
