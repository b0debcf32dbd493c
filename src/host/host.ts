import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core';
import {
  MAX_SOCKET_MESSAGE_BYTES,
  SOCKET_PATH,
  TOKEN_PARAM,
  type SocketCall,
  type SocketMessage,
} from '../shared/contract';
import { CONTENT_SECURITY_POLICY, FRAME_ANCESTORS } from '../shared/csp';

export interface HostOptions {
  core: Core;
  /** The built renderer (`out/renderer`), with its index.html. */
  rendererDir: string;
  port?: number;
  host?: string;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface RunningHost {
  /** The address to open, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class RendererNotBuiltError extends Error {
  constructor(dir: string) {
    super(`the app is not built yet (no index.html in ${dir}): run \`npm run build\` first`);
    this.name = 'RendererNotBuiltError';
  }
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(socket: WebSocket, message: SocketMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function parseCall(data: string): SocketCall | string {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return 'the message is not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'the message must be a JSON object';
  const call = value as Partial<SocketCall>;
  if (call.type !== 'call') return 'the message type must be "call"';
  if (typeof call.id !== 'number' || !Number.isSafeInteger(call.id))
    return 'the call needs a numeric id';
  if (typeof call.method !== 'string') return 'the call needs a method name';
  return call as SocketCall;
}

/**
 * Runs the core outside Electron: serves the built renderer and carries the contract over a
 * WebSocket, on loopback only, behind a per-run token. Requests whose Host header is not this
 * server are refused (DNS rebinding), and so are sockets opened by other origins.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const hostname = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(hostname)) {
    throw new Error(
      `the browser host only listens on this machine (127.0.0.1), not on ${hostname}`,
    );
  }
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new RendererNotBuiltError(options.rendererDir);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let port = options.port ?? 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const allowedOrigins = () => new Set([...allowedHosts()].map((h) => `http://${h}`));

  const serveStatic = sirv(options.rendererDir, {
    etag: true,
    setHeaders(res, pathname) {
      // Built assets carry their content hash in their name: they never change, so the browser
      // need not ask again. The page itself is checked on every load.
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      res.setHeader('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; ${FRAME_ANCESTORS}`);
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    },
  });

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('unknown host');
      return;
    }
    if (req.url === `${SOCKET_PATH}/session`) {
      // Lets the page tell "the host is down" from "my token is no longer valid".
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
      res.writeHead(sameSecret(given, token) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' })
        .end('method not allowed');
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== SOCKET_PATH) return refuse(404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(403, 'Forbidden');
    if (!allowedOrigins().has(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
    if (!sameSecret(url.searchParams.get(TOKEN_PARAM), token)) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      const call = isBinary
        ? 'binary frames are not part of the protocol'
        : parseCall(data.toString());
      if (typeof call === 'string') {
        send(ws, { type: 'protocol_error', message: call });
        return;
      }
      void core.handle(call.method, call.input).then((result) => {
        send(ws, { type: 'result', id: call.id, result });
      });
    });
    ws.on('error', () => ws.terminate());
  });

  const stopForwarding = core.events.onAny((name, payload) => {
    const frame = JSON.stringify({ type: 'event', name, payload } satisfies SocketMessage);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${hostname === '::1' ? '[::1]' : hostname}:${port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    origin,
    token,
    port,
    async close() {
      stopForwarding();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where `npm run build` puts the renderer, relative to this file in the repository. */
export function defaultRendererDir(): string {
  return join(import.meta.dirname, '..', '..', 'out', 'renderer');
}
