import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { HybridLogicalClock, type HlcOptions } from '../../shared/hlc';
import { newDeviceId } from '../../shared/ids';
import { migrate } from './migrations';
import {
  LOCAL_DERIVED_TABLES,
  SYNCED_TABLES,
  isSyncedTable,
  readSyncedSchema,
} from './syncedTables';

const BULK_LOAD_KEY = 'bulk_load_indexes';
const REFUSALS_KEY = 'sync_refused';
import type {
  ChangeEntry,
  DeviceInfo,
  DevicePresence,
  PushRefusal,
  SeqVector,
  Snapshot,
} from '../sync/types';
import { RemoteApplier, type ApplyResult } from './remoteApply';
import {
  WritePath,
  parseRowClock,
  type CommittedChange,
  type SqlValue,
  type Writer,
} from './writePath';

/** A recorded conflict (see `sync_conflicts` in the migrations). */
export interface OpenConflict {
  id: number;
  tbl: string;
  row_id: string;
  col: string;
  kept_value: SqlValue;
  kept_hlc: string;
  lost_value: SqlValue;
  lost_hlc: string;
  detected_at: number;
}

/** Statements on this device's derived tables (see `LOCAL_DERIVED_TABLES`). */
export interface LocalWriter {
  run(sql: string, ...params: SqlValue[]): Database.RunResult;
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  all<T>(sql: string, ...params: SqlValue[]): T[];
}

const WRITE_TARGET =
  /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`]?(\w+)/i;

export interface StoreOptions {
  path: string;
  /** The wall clock, for tests. */
  now?: HlcOptions['now'];
  /** Called after every committed write, with the tables it touched. */
  onCommit?: (change: CommittedChange) => void;
}

function configure(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: the board's aggregates and bulk imports touch many pages.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
}

/**
 * The SQLite file of one device: WAL, `synchronous=FULL` (the op log must survive a power cut),
 * foreign keys on, versioned migrations at open.
 *
 * Two connections: the write path owns the only writable one, privately, and everything else
 * reads through `db`, which is opened read-only. So no code path but the write path can change a
 * synced table, and every change comes with its ops.
 */
export class Store {
  /** Read-only. Writes go through `write(...)`. */
  readonly db: Database.Database;
  readonly path: string;
  readonly deviceId: string;
  readonly schemaVersion: number;
  readonly clock: HybridLogicalClock;
  readonly #writable: Database.Database;
  readonly #writePath: WritePath;
  readonly #remote: RemoteApplier;
  readonly #onCommit: (change: CommittedChange) => void;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #writableStatements = new Map<string, Database.Statement>();

  private constructor(options: StoreOptions) {
    if (options.path === ':memory:') {
      throw new Error('the store needs a file: its read and write connections share it');
    }
    this.path = options.path;
    mkdirSync(dirname(options.path), { recursive: true });
    this.#writable = new Database(options.path);
    let reader: Database.Database | undefined;
    try {
      const mode = this.#writable.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        throw new Error(
          `${options.path}: SQLite could not switch to WAL mode (got ${String(mode)})`,
        );
      }
      this.#writable.pragma('synchronous = FULL');
      configure(this.#writable);
      const { to } = migrate(this.#writable, options.path);
      this.schemaVersion = to;

      this.restoreIndexesAfterBulkLoad();
      this.deviceId = this.localSetting('device_id') ?? this.createDeviceId();
      this.clock = new HybridLogicalClock(this.deviceId, { now: options.now });
      const shapes = readSyncedSchema(this.#writable);
      this.#onCommit = options.onCommit ?? (() => {});
      this.#writePath = new WritePath(
        this.#writable,
        shapes,
        this.clock,
        this.schemaVersion,
        this.#onCommit,
      );
      this.#remote = new RemoteApplier(this.#writable, shapes, this.clock, options.now ?? Date.now);
      // Field ops kept for this version (an upgrade may have brought their columns).
      this.#writable.transaction(() => this.#remote.replayPending())();
      reader = new Database(options.path, { readonly: true, fileMustExist: true });
      configure(reader);
      this.db = reader;
    } catch (error) {
      reader?.close();
      this.#writable.close();
      throw error;
    }
  }

  static open(options: StoreOptions): Store {
    return new Store(options);
  }

  /**
   * A read-only statement, prepared once per SQL text and reused: preparing costs more than most
   * of the queries the app runs.
   */
  prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Maintain this device's derived tables (the search index) in one transaction. Statements that
   * write anything else are refused, so this cannot become a way around the write path.
   */
  local<T>(fn: (writer: LocalWriter) => T): T {
    const statement = (sql: string) => {
      const prepared = this.#writablePrepare(sql);
      if (!prepared.reader) {
        const target = WRITE_TARGET.exec(sql)?.[1];
        if (!target || !LOCAL_DERIVED_TABLES.has(target)) {
          throw new Error(
            `store.local writes only ${[...LOCAL_DERIVED_TABLES].join(', ')}; refused: ${sql}`,
          );
        }
      }
      return prepared;
    };
    const writer: LocalWriter = {
      run: (sql, ...params) => statement(sql).run(...params),
      get: <R>(sql: string, ...params: SqlValue[]) =>
        statement(sql).get(...params) as R | undefined,
      all: <R>(sql: string, ...params: SqlValue[]) => statement(sql).all(...params) as R[],
    };
    return this.#writable.transaction(() => fn(writer))();
  }

  /**
   * Load a lot of rows at once (the demo seed): the secondary indexes of the synced tables are
   * dropped first and built again at the end, which is much faster than keeping them up to date
   * row by row. Their definitions are saved first, so a load cut short (a crash, a kill) has
   * them rebuilt at the next open. Writes still go through `write`, with all their ops.
   */
  bulkLoad<T>(fn: () => T): T {
    const indexes = this.#writable
      .prepare(
        `SELECT name, sql FROM sqlite_master
          WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(SYNCED_TABLES)) as { name: string; sql: string }[];
    this.#writable.transaction(() => {
      this.setLocalSetting(BULK_LOAD_KEY, JSON.stringify(indexes));
      for (const index of indexes) this.#writable.exec(`DROP INDEX ${index.name}`);
    })();
    try {
      return fn();
    } finally {
      this.restoreIndexesAfterBulkLoad();
      // Fresh statistics let the planner pick the right index for each filter and sort. A full
      // ANALYZE (0.3 s at 100,000 deals): sampled ones guess rows per key from the sample size
      // (1,000 deals per stage instead of 8,334) and steer the board sums off their index.
      this.#writable.pragma('analysis_limit = 0');
      this.#writable.exec('ANALYZE');
    }
  }

  private restoreIndexesAfterBulkLoad(): void {
    const saved = this.localSetting(BULK_LOAD_KEY);
    if (!saved) return;
    this.#writable.transaction(() => {
      for (const index of JSON.parse(saved) as { sql: string }[]) {
        this.#writable.exec(index.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
      }
      this.setLocalSetting(BULK_LOAD_KEY, null);
    })();
  }

  /** Change synced tables: rows, op log and field clocks in one transaction. See `WritePath`. */
  write<T>(fn: (writer: Writer) => T): T {
    return this.#writePath.write(fn);
  }

  /**
   * Apply ops of other devices and advance their cursors, in one transaction (see
   * `RemoteApplier`); open views hear of it through `data.changed` with origin `remote`.
   */
  applyRemote(
    entries: readonly ChangeEntry[],
    settings: Readonly<Record<string, string>> = {},
  ): ApplyResult {
    const result = this.#writable.transaction(() => {
      const applied = this.#remote.apply(entries);
      // A transport's cursor moves with what it covers, or not at all.
      for (const [key, value] of Object.entries(settings)) this.setLocalSetting(key, value);
      return applied;
    })();
    if (result.tables.length > 0) this.#onCommit({ tables: result.tables, origin: 'remote' });
    return result;
  }

  /** Start from a snapshot of another device: merged field by field, cursors moved forward. */
  applySnapshot(snapshot: Snapshot): void {
    const tables = this.#writable.transaction(() => this.#remote.applySnapshot(snapshot))();
    if (tables.length > 0) this.#onCommit({ tables, origin: 'remote' });
  }

  /** How far the ops of every other device are applied here. */
  appliedVector(): SeqVector {
    return this.#remote.appliedVector();
  }

  /** This device's log entries after `seq`, oldest first, up to about `maxOps` field ops. */
  ownEntriesAfter(seq: number, maxOps: number): ChangeEntry[] {
    const entries: ChangeEntry[] = [];
    let ops = 0;
    for (const row of this.prepare(
      `SELECT seq, last_seq, hlc, tbl, changes, schema_v FROM sync_changes
        WHERE device = ? AND last_seq > ? ORDER BY seq`,
    ).iterate(this.deviceId, seq) as Iterable<{
      seq: number;
      last_seq: number;
      hlc: string;
      tbl: string;
      changes: string;
      schema_v: number;
    }>) {
      entries.push({
        device: this.deviceId,
        seq: row.seq,
        lastSeq: row.last_seq,
        hlc: row.hlc,
        table: row.tbl,
        changes: JSON.parse(row.changes) as ChangeEntry['changes'],
        schemaV: row.schema_v,
      });
      ops += row.last_seq - row.seq + 1;
      if (ops >= maxOps) break;
    }
    return entries;
  }

  /** This device's log entry whose last op is `lastSeq`, if there is one. */
  ownEntryEndingAt(lastSeq: number): { seq: number; hlc: string } | undefined {
    return this.prepare(
      'SELECT seq, hlc FROM sync_changes WHERE device = ? AND last_seq = ? LIMIT 1',
    ).get(this.deviceId, lastSeq) as { seq: number; hlc: string } | undefined;
  }

  /** Every synced table as it stands, with the seqs it covers: for a new device to start from. */
  snapshot(): Snapshot {
    return this.#writable.transaction(() => {
      const tables: Snapshot['tables'] = {};
      for (const table of SYNCED_TABLES) {
        const columns = (this.#writable.pragma(`table_info(${table})`) as { name: string }[])
          .map((c) => c.name)
          .filter((name) => name !== 'updated_at');
        const rows = this.#writable
          .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`)
          .raw()
          .all() as Snapshot['tables'][string]['rows'];
        tables[table] = { columns, rows };
      }
      return {
        device: this.deviceId,
        hlc: this.clock.now(),
        schemaV: this.schemaVersion,
        vector: { ...this.#remote.appliedVector(), [this.deviceId]: this.lastSeq },
        tables,
      };
    })();
  }

  /** This device's own heartbeat, as the app last sent it (heard now). */
  setOwnPresence(presence: DevicePresence, userName: string | null, now: number): void {
    this.#writablePrepare(
      `INSERT INTO presence (device, user_id, user_name, status, call_id, on_call_since, beat_at,
                             heard_at)
       VALUES (@device, @userId, @userName, @state, @callId, @onCallSince, @beatAt, @now)
       ON CONFLICT (device) DO UPDATE SET user_id = excluded.user_id,
         user_name = excluded.user_name, status = excluded.status, call_id = excluded.call_id,
         on_call_since = excluded.on_call_since, beat_at = excluded.beat_at,
         heard_at = excluded.heard_at`,
    ).run({ device: this.deviceId, userName, now, ...presence });
  }

  /** This device's last heartbeat, with when it was made, or null if the app never beat here. */
  ownPresence(): (DevicePresence & { heardAt: number }) | null {
    const row = this.prepare(
      `SELECT status AS state, user_id AS userId, call_id AS callId, on_call_since AS onCallSince,
              beat_at AS beatAt, heard_at AS heardAt
         FROM presence WHERE device = ?`,
    ).get(this.deviceId) as (DevicePresence & { heardAt: number }) | undefined;
    return row ?? null;
  }

  /**
   * Note the heartbeats other devices published. A beat counts as heard now when it is newer than
   * the one noted (by the sender's own clock, so a slow clock does not matter), or, from a device
   * met for the first time, not older than five minutes (one met a day after it closed is not
   * online). True when what a dashboard shows may have changed.
   */
  recordPresence(devices: readonly DeviceInfo[], now: number, ttlMs: number): boolean {
    const read = this.#writablePrepare(
      'SELECT status, call_id, beat_at, heard_at FROM presence WHERE device = ?',
    );
    const write = this.#writablePrepare(
      `INSERT INTO presence (device, user_id, user_name, status, call_id, on_call_since, beat_at,
                             heard_at)
       VALUES (@device, @userId, @userName, @state, @callId, @onCallSince, @beatAt, @heardAt)
       ON CONFLICT (device) DO UPDATE SET user_id = excluded.user_id,
         user_name = excluded.user_name, status = excluded.status, call_id = excluded.call_id,
         on_call_since = excluded.on_call_since, beat_at = excluded.beat_at,
         heard_at = excluded.heard_at`,
    );
    let changed = false;
    this.#writable.transaction(() => {
      for (const device of devices) {
        const beat = device.presence;
        if (!beat || device.id === this.deviceId) continue;
        const old = read.get(device.id) as
          { status: string; call_id: string | null; beat_at: number; heard_at: number } | undefined;
        // A beat is new when the device's clock moved on since the last one noted (its clock
        // against itself: an older copy of a device file read again is not news); a device met
        // for the first time counts as heard only with a beat of the last five minutes.
        if (old && beat.beatAt <= old.beat_at) continue;
        const fresh = old !== undefined || beat.beatAt >= now - 5 * 60_000;
        const heardAt = fresh ? now : 0;
        const wasLive = old !== undefined && now - old.heard_at <= ttlMs;
        if (
          !old ||
          old.status !== beat.state ||
          old.call_id !== beat.callId ||
          (fresh && !wasLive)
        ) {
          changed = true;
        }
        write.run({ device: device.id, userName: device.userName, heardAt, ...beat });
      }
    })();
    return changed;
  }

  /** What the other devices last published about themselves (names, users, progress). */
  recordPeers(devices: readonly DeviceInfo[]): void {
    const statement = this.#writablePrepare(
      `INSERT INTO sync_peers (device, name, user_name, user_email, last_seen, published_seq)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET name = excluded.name, user_name = excluded.user_name,
         user_email = excluded.user_email, last_seen = excluded.last_seen,
         published_seq = excluded.published_seq`,
    );
    this.#writable.transaction(() => {
      for (const d of devices) {
        statement.run(d.id, d.name, d.userName, d.userEmail, d.lastSeen, d.publishedSeq);
      }
    })();
  }

  /**
   * Conflicts still waiting for a person: recorded and not settled, and the field still holds
   * the value that was kept (a later edit of the field settles it, on every device alike).
   */
  openConflicts(): OpenConflict[] {
    const rows = this.prepare(
      `SELECT id, tbl, row_id, col, kept_value, kept_hlc, lost_value, lost_hlc, detected_at
         FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at DESC, id DESC`,
    ).all() as OpenConflict[];
    return rows.filter((conflict) => {
      if (!isSyncedTable(conflict.tbl)) return false;
      const row = this.prepare(`SELECT sync_clock FROM ${conflict.tbl} WHERE id = ?`).get(
        conflict.row_id,
      ) as { sync_clock: string | null } | undefined;
      const clocks = parseRowClock(row?.sync_clock ?? null);
      return (clocks[conflict.col] ?? clocks['']) === conflict.kept_hlc;
    });
  }

  openConflictCount(): number {
    return this.openConflicts().length;
  }

  /** A person settled a conflict (the value they chose was written through `write`). */
  markConflictResolved(id: number, at: number): void {
    this.#writablePrepare('UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?').run(at, id);
  }

  /**
   * Changes of this device the workspace refused (a server's role check), with why: the values
   * stay here, visible, until the person dismisses the notice.
   */
  recordRefusals(refusals: readonly PushRefusal[], at: number): void {
    const kept = this.refusals();
    const seen = new Set(kept.map((r) => r.seq));
    const next = [...kept, ...refusals.filter((r) => !seen.has(r.seq)).map((r) => ({ ...r, at }))];
    this.setLocalSetting(REFUSALS_KEY, JSON.stringify(next.slice(-200)));
  }

  refusals(): (PushRefusal & { at: number })[] {
    const stored = this.localSetting(REFUSALS_KEY);
    return stored ? (JSON.parse(stored) as (PushRefusal & { at: number })[]) : [];
  }

  dismissRefusal(seq: number): void {
    this.setLocalSetting(
      REFUSALS_KEY,
      JSON.stringify(this.refusals().filter((r) => r.seq !== seq)),
    );
  }

  /** The seq of the newest field op written on this device. */
  get lastSeq(): number {
    return this.#writePath.lastSeq;
  }

  /** Settings of this device only (who is signed in here, the device id): never synced. */
  localSetting(key: string): string | null {
    const row = this.#writable
      .prepare('SELECT value FROM local_settings WHERE key = ?')
      .get(key) as { value: string | null } | undefined;
    return row?.value ?? null;
  }

  setLocalSetting(key: string, value: string | null): void {
    this.#writablePrepare(
      `INSERT INTO local_settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(key, value);
  }

  #writablePrepare(sql: string): Database.Statement {
    let statement = this.#writableStatements.get(sql);
    if (!statement) {
      statement = this.#writable.prepare(sql);
      this.#writableStatements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    if (this.db?.open) this.db.close();
    if (this.#writable.open) {
      // SQLite's advice: keep the planner's statistics current, cheaply, when a connection closes.
      // The sample is large enough for usable rows-per-key estimates (see bulkLoad).
      this.#writable.pragma('analysis_limit = 50000');
      this.#writable.pragma('optimize');
      this.#writable.close();
    }
  }

  private createDeviceId(): string {
    const id = newDeviceId();
    this.setLocalSetting('device_id', id);
    return id;
  }
}
