import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { parseHlc } from '../../shared/hlc';
import { LATEST_SCHEMA_VERSION, SchemaTooNewError } from './migrations';
import { Store } from './store';
import { SYNCED_TABLES } from './syncedTables';
import type { CommittedChange } from './writePath';

interface OpRow {
  device: string;
  seq: number;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: unknown;
  prev_hlc: string | null;
  schema_v: number;
}

function ops(store: Store, rowId?: string): OpRow[] {
  const sql = rowId
    ? 'SELECT * FROM sync_ops WHERE row_id = ? ORDER BY seq'
    : 'SELECT * FROM sync_ops ORDER BY seq';
  return (rowId ? store.db.prepare(sql).all(rowId) : store.db.prepare(sql).all()) as OpRow[];
}

function openStore(path = tempDbPath(), onCommit?: (c: CommittedChange) => void) {
  return Store.open({ path, onCommit });
}

describe('the write path', () => {
  it('writes the row and one op per field in the same transaction', () => {
    const store = openStore();
    const seqBefore = store.lastSeq;
    const id = store.write((w) =>
      w.insert('accounts', { name: 'Acme GmbH', domain: 'acme.example', employees: 120 }),
    );
    const row = store.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ name: 'Acme GmbH', domain: 'acme.example', employees: 120 });

    const logged = ops(store, id);
    expect(logged.map((o) => o.col).sort()).toEqual(['created_at', 'domain', 'employees', 'name']);
    expect(logged.map((o) => o.seq)).toEqual([
      seqBefore + 1,
      seqBefore + 2,
      seqBefore + 3,
      seqBefore + 4,
    ]);
    expect(new Set(logged.map((o) => o.hlc)).size).toBe(1);
    for (const op of logged) {
      expect(op).toMatchObject({ device: store.deviceId, tbl: 'accounts', prev_hlc: null });
      expect(op.schema_v).toBe(LATEST_SCHEMA_VERSION);
      expect(op.value).toEqual(row[op.col]);
    }
    expect(row.updated_at).toBe(parseHlc(logged[0]!.hlc).wall);
    store.close();
  });

  it('logs only the fields an update changed, each with the clock it overwrote', () => {
    const store = openStore();
    const id = store.write((w) => w.insert('accounts', { name: 'Acme', industry: 'Retail' }));
    const insertHlc = ops(store, id)[0]!.hlc;

    const changed = store.write((w) =>
      w.update('accounts', id, { name: 'Acme', industry: 'Logistics' }),
    );
    expect(changed).toEqual(['industry']);
    const [first] = ops(store, id).filter((o) => o.col === 'industry' && o.value === 'Logistics');
    expect(first).toMatchObject({ prev_hlc: insertHlc });

    store.write((w) => w.update('accounts', id, { industry: 'Freight' }));
    const second = ops(store, id).find((o) => o.value === 'Freight')!;
    expect(second.prev_hlc).toBe(first!.hlc);
    expect(second.hlc > first!.hlc).toBe(true);

    // An update that changes nothing writes nothing.
    const before = ops(store).length;
    expect(store.write((w) => w.update('accounts', id, { industry: 'Freight' }))).toEqual([]);
    expect(ops(store)).toHaveLength(before);
    store.close();
  });

  it('deletes with a tombstone op, not by removing the row', () => {
    const store = openStore();
    const id = store.write((w) => w.insert('notes', { body: 'Call back after the board meeting' }));
    store.write((w) => w.remove('notes', id));
    const row = store.db.prepare('SELECT deleted_at FROM notes WHERE id = ?').get(id) as {
      deleted_at: number | null;
    };
    expect(row.deleted_at).toBeGreaterThan(0);
    expect(ops(store, id).at(-1)).toMatchObject({ col: 'deleted_at', value: row.deleted_at });
    store.close();
  });

  it('keeps nothing of a write that throws: no row, no op, no event, seq unchanged', () => {
    const changes: CommittedChange[] = [];
    const store = openStore(tempDbPath(), (c) => changes.push(c));
    const seqBefore = store.lastSeq;
    const opsBefore = ops(store).length;
    changes.length = 0;
    expect(() =>
      store.write((w) => {
        w.insert('accounts', { name: 'Half-written' });
        throw new Error('the network dropped mid-import');
      }),
    ).toThrow('the network dropped mid-import');
    expect(
      store.db.prepare(`SELECT count(*) AS n FROM accounts WHERE name = 'Half-written'`).get(),
    ).toEqual({ n: 0 });
    expect(ops(store)).toHaveLength(opsBefore);
    expect(store.lastSeq).toBe(seqBefore);
    expect(changes).toEqual([]);

    store.write((w) => w.insert('accounts', { name: 'Next' }));
    expect(ops(store).at(-1)!.seq).toBe(seqBefore + 2);
    store.close();
  });

  it('reports a committed change once, after the commit, with the tables it touched', () => {
    let seenInside: number | undefined;
    const changes: CommittedChange[] = [];
    const store = openStore(tempDbPath(), (c) => {
      // The listener must see committed data, visible to other readers.
      seenInside = (store.db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n;
      changes.push(c);
    });
    store.write((w) => {
      const accountId = w.insert('accounts', { name: 'Globex' });
      w.insert('deals', { title: 'Globex renewal', account_id: accountId });
      // A nested write joins the outer transaction.
      store.write((inner) => inner.insert('notes', { body: 'nested' }));
    });
    expect(changes).toEqual([{ tables: ['accounts', 'deals', 'notes'], origin: 'local' }]);
    expect(seenInside).toBe(1);
    store.close();
  });

  it('continues the seq and the clock after a restart, even if the wall clock went back', () => {
    const path = tempDbPath();
    let wall = 2_000_000_000_000;
    const first = Store.open({ path, now: () => wall });
    first.write((w) => w.insert('accounts', { name: 'Before restart' }));
    const lastBefore = ops(first).at(-1)!;
    first.close();

    wall -= 3_600_000; // the laptop came back an hour behind
    const second = Store.open({ path, now: () => wall });
    expect(second.deviceId).toBe(lastBefore.device);
    second.write((w) => w.insert('accounts', { name: 'After restart' }));
    const next = ops(second).at(-1)!;
    expect(next.seq).toBeGreaterThan(lastBefore.seq);
    expect(next.hlc > lastBefore.hlc).toBe(true);
    second.close();
  });

  it('appends large writes completely, with consecutive seqs', () => {
    const store = openStore();
    const before = ops(store).length;
    store.write((w) => {
      for (let i = 0; i < 2_345; i++) w.insert('notes', { body: `note ${i}`, author_id: null });
    });
    const all = ops(store);
    // body and created_at; a null that the column defaults to anyway is not logged.
    expect(all).toHaveLength(before + 2_345 * 2);
    const seqs = all.map((o) => o.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(store.lastSeq).toBe(seqs.length);
    store.close();
  });

  it('insertMany writes the same rows and ops as inserting one by one', () => {
    const one = openStore();
    const many = openStore();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      deal_id: i % 3 === 0 ? null : 'd',
      body: `line ${i} with "quotes" and \\ backslashes`,
      created_at: 1_000 + i,
    }));
    one.write((w) => rows.forEach((row) => w.insert('notes', row)));
    many.write((w) => w.insertMany('notes', rows));
    const table = (s: Store) =>
      s.db.prepare('SELECT id, deal_id, body, created_at FROM notes ORDER BY id').all();
    expect(table(many)).toEqual(table(one));
    const fieldOps = (s: Store) =>
      ops(s)
        .map((o) => [o.row_id, o.col, o.value, o.prev_hlc])
        .sort(
          (a, b) =>
            String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])),
        );
    expect(fieldOps(many)).toEqual(fieldOps(one));
    expect(many.lastSeq).toBe(one.lastSeq);
    expect(() =>
      many.write((w) => w.insertMany('notes', [{ body: 'a' }, { body: 'b', titel: 'x' }])),
    ).toThrow('every row must have the fields of the first; titel is extra');
    one.close();
    many.close();
  });

  it('names an unknown column instead of writing it', () => {
    const store = openStore();
    expect(() => store.write((w) => w.insert('deals', { titel: 'typo' }))).toThrow(
      'deals has no column titel that the write path may set',
    );
    expect(() => store.write((w) => w.update('deals', 'nope', { updated_at: 1 }))).toThrow(
      /updated_at/,
    );
    store.close();
  });
});

describe('no other code path may write synced tables', () => {
  it('the connection every feature reads through refuses to write', () => {
    const store = openStore();
    const id = store.write((w) => w.insert('deals', { title: 'Guarded' }));
    const opsBefore = ops(store).length;
    for (const table of [...SYNCED_TABLES, 'sync_changes']) {
      expect(() => store.db.prepare(`INSERT INTO ${table} DEFAULT VALUES`).run(), table).toThrow(
        'attempt to write a readonly database',
      );
      expect(() => store.db.prepare(`UPDATE ${table} SET rowid = rowid`).run(), table).toThrow(
        /readonly/,
      );
      expect(() => store.db.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/readonly/);
    }
    expect(() => store.db.exec(`UPDATE deals SET title = 'sneaky'`)).toThrow(/readonly/);
    expect(store.db.prepare('SELECT title, deleted_at FROM deals WHERE id = ?').get(id)).toEqual({
      title: 'Guarded',
      deleted_at: null,
    });
    expect(ops(store)).toHaveLength(opsBefore);
    store.close();
  });

  it('the writer reads inside its transaction but will not run a write of its own', () => {
    const store = openStore();
    store.write((w) => {
      const id = w.insert('accounts', { name: 'Uncommitted' });
      // The read-only connection sees committed data only; the writer sees its own writes.
      expect(store.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(id)).toBeUndefined();
      expect(w.get('SELECT name FROM accounts WHERE id = ?', id)).toEqual({ name: 'Uncommitted' });
      expect(() => w.all(`DELETE FROM accounts`)).toThrow(/only read/);
    });
    const writer = store.write((w) => w);
    expect(() => writer.insert('accounts', { name: 'Late' })).toThrow(
      'use the writer only inside store.write',
    );
    store.close();
  });

  const src = join(import.meta.dirname, '..', '..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
    });

  it('only the store opens a SQLite connection to the database', () => {
    const files = sources(src).map((path) => ({
      path: relative(src, path),
      text: readFileSync(path, 'utf8'),
    }));
    // The sync server keeps its own file (users, tokens, entries as they arrived): no device's
    // database, and nothing of the store's.
    expect(files.filter((f) => /new Database\(/.test(f.text)).map((f) => f.path)).toEqual([
      'core/store/store.ts',
      'server/storage/sqlite.ts',
    ]);
    const importers = files.filter((f) => /from 'better-sqlite3'/.test(f.text)).map((f) => f.path);
    expect(
      importers.filter(
        (path) => !path.startsWith('core/store/') && path !== 'server/storage/sqlite.ts',
      ),
    ).toEqual([]);
    expect(
      files.filter((f) => f.path.startsWith('server/storage/') && /core\/store/.test(f.text)),
    ).toEqual([]);
  });

  it('no source file outside the store contains SQL that writes a synced table', () => {
    const writeSql = new RegExp(
      String.raw`\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["\x60]?(?:${[...SYNCED_TABLES, 'sync_changes'].join('|')})\b`,
      'i',
    );
    const offenders = sources(src)
      .filter((path) => !path.includes(join('core', 'store')))
      // The server's own database has a `users` table of its own (accounts and tokens).
      .filter((path) => !path.includes(join('server', 'storage')))
      .filter((path) => writeSql.test(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(src, path))).toEqual([]);
  });
});

describe('migrations', () => {
  it('refuses a database from a newer app and leaves the file as it was', () => {
    const path = tempDbPath();
    Store.open({ path }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => Store.open({ path })).toThrow(SchemaTooNewError);
    expect(() => Store.open({ path })).toThrow(/written by a newer Lifecycle Cockpit/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('opens an existing file without re-running migrations and keeps its data', () => {
    const path = tempDbPath();
    const first = Store.open({ path });
    first.write((w) => w.insert('accounts', { name: 'Kept' }));
    first.close();
    const again = Store.open({ path });
    expect(again.db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'Kept' }]);
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });
});

describe('two processes on one file', () => {
  it('a second writer (the CLI while the app runs) does not reuse the first one’s seqs', () => {
    const path = tempDbPath();
    const app = Store.open({ path });
    const cli = Store.open({ path });
    app.write((w) => w.insert('accounts', { name: 'From the app' }));
    cli.write((w) => w.insert('accounts', { name: 'From the CLI' }));
    app.write((w) => w.insert('accounts', { name: 'From the app again' }));
    const seqs = (
      app.db.prepare('SELECT seq, last_seq FROM sync_changes ORDER BY seq').all() as {
        seq: number;
        last_seq: number;
      }[]
    ).map((r) => [r.seq, r.last_seq]);
    // Contiguous, no seq twice.
    seqs.forEach(([seq], i) => expect(seq).toBe(i === 0 ? 1 : seqs[i - 1]![1]! + 1));
    expect(app.lastSeq).toBe(seqs.at(-1)![1]);
    app.close();
    cli.close();
  });
});
