import { createHash } from 'node:crypto';
import type { Store } from './store';
import { DERIVED_COLUMNS, SYNCED_TABLES } from './syncedTables';

/**
 * A hash of what the synced tables hold, ignoring the columns each device derives for itself
 * (`updated_at`, `sync_clock`). Two devices that have seen the same ops have the same hash; the
 * same demo seed gives the same hash.
 */
export function contentHash(store: Store): string {
  const hash = createHash('sha256');
  for (const table of SYNCED_TABLES) {
    const columns = (store.db.pragma(`table_info(${table})`) as { name: string }[])
      .map((c) => c.name)
      .filter((name) => !DERIVED_COLUMNS.has(name));
    hash.update(`${table}(${columns.join(',')})\n`);
    for (const row of store.db
      .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`)
      .raw()
      .iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
