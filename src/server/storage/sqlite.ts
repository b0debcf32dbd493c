import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Presence, Refusal, ServerRole, WireEntry } from '../../shared/serverApi';
import {
  DeviceOwnerError,
  SeqGapError,
  factsOf,
  type Decide,
  type FactValue,
  type PushOutcome,
  type ServerStorage,
  type StoredEntry,
  type StoredUser,
} from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE TABLE IF NOT EXISTS entries (
  server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
  device TEXT NOT NULL,
  seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  tbl TEXT NOT NULL,
  changes TEXT NOT NULL,
  schema_v INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  refused TEXT,
  received_at INTEGER NOT NULL,
  UNIQUE (device, seq)
);
CREATE INDEX IF NOT EXISTS entries_device_last ON entries (device, last_seq);
CREATE TABLE IF NOT EXISTS facts (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  value ANY,
  hlc TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT;
CREATE TABLE IF NOT EXISTS presence (
  device TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL,
  info TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: ServerRole;
  created_at: number;
  revoked_at: number | null;
}

const toUser = (row: UserRow): StoredUser => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/**
 * The server's own SQLite file in `--data` (WAL). Pushes run one at a time
 * (a push awaits the role checks inside its transaction), so seq checks and the server order
 * need no more than that.
 */
export class SqliteStorage implements ServerStorage {
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'server.db'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last pushes a device was told were stored;
    // the device asks for its published seq before each push and sends them again.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
  }

  migrate(): Promise<void> {
    this.db.exec(SCHEMA);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  addUser(user: {
    name: string;
    email: string;
    role: ServerRole;
    tokenHash: string;
  }): Promise<StoredUser> {
    const row: UserRow = {
      id: randomUUID(),
      name: user.name,
      email: user.email.toLowerCase(),
      role: user.role,
      created_at: Date.now(),
      revoked_at: null,
    };
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, name, email, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(row.id, row.name, row.email, row.role, user.tokenHash, row.created_at);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return Promise.reject(new Error(`there is already a user with the email ${row.email}`));
      }
      return Promise.reject(error as Error);
    }
    return Promise.resolve(toUser(row));
  }

  userByTokenHash(tokenHash: string): Promise<StoredUser | null> {
    const row = this.db
      .prepare(
        `SELECT id, name, email, role, created_at, revoked_at FROM users
          WHERE token_hash = ? AND revoked_at IS NULL`,
      )
      .get(tokenHash) as UserRow | undefined;
    return Promise.resolve(row ? toUser(row) : null);
  }

  userByTokenSelector(selector: string): Promise<(StoredUser & { tokenHash: string }) | null> {
    const row = this.db
      .prepare(
        `SELECT id, name, email, role, created_at, revoked_at, token_hash FROM users
          WHERE substr(token_hash, 1, ?) = ? AND revoked_at IS NULL`,
      )
      .get(selector.length + 1, `${selector}:`) as (UserRow & { token_hash: string }) | undefined;
    return Promise.resolve(row ? { ...toUser(row), tokenHash: row.token_hash } : null);
  }

  revokeUser(email: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE users SET revoked_at = ? WHERE email = ? AND revoked_at IS NULL')
      .run(Date.now(), email.toLowerCase());
    return Promise.resolve(result.changes > 0);
  }

  listUsers(): Promise<StoredUser[]> {
    const rows = this.db
      .prepare(
        'SELECT id, name, email, role, created_at, revoked_at FROM users ORDER BY created_at',
      )
      .all() as UserRow[];
    return Promise.resolve(rows.map(toUser));
  }

  push(userId: string, device: string, entries: WireEntry[], decide: Decide): Promise<PushOutcome> {
    const run = this.queue.then(() => this.pushNow(userId, device, entries, decide));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async pushNow(
    userId: string,
    device: string,
    entries: WireEntry[],
    decide: Decide,
  ): Promise<PushOutcome> {
    const db = this.db;
    const factGet = db.prepare('SELECT value FROM facts WHERE tbl = ? AND row_id = ? AND col = ?');
    const facts = {
      get: (table: string, rowId: string, column: string) => {
        const row = factGet.get(table, rowId, column) as { value: FactValue } | undefined;
        return Promise.resolve(row?.value);
      },
    };
    db.exec('BEGIN IMMEDIATE');
    try {
      const owner = db
        .prepare('SELECT user_id FROM entries WHERE device = ? ORDER BY seq LIMIT 1')
        .get(device) as { user_id: string } | undefined;
      if (owner && owner.user_id !== userId) throw new DeviceOwnerError(device);
      let published = this.publishedSeq(device);
      let accepted = 0;
      let duplicates = 0;
      const refused: Refusal[] = [];
      const insert = db.prepare(
        `INSERT INTO entries (device, seq, last_seq, hlc, tbl, changes, schema_v, user_id, refused, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const upsertFact = db.prepare(
        `INSERT INTO facts (tbl, row_id, col, value, hlc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tbl, row_id, col) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
         WHERE excluded.hlc > facts.hlc`,
      );
      const now = Date.now();
      for (const entry of entries) {
        if (entry.device !== device) {
          throw new Error(`entry ${entry.seq} is of device ${entry.device}, not ${device}`);
        }
        if (entry.lastSeq <= published) {
          duplicates += 1;
          continue;
        }
        if (entry.seq !== published + 1) throw new SeqGapError(device, published + 1, entry.seq);
        const reason = await decide(entry, facts);
        insert.run(
          device,
          entry.seq,
          entry.lastSeq,
          entry.hlc,
          entry.table,
          JSON.stringify(entry.changes),
          entry.schemaV,
          userId,
          reason,
          now,
        );
        if (reason) {
          refused.push({
            seq: entry.seq,
            lastSeq: entry.lastSeq,
            table: entry.table,
            rowIds: entry.changes.map(([rowId]) => rowId),
            reason,
          });
        } else {
          for (const fact of factsOf(entry)) {
            upsertFact.run(fact.table, fact.rowId, fact.column, fact.value, fact.hlc);
          }
          accepted += 1;
        }
        published = entry.lastSeq;
      }
      db.exec('COMMIT');
      return { accepted, duplicates, refused, publishedSeq: published, serverSeq: this.lastSeq() };
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  private publishedSeq(device: string): number {
    const row = this.db
      .prepare('SELECT max(last_seq) AS seq FROM entries WHERE device = ?')
      .get(device) as { seq: number | null };
    return row.seq ?? 0;
  }

  private lastSeq(): number {
    const row = this.db.prepare('SELECT max(server_seq) AS seq FROM entries').get() as {
      seq: number | null;
    };
    return row.seq ?? 0;
  }

  pull(after: number, limit: number): Promise<{ entries: StoredEntry[]; more: boolean }> {
    const rows = this.pullRows(after, limit);
    return Promise.resolve({
      more: rows.length > limit,
      entries: rows.slice(0, limit).map((row) => ({
        serverSeq: row.server_seq,
        entry: {
          device: row.device,
          seq: row.seq,
          lastSeq: row.last_seq,
          hlc: row.hlc,
          table: row.tbl,
          changes: row.refused ? [] : (JSON.parse(row.changes) as WireEntry['changes']),
          schemaV: row.schema_v,
        },
      })),
    });
  }

  /** The same page as `pull`, as the JSON text of its entries, built by SQLite itself. */
  pullJson(
    after: number,
    limit: number,
  ): Promise<{ json: string; last: number | null; more: boolean }> {
    const row = this.db
      .prepare(
        `SELECT json_group_array(json_object(
                  'serverSeq', server_seq,
                  'entry', json_object(
                    'device', device, 'seq', seq, 'lastSeq', last_seq, 'hlc', hlc, 'table', tbl,
                    'changes', CASE WHEN refused IS NULL THEN json(changes) ELSE json('[]') END,
                    'schemaV', schema_v)) ORDER BY server_seq) AS json,
                max(server_seq) AS last
           FROM (SELECT * FROM entries WHERE server_seq > ? ORDER BY server_seq LIMIT ?)`,
      )
      .get(after, limit) as { json: string; last: number | null };
    const more = this.db
      .prepare('SELECT 1 FROM entries WHERE server_seq > ? LIMIT 1')
      .get(row.last ?? after);
    return Promise.resolve({ json: row.json, last: row.last, more: more !== undefined });
  }

  private pullRows(after: number, limit: number) {
    return this.db
      .prepare(
        `SELECT server_seq, device, seq, last_seq, hlc, tbl, changes, schema_v, refused
           FROM entries WHERE server_seq > ? ORDER BY server_seq LIMIT ?`,
      )
      .all(after, limit + 1) as {
      server_seq: number;
      device: string;
      seq: number;
      last_seq: number;
      hlc: string;
      tbl: string;
      changes: string;
      schema_v: number;
      refused: string | null;
    }[];
  }

  published(device: string): Promise<{ publishedSeq: number; publishedHlc: string | null }> {
    const row = this.db
      .prepare('SELECT last_seq, hlc FROM entries WHERE device = ? ORDER BY seq DESC LIMIT 1')
      .get(device) as { last_seq: number; hlc: string } | undefined;
    return Promise.resolve({ publishedSeq: row?.last_seq ?? 0, publishedHlc: row?.hlc ?? null });
  }

  lastServerSeq(): Promise<number> {
    return Promise.resolve(this.lastSeq());
  }

  upsertPresence(userId: string, presence: Presence): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO presence (device, user_id, info, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (device) DO UPDATE SET user_id = excluded.user_id, info = excluded.info,
           updated_at = excluded.updated_at`,
      )
      .run(presence.id, userId, JSON.stringify(presence), Date.now());
    return Promise.resolve();
  }

  presence(): Promise<Presence[]> {
    const rows = this.db.prepare('SELECT info FROM presence ORDER BY device').all() as {
      info: string;
    }[];
    return Promise.resolve(rows.map((row) => JSON.parse(row.info) as Presence));
  }
}
