import { describe, expect, it } from 'vitest';
import { hardenContents, denyPermissions, type HardenableContents } from '../../../src/main/security/harden';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, isTrustedAppUrl } from '../../../src/main/security/origins';
import { mainWindowOptions, printWindowOptions } from '../../../src/main/security/window-options';

describe('the window factory', () => {
  it('makes the main window isolated, sandboxed and without Node', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('renders print templates with JavaScript off and no preload', () => {
    const prefs = printWindowOptions().webPreferences!;
    expect(prefs.javascript).toBe(false);
    expect(prefs.preload).toBeUndefined();
    expect(prefs.sandbox).toBe(true);
  });
});

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (openHandler = h),
    on: (event: string, listener: Listener) => listeners.set(event, listener),
  } as unknown as HardenableContents;
  const attempt = (event: string, url = '') => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, attempt, open: (url: string) => openHandler?.({ url }) };
}

describe('window hardening', () => {
  it('denies new windows, foreign navigation, redirects and webviews', () => {
    const fake = fakeContents();
    hardenContents(fake.contents);
    expect(fake.open('https://example.com')).toEqual({ action: 'deny' });
    expect(fake.attempt('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(fake.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.attempt('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
    expect(fake.attempt('will-navigate', APP_ENTRY_URL + '#/customers')).toBe(false);
    expect(fake.attempt('will-attach-webview')).toBe(true);
  });

  it('trusts the dev server only on loopback and only in development', () => {
    expect(isTrustedAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedAppUrl('http://evil.example:5173/', 'http://evil.example:5173')).toBe(false);
    expect(isTrustedAppUrl('app://other/index.html')).toBe(false);
    expect(isTrustedAppUrl('not a url')).toBe(false);
  });

  it('denies every permission request and check', () => {
    const granted: boolean[] = [];
    let check: ((c: unknown, p: string) => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h) => h?.(null, 'media', (g) => granted.push(g)),
      setPermissionCheckHandler: (h) => (check = h),
    });
    expect(granted).toEqual([false]);
    expect(check!(null, 'geolocation')).toBe(false);
  });

  it('allows no remote script, frame or plugin in the content security policy', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    // Frames only from the read-only preview scheme (stored PDFs, print previews).
    expect(directives['frame-src']).toEqual(['dangan-file:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
  });
});
