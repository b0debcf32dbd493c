/**
 * What a window's page may not do, wired to its `webContents` and session: navigate away from the
 * app, open windows, attach a `<webview>`, or get any browser permission. Links the app built for
 * the outside (phone, mail, https) go to the OS instead. Electron objects come in as parameters,
 * so tests drive these rules with fakes.
 */
import type { Session, WebContents } from 'electron';
import { externalUrl, isTrustedSenderUrl, type AppOrigin } from './security';

export type OpenExternal = (url: string) => void;

export function secureContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  app: AppOrigin,
  openExternal: OpenExternal,
): void {
  const leave = (url: string) => {
    const allowed = externalUrl(url);
    if (allowed) openExternal(allowed);
  };
  // The page never navigates away from the app (a reload of the app's own page is fine).
  contents.on('will-navigate', (event) => {
    if (isTrustedSenderUrl(event.url, app)) return;
    event.preventDefault();
    leave(event.url);
  });
  // Nor does any frame inside it.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isTrustedSenderUrl(event.url, app)) return;
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedSenderUrl(event.url, app)) event.preventDefault();
  });
  // No other window ever opens: `target="_blank"` links that belong outside go to the OS.
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The page asks for no browser permission: no camera, microphone, location, clipboard reads,
 * MIDI or notifications (due follow-ups are announced by the main process, see
 * `notifications/`). Requests and checks are both refused.
 */
export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
