import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Screen } from 'electron';
import { secureContents, type OpenExternal } from './hardening';
import { readJsonFile, writeJsonFile } from './jsonFile';
import type { AppOrigin } from './security';
import { mainWindowOptions } from './windowOptions';
import { rememberWindowPlacement, restoreWindowPlacement, type DisplayArea } from './windowState';

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  openExternal: OpenExternal;
  preloadPath: string;
  app: AppOrigin;
  /** `window-state.json` in the user-data folder. */
  statePath: string;
}

/** The displays as `windowState` wants them, the primary one first. */
export function currentDisplays(screen: MainWindowDeps['screen']): DisplayArea[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return [primary, ...others].map(({ bounds, workArea }) => ({ bounds, workArea }));
}

/**
 * The app's window, where it was last time, hardened (see `hardening.ts`), showing `route` (a
 * hash route such as `/deals/<id>`) or the app's start page.
 */
export function createMainWindow(deps: MainWindowDeps, route?: string): BrowserWindow {
  const placement = restoreWindowPlacement(
    readJsonFile(deps.statePath),
    currentDisplays(deps.screen),
  );
  const window = new deps.BrowserWindow(mainWindowOptions(deps.preloadPath, placement.bounds));
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  secureContents(window.webContents, deps.app, deps.openExternal);
  keepWindowPlacement(window, {
    displays: () => currentDisplays(deps.screen),
    read: () => readJsonFile(deps.statePath),
    write: (state) => writeJsonFile(deps.statePath, state),
  });
  void window.loadURL(route ? `${deps.app.url.split('#')[0]}#${route}` : deps.app.url);
  return window;
}

type PlacementWindow = Pick<
  BrowserWindow,
  'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'
>;

/**
 * Save the window's place as it moves, resizes or (un)maximises (a moment after the last change)
 * and when it closes. The un-maximised bounds are what is saved, so a maximised window that is
 * restored later goes back to its own size.
 */
export function keepWindowPlacement(
  window: PlacementWindow,
  store: {
    displays: () => DisplayArea[];
    read: () => unknown;
    write: (state: unknown) => void;
    now?: () => number;
    delayMs?: number;
  },
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    const bounds: Rectangle = window.getNormalBounds();
    try {
      store.write(
        rememberWindowPlacement(
          store.read(),
          store.displays(),
          { bounds, maximized: window.isMaximized() },
          (store.now ?? Date.now)(),
        ),
      );
    } catch (error) {
      // A read-only profile folder costs the window its place next time, nothing more.
      console.error('could not save the window position:', error);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, store.delayMs ?? 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    window.on(event as 'resize', later);
  }
  window.on('close', save);
}
