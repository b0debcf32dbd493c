import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { HybridLogicalClock, type HlcOptions } from '../../shared/hlc';
import { newDeviceId } from '../../shared/ids';
import { migrate } from './migrations';
import {
  WRITE_GUARD_FUNCTION,
  installWriteGuards,
  readSyncedSchema,
} from './syncedTables';
import { WritePath, type CommittedChange, type WriteGate, type Writer } from './writePath';

export interface StoreOptions {
  path: string;
  /** The wall clock, for tests. */
  now?: HlcOptions['now'];
  /** Called after every committed write, with the tables it touched. */
  onCommit?: (change: CommittedChange) => void;
}

/**
 * The SQLite file of one device: WAL, `synchronous=FULL` (the op log must survive a power cut),
 * foreign keys on, one write connection, migrations applied at open.
 */
export class Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly deviceId: string;
  readonly schemaVersion: number;
  readonly clock: HybridLogicalClock;
  private readonly writePath: WritePath;

  private constructor(options: StoreOptions) {
    this.path = options.path;
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    try {
      const mode = this.db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal' && options.path !== ':memory:') {
        throw new Error(`${options.path}: SQLite could not switch to WAL mode (got ${String(mode)})`);
      }
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');

      const gate: WriteGate = { open: false };
      this.db.function(WRITE_GUARD_FUNCTION, { deterministic: false }, () => (gate.open ? 1 : 0));
      const { to } = migrate(this.db, options.path);
      this.schemaVersion = to;
      installWriteGuards(this.db);

      this.deviceId = this.localSetting('device_id') ?? this.createDeviceId();
      this.clock = new HybridLogicalClock(this.deviceId, { now: options.now });
      this.writePath = new WritePath(
        this.db,
        readSyncedSchema(this.db),
        this.clock,
        gate,
        this.schemaVersion,
        options.onCommit ?? (() => {}),
      );
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  static open(options: StoreOptions): Store {
    return new Store(options);
  }

  /** Change synced tables: rows, op log and field clocks in one transaction. See `WritePath`. */
  write<T>(fn: (writer: Writer) => T): T {
    return this.writePath.write(fn);
  }

  get lastSeq(): number {
    return this.writePath.lastSeq;
  }

  /** Settings of this device only (who is signed in here, the device id): never synced. */
  localSetting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM local_settings WHERE key = ?').get(key) as
      | { value: string | null }
      | undefined;
    return row?.value ?? null;
  }

  setLocalSetting(key: string, value: string | null): void {
    this.db
      .prepare(
        `INSERT INTO local_settings (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private createDeviceId(): string {
    const id = newDeviceId();
    this.setLocalSetting('device_id', id);
    return id;
  }
}
