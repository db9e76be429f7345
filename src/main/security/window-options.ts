import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The web preferences every window of the app gets; nothing opts out. */
export function hardenedWebPreferences(preloadPath?: string): WebPreferences {
  return {
    ...(preloadPath ? { preload: preloadPath } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would otherwise try to open links in new windows (denied anyway).
    disableBlinkFeatures: 'Auxclick',
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Dangan 档案',
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: false,
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/** The hidden window that renders print templates: no preload, no JavaScript. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { ...hardenedWebPreferences(), javascript: false, images: true },
  };
}
