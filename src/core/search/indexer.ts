import type { LocalWriter, Store } from '../store/store';

/**
 * The full-text index (FTS5) over deals, accounts, contacts and notes is derived data: it follows
 * the op log from a cursor instead of being written inside every transaction, so bulk writes (an
 * import, a first sync, the demo seed) stay fast. Small changes are indexed right after they
 * commit; a search first catches up, so it never misses what was just written.
 */

type IndexedTable = 'deals' | 'accounts' | 'contacts' | 'notes';
const KIND: Record<IndexedTable, string> = {
  deals: 'deal',
  accounts: 'account',
  contacts: 'contact',
  notes: 'note',
};
const CURSOR_KEY = 'search_cursor';
/** Past this many unindexed log rows, rebuilding from the tables beats replaying the log. */
const REBUILD_THRESHOLD = 5_000;

/** Each kind's document: the title (weighted higher) and the detail that is also searched. */
const DOCUMENT_SQL: Record<IndexedTable, string> = {
  deals: `SELECT d.id AS ref, d.deleted_at AS deleted, d.title AS title,
            trim(coalesce(a.name, '') || ' ' || coalesce(c.first_name || ' ' || c.last_name, '')) AS detail
            FROM deals d
            LEFT JOIN accounts a ON a.id = d.account_id
            LEFT JOIN contacts c ON c.id = d.contact_id`,
  accounts: `SELECT a.id AS ref, a.deleted_at AS deleted, a.name AS title,
               trim(coalesce(a.domain, '') || ' ' || coalesce(a.industry, '') || ' ' || coalesce(a.city, '')) AS detail
               FROM accounts a`,
  contacts: `SELECT c.id AS ref, c.deleted_at AS deleted, trim(c.first_name || ' ' || c.last_name) AS title,
               trim(coalesce(c.email, '') || ' ' || coalesce(c.title, '') || ' ' || coalesce(a.name, '')) AS detail
               FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id`,
  notes: `SELECT n.id AS ref, n.deleted_at AS deleted, '' AS title, n.body AS detail FROM notes n`,
};
const ID_COLUMN: Record<IndexedTable, string> = {
  deals: 'd.id',
  accounts: 'a.id',
  contacts: 'c.id',
  notes: 'n.id',
};

function isIndexed(table: string): table is IndexedTable {
  return table in KIND;
}

export class SearchIndexer {
  constructor(private readonly store: Store) {}

  /** Log rows not indexed yet. */
  backlog(): number {
    const cursor = Number(this.store.localSetting(CURSOR_KEY) ?? 0);
    return (
      this.store.prepare('SELECT count(*) AS n FROM sync_changes WHERE rowid > ?').get(cursor) as {
        n: number;
      }
    ).n;
  }

  /**
   * Index what the log holds past the cursor. With `maxLogRows`, stop after that many (the caller
   * yields and comes back); returns how many it processed.
   */
  catchUp(maxLogRows = Number.POSITIVE_INFINITY): number {
    const cursor = Number(this.store.localSetting(CURSOR_KEY) ?? 0);
    if (maxLogRows === Number.POSITIVE_INFINITY && this.backlogAbove(cursor, REBUILD_THRESHOLD)) {
      return this.rebuild();
    }
    const limit = Math.min(maxLogRows, 1_000);
    const rows = this.store
      .prepare(
        'SELECT rowid, tbl, changes FROM sync_changes WHERE rowid > ? ORDER BY rowid LIMIT ?',
      )
      .all(cursor, limit) as { rowid: number; tbl: string; changes: string }[];
    if (rows.length === 0) return 0;

    const touched: Record<IndexedTable, Set<string>> = {
      deals: new Set(),
      accounts: new Set(),
      contacts: new Set(),
      notes: new Set(),
    };
    const renamedAccounts = new Set<string>();
    const renamedContacts = new Set<string>();
    for (const row of rows) {
      if (!isIndexed(row.tbl)) continue;
      for (const [rowId, ops] of JSON.parse(row.changes) as [string, Record<string, unknown>][]) {
        touched[row.tbl].add(rowId);
        if (row.tbl === 'accounts' && 'name' in ops) renamedAccounts.add(rowId);
        if (row.tbl === 'contacts' && ('first_name' in ops || 'last_name' in ops))
          renamedContacts.add(rowId);
      }
    }
    // Documents that show another record's name follow its renames.
    this.addDependents(
      touched.deals,
      'SELECT id FROM deals WHERE account_id IN (SELECT value FROM json_each(?))',
      renamedAccounts,
    );
    this.addDependents(
      touched.contacts,
      'SELECT id FROM contacts WHERE account_id IN (SELECT value FROM json_each(?))',
      renamedAccounts,
    );
    this.addDependents(
      touched.deals,
      'SELECT id FROM deals WHERE contact_id IN (SELECT value FROM json_each(?))',
      renamedContacts,
    );

    const last = rows[rows.length - 1]!.rowid;
    this.store.local((w) => {
      for (const table of Object.keys(touched) as IndexedTable[]) {
        if (touched[table].size > 0) this.reindex(w, table, [...touched[table]]);
      }
      this.store.setLocalSetting(CURSOR_KEY, String(last));
    });
    return rows.length;
  }

  /** Drop the index and build it again from the tables, in one transaction. */
  rebuild(): number {
    return this.store.local((w) => {
      const last =
        w.get<{ last: number | null }>('SELECT max(rowid) AS last FROM sync_changes')?.last ?? 0;
      w.run('DELETE FROM search_index');
      w.run('DELETE FROM search_docs');
      for (const table of Object.keys(KIND) as IndexedTable[]) {
        w.run(
          `INSERT INTO search_docs (kind, ref)
           SELECT '${KIND[table]}', doc.ref FROM (${DOCUMENT_SQL[table]}) AS doc WHERE doc.deleted IS NULL`,
        );
        w.run(
          `INSERT INTO search_index (rowid, title, detail)
           SELECT s.rowid, doc.title, doc.detail
             FROM (${DOCUMENT_SQL[table]}) AS doc
             JOIN search_docs s ON s.kind = '${KIND[table]}' AND s.ref = doc.ref
            WHERE doc.deleted IS NULL`,
        );
      }
      this.store.setLocalSetting(CURSOR_KEY, String(last));
      return last;
    });
  }

  private backlogAbove(cursor: number, threshold: number): boolean {
    return Boolean(
      this.store
        .prepare('SELECT 1 FROM sync_changes WHERE rowid > ? LIMIT 1 OFFSET ?')
        .get(cursor, threshold),
    );
  }

  private addDependents(into: Set<string>, sql: string, ids: Set<string>): void {
    if (ids.size === 0) return;
    for (const row of this.store.prepare(sql).all(JSON.stringify([...ids])) as { id: string }[])
      into.add(row.id);
  }

  private reindex(w: LocalWriter, table: IndexedTable, ids: string[]): void {
    const kind = KIND[table];
    const docs = w.all<{ ref: string; deleted: number | null; title: string; detail: string }>(
      `${DOCUMENT_SQL[table]} WHERE ${ID_COLUMN[table]} IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ids),
    );
    for (const doc of docs) {
      const existing = w.get<{ rowid: number }>(
        'SELECT rowid FROM search_docs WHERE kind = ? AND ref = ?',
        kind,
        doc.ref,
      );
      if (existing) w.run('DELETE FROM search_index WHERE rowid = ?', existing.rowid);
      if (doc.deleted != null) {
        if (existing) w.run('DELETE FROM search_docs WHERE rowid = ?', existing.rowid);
        continue;
      }
      const rowid =
        existing?.rowid ??
        Number(
          w.run('INSERT INTO search_docs (kind, ref) VALUES (?, ?)', kind, doc.ref).lastInsertRowid,
        );
      w.run(
        'INSERT INTO search_index (rowid, title, detail) VALUES (?, ?, ?)',
        rowid,
        doc.title,
        doc.detail,
      );
    }
  }
}
