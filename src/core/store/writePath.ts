import type { Database, Statement } from 'better-sqlite3';
import { formatHlc, hlcAfter, hlcWall, type HybridLogicalClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { SyncedTable, TableShape } from './syncedTables';

export type FieldValue = string | number | boolean | null;
export type Fields = Readonly<Record<string, FieldValue | undefined>>;
export type SqlValue = string | number | null;

/** What a feature may do inside `store.write(...)`. */
export interface Writer {
  /** Insert a row; returns its id (a new UUIDv7 unless `fields.id` is given). */
  insert(table: SyncedTable, fields: Fields & { id?: string }): string;
  /**
   * Insert a row every device makes on its own with the same fixed id (the default pipeline):
   * stamped as old as time (wall 0), so that any real edit of it, on any device, whenever it
   * arrives, wins over every device's copy of the default.
   */
  insertDefault(table: SyncedTable, fields: Fields & { id: string }): string;
  /**
   * Insert many rows of one shape (the keys of the first row) with multi-row statements: the
   * same rows and ops as `insert` one by one, for imports and demo data. Returns their ids.
   */
  insertMany(table: SyncedTable, rows: readonly (Fields & { id?: string })[]): string[];
  /** Change some fields; returns the columns whose value actually changed. */
  update(table: SyncedTable, id: string, patch: Fields): string[];
  /**
   * Write fields as a new edit even if they hold these values already: settling a conflict in
   * favour of the value that was kept still has to reach the devices that hold it open.
   */
  rewrite(table: SyncedTable, id: string, patch: Fields): string[];
  /** Tombstone: sets `deleted_at`, itself an op, so the delete travels like any edit. */
  remove(table: SyncedTable, id: string): void;
  /**
   * Read inside the transaction, seeing its uncommitted writes (the store's read-only
   * connection sees only committed data). Only statements that read are accepted.
   */
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  all<T>(sql: string, ...params: SqlValue[]): T[];
}

export interface CommittedChange {
  tables: SyncedTable[];
  /** Written here, or ops of other devices applied by sync. */
  origin: 'local' | 'remote';
}

/** The winning clock of each field of a row; `''` is the clock of the insert. */
export type RowClock = Record<string, string>;

export function parseRowClock(stored: string | null): RowClock {
  if (!stored) return {};
  return stored.startsWith('{') ? (JSON.parse(stored) as RowClock) : { '': stored };
}

/** local_settings key of the clock's last own timestamp, so a restart continues after it. */
const CLOCK_KEY = 'clock_last';
const CHANGES_PER_STATEMENT = 100;
const CHANGE_PARAMS = 7;
const FLUSH_AT = CHANGES_PER_STATEMENT * 4;
/** Rows per statement and per log entry in `insertMany`; keeps a log entry near 20 KB. */
const ROWS_PER_BATCH = 64;

export class RowNotFoundError extends Error {
  constructor(table: string, id: string) {
    super(`${table} has no row ${id}`);
    this.name = 'RowNotFoundError';
  }
}

function toSql(value: FieldValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${value} cannot be stored: numbers must be finite`);
  }
  return value;
}

/**
 * The one write path for synced tables. In one SQLite transaction it writes the rows, appends
 * one op per changed field to the op log and keeps the field clocks; after the commit it reports
 * the change once. It holds the only writable connection to the database, so no feature can write
 * a row without its ops.
 */
export class WritePath {
  private seq: number;
  private pending: SqlValue[] = [];
  private pendingCount = 0;
  private touched = new Set<SyncedTable>();
  private inTransaction = false;
  private readonly statements = new Map<string, Statement>();
  private readonly writer: Writer;

  constructor(
    private readonly db: Database,
    private readonly shapes: ReadonlyMap<SyncedTable, TableShape>,
    private readonly clock: HybridLogicalClock,
    private readonly schemaVersion: number,
    private readonly onCommit: (change: CommittedChange) => void,
  ) {
    const last = db
      .prepare('SELECT last_seq, hlc FROM sync_changes WHERE device = ? ORDER BY seq DESC LIMIT 1')
      .get(clock.device) as { last_seq: number; hlc: string } | undefined;
    this.seq = last?.last_seq ?? 0;
    // The clock's own last timestamp (an edit stamped after another device's fast clock does
    // not say what time it is here; see `update`), or, in files from before it was kept, the
    // newest entry's.
    const kept = db.prepare(`SELECT value FROM local_settings WHERE key = ?`).get(CLOCK_KEY) as
      { value: string } | undefined;
    const restoreFrom = kept?.value ?? last?.hlc;
    if (restoreFrom) clock.restore(restoreFrom);
    this.writer = {
      insert: (table, fields) => this.insert(table, fields),
      insertDefault: (table, fields) =>
        this.insert(table, fields, formatHlc({ wall: 0, counter: 0, device: clock.device })),
      insertMany: (table, rows) => this.insertMany(table, rows),
      update: (table, id, patch) => this.update(table, id, patch),
      rewrite: (table, id, patch) => this.update(table, id, patch, true),
      remove: (table, id) => {
        this.update(table, id, { deleted_at: hlcWall(this.clock.now()) });
      },
      get: <T>(sql: string, ...params: SqlValue[]) =>
        this.reader(sql).get(...params) as T | undefined,
      all: <T>(sql: string, ...params: SqlValue[]) => this.reader(sql).all(...params) as T[],
    };
  }

  /** The seq of the newest field op this device wrote. */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Run `fn` in one transaction. Nested calls join the outer transaction, so services compose.
   * If `fn` throws, nothing of it is written and no op is logged.
   */
  write<T>(fn: (writer: Writer) => T): T {
    if (this.inTransaction) return fn(this.writer);
    let seqBefore = this.seq;
    this.inTransaction = true;
    let result: T;
    try {
      result = this.db.transaction(() => {
        // Another process may have written to this file since (the CLI while the app runs): go
        // on from the newest seq in the log, never from a stale count.
        const newest = this.statement(
          'newest-own-entry',
          () => 'SELECT last_seq, hlc FROM sync_changes WHERE device = ? ORDER BY seq DESC LIMIT 1',
        ).get(this.clock.device) as { last_seq: number; hlc: string } | undefined;
        if (newest && newest.last_seq > this.seq) {
          this.seq = newest.last_seq;
          seqBefore = this.seq;
          this.clock.restore(newest.hlc);
        }
        const value = fn(this.writer);
        this.flush();
        if (this.seq !== seqBefore) {
          this.statement(
            'keep-clock',
            () =>
              `INSERT INTO local_settings (key, value) VALUES ('${CLOCK_KEY}', ?)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          ).run(this.clock.last);
        }
        return value;
      })();
    } catch (error) {
      this.seq = seqBefore;
      this.pending = [];
      this.pendingCount = 0;
      this.touched.clear();
      throw error;
    } finally {
      this.inTransaction = false;
    }
    if (this.touched.size > 0) {
      const tables = [...this.touched];
      this.touched.clear();
      this.onCommit({ tables, origin: 'local' });
    }
    return result;
  }

  private insert(table: SyncedTable, fields: Fields & { id?: string }, stamp?: string): string {
    this.assertInTransaction();
    const shape = this.shape(table);
    const hlc = stamp ?? this.clock.now();
    const wall = hlcWall(hlc);
    const id = fields.id ?? newId();
    // The ops of an insert: every given field, except nulls that the column defaults to anyway.
    const ops: Record<string, SqlValue> = {};
    let count = 0;
    for (const col in fields) {
      const raw = fields[col];
      if (col === 'id' || raw === undefined) continue;
      this.checkColumn(table, shape, col);
      if (raw === null && shape.nullByDefault.has(col)) continue;
      ops[col] = toSql(raw);
      count += 1;
    }
    if (ops.created_at === undefined) {
      ops.created_at = wall;
      count += 1;
    }
    const columns = Object.keys(ops);
    const signature = columns.join(',');
    this.statement(
      `insert:${table}:${signature}`,
      () =>
        `INSERT INTO ${table} (id, ${signature}, updated_at, sync_clock)
         VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?)`,
    ).run(id, ...Object.values(ops), wall, hlc);
    this.log(hlc, table, count, `[[${JSON.stringify(id)},${JSON.stringify(ops)}]]`);
    return id;
  }

  private insertMany(table: SyncedTable, rows: readonly (Fields & { id?: string })[]): string[] {
    this.assertInTransaction();
    if (rows.length === 0) return [];
    const shape = this.shape(table);
    const given = Object.keys(rows[0]!).filter((col) => col !== 'id');
    for (const col of given) this.checkColumn(table, shape, col);
    const known = new Set(given);
    const columns = known.has('created_at') ? given : [...given, 'created_at'];
    const skipNull = columns.map((col) => shape.nullByDefault.has(col));
    const width = columns.length + 3;
    const ids: string[] = [];

    // One statement and one log entry per chunk of rows; the rows of a chunk share one hlc.
    // Chunks are powers of two up to ROWS_PER_BATCH, so few statements are ever prepared.
    for (let start = 0; start < rows.length;) {
      let size = ROWS_PER_BATCH;
      while (size > rows.length - start) size >>= 1;
      const chunk = rows.slice(start, start + size);
      start += size;
      const hlc = this.clock.now();
      const wall = hlcWall(hlc);
      const params: SqlValue[] = [];
      const changes: [string, Record<string, SqlValue>][] = [];
      let count = 0;
      for (const row of chunk) {
        for (const col in row) {
          if (col !== 'id' && row[col] !== undefined && !known.has(col)) {
            throw new Error(
              `insertMany(${table}): every row must have the fields of the first; ${col} is extra`,
            );
          }
        }
        const id = row.id ?? newId();
        params.push(id);
        const ops: Record<string, SqlValue> = {};
        for (let i = 0; i < columns.length; i++) {
          const col = columns[i]!;
          const raw = row[col];
          const value = raw === undefined ? (col === 'created_at' ? wall : null) : toSql(raw);
          params.push(value);
          if (value === null && skipNull[i]) continue;
          ops[col] = value;
          count += 1;
        }
        params.push(wall, hlc);
        changes.push([id, ops]);
        ids.push(id);
      }
      this.statement(
        `insertMany:${table}:${columns.join(',')}:${chunk.length}`,
        () =>
          `INSERT INTO ${table} (id, ${columns.join(', ')}, updated_at, sync_clock) VALUES ` +
          Array.from({ length: chunk.length }, () => `(${'?, '.repeat(width - 1)}?)`).join(', '),
      ).run(...params);
      this.log(hlc, table, count, JSON.stringify(changes));
    }
    return ids;
  }

  private update(table: SyncedTable, id: string, patch: Fields, always = false): string[] {
    this.assertInTransaction();
    const shape = this.shape(table);
    const columns = Object.keys(patch).filter((col) => patch[col] !== undefined);
    if (columns.length === 0) return [];
    for (const col of columns) this.checkColumn(table, shape, col);

    const current = this.statement(
      `select:${table}:${columns.join(',')}`,
      () => `SELECT ${columns.join(', ')}, sync_clock FROM ${table} WHERE id = ?`,
    ).get(id) as Record<string, unknown> | undefined;
    if (!current) throw new RowNotFoundError(table, id);

    const changed = always
      ? columns
      : columns.filter((col) => current[col] !== toSql(patch[col] as FieldValue));
    if (changed.length === 0) return [];

    const rowClock = parseRowClock(current.sync_clock as string | null);
    // An edit always wins over what it saw: if a field holds a clock ahead of ours (another
    // device's clock runs fast, and ours did not follow it), the edit takes the next clock after
    // that one, for this edit only.
    let hlc = this.clock.now();
    for (const col of changed) {
      const seen = rowClock[col] ?? rowClock[''];
      if (seen !== undefined && seen >= hlc) hlc = hlcAfter(seen, this.clock.device);
    }
    const ops: Record<string, [SqlValue, string | null]> = {};
    for (const col of changed) {
      ops[col] = [toSql(patch[col] as FieldValue), rowClock[col] ?? rowClock[''] ?? null];
      rowClock[col] = hlc;
    }
    this.statement(
      `update:${table}:${changed.join(',')}`,
      () =>
        `UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, sync_clock = ?
          WHERE id = ?`,
    ).run(...changed.map((col) => ops[col]![0]), hlcWall(hlc), JSON.stringify(rowClock), id);
    this.log(hlc, table, changed.length, `[[${JSON.stringify(id)},${JSON.stringify(ops)}]]`);
    return changed;
  }

  /** Queue one log entry: the field ops of one write of one table. */
  private log(hlc: string, table: SyncedTable, count: number, changes: string): void {
    const first = this.seq + 1;
    this.seq += count;
    this.pending.push(this.clock.device, first, this.seq, hlc, table, changes, this.schemaVersion);
    this.pendingCount += 1;
    this.touched.add(table);
    if (this.pendingCount >= FLUSH_AT) this.flush();
  }

  /** Append queued changes with multi-row INSERTs: a bulk write is dominated by the op log. */
  private flush(): void {
    for (let row = 0; row < this.pendingCount; row += CHANGES_PER_STATEMENT) {
      const rows = Math.min(CHANGES_PER_STATEMENT, this.pendingCount - row);
      this.statement(
        `log:${rows}`,
        () =>
          `INSERT INTO sync_changes (device, seq, last_seq, hlc, tbl, changes, schema_v) VALUES ` +
          Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', '),
      ).run(...this.pending.slice(row * CHANGE_PARAMS, (row + rows) * CHANGE_PARAMS));
    }
    this.pending = [];
    this.pendingCount = 0;
  }

  private reader(sql: string): Statement {
    this.assertInTransaction();
    const statement = this.statement(`read:${sql}`, () => sql);
    if (!statement.reader)
      throw new Error(`writer.get and writer.all only read; this statement writes: ${sql}`);
    return statement;
  }

  private assertInTransaction(): void {
    if (!this.inTransaction) throw new Error('use the writer only inside store.write(...)');
  }

  private shape(table: SyncedTable): TableShape {
    const shape = this.shapes.get(table);
    if (!shape) throw new Error(`${table} is not a synced table`);
    return shape;
  }

  private checkColumn(table: string, shape: TableShape, col: string): void {
    if (!shape.columns.has(col)) {
      throw new Error(`${table} has no column ${col} that the write path may set`);
    }
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
