import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/contract/socket';
import type { CallResult, EventName, SocketMessage } from '../../shared/contract';
import type { Bridge, ConnectionState } from './bridge';

const TOKEN_KEY = 'cockpit.token';
const MAX_BACKOFF_MS = 5_000;

/**
 * The browser host's per-run token arrives in the page URL (`?token=…`). Keep it for this origin
 * (other tabs of the app use it too; the next run of the host prints a new one) and take it out
 * of the address bar, so it is not bookmarked or shared by accident.
 */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

interface Pending {
  resolve: (result: CallResult) => void;
  frame: string;
  sent: boolean;
}

/**
 * Outside Electron: the contract over the browser host's WebSocket. Reconnects with backoff after
 * the host goes away; calls made meanwhile wait and are sent once it is back.
 */
export function socketBridge(token: string | null): Bridge {
  let state: ConnectionState = token ? { status: 'connecting' } : { status: 'unauthorized' };
  const stateListeners = new Set<() => void>();
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const unsent: number[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let attempt = 0;

  const setState = (next: ConnectionState) => {
    state = next;
    stateListeners.forEach((listener) => listener());
  };

  const flush = () => {
    while (socket?.readyState === WebSocket.OPEN && unsent.length > 0) {
      const id = unsent.shift()!;
      const call = pending.get(id);
      if (call) {
        socket.send(call.frame);
        call.sent = true;
      }
    }
  };

  const connect = () => {
    if (!token) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(
      `${scheme}://${location.host}${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    );
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState({ status: 'open' });
      flush();
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as SocketMessage;
      if (message.type === 'result') {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        eventListeners.get(message.name)?.forEach((listener) => listener(message.payload));
      } else {
        console.error('the host could not read a message:', message.message);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      // A call already sent may or may not have been carried out; repeating it could create a
      // deal twice, so it fails with a message that says so. Calls not sent yet wait.
      for (const [id, call] of pending) {
        if (!call.sent) continue;
        call.resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message:
              'the connection to the app was lost before it answered; check whether the change was saved',
          },
        });
        pending.delete(id);
      }
      void probeAndRetry();
    };
  };

  const probeAndRetry = async () => {
    // A WebSocket does not say why it was refused; ask the host whether our token is still good.
    try {
      const res = await fetch(`${SOCKET_PATH}/session`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.status === 401) {
        setState({ status: 'unauthorized' });
        for (const call of pending.values()) {
          call.resolve({
            ok: false,
            error: { code: 'unauthorized', message: 'this browser session has expired' },
          });
        }
        pending.clear();
        unsent.length = 0;
        return;
      }
    } catch {
      // The host is down: retry below.
    }
    attempt += 1;
    setState({ status: 'reconnecting', attempt });
    setTimeout(connect, Math.min(MAX_BACKOFF_MS, 250 * 2 ** (attempt - 1)));
  };

  connect();

  return {
    kind: 'browser',
    call(method, input) {
      if (state.status === 'unauthorized') {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unauthorized',
            message: 'open the link printed by `cockpit web` to use the app',
          },
        });
      }
      const id = nextId++;
      const frame = JSON.stringify({ type: 'call', id, method, input });
      return new Promise<CallResult>((resolve) => {
        const open = socket?.readyState === WebSocket.OPEN;
        pending.set(id, { resolve, frame, sent: open });
        if (open) socket!.send(frame);
        else unsent.push(id);
      });
    },
    on(event, listener) {
      let set = eventListeners.get(event);
      if (!set) {
        set = new Set();
        eventListeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    subscribeConnection(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    connection: () => state,
  };
}
