/**
 * The trust rules of the desktop app, as plain functions so that tests can check them without
 * Electron: which frames may call the API, where the window may navigate, which links may open
 * outside the app.
 */

/** The page the app itself loaded: its file URL in production, the dev server in development. */
export interface AppOrigin {
  /** `file:///…/out/renderer/index.html` or `http://localhost:5173/` */
  url: string;
}

/**
 * Only the app's own page may call the API. A frame from anywhere else (an iframe, a page the
 * window was tricked into opening) is refused.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, app: AppOrigin): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let expected: URL;
  try {
    sender = new URL(senderUrl);
    expected = new URL(app.url);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return sender.protocol === 'file:' && sender.pathname === expected.pathname;
  }
  return sender.origin === expected.origin;
}

const EXTERNAL_SCHEMES = new Set(['tel:', 'callto:', 'sip:', 'mailto:', 'https:']);

/** Links that may leave the app for the OS: phone links, mail and https pages. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * The one permission the app's page may have: notifications, for follow-ups that come due. Every
 * other request (camera, location, clipboard reads…) and every request from another page is
 * refused.
 */
export function isAllowedPermission(
  permission: string,
  requestingUrl: string | undefined,
  app: AppOrigin,
): boolean {
  return permission === 'notifications' && isTrustedSenderUrl(requestingUrl, app);
}
