import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { EventName, PayloadOf } from '../../../src/shared/ipc';
import { dispatch, type HandlerTable } from '../../../src/main/ipc/dispatch';
import { PREVIEW_SCHEME, previewResponse } from '../../../src/main/attachments/preview-protocol';
import { bundleForBrowser } from './bundle';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { createTestServices, type TestOs } from './services';
import { serveFolder, type StaticServer } from './static-server';

/** DANGAN_RENDERER_DIR: a copy of a build, so a long benchmark is not disturbed by a rebuild of out/. */
export const RENDERER_DIR = process.env['DANGAN_RENDERER_DIR'] ?? path.resolve(import.meta.dirname, '../../../out/renderer');
const BRIDGE_ENTRY = path.resolve(import.meta.dirname, 'bridge-entry.ts');

/** Persistent contexts hide their browser process: find it by its profile folder. */
function killProcessesUsing(profileDir: string): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes(profileDir)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // the process ended meanwhile
    }
  }
}

/**
 * Electron serves main's read-only `dangan-file:` scheme (stored PDFs and images, print
 * previews) to the app's frames; Chromium here cannot load a custom scheme, so the same
 * handler (`previewResponse`) answers under this path of the app's origin, the addresses main
 * hands out are mapped onto it, and the page's CSP admits that path where it admits the scheme.
 */
const PREVIEW_PATH = '/__dangan-file/';
const PREVIEW_PREFIX = `${PREVIEW_SCHEME}://`;

function mapPreviewUrl(result: unknown, origin: string): unknown {
  if (typeof result !== 'object' || result === null || !('value' in result)) return result;
  const value: unknown = result.value;
  if (typeof value !== 'object' || value === null || !('url' in value) || typeof value.url !== 'string') return result;
  if (!value.url.startsWith(PREVIEW_PREFIX)) return result;
  return { ...result, value: { ...value, url: `${origin}${PREVIEW_PATH}${value.url.slice(PREVIEW_PREFIX.length)}` } };
}

/**
 * Electron's IPC structured-clones a Node Buffer into a plain Uint8Array; Playwright's
 * serializer knows Uint8Array but sends a Buffer (its subclass) as a plain object. Main's
 * handlers return Buffers (file slices, thumbnails), so they are turned into Uint8Arrays here.
 */
function asStructuredClone(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return Uint8Array.from(value);
  if (Array.isArray(value)) return value.map(asStructuredClone);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asStructuredClone(v)]));
  }
  return value;
}

let bridgeScript: string | null = null;
function bridge(): string {
  bridgeScript ??= readFileSync(bundleForBrowser(BRIDGE_ENTRY, 'bridge.js'), 'utf8');
  return bridgeScript;
}

export interface LaunchOptions {
  /** Reuse a profile (IndexedDB, localStorage) from an earlier launch. */
  userDataDir?: string;
  /** Reuse the main-process data folder (attachments, settings) from an earlier launch. */
  dataDir?: string;
  /** Extra folders served beside the renderer, e.g. `{ '/__test/': dir }`. */
  extraRoots?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Answers to the system dialogs (a fixture to pick, a folder to back up to…); default: cancelled. */
  os?: Partial<TestOs>;
}

export interface TestApp {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  userDataDir: string;
  dataDir: string;
  table: HandlerTable;
  /** Sends a main → renderer event, as main's `sendEvent` would. */
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): Promise<void>;
  /** Closes the browser but keeps both data folders, for relaunching with the same profile. */
  close(): Promise<void>;
  /** Kills the browser process at once (no clean shutdown), keeping the folders. */
  kill(): Promise<void>;
  /** Closes and deletes both folders. */
  dispose(): Promise<void>;
}

/**
 * Starts the built renderer in Debian's Chromium with a persistent profile (real IndexedDB
 * on disk) and `window.dangan` bridged to the real main-process handler table.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<TestApp> {
  assertChromium();
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'dangan-e2e-profile-'));
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'dangan-e2e-data-'));
  await mkdir(dataDir, { recursive: true });
  // IndexedDB belongs to the origin: a relaunched profile must get the same port back,
  // as the real app always loads from app://dangan.
  const portFile = path.join(userDataDir, 'dangan-test-port');
  const savedPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0;
  const services = await createTestServices(dataDir, options.os);
  const server: StaticServer = await serveFolder({ '/': RENDERER_DIR, ...options.extraRoots }, savedPort, {
    routes: { [PREVIEW_PATH]: (rest) => previewResponse(`${PREVIEW_PREFIX}${rest}`, services.previewSources) },
    policy: (csp, origin) => csp.replace(`frame-src ${PREVIEW_SCHEME}:`, `frame-src ${PREVIEW_SCHEME}: ${origin}${PREVIEW_PATH}`),
  });
  writeFileSync(portFile, new URL(server.url).port);
  const { table } = services;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1360, height: 860 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  await context.exposeBinding('__danganInvoke', async (source, channel: unknown, args: unknown) =>
    asStructuredClone(mapPreviewUrl(await dispatch(table, channel, args, {
      senderId: 0,
      emit: (name, payload) => {
        // An event for a page that has closed meanwhile is dropped, as main drops one for a
        // destroyed window (a backup may finish after its test closed the app).
        if (source.page.isClosed()) return;
        source.page
          .evaluate((message) => (globalThis as { __danganEmit?: (m: unknown) => void }).__danganEmit?.(message), { name, payload })
          .catch((error: unknown) => {
            if (!source.page.isClosed() && !(error instanceof Error && error.message.includes('has been closed'))) throw error;
          });
      },
    }), server.url)),
  );
  await context.addInitScript({ content: bridge() });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/index.html`);

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => undefined);
    await server.close();
    await services.close();
  };
  return {
    page,
    context,
    baseUrl: server.url,
    userDataDir,
    dataDir,
    table,
    emit: async (name, payload) => {
      await page.evaluate((message) => (globalThis as { __danganEmit?: (m: unknown) => void }).__danganEmit?.(message), {
        name,
        payload,
      });
    },
    close,
    kill: async () => {
      killProcessesUsing(userDataDir);
      closed = true;
      await context.close().catch(() => undefined);
      await server.close();
      await services.close();
    },
    dispose: async () => {
      await close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
