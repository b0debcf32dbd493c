import { BrowserWindow, shell } from 'electron';
import { mainWindowOptions } from './windowOptions';
import {
  isAllowedExternalUrl,
  isAllowedPermission,
  isTrustedSenderUrl,
  type AppOrigin,
} from './security';

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
  // Desktop notifications for due follow-ups; nothing else.
  window.webContents.session.setPermissionRequestHandler(
    (contents, permission, callback, details) =>
      callback(isAllowedPermission(permission, details.requestingUrl || contents.getURL(), app)),
  );

  void window.loadURL(app.url);
  return window;
}
