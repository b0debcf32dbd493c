import type { Database } from 'better-sqlite3';

/**
 * Every table whose rows travel between devices. Rows of these tables are written only by the
 * write path (`writePath.ts`), which logs one op per changed field. It owns the only writable
 * connection; everything else reads through a read-only one.
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
  'saved_views',
  'team_settings',
  'call_transcripts',
  'call_scores',
  'handovers',
  'handover_sections',
  'handover_comments',
  'handover_versions',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** Maintained by the write path from the op clocks; never logged as an op of its own. */
export const DERIVED_COLUMNS: ReadonlySet<string> = new Set(['updated_at', 'sync_clock']);

export function isSyncedTable(name: string): name is SyncedTable {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

export interface TableShape {
  /** Columns an op may carry: all but `id` and the derived ones. */
  readonly columns: ReadonlySet<string>;
  /** Nullable columns without a default: an insert need not log their nulls. */
  readonly nullByDefault: ReadonlySet<string>;
  /** What each column holds when an insert does not set it (null if it has no default). */
  readonly defaults: ReadonlyMap<string, string | number | null>;
}

/** A column default as SQLite reports it (`0`, `'open'`, `NULL`) → its value. */
export function parseColumnDefault(sql: string | null): string | number | null {
  if (sql === null || /^null$/i.test(sql)) return null;
  if (/^'.*'$/s.test(sql)) return sql.slice(1, -1).replaceAll("''", "'");
  const number = Number(sql);
  if (Number.isFinite(number)) return number;
  throw new Error(`column default ${sql} is not a literal; synced columns need literal defaults`);
}

/** Read the columns of every synced table from the database itself, after migrations. */
export function readSyncedSchema(db: Database): ReadonlyMap<SyncedTable, TableShape> {
  const shapes = new Map<SyncedTable, TableShape>();
  for (const table of SYNCED_TABLES) {
    const info = db.pragma(`table_info(${table})`) as {
      name: string;
      notnull: number;
      dflt_value: string | null;
    }[];
    if (info.length === 0) throw new Error(`synced table ${table} is missing from the schema`);
    const names = info.map((c) => c.name);
    for (const required of ['id', 'created_at', 'updated_at', 'deleted_at', 'sync_clock']) {
      if (!names.includes(required)) {
        throw new Error(
          `synced table ${table} lacks the ${required} column every synced table has`,
        );
      }
    }
    const columns = info.filter((c) => c.name !== 'id' && !DERIVED_COLUMNS.has(c.name));
    shapes.set(table, {
      columns: new Set(columns.map((c) => c.name)),
      nullByDefault: new Set(
        columns.filter((c) => c.notnull === 0 && c.dflt_value === null).map((c) => c.name),
      ),
      defaults: new Map(columns.map((c) => [c.name, parseColumnDefault(c.dflt_value)])),
    });
  }
  return shapes;
}

/**
 * Tables local to this device that hold data derived from the synced ones (the search index).
 * They are written through `store.local`, which accepts statements on these tables only.
 */
export const LOCAL_DERIVED_TABLES: ReadonlySet<string> = new Set([
  'search_docs',
  'search_index',
  'deal_sort',
]);
