import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const config = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../electron-builder.json'), 'utf8')) as {
  electronFuses: Record<string, boolean>;
  win: { target: string[] };
  mac: { target: string[] };
  linux: { target: string[] };
  asar: boolean;
};

describe('the packaging configuration', () => {
  it('flips the Electron fuses that close Node-level back doors, for every platform', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.linux.target.length).toBeGreaterThan(0);
  });
});
