import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsHandlers } from '../../../src/main/settings/handlers';
import { SettingsStore } from '../../../src/main/settings/store';
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc/settings';
import { expectOk, recordingContext, tempDir, typedDispatch } from '../attachments/helpers';

describe('device settings', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('dangan-settings-'));
  });
  afterEach(() => cleanup());

  it('starts from defaults, keeps changes across restarts, and changes only what is sent', async () => {
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const table = settingsHandlers(store);
    const ctx = recordingContext();
    const updated = expectOk(
      await typedDispatch(table, 'settings:update', { patch: { companyName: '杭州示例贸易有限公司', hotline: '400-820-8820' } }, ctx),
    );
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, companyName: '杭州示例贸易有限公司', hotline: '400-820-8820' });
    expectOk(await typedDispatch(table, 'settings:update', { patch: { backupKeep: 10 } }, ctx));
    const reopened = await SettingsStore.open(dir);
    expect(reopened.get()).toMatchObject({ companyName: '杭州示例贸易有限公司', backupKeep: 10, attachmentMaxMb: 200 });
  });

  it('refuses invalid values and unknown keys without writing anything', async () => {
    const store = await SettingsStore.open(dir);
    const table = settingsHandlers(store);
    for (const patch of [{ attachmentMaxMb: 0 }, { backupKeep: 1.5 }, { companyName: 'x'.repeat(101) }, { evil: true }]) {
      const result = await typedDispatch(table, 'settings:update', { patch }, recordingContext());
      expect(result.ok ? null : result.error.code, JSON.stringify(patch)).toBe('invalid-argument');
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('sets an unreadable file aside instead of overwriting it', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{"companyName": "半截');
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const kept = (await readdir(dir)).find((name) => name.startsWith('settings.json.unreadable-'));
    expect(kept && (await readFile(path.join(dir, kept), 'utf8'))).toBe('{"companyName": "半截');
  });
});
