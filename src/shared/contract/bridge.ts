/**
 * What the Electron preload script exposes to the page as `window.cockpit`: one function per
 * contract method (`cockpit.api.deals.create(input)`) and a subscription to the contract's events.
 * Calls resolve to a `CallResult`; the renderer's api layer turns errors back into `ApiError`.
 */
import type { CallResult } from './errors';
import type { EventName, MethodName } from './names';

type Namespace<M extends string> = M extends `${infer NS}.${string}` ? NS : never;

export type BridgeApi = {
  [NS in Namespace<MethodName>]: {
    [M in MethodName as M extends `${NS}.${infer FN}` ? FN : never]: (
      input?: unknown,
    ) => Promise<CallResult>;
  };
};

export interface CockpitBridge {
  api: BridgeApi;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** What only the desktop app can do for the page (not part of the core's contract). */
  desktop?: DesktopBridge;
}

/** The outcome of saving the page as a PDF: where it went, or that the person cancelled. */
export type PrintToPdfResult =
  | { ok: true; path: string }
  | { ok: false; canceled: true }
  | { ok: false; canceled: false; message: string };

export interface DesktopBridge {
  /**
   * Save the page as it prints (its print stylesheet, A4) to a PDF the person places with the
   * save dialog; `fileName` is only the suggested name.
   */
  printToPdf(input: { fileName: string }): Promise<PrintToPdfResult>;
  /** What the menu, the tray, a notification or a `cockpit://` link asks the page to do. */
  onCommand(listener: (command: DesktopCommand) => void): () => void;
}

/**
 * A command from the desktop shell to the page: show a route (the Go menu, a deep link, a
 * clicked notification), the same the in-app shortcuts navigate to, or open the search or the
 * shortcuts help.
 */
export type DesktopCommand =
  { type: 'navigate'; to: string } | { type: 'open'; what: 'search' | 'shortcuts' };

/** A route of the app (`/deals/…`), never a URL or a protocol-relative `//host`. */
const ROUTE = /^\/(?!\/)[A-Za-z0-9/_.~?=&%-]*$/;

export function isDesktopCommand(value: unknown): value is DesktopCommand {
  if (typeof value !== 'object' || value === null) return false;
  const command = value as Record<string, unknown>;
  if (command.type === 'navigate') return typeof command.to === 'string' && ROUTE.test(command.to);
  return command.type === 'open' && (command.what === 'search' || command.what === 'shortcuts');
}

/** IPC channel names, shared by main and preload. */
export const ipcChannel = {
  method: (method: MethodName) => `cockpit:call:${method}`,
  event: (event: EventName) => `cockpit:event:${event}`,
  printToPdf: 'cockpit:desktop:printToPdf',
  command: 'cockpit:desktop:command',
};
