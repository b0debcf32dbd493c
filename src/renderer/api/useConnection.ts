import { useSyncExternalStore } from 'react';
import type { Bridge, ConnectionState } from './bridge';

export function useConnection(bridge: Bridge): ConnectionState {
  return useSyncExternalStore(bridge.subscribeConnection, bridge.connection);
}
