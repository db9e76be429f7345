/**
 * Which pages count as the app. Production loads from the privileged `app://dangan/`
 * scheme; development loads from electron-vite's dev server on loopback.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dangan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isTrustedAppUrl(rawUrl: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      const dev = new URL(devServerUrl);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname);
      return loopback && url.origin === dev.origin;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The content security policy of every app page: no remote script, no frames, no plugins.
 * `connect-src` admits http(s) because the sync server's address is the user's choice;
 * styles allow inline because antd injects its CSS-in-JS at run time. `frame-src` admits only
 * the read-only `dangan-file:` scheme, so stored PDFs and print previews show in Chromium's
 * PDF viewer inside the app (a blob: PDF would inherit this page's CSP and its
 * `object-src 'none'` would block the viewer); images are shown from blob: URLs instead.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  'frame-src dangan-file:',
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
