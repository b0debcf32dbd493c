import type { LocalWriter, Store } from '../store/store';

/**
 * Derived data that follows the op log from a cursor instead of being written inside every
 * transaction, so bulk writes (an import, a first sync, the demo seed) stay fast:
 * - the full-text index (FTS5) over deals, accounts, contacts and notes;
 * - `deal_sort`, the sort keys of deals that live in other tables (account, contact and owner
 *   names, the stage's place on the board).
 * Small changes are indexed right after they commit; a search or a sort by those keys first
 * catches up, so it never misses what was just written.
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

/** Sorts after any name (U+10FFFF), so deals without one come last in ascending order. */
const LAST = 'char(1114111)';
const SORT_KEYS_SQL = `
  SELECT d.id AS deal_id, d.deleted_at AS deleted,
         coalesce(a.name, ${LAST}) AS account,
         coalesce(nullif(trim(c.first_name || ' ' || c.last_name), ''), ${LAST}) AS contact,
         coalesce(u.name, ${LAST}) AS owner,
         coalesce(p.position * 1000 + st.position, 1e12) AS stage
    FROM deals d
    LEFT JOIN accounts a ON a.id = d.account_id
    LEFT JOIN contacts c ON c.id = d.contact_id
    LEFT JOIN users u ON u.id = d.owner_id
    LEFT JOIN stages st ON st.id = d.stage_id
    LEFT JOIN phases p ON p.id = st.phase_id`;

function isIndexed(table: string): table is IndexedTable {
  return table in KIND;
}

/** The parts a rebuild goes through, one after the other. */
const REBUILD_ORDER = ['deals', 'accounts', 'contacts', 'notes', 'deal_sort'] as const;

export class SearchIndexer {
  private rebuildState: {
    last: number;
    tables: (typeof REBUILD_ORDER)[number][];
    after: string;
  } | null = null;

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
    if (maxLogRows === Number.POSITIVE_INFINITY && this.rebuilding) {
      // Someone needs the index complete now (a search): finish the build first.
      while (this.rebuilding) this.rebuildStep(Number.POSITIVE_INFINITY);
    }
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
    const renamedUsers = new Set<string>();
    const movedStages = new Set<string>();
    for (const row of rows) {
      const changes = JSON.parse(row.changes) as [string, Record<string, unknown>][];
      // The phases' order weighs on every deal's stage key: rare, so rebuild.
      if (row.tbl === 'phases') return (this.rebuild(), rows.length);
      for (const [rowId, ops] of changes) {
        if (row.tbl === 'users' && 'name' in ops) renamedUsers.add(rowId);
        if (row.tbl === 'stages' && ('position' in ops || 'phase_id' in ops))
          movedStages.add(rowId);
        if (!isIndexed(row.tbl)) continue;
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
    // Sort keys also follow owners' names and stages' places.
    const sortOnly = new Set<string>();
    this.addDependents(
      sortOnly,
      'SELECT id FROM deals WHERE owner_id IN (SELECT value FROM json_each(?))',
      renamedUsers,
    );
    this.addDependents(
      sortOnly,
      'SELECT id FROM deals WHERE stage_id IN (SELECT value FROM json_each(?))',
      movedStages,
    );

    const last = rows[rows.length - 1]!.rowid;
    this.store.local((w) => {
      for (const table of Object.keys(touched) as IndexedTable[]) {
        if (touched[table].size > 0) this.reindex(w, table, [...touched[table]]);
      }
      const sortKeys = new Set([...touched.deals, ...sortOnly]);
      if (sortKeys.size > 0) this.resort(w, [...sortKeys]);
      this.store.setLocalSetting(CURSOR_KEY, String(last));
    });
    return rows.length;
  }

  /** Drop the index and build it again from the tables, now, in one go. */
  rebuild(): number {
    this.startRebuild();
    while (this.rebuilding) this.rebuildStep(Number.POSITIVE_INFINITY);
    return 0;
  }

  /** A rebuild is under way (`rebuildStep` until it is done). */
  get rebuilding(): boolean {
    return this.rebuildState !== null;
  }

  /**
   * Start building the index again from the tables, in slices (`rebuildStep`) so the engine
   * keeps answering meanwhile. Changes written during the build are in the log after the point
   * the build starts from, and are replayed once it is done.
   */
  startRebuild(): void {
    this.store.local((w) => {
      const last =
        w.get<{ last: number | null }>('SELECT max(rowid) AS last FROM sync_changes')?.last ?? 0;
      w.run('DELETE FROM search_index');
      w.run('DELETE FROM search_docs');
      w.run('DELETE FROM deal_sort');
      this.rebuildState = { last, tables: [...REBUILD_ORDER], after: '' };
    });
  }

  /** Index the next `maxRows` records of the build; finishes it when nothing is left. */
  rebuildStep(maxRows = 5_000): void {
    const state = this.rebuildState;
    if (!state) return;
    const part = state.tables[0];
    if (part === undefined) {
      this.store.setLocalSetting(CURSOR_KEY, String(state.last));
      this.rebuildState = null;
      return;
    }
    const [table, sql, id] =
      part === 'deal_sort'
        ? (['deals', SORT_KEYS_SQL, 'deal_id'] as const)
        : ([part, DOCUMENT_SQL[part], 'ref'] as const);
    const limit = Number.isFinite(maxRows) ? maxRows : -1;
    this.store.local((w) => {
      // The slice's upper bound, from the table's primary key alone (no joins).
      const upper = w.get<{ upper: string | null }>(
        `SELECT max(id) AS upper FROM (SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ?)`,
        state.after,
        limit,
      )?.upper;
      if (upper == null) {
        state.tables.shift();
        state.after = '';
        return;
      }
      const range = `WHERE doc.${id} > ? AND doc.${id} <= ? AND doc.deleted IS NULL`;
      if (part === 'deal_sort') {
        w.run(
          `INSERT INTO deal_sort (deal_id, account, contact, owner, stage)
           SELECT deal_id, account, contact, owner, stage FROM (${sql}) AS doc ${range}`,
          state.after,
          upper,
        );
      } else {
        const kind = KIND[table as IndexedTable];
        w.run(
          `INSERT INTO search_docs (kind, ref) SELECT '${kind}', doc.ref FROM (${sql}) AS doc ${range}`,
          state.after,
          upper,
        );
        w.run(
          `INSERT INTO search_index (rowid, title, detail)
           SELECT s.rowid, doc.title, doc.detail FROM (${sql}) AS doc
             JOIN search_docs s ON s.kind = '${kind}' AND s.ref = doc.ref ${range}`,
          state.after,
          upper,
        );
      }
      state.after = upper;
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

  private resort(w: LocalWriter, dealIds: string[]): void {
    const rows = w.all<{
      deal_id: string;
      deleted: number | null;
      account: string;
      contact: string;
      owner: string;
      stage: number;
    }>(`${SORT_KEYS_SQL} WHERE d.id IN (SELECT value FROM json_each(?))`, JSON.stringify(dealIds));
    for (const row of rows) {
      if (row.deleted != null) {
        w.run('DELETE FROM deal_sort WHERE deal_id = ?', row.deal_id);
        continue;
      }
      w.run(
        `INSERT INTO deal_sort (deal_id, account, contact, owner, stage) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (deal_id) DO UPDATE SET account = excluded.account, contact = excluded.contact,
           owner = excluded.owner, stage = excluded.stage`,
        row.deal_id,
        row.account,
        row.contact,
        row.owner,
        row.stage,
      );
    }
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
