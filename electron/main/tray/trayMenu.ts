import type { MenuItemConstructorOptions } from 'electron';
import type { TrayText } from './trayText';

export interface TrayActions {
  open(): void;
  navigate(route: string): void;
  syncNow(): void;
  quit(): void;
}

/** The tray's menu: open the app, the status lines, sync now, reminders, quit. */
export function trayMenuTemplate(
  text: TrayText,
  options: { canSync: boolean },
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  return [
    { label: 'Open Lifecycle Cockpit', click: () => actions.open() },
    { type: 'separator' },
    { label: text.callLine, enabled: false },
    { label: text.syncLine, enabled: false },
    ...text.notices.map((notice): MenuItemConstructorOptions => ({
      label: notice,
      click: () => actions.navigate('/settings/sync'),
    })),
    { type: 'separator' },
    { label: 'Sync Now', enabled: options.canSync, click: () => actions.syncNow() },
    { label: 'Sync Status…', click: () => actions.navigate('/settings/sync') },
    { label: 'Reminders…', click: () => actions.navigate('/reminders') },
    { type: 'separator' },
    { label: 'Quit Lifecycle Cockpit', click: () => actions.quit() },
  ];
}
