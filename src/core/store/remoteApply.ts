import type { Database, Statement } from 'better-sqlite3';
import { hlcWall, type HybridLogicalClock } from '../../shared/hlc';
import { failpoint } from '../sync/failpoints';
import type { ChangeEntry, OpValue, SeqVector, Snapshot } from '../sync/types';
import { isSyncedTable, type SyncedTable, type TableShape } from './syncedTables';
import { parseRowClock, type RowClock, type SqlValue } from './writePath';

/** How ops of other devices landed: what the engine reports and the status panel shows. */
export interface ApplyResult {
  /** Entries applied now (duplicates and entries behind a gap are not counted). */
  applied: number;
  /** Field ops skipped because they were here already. */
  duplicates: number;
  tables: SyncedTable[];
  /** New conflicts recorded. */
  conflicts: number;
  /** Devices whose clocks were seen too far ahead: ours did not follow them. */
  skewed: { device: string; aheadMs: number }[];
  /** Devices whose next entry did not start right after what is applied here. */
  gaps: { device: string; expected: number; got: number }[];
  /** Field ops kept for a newer version of the app (unknown table or column). */
  pending: number;
}

/**
 * Bookkeeping that differs whenever two devices make the same row on their own (the team, the
 * default stages): the newer value wins as usual, without asking a person about it.
 */
const NOT_WORTH_A_CONFLICT: ReadonlySet<string> = new Set(['created_at']);

interface FieldOp {
  col: string;
  value: SqlValue;
  /** An edit names the clock it overwrote; an insert's field overwrites nothing it saw. */
  isEdit: boolean;
  prev: string | null;
}

/**
 * Applies the ops of other devices: per field, the newest `(hlc, device)` wins, whatever the
 * order they arrive in. When an edit was made without seeing the value it meets (its `prev` is
 * not the field's clock here), the edit was concurrent with another one: the winner is applied
 * and the loser is kept in `sync_conflicts`, so nothing typed is lost. Runs on the store's one
 * writable connection, inside the caller's transaction; entries are logged in `sync_changes`
 * like local ones, so everything that follows the log (search, sort keys) sees them.
 */
export class RemoteApplier {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly shapes: ReadonlyMap<SyncedTable, TableShape>,
    private readonly clock: HybridLogicalClock,
    private readonly now: () => number,
  ) {}

  /** How far every other device's ops are applied here. */
  appliedVector(): SeqVector {
    const vector: SeqVector = {};
    for (const row of this.statement('SELECT device, applied_seq FROM sync_peers').all() as {
      device: string;
      applied_seq: number;
    }[]) {
      vector[row.device] = row.applied_seq;
    }
    return vector;
  }

  /** Apply entries (any devices, each device's in seq order). Call inside a transaction. */
  apply(entries: readonly ChangeEntry[]): ApplyResult {
    const result: ApplyResult = {
      applied: 0,
      duplicates: 0,
      tables: [],
      conflicts: 0,
      skewed: [],
      gaps: [],
      pending: 0,
    };
    const tables = new Set<SyncedTable>();
    const applied = this.appliedVector();
    const blocked = new Set<string>();
    for (const entry of entries) {
      if (entry.device === this.clock.device) continue;
      const done = applied[entry.device] ?? 0;
      if (entry.lastSeq <= done) {
        result.duplicates += entry.lastSeq - entry.seq + 1;
        continue;
      }
      if (blocked.has(entry.device)) continue;
      if (entry.seq > done + 1) {
        // Ops in between have not arrived: nothing after them is applied before they do.
        blocked.add(entry.device);
        result.gaps.push({ device: entry.device, expected: done + 1, got: entry.seq });
        continue;
      }
      const received = this.clock.receive(entry.hlc);
      if (!received.accepted) {
        const known = result.skewed.find((s) => s.device === entry.device);
        if (known) known.aheadMs = Math.max(known.aheadMs, received.aheadMs);
        else result.skewed.push({ device: entry.device, aheadMs: received.aheadMs });
      }
      const counts = this.applyEntry(entry, done);
      result.duplicates += counts.duplicates;
      result.conflicts += counts.conflicts;
      result.pending += counts.pending;
      if (counts.table) tables.add(counts.table);
      this.statement(
        `INSERT OR IGNORE INTO sync_changes (device, seq, last_seq, hlc, tbl, changes, schema_v)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        entry.device,
        entry.seq,
        entry.lastSeq,
        entry.hlc,
        entry.table,
        JSON.stringify(entry.changes),
        entry.schemaV,
      );
      this.setApplied(entry.device, entry.lastSeq);
      applied[entry.device] = entry.lastSeq;
      result.applied += 1;
      if (result.applied === 1) failpoint('apply-mid');
    }
    for (const { device, aheadMs } of result.skewed) {
      this.statement(
        `INSERT INTO sync_peers (device, ahead_ms) VALUES (?, ?)
         ON CONFLICT (device) DO UPDATE SET ahead_ms = excluded.ahead_ms`,
      ).run(device, aheadMs);
    }
    result.tables = [...tables];
    return result;
  }

  /**
   * Start from another device's snapshot: every field with its clock, merged by the same rule as
   * ops (a field here that is newer stays), then the cursors move to what the snapshot covers.
   */
  applySnapshot(snapshot: Snapshot): SyncedTable[] {
    const tables: SyncedTable[] = [];
    for (const [table, { columns, rows }] of Object.entries(snapshot.tables)) {
      if (!isSyncedTable(table)) continue;
      const shape = this.shapes.get(table)!;
      const idAt = columns.indexOf('id');
      const clockAt = columns.indexOf('sync_clock');
      if (idAt < 0 || clockAt < 0) continue;
      for (const row of rows) {
        const id = row[idAt] as string;
        const clocks = parseRowClock(row[clockAt] as string | null);
        const byClock = new Map<string, FieldOp[]>();
        columns.forEach((col, i) => {
          if (!shape.columns.has(col)) return;
          const hlc = clocks[col] ?? clocks[''];
          if (!hlc) return;
          const ops = byClock.get(hlc) ?? [];
          ops.push({ col, value: row[i] as SqlValue, isEdit: false, prev: null });
          byClock.set(hlc, ops);
        });
        for (const [hlc, ops] of byClock) this.mergeRow(table, id, hlc, ops, true);
      }
      tables.push(table);
    }
    for (const [device, seq] of Object.entries(snapshot.vector)) {
      if (device !== this.clock.device) this.setApplied(device, seq, true);
    }
    return tables;
  }

  /** Apply kept field ops whose table and column this version now knows (after an upgrade). */
  replayPending(): SyncedTable[] {
    const rows = this.statement(
      `SELECT device, seq, hlc, tbl, row_id, col, value, prev_hlc, is_edit FROM sync_pending
        ORDER BY hlc, device, seq`,
    ).all() as {
      device: string;
      seq: number;
      hlc: string;
      tbl: string;
      row_id: string;
      col: string;
      value: SqlValue;
      prev_hlc: string | null;
      is_edit: number;
    }[];
    const tables = new Set<SyncedTable>();
    for (const row of rows) {
      if (!isSyncedTable(row.tbl) || !this.shapes.get(row.tbl)!.columns.has(row.col)) continue;
      this.mergeRow(row.tbl, row.row_id, row.hlc, [
        { col: row.col, value: row.value, isEdit: row.is_edit === 1, prev: row.prev_hlc },
      ]);
      this.statement('DELETE FROM sync_pending WHERE device = ? AND seq = ?').run(
        row.device,
        row.seq,
      );
      tables.add(row.tbl);
    }
    return [...tables];
  }

  private applyEntry(
    entry: ChangeEntry,
    done: number,
  ): { table: SyncedTable | null; duplicates: number; conflicts: number; pending: number } {
    const table = isSyncedTable(entry.table) ? entry.table : null;
    const shape = table ? this.shapes.get(table) : undefined;
    let seq = entry.seq;
    let duplicates = 0;
    let conflicts = 0;
    let pending = 0;
    for (const [rowId, fields] of entry.changes) {
      const known: FieldOp[] = [];
      for (const col of Object.keys(fields)) {
        const fieldSeq = seq++;
        if (fieldSeq <= done) {
          duplicates += 1;
          continue;
        }
        const raw = fields[col];
        const isEdit = Array.isArray(raw);
        const value = (isEdit ? raw[0] : raw) as OpValue;
        const prev = isEdit ? (raw[1] ?? null) : null;
        if (!shape || !shape.columns.has(col)) {
          this.statement(
            `INSERT OR IGNORE INTO sync_pending
               (device, seq, hlc, tbl, row_id, col, value, prev_hlc, is_edit, schema_v)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            entry.device,
            fieldSeq,
            entry.hlc,
            entry.table,
            rowId,
            col,
            value,
            prev,
            isEdit ? 1 : 0,
            entry.schemaV,
          );
          pending += 1;
          continue;
        }
        known.push({ col, value, isEdit, prev });
      }
      if (table && known.length > 0) conflicts += this.mergeRow(table, rowId, entry.hlc, known);
    }
    return { table: pending > 0 && !table ? null : table, duplicates, conflicts, pending };
  }

  /**
   * Merge fields that share one clock into a row: each is applied if it is newer than the field
   * here. Returns the number of conflicts recorded.
   */
  private mergeRow(
    table: SyncedTable,
    id: string,
    hlc: string,
    ops: FieldOp[],
    fromSnapshot = false,
  ): number {
    const recordConflicts = !fromSnapshot;
    const columns = ops.map((op) => op.col);
    const current = this.statement(
      `SELECT ${columns.join(', ')}, updated_at, sync_clock FROM ${table} WHERE id = ?`,
    ).get(id) as Record<string, SqlValue> | undefined;
    const wall = hlcWall(hlc);

    if (!current) {
      // The row is new here. An insert's fields all carry its clock (stored as the row's clock,
      // as the device that made it stores it); fields from edits carry theirs one by one.
      const clock =
        ops.every((op) => !op.isEdit) && !fromSnapshot
          ? hlc
          : JSON.stringify(Object.fromEntries(columns.map((col) => [col, hlc])));
      this.statement(
        `INSERT INTO ${table} (id, ${columns.join(', ')}, updated_at, sync_clock)
         VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?)`,
      ).run(id, ...ops.map((op) => op.value), wall, clock);
      return 0;
    }

    // An insert sets the whole row: the columns it did not log hold their defaults, on every
    // device alike. Meeting a row that exists here (the same id made on two devices, or made
    // here by edits that arrived first), the columns it left out count with their defaults.
    if (!fromSnapshot && ops.every((op) => !op.isEdit)) {
      const given = new Set(columns);
      const missing = [...this.shapes.get(table)!.defaults].filter(([col]) => !given.has(col));
      if (missing.length > 0) {
        const more = this.statement(
          `SELECT ${missing.map(([col]) => col).join(', ')} FROM ${table} WHERE id = ?`,
        ).get(id) as Record<string, SqlValue>;
        for (const [col, value] of missing) {
          current[col] = more[col] ?? null;
          ops.push({ col, value, isEdit: false, prev: null });
        }
      }
    }
    const clocks: RowClock = parseRowClock(current.sync_clock as string | null);
    const changed: FieldOp[] = [];
    let conflicts = 0;
    for (const op of ops) {
      const here = clocks[op.col] ?? clocks[''] ?? null;
      const hereValue = current[op.col] ?? null;
      if (here !== null && hlc === here) continue;
      const incomingWins = here === null || hlc > here;
      // Concurrent: an edit that did not see the value here, or an insert meeting a value it
      // never saw. Only a real difference of values is worth a person's attention.
      const concurrent =
        here !== null &&
        (op.isEdit ? op.prev !== here : incomingWins) &&
        hereValue !== op.value &&
        !NOT_WORTH_A_CONFLICT.has(op.col);
      if (incomingWins) {
        changed.push(op);
        clocks[op.col] = hlc;
        if (recordConflicts && concurrent) {
          conflicts += this.recordConflict(table, id, op.col, op.value, hlc, hereValue, here);
        }
      } else if (recordConflicts && concurrent && op.isEdit) {
        conflicts += this.recordConflict(table, id, op.col, hereValue, here, op.value, hlc);
      }
    }
    if (changed.length === 0) return conflicts;
    const cols = changed.map((op) => op.col);
    this.statement(
      `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, sync_clock = ?
        WHERE id = ?`,
    ).run(
      ...changed.map((op) => op.value),
      Math.max(Number(current.updated_at ?? 0), wall),
      JSON.stringify(clocks),
      id,
    );
    return conflicts;
  }

  private recordConflict(
    table: string,
    id: string,
    col: string,
    keptValue: SqlValue,
    keptHlc: string,
    lostValue: SqlValue,
    lostHlc: string,
  ): number {
    return this.statement(
      `INSERT OR IGNORE INTO sync_conflicts
         (tbl, row_id, col, kept_value, kept_hlc, lost_value, lost_hlc, detected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(table, id, col, keptValue, keptHlc, lostValue, lostHlc, this.now()).changes;
  }

  private setApplied(device: string, seq: number, onlyForward = false): void {
    this.statement(
      `INSERT INTO sync_peers (device, applied_seq) VALUES (?, ?)
       ON CONFLICT (device) DO UPDATE SET applied_seq = ${
         onlyForward ? 'max(applied_seq, excluded.applied_seq)' : 'excluded.applied_seq'
       }`,
    ).run(device, seq);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export type { OpValue };
