import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { DesktopCommand } from '../../src/shared/contract/bridge';
import { accelerator, applicationMenuTemplate, GO_TO, type MenuOptions } from './menu';

function menu(platform: NodeJS.Platform, overrides: Partial<MenuOptions> = {}) {
  const sent: DesktopCommand[] = [];
  const calls: string[] = [];
  const template = applicationMenuTemplate({
    platform,
    appName: 'Lifecycle Cockpit',
    isPackaged: true,
    updates: { available: true, automatic: true },
    actions: {
      send: (command) => sent.push(command),
      back: () => calls.push('back'),
      forward: () => calls.push('forward'),
      showDataFolder: () => calls.push('showDataFolder'),
      checkForUpdates: () => calls.push('checkForUpdates'),
      setAutoUpdate: (enabled) => calls.push(`setAutoUpdate:${enabled}`),
    },
    ...overrides,
  });
  const submenu = (label: string) => {
    const top = template.find((m) => m.label === label || m.role === label);
    return (top?.submenu ?? []) as MenuItemConstructorOptions[];
  };
  const item = (top: string, label: string) => {
    const found = submenu(top).find((i) => i.label === label);
    if (!found) throw new Error(`no ${label} in ${top}`);
    return found;
  };
  const click = (top: string, label: string, checked?: boolean) =>
    (item(top, label).click as (i: { checked?: boolean }) => void)({ checked });
  return { template, sent, calls, submenu, item, click };
}

describe('the application menu', () => {
  it('has File, Edit, View, Go, Window and Help, with the app menu first on macOS', () => {
    const names = (template: MenuItemConstructorOptions[]) =>
      template.map((m) => m.label ?? m.role);
    expect(names(menu('linux').template)).toEqual([
      'File',
      'Edit',
      'View',
      'Go',
      'windowMenu',
      'help',
    ]);
    expect(names(menu('darwin').template)).toEqual([
      'Lifecycle Cockpit',
      'File',
      'Edit',
      'View',
      'Go',
      'windowMenu',
      'help',
    ]);
  });

  it('Go sends the page the same navigation as the in-app shortcuts', () => {
    const m = menu('win32');
    m.click('Go', 'Reminders');
    m.click('Go', 'Handovers');
    m.click('Go', 'Board');
    m.click('Go', 'Back');
    expect(m.sent).toEqual([
      { type: 'navigate', to: '/reminders' },
      { type: 'navigate', to: '/handovers' },
      { type: 'navigate', to: '/board' },
    ]);
    expect(m.calls).toEqual(['back']);
    expect(m.submenu('Go').filter((i) => i.click).length).toBe(GO_TO.length + 2);
    m.click('File', 'Search…');
    m.click('help', 'Keyboard Shortcuts');
    expect(m.sent.slice(3)).toEqual([
      { type: 'open', what: 'search' },
      { type: 'open', what: 'shortcuts' },
    ]);
  });

  it('shows single keys without taking them from the page (typing R in a note stays an R)', () => {
    const windows = menu('win32');
    expect(windows.item('Go', 'Reminders')).toMatchObject({
      accelerator: 'Shift+R',
      registerAccelerator: false,
    });
    expect(windows.item('help', 'Keyboard Shortcuts')).toMatchObject({
      accelerator: '?',
      registerAccelerator: false,
    });
    // Ctrl/⌘ shortcuts are the menu's own.
    expect(windows.item('File', 'Search…').accelerator).toBe('CmdOrCtrl+K');
    expect(windows.item('File', 'Search…').registerAccelerator).toBeUndefined();
    // macOS cannot show a key without binding it: there the page alone handles it.
    expect(menu('darwin').item('Go', 'Reminders').accelerator).toBeUndefined();
    // No menu item binds a plain key.
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const top of menu(platform).template) {
        for (const entry of (top.submenu ?? []) as MenuItemConstructorOptions[]) {
          const keys = String(entry.accelerator ?? '');
          if (keys && entry.registerAccelerator !== false) {
            expect(keys, `${platform} ${entry.label}`).toMatch(/Cmd|Ctrl|Alt|CmdOrCtrl/);
          }
        }
      }
    }
  });

  it('has the developer tools only in a development build', () => {
    const roles = (m: ReturnType<typeof menu>) => m.submenu('View').map((i) => i.role);
    expect(roles(menu('linux'))).not.toContain('toggleDevTools');
    expect(roles(menu('linux', { isPackaged: false }))).toContain('toggleDevTools');
  });

  it('checks for updates, and turns the automatic checks off and on', () => {
    const m = menu('linux');
    m.click('help', 'Check for Updates…');
    m.click('help', 'Check for Updates Automatically', false);
    expect(m.calls).toEqual(['checkForUpdates', 'setAutoUpdate:false']);
    expect(m.item('help', 'Check for Updates Automatically')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
    const off = menu('darwin', { updates: { available: false, automatic: true } });
    expect(off.item('Lifecycle Cockpit', 'Check for Updates…').enabled).toBe(false);
  });

  it('shows the data folder (for backups)', () => {
    const m = menu('linux');
    m.click('File', 'Show Data Folder');
    expect(m.calls).toEqual(['showDataFolder']);
  });
});

describe('accelerators from the app’s key notation', () => {
  it('translates mod, shift and single keys', () => {
    expect(accelerator('mod+k')).toBe('CmdOrCtrl+K');
    expect(accelerator('shift+r')).toBe('Shift+R');
    expect(accelerator('?')).toBe('?');
    expect(accelerator('mod+enter')).toBe('CmdOrCtrl+Enter');
  });
});
