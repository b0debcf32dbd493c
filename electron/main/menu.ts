/**
 * The application menu: File, Edit, View, Go, Window and Help (with the app menu first on macOS).
 * Go shows the same places the in-app shortcuts open and sends the page the same navigation;
 * its shortcut labels are the app's own keys (a test checks them against the renderer's command
 * declarations). Keys without Ctrl/⌘ are shown but not registered with the OS, so typing a capital
 * R in a note still types an R: the page's own shortcut handles them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from '../../src/shared/contract/bridge';

/** The places of the Go menu, each with the key the app binds to it anywhere in the app. */
export const GO_TO = [
  { label: 'Board', route: '/board' },
  { label: 'Deals Table', route: '/deals' },
  { label: 'Handovers', route: '/handovers', keys: 'shift+h' },
  { label: 'Reminders', route: '/reminders', keys: 'shift+r' },
  { label: 'Activity Dashboard', route: '/dashboard', keys: 'shift+d' },
  { label: 'Lifecycle Metrics', route: '/dashboard/lifecycle', keys: 'shift+m' },
  { label: 'Coaching', route: '/dashboard/coaching', keys: 'shift+o' },
  { label: 'Contacts', route: '/contacts' },
  { label: 'Accounts', route: '/accounts' },
  { label: 'Campaigns', route: '/campaigns' },
  { label: 'Sync Status and Conflicts', route: '/settings/sync', keys: 'shift+s' },
] as const satisfies readonly { label: string; route: string; keys?: string }[];

/** The app's other global keys, opened from File and Help. */
export const APP_KEYS = { search: 'mod+k', shortcuts: '?' } as const;

/** `shift+h` → `Shift+H`, `mod+k` → `CmdOrCtrl+K`: the app's key notation as an accelerator. */
export function accelerator(keys: string): string {
  return keys
    .split('+')
    .map((part) => {
      if (part === 'mod') return 'CmdOrCtrl';
      if (part === 'shift') return 'Shift';
      return part.length === 1 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1);
    })
    .join('+');
}

/** A shortcut label; registered with the OS only when it has Ctrl/⌘ (see the file's comment). */
function shortcut(keys: string | undefined, platform: NodeJS.Platform): MenuItemConstructorOptions {
  if (!keys) return {};
  if (keys.includes('mod+')) return { accelerator: accelerator(keys) };
  // macOS has no "show but do not register"; there the page's key alone does it.
  return platform === 'darwin'
    ? {}
    : { accelerator: accelerator(keys), registerAccelerator: false };
}

export interface MenuActions {
  /** Ask the focused window's page to do something (opening a window first if there is none). */
  send(command: DesktopCommand): void;
  back(): void;
  forward(): void;
  showDataFolder(): void;
  checkForUpdates(): void;
  setAutoUpdate(enabled: boolean): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools and forced reloads only in a development build. */
  isPackaged: boolean;
  /** Whether updates can be checked at all (a packaged build with an update feed). */
  updates: { available: boolean; automatic: boolean };
  actions: MenuActions;
}

export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, appName, actions } = options;
  const mac = platform === 'darwin';
  const navigate = (to: string) => () => actions.send({ type: 'navigate', to });

  const updateItems: MenuItemConstructorOptions[] = [
    {
      label: 'Check for Updates…',
      enabled: options.updates.available,
      click: () => actions.checkForUpdates(),
    },
    {
      label: 'Check for Updates Automatically',
      type: 'checkbox',
      checked: options.updates.automatic,
      enabled: options.updates.available,
      click: (item) => actions.setAutoUpdate(item.checked),
    },
  ];

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      ...updateItems,
      { type: 'separator' },
      { label: 'Settings…', accelerator: 'Cmd+,', click: navigate('/settings/team') },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'Search…',
        ...shortcut(APP_KEYS.search, platform),
        click: () => actions.send({ type: 'open', what: 'search' }),
      },
      { label: 'Import CSV…', click: navigate('/import') },
      { type: 'separator' },
      { label: 'Show Data Folder', click: () => actions.showDataFolder() },
      ...(mac
        ? []
        : ([
            { label: 'Settings…', accelerator: 'Ctrl+,', click: navigate('/settings/team') },
          ] satisfies MenuItemConstructorOptions[])),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.isPackaged
        ? []
        : ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const go: MenuItemConstructorOptions = {
    label: 'Go',
    submenu: [
      {
        label: 'Back',
        accelerator: mac ? 'Cmd+[' : 'Alt+Left',
        click: () => actions.back(),
      },
      {
        label: 'Forward',
        accelerator: mac ? 'Cmd+]' : 'Alt+Right',
        click: () => actions.forward(),
      },
      { type: 'separator' },
      ...GO_TO.map((place): MenuItemConstructorOptions => ({
        label: place.label,
        ...shortcut('keys' in place ? place.keys : undefined, platform),
        click: navigate(place.route),
      })),
    ],
  };

  const window: MenuItemConstructorOptions = {
    role: 'windowMenu',
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      {
        label: 'Keyboard Shortcuts',
        ...shortcut(APP_KEYS.shortcuts, platform),
        click: () => actions.send({ type: 'open', what: 'shortcuts' }),
      },
      ...(mac ? [] : [{ type: 'separator' } as const, ...updateItems]),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, go, window, help];
}
