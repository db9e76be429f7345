import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src/shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/origins';

const OUT = path.resolve(import.meta.dirname, '../../out');

/** What only a real Electron would catch, caught on the built files instead. */
describe('the built app', () => {
  beforeAll(() => {
    if (!existsSync(path.join(OUT, 'preload/index.cjs'))) {
      execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    }
  }, 240_000);

  it('has a preload that is one CommonJS file requiring nothing but electron', () => {
    const code = readFileSync(path.join(OUT, 'preload/index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('names the built preload and renderer at paths that exist', () => {
    const main = readFileSync(path.join(OUT, 'main/index.js'), 'utf8');
    expect(main).toContain('../preload/index.cjs');
    expect(existsSync(path.join(OUT, 'main/../preload/index.cjs'))).toBe(true);
    expect(main).toContain('../renderer');
    expect(existsSync(path.join(OUT, 'main/../renderer/index.html'))).toBe(true);
  });

  it('exposes exactly window.dangan with invoke and on, forwarding only contract channels', async () => {
    const code = readFileSync(path.join(OUT, 'preload/index.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: (channel: string) => {
          invoked.push(channel);
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandbox = { require: (name: string) => (name === 'electron' ? fakeElectron : undefined), module: { exports: {} }, exports: {} };
    vm.runInNewContext(code, sandbox);
    expect(Object.keys(exposed)).toEqual(['dangan']);
    const api = exposed['dangan'] as { invoke(c: string, a: unknown): Promise<unknown>; on: unknown };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    for (const name of CHANNEL_NAMES) await api.invoke(name, {});
    expect(invoked).toEqual(CHANNEL_NAMES);
    const refused = await api.invoke('shell:openExternal', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(invoked).toHaveLength(CHANNEL_NAMES.length);
  });

  it('carries the same content security policy in the page as in the protocol header', () => {
    const html = readFileSync(path.join(OUT, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a <meta> policy, so only the header carries it.
    const header = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(header);
  });
});
