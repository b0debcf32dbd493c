import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { createCore, type Core } from '../../../src/core';
import { startTray, trayIconPath } from '.';

let core: Core | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  core?.close();
});

/** Electron's Tray as far as the app uses it. */
class FakeTray extends EventEmitter {
  static last: FakeTray;
  tooltip = '';
  images: string[];
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;
  constructor(image: string) {
    super();
    this.images = [image];
    FakeTray.last = this;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setImage(image: string) {
    this.images.push(image);
  }
  setContextMenu(menu: MenuItemConstructorOptions[]) {
    this.menu = menu;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

describe('the tray icon', () => {
  it('uses a template image on macOS and the app’s colours elsewhere', () => {
    expect(trayIconPath('/r/tray', 'darwin', false)).toBe('/r/tray/trayTemplate.png');
    expect(trayIconPath('/r/tray', 'darwin', true)).toBe('/r/tray/trayAttentionTemplate.png');
    expect(trayIconPath('/r/tray', 'win32', false)).toBe('/r/tray/tray.png');
    expect(trayIconPath('/r/tray', 'linux', true)).toBe('/r/tray/trayAttention.png');
  });

  it('says how sync stands, marks the icon when sync needs a person, and opens the app', async () => {
    core = createCore({ dbPath: tempDbPath() });
    const opened: string[] = [];
    const tray = startTray({
      Tray: FakeTray as never,
      Menu: { buildFromTemplate: (template) => template as never },
      core,
      iconFolder: '/r/tray',
      platform: 'linux',
      time: () => '09:42',
      actions: {
        open: () => opened.push('app'),
        navigate: (route) => opened.push(route),
        syncNow: () => opened.push('sync'),
        quit: () => opened.push('quit'),
      },
    });
    stop = tray.dispose;
    const icon = FakeTray.last;
    await vi.waitFor(() =>
      expect(icon.tooltip).toBe('Lifecycle Cockpit\nSync off: changes stay on this laptop'),
    );
    expect(icon.images).toEqual(['/r/tray/tray.png']);
    expect(icon.menu.find((item) => item.label === 'Sync Now')?.enabled).toBe(false);

    core.events.emit('sync.status', {
      ...(await core.call('sync.status', {})),
      state: 'halted',
      message: 'The workspace folder is empty',
    });
    expect(icon.tooltip).toContain('Sync halted: The workspace folder is empty');
    expect(icon.images.at(-1)).toBe('/r/tray/trayAttention.png');

    icon.emit('click');
    expect(opened).toEqual(['app']);
    tray.dispose();
    expect(icon.destroyed).toBe(true);
  });
});
