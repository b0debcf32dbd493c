/**
 * The desktop app's main process: one instance at a time, the database in the user-data folder,
 * the contract over IPC, the window, menu, tray, notifications, deep links and updates. Each of
 * those is a small module of this folder that takes Electron's objects as parameters; this file
 * only wires them to the app's lifecycle.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../../src/core';
import { ipcChannel, type DesktopCommand } from '../../src/shared/contract/bridge';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink } from './deepLinks';
import { readDesktopSettings } from './desktopSettings';
import { denyPermissions, secureContents } from './hardening';
import { forwardEvents, registerContract } from './ipc';
import { readJsonFile, writeJsonFile } from './jsonFile';
import { applicationMenuTemplate } from './menu';
import { startDueNotifier } from './notifications/dueNotifier';
import { osNotifier } from './notifications';
import { registerPrintToPdf } from './print';
import { SafeStorageSecretStore } from './secrets';
import type { AppOrigin } from './security';
import { startTray } from './tray';
import { createUpdater, updateSource, type AppUpdaterLike } from './updates';
import { createMainWindow } from './window';

// One app instance at a time: a second launch (a `cockpit://` link on Windows and Linux) hands
// its arguments to the first, which owns the database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const appOrigin: AppOrigin = {
    url:
      !app.isPackaged && process.env.ELECTRON_RENDERER_URL
        ? process.env.ELECTRON_RENDERER_URL
        : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
  };
  const userData = app.getPath('userData');
  const settingsPath = join(userData, 'desktop-settings.json');
  let settings = readDesktopSettings(readJsonFile(settingsPath));
  let core: Core | undefined;
  let window: BrowserWindow | undefined;
  let tray: { dispose(): void } | undefined;
  /** A link that arrived before the window could show it. */
  let pendingRoute: string | null = deepLinkFromArgv(process.argv)?.route ?? null;

  if (process.platform === 'win32') app.setAppUserModelId('app.lifecyclecockpit.desktop');
  // `cockpit://` links open this app; a development build registers itself with its script.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }

  const openExternal = (url: string) => void shell.openExternal(url);
  // Every page the app ever creates gets the same rules, whatever opened it.
  app.on('web-contents-created', (_event, contents) =>
    secureContents(contents, appOrigin, openExternal),
  );

  const openWindow = (route?: string) => {
    window = createMainWindow(
      {
        BrowserWindow,
        screen,
        openExternal,
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        app: appOrigin,
        statePath: join(userData, 'window-state.json'),
      },
      route,
    );
    window.on('closed', () => (window = undefined));
    return window;
  };

  /** Bring the window forward (opening it if closed), showing `route` if one is given. */
  const show = (route?: string | null) => {
    if (!app.isReady()) {
      if (route) pendingRoute = route;
      return;
    }
    if (!window) {
      openWindow(route ?? undefined);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (route) send({ type: 'navigate', to: route });
  };

  const send = (command: DesktopCommand) => {
    if (!window) {
      openWindow(command.type === 'navigate' ? command.to : undefined);
      return;
    }
    window.webContents.send(ipcChannel.command, command);
  };

  app.on('second-instance', (_event, argv) => show(deepLinkFromArgv(argv)?.route));
  // macOS hands links to the running app (and to one that is starting: before 'ready').
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    show(link?.route);
  });

  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    // The database lives in the user-data folder, never in a synced folder.
    core = createCore({
      dbPath: join(userData, 'cockpit.db'),
      appVersion: app.getVersion(),
      // Secrets (the remote scorer's API key) encrypted by the OS keychain, never synced.
      secrets: new SafeStorageSecretStore(safeStorage, join(userData, 'secrets.json')),
    });
    registerContract(ipcMain, core, appOrigin);
    registerPrintToPdf(ipcMain, appOrigin);
    forwardEvents(core, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

    const updates = updateSource({
      isPackaged: app.isPackaged,
      env: process.env,
      builtInFeed: existsSync(join(process.resourcesPath, 'app-update.yml')),
    });
    const updater = createUpdater(updates, async () => {
      const module = (await import('electron-updater')) as unknown as {
        autoUpdater?: AppUpdaterLike;
        default?: { autoUpdater: AppUpdaterLike };
      };
      return (module.autoUpdater ?? module.default?.autoUpdater)!;
    });
    if (!updates.available) console.info(`updates: ${updates.reason}`);

    const setMenu = () =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          applicationMenuTemplate({
            platform: process.platform,
            appName: app.name,
            isPackaged: app.isPackaged,
            updates: { available: updates.available, automatic: settings.autoUpdate },
            actions: {
              send,
              back: () => window?.webContents.navigationHistory.goBack(),
              forward: () => window?.webContents.navigationHistory.goForward(),
              showDataFolder: () => void shell.openPath(userData),
              checkForUpdates: () => void updater.check(),
              setAutoUpdate: (enabled) => {
                settings = { ...settings, autoUpdate: enabled };
                writeJsonFile(settingsPath, settings);
                updater.automatic(enabled);
                setMenu();
              },
            },
          }),
        ),
      );
    setMenu();
    updater.automatic(settings.autoUpdate);

    const readyCore = core;
    tray = startTray({
      Tray,
      Menu,
      core: readyCore,
      iconFolder: app.isPackaged
        ? join(process.resourcesPath, 'tray')
        : join(app.getAppPath(), 'resources/tray'),
      platform: process.platform,
      time: (ms) =>
        new Date(ms).toLocaleTimeString(app.getLocale(), { hour: '2-digit', minute: '2-digit' }),
      actions: {
        open: () => show(),
        navigate: (route) => show(route),
        syncNow: () => void readyCore.call('sync.now', {}).catch(() => undefined),
        quit: () => app.quit(),
      },
    });
    startDueNotifier({ core, show: osNotifier(Notification, (route) => show(route)) });

    openWindow(pendingRoute ?? undefined);
    pendingRoute = null;
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    // macOS apps stay open without a window (the tray and notifications go on); others quit.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    tray?.dispose();
    core?.close();
  });
}
