/**
 * The contract over a WebSocket, as the browser host carries it: the page sends calls, the host
 * answers each by id and pushes events. One JSON message per frame.
 */
import type { CallResult } from './errors';
import type { EventName } from './names';

export const SOCKET_PATH = '/api';
/** The per-run access token travels as this query parameter, on the page URL and the socket URL. */
export const TOKEN_PARAM = 'token';
/** Larger frames are refused: no legitimate call comes close. */
export const MAX_SOCKET_MESSAGE_BYTES = 1024 * 1024;

export interface SocketCall {
  type: 'call';
  id: number;
  method: string;
  input?: unknown;
}

export type SocketMessage =
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; name: EventName; payload: unknown }
  /** A frame the host could not read at all (not JSON, no id). */
  | { type: 'protocol_error'; message: string };
