import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_SETTINGS,
  settingsPatchSchema,
  type AppSettings,
  type SettingsPatch,
} from '../../shared/ipc/settings';
import { writeFileAtomic } from './atomic';

export const SETTINGS_FILE = 'settings.json';

/**
 * Device-wide settings in `<dataDir>/settings.json`. A file that cannot be read as settings
 * is kept aside (never overwritten) and the defaults apply, so a bad edit loses nothing.
 */
export class SettingsStore {
  private current: AppSettings = { ...DEFAULT_SETTINGS };
  private readonly listeners = new Set<(settings: AppSettings) => void>();

  private constructor(private readonly file: string) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true });
    const store = new SettingsStore(path.join(dataDir, SETTINGS_FILE));
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let parsed: SettingsPatch | null = null;
    try {
      const result = settingsPatchSchema.strip().safeParse(JSON.parse(raw));
      if (result.success) parsed = result.data;
    } catch {
      parsed = null;
    }
    if (parsed) {
      this.current = { ...DEFAULT_SETTINGS, ...parsed };
      return;
    }
    await rename(this.file, `${this.file}.unreadable-${Date.now()}`);
  }

  get(): AppSettings {
    return { ...this.current };
  }

  async update(patch: SettingsPatch): Promise<AppSettings> {
    const checked = settingsPatchSchema.parse(patch);
    const next = { ...this.current, ...checked };
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.current = next;
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  onChange(listener: (settings: AppSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
