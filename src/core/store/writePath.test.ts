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
    const row = store.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ name: 'Acme GmbH', domain: 'acme.example', employees: 120 });

    const logged = ops(store, id);
    expect(logged.map((o) => o.col).sort()).toEqual(['created_at', 'domain', 'employees', 'name']);
    expect(logged.map((o) => o.seq)).toEqual([seqBefore + 1, seqBefore + 2, seqBefore + 3, seqBefore + 4]);
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

    const changed = store.write((w) => w.update('accounts', id, { name: 'Acme', industry: 'Logistics' }));
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
    expect(store.db.prepare(`SELECT count(*) AS n FROM accounts WHERE name = 'Half-written'`).get()).toEqual({ n: 0 });
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
    expect(changes).toEqual([{ tables: ['accounts', 'deals', 'notes'] }]);
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

  it('appends large writes completely, across multi-row statements', () => {
    const store = openStore();
    const before = ops(store).length;
    store.write((w) => {
      for (let i = 0; i < 2_345; i++) w.insert('notes', { body: `note ${i}`, author_id: null });
    });
    const all = ops(store);
    expect(all).toHaveLength(before + 2_345 * 3);
    const seqs = all.map((o) => o.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    store.close();
  });

  it('names an unknown column instead of writing it', () => {
    const store = openStore();
    expect(() => store.write((w) => w.insert('deals', { titel: 'typo' }))).toThrow(
      'deals has no column titel that the write path may set',
    );
    expect(() => store.write((w) => w.update('deals', 'nope', { updated_at: 1 }))).toThrow(/updated_at/);
    store.close();
  });
});

describe('no other code path may write synced tables', () => {
  it('the database itself refuses direct writes to every synced table and the op log', () => {
    const store = openStore();
    const id = store.write((w) => w.insert('deals', { title: 'Guarded' }));
    // Row triggers fire only for rows that exist: give every table one.
    store.write((w) => SYNCED_TABLES.forEach((table) => w.insert(table, {})));
    const opsBefore = ops(store).length;
    for (const table of SYNCED_TABLES) {
      expect(() => store.db.prepare(`INSERT INTO ${table} (id) VALUES ('x')`).run(), table).toThrow(
        `${table} is a synced table: change it through the write path`,
      );
      expect(() => store.db.prepare(`UPDATE ${table} SET deleted_at = 1`).run(), table).toThrow(
        /write path/,
      );
      expect(() => store.db.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/write path/);
    }
    expect(() => store.db.prepare(`DELETE FROM sync_ops`).run()).toThrow(/write path/);
    expect(() => store.db.prepare(`UPDATE sync_row_clock SET clock = '{}'`).run()).toThrow(/write path/);
    expect(store.db.prepare('SELECT title, deleted_at FROM deals WHERE id = ?').get(id)).toEqual({
      title: 'Guarded',
      deleted_at: null,
    });
    expect(ops(store)).toHaveLength(opsBefore);
    store.close();
  });

  it('another program opening the file cannot write synced tables either', () => {
    const path = tempDbPath();
    Store.open({ path }).close();
    const raw = new Database(path);
    expect(() => raw.prepare(`INSERT INTO deals (id) VALUES ('x')`).run()).toThrow(
      /no such function: cockpit_write_path_open/,
    );
    raw.close();
  });

  it('no source file outside the write path contains SQL that writes a synced table', () => {
    const root = join(import.meta.dirname, '..', '..');
    const writeSql = new RegExp(
      String.raw`\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["\x60]?(?:${SYNCED_TABLES.join('|')})\b`,
      'i',
    );
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !name.includes('.test.')) {
          const source = readFileSync(path, 'utf8');
          if (writeSql.test(source)) offenders.push(relative(root, path));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
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
    expect(again.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    again.close();
  });
});
