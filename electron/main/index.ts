import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../../src/core';
import { forwardEvents, registerContract } from './ipc';
import { registerPrintToPdf } from './print';
import { SafeStorageSecretStore } from './secrets';
import type { AppOrigin } from './security';
import { createMainWindow } from './window';

// One app instance at a time: a second launch focuses the first, which owns the database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let window: BrowserWindow | undefined;

  const appOrigin: AppOrigin = {
    url:
      !app.isPackaged && process.env.ELECTRON_RENDERER_URL
        ? process.env.ELECTRON_RENDERER_URL
        : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
  };
  const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

  const openWindow = () => {
    window = createMainWindow(preloadPath, appOrigin);
    window.on('closed', () => (window = undefined));
  };

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    // The database lives in the user-data folder, never in a synced folder.
    core = createCore({
      dbPath: join(app.getPath('userData'), 'cockpit.db'),
      appVersion: app.getVersion(),
      // Secrets (the remote scorer's API key) encrypted by the OS keychain, never synced.
      secrets: new SafeStorageSecretStore(
        safeStorage,
        join(app.getPath('userData'), 'secrets.json'),
      ),
    });
    registerContract(ipcMain, core, appOrigin);
    registerPrintToPdf(ipcMain, appOrigin);
    forwardEvents(core, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => core?.close());
}
