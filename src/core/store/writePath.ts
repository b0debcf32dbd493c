import type { Database, Statement } from 'better-sqlite3';
import { hlcWall, type HybridLogicalClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { SyncedTable, TableShape } from './syncedTables';

export type FieldValue = string | number | boolean | null;
export type Fields = Readonly<Record<string, FieldValue | undefined>>;

/** One field change, as it is kept in `sync_ops` and sent to other devices. */
export interface Op {
  device: string;
  seq: number;
  hlc: string;
  tbl: SyncedTable;
  rowId: string;
  col: string;
  value: string | number | null;
  prevHlc: string | null;
  schemaV: number;
}

/** What a feature may do inside `store.write(...)`. */
export interface Writer {
  /** Insert a row; returns its id (a new UUIDv7 unless `fields.id` is given). */
  insert(table: SyncedTable, fields: Fields & { id?: string }): string;
  /** Change some fields; returns the columns whose value actually changed. */
  update(table: SyncedTable, id: string, patch: Fields): string[];
  /** Tombstone: sets `deleted_at`, itself an op, so the delete travels like any edit. */
  remove(table: SyncedTable, id: string): void;
}

export interface CommittedChange {
  tables: SyncedTable[];
}

/** Shared with the SQLite guard function that the triggers of synced tables call. */
export interface WriteGate {
  open: boolean;
}

type RowClock = Record<string, string>;
const OPS_PER_STATEMENT = 100;
const OP_PARAMS = 9;

export class RowNotFoundError extends Error {
  constructor(table: string, id: string) {
    super(`${table} has no row ${id}`);
    this.name = 'RowNotFoundError';
  }
}

function toSql(value: FieldValue): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * The one write path for synced tables. In one SQLite transaction it writes the rows, appends one
 * op per changed field to the op log and updates the field clocks; after the commit it reports the
 * change once. Features cannot forget to log: the tables refuse writes from anywhere else.
 */
export class WritePath {
  private seq: number;
  private pendingOps: (string | number | null)[] = [];
  private pendingCount = 0;
  private touched = new Set<SyncedTable>();
  private readonly statements = new Map<string, Statement>();
  private readonly writer: Writer;

  constructor(
    private readonly db: Database,
    private readonly shapes: ReadonlyMap<SyncedTable, TableShape>,
    private readonly clock: HybridLogicalClock,
    private readonly gate: WriteGate,
    private readonly schemaVersion: number,
    private readonly onCommit: (change: CommittedChange) => void,
  ) {
    const last = db
      .prepare('SELECT seq, hlc FROM sync_ops WHERE device = ? ORDER BY seq DESC LIMIT 1')
      .get(clock.device) as { seq: number; hlc: string } | undefined;
    this.seq = last?.seq ?? 0;
    if (last) clock.restore(last.hlc);
    this.writer = {
      insert: (table, fields) => this.insert(table, fields),
      update: (table, id, patch) => this.update(table, id, patch),
      remove: (table, id) => {
        this.update(table, id, { deleted_at: hlcWall(this.clock.now()) });
      },
    };
  }

  get device(): string {
    return this.clock.device;
  }

  /** The seq of the newest op this device wrote. */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Run `fn` in one transaction. Nested calls join the outer transaction, so services compose.
   * If `fn` throws, nothing of it is written and no op is logged.
   */
  write<T>(fn: (writer: Writer) => T): T {
    if (this.gate.open) return fn(this.writer);
    const seqBefore = this.seq;
    this.gate.open = true;
    let result: T;
    try {
      result = this.db.transaction(() => {
        const value = fn(this.writer);
        this.flushOps();
        return value;
      })();
    } catch (error) {
      this.seq = seqBefore;
      this.pendingOps = [];
      this.pendingCount = 0;
      this.touched.clear();
      throw error;
    } finally {
      this.gate.open = false;
    }
    if (this.touched.size > 0) {
      const tables = [...this.touched];
      this.touched.clear();
      this.onCommit({ tables });
    }
    return result;
  }

  private insert(table: SyncedTable, fields: Fields & { id?: string }): string {
    const shape = this.shape(table);
    const hlc = this.clock.now();
    const wall = hlcWall(hlc);
    const id = fields.id ?? newId();
    const columns: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [col, raw] of Object.entries(fields)) {
      if (col === 'id' || raw === undefined) continue;
      this.checkColumn(table, shape, col);
      columns.push(col);
      values.push(toSql(raw));
    }
    if (fields.created_at === undefined) {
      columns.push('created_at');
      values.push(wall);
    }
    this.statement(
      `insert:${table}:${columns.join(',')}`,
      () =>
        `INSERT INTO ${table} (id, ${columns.join(', ')}, updated_at)
         VALUES (?, ${columns.map(() => '?').join(', ')}, ?)`,
    ).run(id, ...values, wall);
    this.statement(
      'clock:insert',
      () => 'INSERT INTO sync_row_clock (tbl, row_id, clock) VALUES (?, ?, ?)',
    ).run(table, id, JSON.stringify({ '': hlc }));
    for (let i = 0; i < columns.length; i++) {
      this.appendOp(hlc, table, id, columns[i]!, values[i]!, null);
    }
    this.touched.add(table);
    return id;
  }

  private update(table: SyncedTable, id: string, patch: Fields): string[] {
    const shape = this.shape(table);
    const columns = Object.keys(patch).filter((col) => patch[col] !== undefined);
    if (columns.length === 0) return [];
    for (const col of columns) this.checkColumn(table, shape, col);

    const current = this.statement(
      `select:${table}:${columns.join(',')}`,
      () => `SELECT ${columns.join(', ')} FROM ${table} WHERE id = ?`,
    ).get(id) as Record<string, unknown> | undefined;
    if (!current) throw new RowNotFoundError(table, id);

    const changed = columns.filter((col) => current[col] !== toSql(patch[col] as FieldValue));
    if (changed.length === 0) return [];

    const hlc = this.clock.now();
    const clockRow = this.statement(
      'clock:get',
      () => 'SELECT clock FROM sync_row_clock WHERE tbl = ? AND row_id = ?',
    ).get(table, id) as { clock: string } | undefined;
    const rowClock: RowClock = clockRow ? (JSON.parse(clockRow.clock) as RowClock) : {};
    const values = changed.map((col) => toSql(patch[col] as FieldValue));

    this.statement(
      `update:${table}:${changed.join(',')}`,
      () => `UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
    ).run(...values, hlcWall(hlc), id);

    changed.forEach((col, i) => {
      this.appendOp(hlc, table, id, col, values[i]!, rowClock[col] ?? rowClock[''] ?? null);
      rowClock[col] = hlc;
    });
    this.statement(
      'clock:put',
      () =>
        `INSERT INTO sync_row_clock (tbl, row_id, clock) VALUES (?, ?, ?)
         ON CONFLICT (tbl, row_id) DO UPDATE SET clock = excluded.clock`,
    ).run(table, id, JSON.stringify(rowClock));
    this.touched.add(table);
    return changed;
  }

  private appendOp(
    hlc: string,
    table: SyncedTable,
    rowId: string,
    col: string,
    value: string | number | null,
    prevHlc: string | null,
  ): void {
    this.seq += 1;
    this.pendingOps.push(this.clock.device, this.seq, hlc, table, rowId, col, value, prevHlc, this.schemaVersion);
    this.pendingCount += 1;
    if (this.pendingCount >= OPS_PER_STATEMENT * 20) this.flushOps();
  }

  /** Append buffered ops with multi-row INSERTs: a bulk write is dominated by the op log. */
  private flushOps(): void {
    for (let row = 0; row < this.pendingCount; row += OPS_PER_STATEMENT) {
      const rows = Math.min(OPS_PER_STATEMENT, this.pendingCount - row);
      this.statement(
        `ops:${rows}`,
        () =>
          `INSERT INTO sync_ops (device, seq, hlc, tbl, row_id, col, value, prev_hlc, schema_v) VALUES ` +
          Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
      ).run(...this.pendingOps.slice(row * OP_PARAMS, (row + rows) * OP_PARAMS));
    }
    this.pendingOps = [];
    this.pendingCount = 0;
  }

  private shape(table: SyncedTable): TableShape {
    const shape = this.shapes.get(table);
    if (!shape) throw new Error(`${table} is not a synced table`);
    return shape;
  }

  private checkColumn(table: string, shape: TableShape, col: string): void {
    if (!shape.columns.has(col)) throw new Error(`${table} has no column ${col} that the write path may set`);
  }

  private statement(key: string, sql: () => string): Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.statements.set(key, statement);
    }
    return statement;
  }
}
