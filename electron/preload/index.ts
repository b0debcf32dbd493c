/**
 * Runs in the sandboxed renderer before the page. Exposes `window.cockpit`: one named function per
 * contract method and an event subscription, never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeApi, CockpitBridge } from '../../src/shared/contract/bridge';
import { ipcChannel, isDesktopCommand } from '../../src/shared/contract/bridge';
import {
  EVENT_NAMES,
  METHOD_NAMES,
  isEventName,
  splitMethodName,
} from '../../src/shared/contract/names';

const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
for (const method of METHOD_NAMES) {
  const [namespace, name] = splitMethodName(method);
  api[namespace] ??= {};
  api[namespace][name] = (input?: unknown) => ipcRenderer.invoke(ipcChannel.method(method), input);
}

const bridge: CockpitBridge = {
  api: api as BridgeApi,
  desktop: {
    printToPdf: (input) => ipcRenderer.invoke(ipcChannel.printToPdf, input),
    onCommand(listener) {
      const forward = (_event: Electron.IpcRendererEvent, command: unknown) => {
        if (isDesktopCommand(command)) listener(command);
      };
      ipcRenderer.on(ipcChannel.command, forward);
      return () => {
        ipcRenderer.off(ipcChannel.command, forward);
      };
    },
  },
  on(event, listener) {
    if (!isEventName(event))
      throw new Error(`unknown event ${String(event)}; known: ${EVENT_NAMES.join(', ')}`);
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannel.event(event), forward);
    return () => {
      ipcRenderer.off(ipcChannel.event(event), forward);
    };
  },
};

contextBridge.exposeInMainWorld('cockpit', bridge);
