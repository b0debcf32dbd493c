import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/core';
import { Store } from '../../src/core/store/store';
import { FolderTransport, createWorkspace } from '../../src/core/sync/folder/folderTransport';
import type { ChangeEntry } from '../../src/core/sync/types';
import { COCKPIT, ROOT } from '../helpers/cli';
import { median, percentile, print } from './stats';

const OPS = 100_000;

/** A log of ~100,000 ops as a device makes them: new deals in batches, then many small edits. */
function makeLog(dir: string): { entries: ChangeEntry[]; ops: number } {
  const store = Store.open({ path: join(dir, 'source.db') });
  const ids = store.write((w) =>
    w.insertMany(
      'deals',
      Array.from({ length: 5_000 }, (_, i) => ({
        title: `Deal ${i}`,
        value_minor: i * 100,
        currency: 'EUR',
        status: 'open',
        next_step: 'Call',
      })),
    ),
  );
  for (let i = 0; store.lastSeq < OPS; i++) {
    store.write((w) => {
      for (let k = 0; k < 10; k++) {
        const id = ids[(i * 10 + k) % ids.length]!;
        w.update('deals', id, { value_minor: i * 10 + k, next_step: `Step ${i}.${k}` });
      }
    });
  }
  const entries = store.ownEntriesAfter(0, Number.MAX_SAFE_INTEGER);
  const ops = store.lastSeq;
  store.close();
  return { entries, ops };
}

/** Raw better-sqlite3: upsert the same number of single values, one transaction. */
function rawUpserts(dir: string, ops: number, run: number): number {
  const db = new Database(join(dir, `raw-${run}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE kv (id TEXT NOT NULL, col TEXT NOT NULL, value ANY, PRIMARY KEY (id, col))',
  );
  const upsert = db.prepare(
    'INSERT INTO kv (id, col, value) VALUES (?, ?, ?) ON CONFLICT (id, col) DO UPDATE SET value = excluded.value',
  );
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < ops; i++) upsert.run(`row-${i % 5_000}`, `col-${i % 7}`, i);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return ops / seconds;
}

function applyThroughput(dir: string): void {
  const { entries, ops } = makeLog(dir);
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const store = Store.open({ path: join(dir, `apply-${run}.db`) });
    const started = performance.now();
    for (let i = 0; i < entries.length; i += 500) store.applyRemote(entries.slice(i, i + 500));
    rates.push(ops / ((performance.now() - started) / 1000));
    store.close();
  }
  const raw = median([0, 1, 2].map((run) => rawUpserts(dir, ops, run)));
  print({
    name: `apply ${ops.toLocaleString('en-US')} remote ops (merge, conflicts check, log, cursors)`,
    value: median(rates),
    unit: 'ops/s',
    atLeast: 100_000,
    runs: 3,
    note: `raw better-sqlite3 upserts of as many values in the same run: ${Math.round(raw).toLocaleString('en-US')} ops/s`,
  });
}

/** A change on A, seen in B's store: both devices watching one folder, as the app runs them. */
async function folderRoundTrip(dir: string): Promise<void> {
  const folder = join(dir, 'workspace');
  mkdirSync(folder);
  const make = (name: string) =>
    createCore({ dbPath: join(dir, `${name}.db`), sync: { autoStart: false } });
  const a = make('a');
  const b = make('b');
  const cores: Core[] = [a, b];
  try {
    await a.call('team.setup', {
      teamName: 'Bench',
      userName: 'A',
      email: 'a@bench.example',
      currency: 'EUR',
    });
    await a.call('sync.createWorkspace', { folder, name: 'Bench' });
    await b.call('sync.joinWorkspace', { folder });
    const deal = await a.call('deals.create', { title: 'Round trip' });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const times: number[] = [];
    // The folder watch does not keep a process alive on its own (the app's window does).
    const keepAlive = setInterval(() => undefined, 1_000);
    for (let i = 0; i < 30; i++) {
      const title = `Round trip ${i}`;
      const seen = new Promise<number>((resolve) => {
        const off = b.events.on('data.changed', ({ origin }) => {
          if (origin !== 'remote') return;
          const row = b.store.db.prepare('SELECT title FROM deals WHERE id = ?').get(deal.id) as
            { title: string } | undefined;
          if (row?.title === title) {
            off();
            resolve(performance.now());
          }
        });
      });
      const started = performance.now();
      await a.call('deals.update', { id: deal.id, patch: { title } });
      times.push((await seen) - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    clearInterval(keepAlive);
    print({
      name: 'folder round trip: an edit on A in B’s store, both watching (p95)',
      value: percentile(times, 95),
      unit: 'ms',
      target: 1_000,
      runs: times.length,
      note: `median ${Math.round(median(times))} ms`,
    });
  } finally {
    for (const core of cores) {
      await core.sync.close();
      core.close();
    }
  }
}

/** A new device starts from a snapshot of about 1,000,000 ops. */
async function bootstrap(dir: string): Promise<void> {
  const source = join(dir, 'big.db');
  const seeded = spawnSync(
    process.execPath,
    [COCKPIT, 'seed', '--db', source, '--deals', '30000', '--seed', '7'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (seeded.status !== 0) throw new Error(`cockpit seed failed:\n${seeded.stderr}`);
  const folder = join(dir, 'snapshot-workspace');
  mkdirSync(folder);
  await createWorkspace(folder, 'Bench');
  const store = Store.open({ path: source });
  const ops = store.lastSeq;
  await new FolderTransport(folder).writeSnapshot(store.snapshot());
  store.close();

  const seconds: number[] = [];
  for (let run = 0; run < 3; run++) {
    const fresh = Store.open({ path: join(dir, `fresh-${run}.db`) });
    const transport = new FolderTransport(folder);
    const started = performance.now();
    const snapshot = await transport.readSnapshot();
    if (!snapshot) throw new Error('the snapshot was not found');
    fresh.applySnapshot(snapshot);
    seconds.push((performance.now() - started) / 1000);
    await transport.close();
    fresh.close();
  }
  print({
    name: `bootstrap a new device from a snapshot of ${ops.toLocaleString('en-US')} ops (read, check, apply)`,
    value: median(seconds),
    unit: 's',
    target: 10,
    runs: 3,
  });
}

export async function syncBench(dir: string): Promise<void> {
  applyThroughput(dir);
  await folderRoundTrip(dir);
  await bootstrap(dir);
}
