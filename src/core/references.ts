import { ApiError } from '../shared/contract';
import type { Store } from './store/store';
import type { SyncedTable } from './store/syncedTables';

const NOUNS: Partial<Record<SyncedTable, string>> = {
  accounts: 'account',
  contacts: 'contact',
  users: 'user',
  deals: 'deal',
  stages: 'stage',
};

/**
 * Synced tables carry no FOREIGN KEY constraints (rows arrive from other devices in any order),
 * so a reference a person writes is checked here, with an error that names the field.
 */
export function requireRow(store: Store, table: SyncedTable, id: string, field: string): void {
  const exists = store
    .prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`)
    .get(id);
  if (!exists) {
    throw new ApiError(
      'invalid_input',
      `${field}: there is no ${NOUNS[table] ?? table} with id ${id}`,
      field,
    );
  }
}
