import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/core';
import { HttpTransport } from '../../src/core/sync/httpTransport';
import { formatHlc } from '../../src/shared/hlc';
import type { WireEntry } from '../../src/shared/serverApi';
import { buildServer } from '../../src/server/app';
import { SqliteStorage } from '../../src/server/storage/sqlite';
import { newToken } from '../../src/server/tokens';
import { COCKPIT, ROOT } from '../helpers/cli';
import { median, percentile, print } from './stats';

async function startServer(dir: string, name: string) {
  const storage = new SqliteStorage(join(dir, `server-${name}`));
  await storage.migrate();
  const app = await buildServer({ storage, requestsPerMinute: 1_000_000 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { token, stored } = newToken();
  await storage.addUser({
    name: 'Admin',
    email: 'admin@bench.example',
    role: 'admin',
    tokenHash: stored,
  });
  return { url, token, storage, close: () => app.close() };
}

const deviceId = () => randomBytes(8).toString('hex');

/** `count` one-op entries of a device, from seq `from`. */
function entries(device: string, from: number, count: number): WireEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    device,
    seq: from + i,
    lastSeq: from + i,
    hlc: formatHlc({ wall: Date.now(), counter: i % 65_536, device }),
    table: 'notes',
    changes: [[`${device}-${from + i}`, { body: `note ${from + i}` }]],
    schemaV: 3,
  }));
}

/** A change on A in B's store through the server, both following its live stream. */
async function liveLatency(dir: string): Promise<void> {
  const server = await startServer(dir, 'live');
  const cores: Core[] = [];
  try {
    for (const name of ['a', 'b']) {
      const core = createCore({ dbPath: join(dir, `live-${name}.db`) });
      cores.push(core);
      await core.call('sync.connectServer', { url: server.url, token: server.token });
    }
    const [a, b] = cores as [Core, Core];
    const deal = await a.call('deals.create', { title: 'Live' });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const title = `Live ${i}`;
      const seen = new Promise<number>((resolve) => {
        const off = b.events.on('data.changed', ({ origin }) => {
          const row = b.store.db.prepare('SELECT title FROM deals WHERE id = ?').get(deal.id) as
            { title: string } | undefined;
          if (origin === 'remote' && row?.title === title) {
            off();
            resolve(performance.now());
          }
        });
      });
      const started = performance.now();
      await a.call('deals.update', { id: deal.id, patch: { title } });
      times.push((await seen) - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    print({
      name: 'live latency through the server: an edit on A in B’s store (p95)',
      value: percentile(times, 95),
      unit: 'ms',
      target: 250,
      runs: times.length,
      note: `median ${Math.round(median(times))} ms; both laptops on the live stream`,
    });
  } finally {
    for (const core of cores) {
      await core.sync.close();
      core.close();
    }
    await server.close();
  }
}

/**
 * 200 devices pushing and pulling at once for a while, against `cockpit server` in its own
 * process (as it runs for a team), each device with its own token; every op arrives.
 */
async function manyDevices(dir: string): Promise<void> {
  const data = join(dir, 'server-load');
  const storage = new SqliteStorage(data);
  await storage.migrate();
  const devices = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const { token, stored } = newToken();
      await storage.addUser({
        name: `Rep ${i}`,
        email: `rep${i}@bench.example`,
        role: 'admin',
        tokenHash: stored,
      });
      return { id: deviceId(), token };
    }),
  );
  await storage.close();
  const child = spawn(process.execPath, [COCKPIT, 'server', '--data', data, '--port', '0'], {
    cwd: ROOT,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /server on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) =>
        reject(new Error(`cockpit server exited with ${code}: ${output}`)),
      );
    });
    const pushes: number[] = [];
    const rounds = 10;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1_000));
    // Each device pushes about once a second for ten seconds, at its own moments: 200 pushes
    // and 200 pulls a second for the server, a very busy team.
    const cursors = devices.map(() => 0);
    await Promise.all(
      devices.map(async ({ id, token }, i) => {
        const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
        let cursor = 0;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_000));
        for (let round = 0; round < rounds; round++) {
          await pause();
          const started = performance.now();
          const response = await fetch(`${url}/v1/ops`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ device: id, entries: entries(id, round * 5 + 1, 5) }),
          });
          if (!response.ok)
            throw new Error(`push failed: ${response.status} ${await response.text()}`);
          pushes.push(performance.now() - started);
          // Read as a device would, but without parsing: one process plays 200 devices here,
          // and its JSON parsing would otherwise be what is measured.
          const text = await (
            await fetch(`${url}/v1/ops?after=${cursor}&limit=500`, { headers })
          ).text();
          cursor = Number(/"next":(\d+)/.exec(text.slice(text.lastIndexOf('"next":')))![1]);
          cursors[i] = cursor;
        }
      }),
    );
    const health = (await (await fetch(`${url}/v1/health`)).json()) as { serverSeq: number };
    if (health.serverSeq !== devices.length * rounds * 5) {
      throw new Error(`${health.serverSeq} of ${devices.length * rounds * 5} entries arrived`);
    }
    // And everywhere: every device reads on to the end of the log.
    await Promise.all(
      devices.map(async ({ token }, i) => {
        let cursor = cursors[i]!;
        for (let page = 0; page < 100; page++) {
          const text = await (
            await fetch(`${url}/v1/ops?after=${cursor}`, {
              headers: { Authorization: `Bearer ${token}` },
            })
          ).text();
          cursor = Number(/"next":(\d+)/.exec(text.slice(text.lastIndexOf('"next":')))![1]);
          if (text.endsWith('"more":false}')) break;
        }
        if (cursor !== health.serverSeq)
          throw new Error(`a device read to ${cursor} of ${health.serverSeq}`);
      }),
    );
    print({
      name: '200 devices pushing and pulling for 10 s: push latency (p99)',
      value: percentile(pushes, 99),
      unit: 'ms',
      target: 100,
      runs: pushes.length,
      note: `p50 ${Math.round(percentile(pushes, 50))} ms; ${(devices.length * rounds * 5).toLocaleString('en-US')} entries, every one on the server and read by every device; cockpit server in its own process`,
    });
  } finally {
    child.kill('SIGTERM');
  }
}

/** A new device pulls a long history from the server. */
async function pullThroughput(dir: string): Promise<void> {
  const server = await startServer(dir, 'pull');
  try {
    const ops = 200_000;
    const devices = Array.from({ length: 20 }, deviceId);
    for (const device of devices) {
      for (let from = 1; from <= ops / devices.length; from += 2_000) {
        await server.storage.push('bench', device, entries(device, from, 2_000), () =>
          Promise.resolve(null),
        );
      }
    }
    const transport = new HttpTransport(server.url, server.token);
    const rates: number[] = [];
    for (let run = 0; run < 3; run++) {
      let cursor: string | null = null;
      let received = 0;
      const started = performance.now();
      for (;;) {
        const page = await transport.pull(deviceId(), {}, 5_000, cursor);
        received += page.entries.length;
        cursor = page.cursor ?? null;
        if (!page.more) break;
      }
      if (received !== ops) throw new Error(`pulled ${received} of ${ops} ops`);
      rates.push(ops / ((performance.now() - started) / 1000));
    }
    await transport.close();
    print({
      name: 'pull throughput for a new device (200,000 ops over HTTP, checked)',
      value: median(rates),
      unit: 'ops/s',
      atLeast: 200_000,
      runs: 3,
    });
  } finally {
    await server.close();
  }
}

export async function serverBench(dir: string): Promise<void> {
  await liveLatency(dir);
  await manyDevices(dir);
  await pullThroughput(dir);
}
