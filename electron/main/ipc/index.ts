import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Core } from '../../../src/core';
import {
  EVENT_NAMES,
  METHOD_NAMES,
  ipcChannel,
  type CallResult,
} from '../../../src/shared/contract';
import { isTrustedSenderUrl, type AppOrigin } from '../security';

/**
 * Register one IPC handler per contract method. Each checks that the call comes from the app's
 * own page before handing it to the core, which validates the input.
 */
export function registerContract(ipcMain: IpcMain, core: Core, app: AppOrigin): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(
      ipcChannel.method(method),
      async (event: IpcMainInvokeEvent, input: unknown): Promise<CallResult> => {
        if (!isTrustedSenderUrl(event.senderFrame?.url, app)) {
          return {
            ok: false,
            error: {
              code: 'unauthorized',
              message: `${method} refused: the caller is not the app's own page`,
            },
          };
        }
        return core.handle(method, input);
      },
    );
  }
  return () => METHOD_NAMES.forEach((method) => ipcMain.removeHandler(ipcChannel.method(method)));
}

/** Forward the core's events to the app's windows. */
export function forwardEvents(core: Core, windows: () => WebContents[]): () => void {
  return core.events.onAny((name, payload) => {
    if (!(EVENT_NAMES as readonly string[]).includes(name)) return;
    for (const contents of windows()) {
      if (!contents.isDestroyed()) contents.send(ipcChannel.event(name), payload);
    }
  });
}
