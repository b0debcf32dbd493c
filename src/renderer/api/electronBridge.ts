import { splitMethodName } from '../../shared/contract/names';
import type { CockpitBridge } from '../../shared/contract';
import type { Bridge, ConnectionState } from './bridge';

const OPEN: ConnectionState = { status: 'open' };

/** Inside Electron: the preload script's `window.cockpit`, over IPC. */
export function electronBridge(cockpit: CockpitBridge): Bridge {
  const api = cockpit.api as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<never>>
  >;
  return {
    kind: 'electron',
    call(method, input) {
      const [namespace, name] = splitMethodName(method);
      return api[namespace]![name]!(input);
    },
    on: (event, listener) => cockpit.on(event, listener),
    subscribeConnection: () => () => {},
    connection: () => OPEN,
  };
}
