/**
 * Electron entry: wires security, the app protocol, IPC and the main window together.
 * Everything with logic lives in modules that are unit-tested without Electron.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import type { Locale } from '../shared/ipc';
import { createFileServices } from './attachments/compose';
import { electronFileOs } from './attachments/electron';
import { PREVIEW_SCHEME, PREVIEW_SCHEME_PRIVILEGES, previewResponse } from './attachments/preview-protocol';
import { createHandlerTable } from './handlers';
import { openSyncServices, type SecureVault } from './secure';
import { registerIpc, sendEvent } from './ipc/register';
import { menuTemplate, type MenuCommand } from './menu';
import { electronPdfRenderer, electronPrinter } from './print/electron';
import { resolveAppFile } from './security/app-protocol';
import { denyPermissions, hardenContents } from './security/harden';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, isTrustedAppUrl } from './security/origins';
import { mainWindowOptions } from './security/window-options';

/** Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html. */
export const PRELOAD_PATH = path.join(import.meta.dirname, '../preload/index.cjs');
export const RENDERER_ROOT = path.join(import.meta.dirname, '../renderer');

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
let locale: Locale = app.getLocale().startsWith('zh') ? 'zh-CN' : 'en';
let mainWindow: BrowserWindow | null = null;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: PREVIEW_SCHEME, privileges: PREVIEW_SCHEME_PRIVILEGES },
]);

function applyMenu(): void {
  const onCommand = (command: MenuCommand) => {
    if (mainWindow) sendEvent(mainWindow.webContents, 'app:command', command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(locale, onCommand, process.platform === 'darwin')));
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(PRELOAD_PATH));
  hardenContents(window.webContents, devServerUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, devServerUrl));

  void app.whenReady().then(async () => {
    denyPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, async (request) => {
      const target = resolveAppFile(RENDERER_ROOT, request.url);
      if (!target) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(target.file);
        return new Response(body, {
          headers: { 'content-type': target.mime, 'content-security-policy': CONTENT_SECURITY_POLICY },
        });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });

    const late: { vault?: SecureVault } = {};
    const { previewSources, ...files } = await createFileServices({
      dataDir: app.getPath('userData'),
      autoBackupPassphrase: async () => late.vault?.backupSecret(),
      builtinTemplatesDir: app.isPackaged
        ? path.join(process.resourcesPath, 'templates')
        : path.join(app.getAppPath(), 'resources', 'templates'),
      appVersion: app.getVersion(),
      os: electronFileOs(() => mainWindow, () => locale),
      pdf: electronPdfRenderer,
      printer: electronPrinter,
    });
    protocol.handle(PREVIEW_SCHEME, (request) => previewResponse(request.url, previewSources));
    const sync = await openSyncServices({ dataDir: app.getPath('userData'), safeStorage, store: files.attachments.store });
    late.vault = sync.secure;

    const table = createHandlerTable({
      ...files,
      ...sync,
      app: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        dataDir: app.getPath('userData'),
        getLocale: () => locale,
        setLocale: (next) => {
          locale = next;
          applyMenu();
        },
      },
    });
    registerIpc(ipcMain, table, (url) => isTrustedAppUrl(url, devServerUrl));
    applyMenu();
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow();
  });
}
