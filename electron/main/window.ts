import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';
import { isAllowedExternalUrl, isTrustedSenderUrl, type AppOrigin } from './security';

/** Electron's security checklist, applied to every window the app opens. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Lifecycle Cockpit',
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}

export function createMainWindow(preloadPath: string, app: AppOrigin): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());

  // The window never navigates away from the app, and never opens other windows: links that
  // belong outside (phone, mail, https) go to the OS.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedSenderUrl(url, app)) {
      event.preventDefault();
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    }
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );

  void window.loadURL(app.url);
  return window;
}
