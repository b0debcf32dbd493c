import type { Database } from 'better-sqlite3';

/**
 * Every table whose rows travel between devices. Rows of these tables are written only by the
 * write path (`writePath.ts`), which logs one op per changed field; a trigger on each table
 * refuses any other writer.
 */
export const SYNCED_TABLES = [
  'team',
  'users',
  'phases',
  'stages',
  'accounts',
  'contacts',
  'deals',
  'stage_history',
  'notes',
  'follow_ups',
  'calls',
  'campaigns',
  'satisfaction_responses',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** Maintained by the write path from the op clocks; never logged as an op of its own. */
export const DERIVED_COLUMNS: ReadonlySet<string> = new Set(['updated_at']);

export function isSyncedTable(name: string): name is SyncedTable {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

export interface TableShape {
  /** Columns an op may carry: all but `id` and the derived ones. */
  readonly columns: ReadonlySet<string>;
}

/** Read the columns of every synced table from the database itself, after migrations. */
export function readSyncedSchema(db: Database): ReadonlyMap<SyncedTable, TableShape> {
  const shapes = new Map<SyncedTable, TableShape>();
  for (const table of SYNCED_TABLES) {
    const info = db.pragma(`table_info(${table})`) as { name: string }[];
    if (info.length === 0) throw new Error(`synced table ${table} is missing from the schema`);
    const names = info.map((c) => c.name);
    for (const required of ['id', 'created_at', 'updated_at', 'deleted_at']) {
      if (!names.includes(required)) {
        throw new Error(`synced table ${table} lacks the ${required} column every synced table has`);
      }
    }
    shapes.set(table, { columns: new Set(names.filter((n) => n !== 'id' && !DERIVED_COLUMNS.has(n))) });
  }
  return shapes;
}

export const WRITE_GUARD_FUNCTION = 'cockpit_write_path_open';

/**
 * Triggers that abort any INSERT, UPDATE or DELETE on a synced table (and on the op log) unless
 * the write path is open. Idempotent; run at every open so that tables added by later migrations
 * are guarded too.
 */
export function installWriteGuards(db: Database): void {
  const guarded = [...SYNCED_TABLES, 'sync_ops', 'sync_row_clock'];
  for (const table of guarded) {
    for (const action of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TRIGGER IF NOT EXISTS guard_${table}_${action.toLowerCase()}
         BEFORE ${action} ON ${table}
         WHEN ${WRITE_GUARD_FUNCTION}() = 0
         BEGIN
           SELECT RAISE(ABORT, '${table} is a synced table: change it through the write path so the change is logged and synced');
         END`,
      );
    }
  }
}
