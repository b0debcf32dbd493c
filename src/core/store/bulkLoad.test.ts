import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { Store } from './store';

const indexNames = (store: Store) =>
  store.db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
    )
    .pluck()
    .all() as string[];

describe('bulk loads', () => {
  it('build the indexes again at the end, and the loaded rows are found through them', () => {
    const store = Store.open({ path: tempDbPath() });
    const before = indexNames(store);
    store.bulkLoad(() => {
      expect(indexNames(store).filter((name) => name.startsWith('deals_'))).toEqual([]);
      store.write((w) =>
        w.insertMany(
          'deals',
          Array.from({ length: 500 }, (_, i) => ({ title: `Deal ${i}`, value_minor: i })),
        ),
      );
    });
    expect(indexNames(store)).toEqual(before);
    const plan = store.db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM deals WHERE deleted_at IS NULL ORDER BY value_minor DESC LIMIT 5',
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join()).toContain('deals_value');
    store.close();
  });

  it('survive being killed halfway: the next open restores the indexes', () => {
    const path = tempDbPath();
    Store.open({ path }).close();
    const script = `
      import { Store } from ${JSON.stringify(join(import.meta.dirname, 'store.ts'))};
      const store = Store.open({ path: ${JSON.stringify(path)} });
      store.bulkLoad(() => {
        store.write((w) => w.insert('deals', { title: 'Half a load' }));
        process.exit(9); // the power goes out: no finally runs
      });`;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(9);
    const store = Store.open({ path });
    expect(indexNames(store)).toContain('deals_value');
    expect(indexNames(store)).toContain('stage_history_deal');
    expect(store.db.prepare(`SELECT title FROM deals`).pluck().all()).toEqual(['Half a load']);
    store.close();
  });
});

describe('local derived tables', () => {
  it('are written through store.local, which refuses any other table', () => {
    const store = Store.open({ path: tempDbPath() });
    store.local((w) => w.run('INSERT INTO search_docs (kind, ref) VALUES (?, ?)', 'deal', 'x'));
    expect(() => store.local((w) => w.run(`UPDATE deals SET title = 'sneaky'`))).toThrow(
      /store.local writes only search_docs, search_index, deal_sort; refused/,
    );
    expect(() =>
      store.local((w) => w.run(`INSERT INTO sync_changes (device) VALUES ('x')`)),
    ).toThrow(/refused/);
    store.close();
  });
});
