import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src/core';
import { startHost, RendererNotBuiltError, type RunningHost } from '../../src/host/host';
import type { SocketMessage } from '../../src/shared/contract';
import { tempDbPath, tempDir } from '../helpers/tempDir';

let running: { host: RunningHost; core: Core } | undefined;

afterEach(async () => {
  await running?.host.close();
  running?.core.close();
  running = undefined;
});

async function start() {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lifecycle Cockpit</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'index-C0ffee42.js'), 'export {};');
  const core = createCore({ dbPath: tempDbPath() });
  const host = await startHost({ core, rendererDir, port: 0 });
  running = { host, core };
  return running;
}

/** Open a socket and resolve once it is open, or reject with the HTTP status that refused it. */
function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function next(socket: WebSocket, predicate: (m: SocketMessage) => boolean): Promise<SocketMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as SocketMessage;
      if (predicate(message)) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
  });
}

async function call(socket: WebSocket, id: number, method: string, input?: unknown) {
  const reply = next(socket, (m) => m.type === 'result' && m.id === id);
  socket.send(JSON.stringify({ type: 'call', id, method, input }));
  return reply;
}

const socketUrl = (host: RunningHost, token = host.token) =>
  `ws://127.0.0.1:${host.port}/api?token=${encodeURIComponent(token)}`;

describe('browser host', () => {
  it('serves the renderer with a strict CSP, on loopback only', async () => {
    const { host } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const res = await fetch(host.origin + '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Lifecycle Cockpit');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The page is checked on every load; hashed assets are kept.
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(host.origin + '/assets/index-C0ffee42.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await expect(
      startHost({ core: running!.core, rendererDir: '.', host: '0.0.0.0' }),
    ).rejects.toThrow(/only listens on this machine/);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const { host } = await start();
    const res = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) => {
        request(
          { port: host.port, host: '127.0.0.1', path: '/', headers: { host: 'evil.example' } },
          (r) => resolve(r.statusCode ?? 0),
        ).end();
      });
    });
    expect(res).toBe(403);
  });

  it('carries the contract over a WebSocket: calls, named errors and live events', async () => {
    const { host } = await start();
    const socket = await connect(socketUrl(host), host.origin);

    const setup = await call(socket, 1, 'team.setup', {
      teamName: 'Northwind',
      userName: 'Rita',
      email: 'rita@northwind.example',
      currency: 'EUR',
    });
    expect(setup).toMatchObject({ type: 'result', id: 1, result: { ok: true } });

    const changed = next(socket, (m) => m.type === 'event');
    const created = await call(socket, 2, 'deals.create', {
      title: 'Initech — Pilot',
      valueMinor: 500_000,
    });
    expect(created).toMatchObject({
      result: { ok: true, value: { title: 'Initech — Pilot', currency: 'EUR' } },
    });
    expect(await changed).toEqual({
      type: 'event',
      name: 'data.changed',
      payload: { tables: ['deals', 'stage_history'], origin: 'local' },
    });

    const bad = await call(socket, 3, 'deals.create', { title: 'X', valueMinor: -5 });
    expect(bad).toMatchObject({
      result: {
        ok: false,
        error: {
          code: 'invalid_input',
          field: 'valueMinor',
          message: 'deals.create: valueMinor: must not be negative',
        },
      },
    });

    const garbage = next(socket, (m) => m.type === 'protocol_error');
    socket.send('{not json');
    expect(await garbage).toEqual({ type: 'protocol_error', message: 'the message is not JSON' });
    socket.close();
  });

  it('refuses sockets without the token, with a wrong one, or from another origin', async () => {
    const { host } = await start();
    await expect(connect(`ws://127.0.0.1:${host.port}/api`, host.origin)).rejects.toThrow(
      'HTTP 401',
    );
    await expect(connect(socketUrl(host, 'x'.repeat(32)), host.origin)).rejects.toThrow('HTTP 401');
    await expect(connect(socketUrl(host), 'https://evil.example')).rejects.toThrow('HTTP 403');
    const ok = await connect(socketUrl(host), host.origin);
    ok.close();
    // The page asks this after a socket is refused, to tell an expired token from a stopped host.
    const session = (token: string) =>
      fetch(`${host.origin}/api/session`, { headers: { Authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      );
    expect(await session(host.token)).toBe(204);
    expect(await session('wrong')).toBe(401);
  });

  it('closes a socket that sends an oversized frame, and keeps serving others', async () => {
    const { host } = await start();
    const big = await connect(socketUrl(host), host.origin);
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send(
      JSON.stringify({
        type: 'call',
        id: 1,
        method: 'deals.list',
        input: { query: 'x'.repeat(2 * 1024 * 1024) },
      }),
    );
    expect(await closed).toBe(1009); // message too big
    const other = await connect(socketUrl(host), host.origin);
    expect(await call(other, 1, 'stages.list')).toMatchObject({ result: { ok: true } });
    other.close();
  });

  it('says clearly when the app has not been built', async () => {
    const core = createCore({ dbPath: tempDbPath() });
    await expect(startHost({ core, rendererDir: tempDir() })).rejects.toThrow(
      RendererNotBuiltError,
    );
    await expect(startHost({ core, rendererDir: tempDir() })).rejects.toThrow(
      /run `npm run build` first/,
    );
    core.close();
  });
});
