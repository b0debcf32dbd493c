/**
 * The trust rules of the desktop app, as plain functions so that tests can check them without
 * Electron: which frames may call the API, and which links may leave the app for the OS.
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
    return (
      sender.protocol === 'file:' &&
      sender.host === expected.host &&
      sender.pathname === expected.pathname
    );
  }
  return sender.origin === expected.origin;
}

const MAX_EXTERNAL_URL = 2_048;
/** What the app's Call buttons build: a scheme and digits with an optional leading `+`. */
const DIAL = /^\+?\d{2,20}$/;
/** A softphone address: digits, or `user@host` with plain characters only. */
const SIP = /^(?:\+?\d{2,20}|[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/;
/** A contact's e-mail address as the app links it: no query (`?attach=`), no second address. */
const MAIL = /^[A-Za-z0-9.!#$'*+/=^_`{|}~-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/**
 * The URL to hand to the OS, or null when it must stay inside: phone links (`tel:`, `callto:`,
 * `sip:`) of the shape the Call buttons build, a contact's `mailto:` address and `https:` pages
 * with a host name and no credentials. Anything else (`javascript:`, `file:`, `smb:`, `data:`,
 * plain `http:`, a phone link carrying parameters or a command) is refused: the OS would hand it
 * to whichever program claims the scheme.
 */
export function externalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL) return null;
  // Spaces, quotes, control characters and backslashes have no place in a link the app built.
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\s\u0000-\u001f\u007f"<>\\^`]/.test(url)) return null;
  const colon = url.indexOf(':');
  if (colon < 0) return null;
  const scheme = url.slice(0, colon).toLowerCase();
  const rest = url.slice(colon + 1);
  switch (scheme) {
    case 'tel':
    case 'callto':
      return DIAL.test(rest) ? `${scheme}:${rest}` : null;
    case 'sip':
      return SIP.test(rest) ? `sip:${rest}` : null;
    case 'mailto':
      return MAIL.test(rest) ? `mailto:${rest}` : null;
    case 'https':
      return httpsUrl(url);
    default:
      return null;
  }
}

function httpsUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname || parsed.username || parsed.password) {
    return null;
  }
  // A host name, not a bare word (`https://localhost`) that a local service may answer.
  if (!parsed.hostname.includes('.')) return null;
  return parsed.href;
}

/** Links that may leave the app for the OS (see `externalUrl`). */
export function isAllowedExternalUrl(url: unknown): boolean {
  return externalUrl(url) !== null;
}
