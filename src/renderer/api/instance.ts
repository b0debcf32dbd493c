/**
 * The renderer's only way to the core. Picks the transport (Electron IPC when the preload script
 * exposed `window.cockpit`, the browser host's WebSocket otherwise) and builds the typed client.
 */
import { ApiError } from '../../shared/contract/errors';
import type { CockpitBridge, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { Bridge } from './bridge';
import { createApiClient } from './client';
import { electronBridge } from './electronBridge';
import { socketBridge, takeToken } from './socketBridge';

declare global {
  interface Window {
    cockpit?: CockpitBridge;
  }
}

export const bridge: Bridge = window.cockpit
  ? electronBridge(window.cockpit)
  : socketBridge(takeToken(window.location, window.history, window.localStorage));

export const api = createApiClient(bridge);

/** What only the desktop app can do (save a page as PDF…); null in a browser tab. */
export const desktop = window.cockpit?.desktop ?? null;

/** Call a method by name, for generic hooks (`useApiQuery`). */
export async function callMethod<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await bridge.call(method, input);
  if (!result.ok) throw ApiError.fromWire(result.error);
  return result.value as MethodOutput<M>;
}
