/**
 * The tray icon: its hover text, icon (marked when sync needs a person) and menu follow the core
 * (`trayStatus.ts`). Electron's `Tray` and `Menu` come in as parameters.
 */
import { join } from 'node:path';
import type { Menu, Tray } from 'electron';
import type { Core } from '../../../src/core';
import { trayMenuTemplate, type TrayActions } from './trayMenu';
import { followTrayState } from './trayStatus';
import { trayText } from './trayText';

/** The icon's file: a black template image on macOS (the OS colours it), the app's colours elsewhere. */
export function trayIconPath(
  folder: string,
  platform: NodeJS.Platform,
  attention: boolean,
): string {
  const name = attention ? 'trayAttention' : 'tray';
  return join(folder, `${name}${platform === 'darwin' ? 'Template' : ''}.png`);
}

export function startTray(options: {
  Tray: new (image: string) => Tray;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  core: Core;
  iconFolder: string;
  platform: NodeJS.Platform;
  time: (ms: number) => string;
  actions: TrayActions;
}): { dispose(): void } {
  const { core, platform, iconFolder } = options;
  const tray = new options.Tray(trayIconPath(iconFolder, platform, false));
  // Windows and Linux open the app on a click; macOS shows the menu.
  tray.on('click', () => options.actions.open());
  let attention = false;
  const following = followTrayState(core, (state) => {
    if (tray.isDestroyed()) return;
    const text = trayText(state, options.time);
    tray.setToolTip(text.tooltip);
    if (text.attention !== attention) {
      attention = text.attention;
      tray.setImage(trayIconPath(iconFolder, platform, attention));
    }
    const template = trayMenuTemplate(
      text,
      { canSync: Boolean(state.sync?.workspace) },
      options.actions,
    );
    tray.setContextMenu(options.Menu.buildFromTemplate(template));
  });
  return {
    dispose() {
      following.dispose();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
