import type { CallResult, EventName, MethodName } from '../../shared/contract';

export type ConnectionState =
  /** Working: calls go through. */
  | { status: 'open' }
  | { status: 'connecting' }
  /** Lost the host; retrying with backoff. Calls wait. */
  | { status: 'reconnecting'; attempt: number }
  /** The browser host refused our token (it was restarted, or the link is old). */
  | { status: 'unauthorized' };

/** How the renderer reaches the core: Electron IPC or the browser host's WebSocket. */
export interface Bridge {
  readonly kind: 'electron' | 'browser';
  call(method: MethodName, input: unknown): Promise<CallResult>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** For useSyncExternalStore. */
  subscribeConnection(listener: () => void): () => void;
  connection(): ConnectionState;
}
