/**
 * `cockpit://deal/<id>` links (also `call`, `handover`, `contact` and `account`): the OS hands
 * them to the app (macOS through `open-url`, Windows and Linux as an argument of a second launch),
 * and the window shows that record. A link comes from anywhere (a mail, a chat, a web page), so it
 * is read strictly: one known kind and one id of the app's shape, nothing else; anything that does
 * not match exactly is ignored.
 */
import { Id } from '../../src/shared/domain/basics';

export const DEEP_LINK_SCHEME = 'cockpit';

/** Each kind of link and the page it opens. */
const ROUTES = {
  deal: (id: string) => `/deals/${id}`,
  contact: (id: string) => `/contacts/${id}`,
  account: (id: string) => `/accounts/${id}`,
  call: (id: string) => `/calls/${id}`,
  handover: (id: string) => `/handovers/${id}`,
} as const;

export type DeepLinkKind = keyof typeof ROUTES;

export interface DeepLink {
  kind: DeepLinkKind;
  id: string;
  /** The app's hash route for it, e.g. `/deals/0192…`. */
  route: string;
}

const SHAPE =
  /^cockpit:\/\/([a-z]+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export function parseDeepLink(url: unknown): DeepLink | null {
  if (typeof url !== 'string' || url.length > 80) return null;
  const match = SHAPE.exec(url);
  if (!match) return null;
  const kind = match[1]!.toLowerCase();
  const id = match[2]!.toLowerCase();
  if (!Object.hasOwn(ROUTES, kind) || !Id.safeParse(id).success) return null;
  return { kind: kind as DeepLinkKind, id, route: ROUTES[kind as DeepLinkKind](id) };
}

/**
 * The link a launch was given, from its command line (Windows and Linux pass it as an argument;
 * Chromium may add switches around it): the first argument that is a valid link.
 */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}
