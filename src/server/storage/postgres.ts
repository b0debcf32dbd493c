import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Presence, Refusal, ServerRole, WireEntry } from '../../shared/serverApi';
import {
  DeviceOwnerError,
  SeqGapError,
  factsOf,
  type Decide,
  type FactValue,
  type FactsReader,
  type PushOutcome,
  type ServerStorage,
  type StoredEntry,
  type StoredUser,
} from './types';

/**
 * Advisory lock keys (the two-key form, so they cannot meet single-key locks of other programs
 * sharing the database): the first key says what is locked.
 */
const LOCK_MIGRATE = 0x436b_0001;
const LOCK_DEVICE = 0x436b_0002;
const LOCK_SERVER_ORDER = 0x436b_0003;

/**
 * Schema versions, applied in order, each once. Notes on the types:
 * - `entries.changes` is JSON as text, not jsonb: jsonb reorders object keys, and field op k of
 *   an entry has seq `seq + k` in the order of its columns, so the text must come back as sent.
 * - Clocks compare with the "C" collation (bytes), as the devices compare them; a locale's
 *   collation could order the hyphens differently.
 * - `users.token_hash` is `<selector>:<hash>` (see `../tokens.ts`); with the "C" collation its
 *   unique index also finds a selector's prefix as a range.
 * - Fact values are jsonb scalars, so a string, a number and null stay what they were.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id text PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL UNIQUE,
    role text NOT NULL,
    token_hash text COLLATE "C" NOT NULL UNIQUE,
    created_at bigint NOT NULL,
    revoked_at bigint
  );
  CREATE TABLE entries (
    server_seq bigserial PRIMARY KEY,
    device text NOT NULL,
    seq bigint NOT NULL,
    last_seq bigint NOT NULL,
    hlc text COLLATE "C" NOT NULL,
    tbl text NOT NULL,
    changes text NOT NULL,
    schema_v integer NOT NULL,
    user_id text NOT NULL,
    refused text,
    received_at bigint NOT NULL,
    UNIQUE (device, seq)
  );
  CREATE TABLE facts (
    tbl text NOT NULL,
    row_id text NOT NULL,
    col text NOT NULL,
    value jsonb NOT NULL,
    hlc text COLLATE "C" NOT NULL,
    PRIMARY KEY (tbl, row_id, col)
  );
  CREATE TABLE presence (
    device text PRIMARY KEY,
    user_id text NOT NULL,
    info jsonb NOT NULL,
    updated_at bigint NOT NULL
  );
  `,
];

/** The schema version this code writes; a database beyond it was written by a newer server. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: ServerRole;
  created_at: string;
  revoked_at: string | null;
}

interface EntryRow {
  server_seq: string;
  device: string;
  seq: string;
  last_seq: string;
  hlc: string;
  tbl: string;
  changes: string;
  schema_v: number;
  refused: string | null;
}

interface Fact {
  value: FactValue;
  hlc: string;
}

const USER_COLUMNS = 'id, name, email, role, created_at, revoked_at';

const toUser = (row: UserRow): StoredUser => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: Number(row.created_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
});

const factKey = (table: string, rowId: string, column: string): string =>
  JSON.stringify([table, rowId, column]);

/**
 * The facts one push sees: the table as committed, with the facts of the entries accepted
 * earlier in the same push laid over it (per field, the newer clock wins, as in the table).
 * They are written in one statement at the end of the push.
 */
class PushFacts implements FactsReader {
  private readonly stored = new Map<string, Fact | null>();
  readonly pending = new Map<string, Fact & { table: string; rowId: string; column: string }>();

  constructor(private readonly client: pg.PoolClient) {}

  async get(table: string, rowId: string, column: string): Promise<FactValue | undefined> {
    const key = factKey(table, rowId, column);
    let stored = this.stored.get(key);
    if (stored === undefined) {
      const result = await this.client.query<{ value: FactValue; hlc: string }>(
        'SELECT value, hlc FROM facts WHERE tbl = $1 AND row_id = $2 AND col = $3',
        [table, rowId, column],
      );
      stored = result.rows[0] ?? null;
      this.stored.set(key, stored);
    }
    const pending = this.pending.get(key);
    const current = pending && (!stored || stored.hlc < pending.hlc) ? pending : stored;
    return current ? current.value : undefined;
  }

  /** Lay an accepted entry's facts over the others (on a tie, the earlier one stays). */
  add(entry: WireEntry): void {
    for (const fact of factsOf(entry)) {
      const key = factKey(fact.table, fact.rowId, fact.column);
      const pending = this.pending.get(key);
      if (pending && !(pending.hlc < entry.hlc)) continue;
      this.pending.set(key, { ...fact, hlc: entry.hlc });
    }
  }
}

/**
 * The server's storage in PostgreSQL (`--database-url`). The server keeps no state of its own
 * then, so several servers may run behind a load balancer on one database: everything that must
 * hold across pushes (seqs without gaps, idempotency, the server order) is enforced in the
 * database with transaction-scoped advisory locks.
 *
 * The transactions run at READ COMMITTED: every statement after a lock is taken sees what the
 * transaction that held it before committed.
 */
/** The channel on which pushes are announced to every server (see `subscribe`). */
const NOTIFY_CHANNEL = 'cockpit_ops';

export class PostgresStorage implements ServerStorage {
  private readonly pool: pg.Pool;
  private readonly unsubscribers = new Set<() => void>();

  constructor(
    url: string,
    options: { maxConnections?: number; onError?: (error: Error) => void } = {},
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      application_name: 'cockpit-server',
      keepAlive: true,
      // A server that hangs or loses its network inside a push must not hold the push locks of
      // every other server for long: PostgreSQL ends such a transaction (pushes take
      // milliseconds).
      idle_in_transaction_session_timeout: 30_000,
    });
    // An idle connection that breaks (the database restarted) is dropped from the pool; without
    // a listener the 'error' event would end the process.
    this.pool.on('error', (error) => options.onError?.(error));
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Two servers starting at once: the second waits here and then finds the schema done.
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_MIGRATE]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
      const result = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_version',
      );
      const found = result.rows[0]?.version ?? 0;
      if (found > MIGRATIONS.length) {
        throw new Error(
          `the database was written by a newer Lifecycle Cockpit server (schema ${found}; this ` +
            `version knows up to ${MIGRATIONS.length})`,
        );
      }
      for (let version = found + 1; version <= MIGRATIONS.length; version += 1) {
        await client.query(MIGRATIONS[version - 1]!);
      }
      if (found < MIGRATIONS.length) {
        await client.query('DELETE FROM schema_version');
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
      }
    });
  }

  /**
   * New entries stored by any server on this database (LISTEN/NOTIFY), so that each server's
   * live stream announces pushes that went through the others. Reconnects if the listening
   * connection breaks.
   */
  subscribe(listener: (serverSeq: number) => void): () => void {
    let stopped = false;
    let client: pg.PoolClient | undefined;
    const listen = async () => {
      while (!stopped) {
        try {
          client = await this.pool.connect();
          client.on('notification', (message) => {
            if (message.channel === NOTIFY_CHANNEL) listener(Number(message.payload));
          });
          await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
          await new Promise<void>((resolve) => client!.once('error', () => resolve()));
        } catch {
          // The database is away: try again shortly.
        }
        client?.release(true);
        client = undefined;
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      }
    };
    void listen();
    this.unsubscribers.add(() => {
      stopped = true;
      client?.release(true);
    });
    return () => {
      stopped = true;
      client?.release(true);
      client = undefined;
    };
  }

  async close(): Promise<void> {
    for (const stop of this.unsubscribers) stop();
    this.unsubscribers.clear();
    await this.pool.end();
  }

  async addUser(user: {
    name: string;
    email: string;
    role: ServerRole;
    tokenHash: string;
  }): Promise<StoredUser> {
    const email = user.email.toLowerCase();
    try {
      const result = await this.pool.query<UserRow>(
        `INSERT INTO users (id, name, email, role, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
        [randomUUID(), user.name, email, user.role, user.tokenHash, Date.now()],
      );
      return toUser(result.rows[0]!);
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'users_email_key') {
        throw new Error(`there is already a user with the email ${email}`, { cause: error });
      }
      throw error;
    }
  }

  async userByTokenHash(tokenHash: string): Promise<StoredUser | null> {
    const result = await this.pool.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE token_hash = $1 AND revoked_at IS NULL`,
      [tokenHash],
    );
    const row = result.rows[0];
    return row ? toUser(row) : null;
  }

  async userByTokenSelector(
    selector: string,
  ): Promise<(StoredUser & { tokenHash: string }) | null> {
    // Stored hashes of this selector are the strings from `<selector>:` up to `<selector>;`
    // (';' follows ':'), byte-wise.
    const result = await this.pool.query<UserRow & { token_hash: string }>(
      `SELECT ${USER_COLUMNS}, token_hash FROM users
        WHERE token_hash >= $1 AND token_hash < $2 AND revoked_at IS NULL
        ORDER BY created_at LIMIT 1`,
      [`${selector}:`, `${selector};`],
    );
    const row = result.rows[0];
    return row ? { ...toUser(row), tokenHash: row.token_hash } : null;
  }

  async revokeUser(email: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE users SET revoked_at = $1 WHERE email = $2 AND revoked_at IS NULL',
      [Date.now(), email.toLowerCase()],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async listUsers(): Promise<StoredUser[]> {
    const result = await this.pool.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users ORDER BY created_at, email`,
    );
    return result.rows.map(toUser);
  }

  push(userId: string, device: string, entries: WireEntry[], decide: Decide): Promise<PushOutcome> {
    return this.transaction(async (client) => {
      // Pushes of one device one at a time, so that its seqs are checked against what the
      // previous push stored (also when that push went through another server).
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_DEVICE, device]);
      const owner = await client.query<{ user_id: string }>(
        'SELECT user_id FROM entries WHERE device = $1 ORDER BY seq LIMIT 1',
        [device],
      );
      if (owner.rows[0] && owner.rows[0].user_id !== userId) throw new DeviceOwnerError(device);
      const stored = await publishedOf(client, device);

      // Which entries are new, and do they continue the device's seqs? Checked before anything
      // is written (a gap stores nothing; the rollback would undo it anyway).
      let published = stored.publishedSeq;
      let duplicates = 0;
      const fresh: WireEntry[] = [];
      for (const entry of entries) {
        if (entry.device !== device) {
          throw new Error(`entry ${entry.seq} is of device ${entry.device}, not ${device}`);
        }
        if (entry.lastSeq <= published) {
          duplicates += 1;
          continue;
        }
        if (entry.seq !== published + 1) throw new SeqGapError(device, published + 1, entry.seq);
        fresh.push(entry);
        published = entry.lastSeq;
      }
      if (fresh.length === 0) {
        return {
          accepted: 0,
          duplicates,
          refused: [],
          publishedSeq: published,
          serverSeq: await lastServerSeqOf(client),
        };
      }

      // One push at a time from here to the commit, across every server on this database.
      // Readers page by server_seq; if two pushes drew their server_seqs concurrently, the one
      // with the higher seq could commit first, a reader would move its cursor past it, and the
      // lower one committing later would never be pulled by that reader. Under this lock
      // server_seqs are drawn and committed in the same order (the lock is released only after
      // the commit is visible). It also means every decision sees the facts of every entry
      // before it in server order, as with the single-writer SQLite storage. Pushes are small,
      // and a retry of entries already stored does not get this far.
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SERVER_ORDER]);

      const facts = new PushFacts(client);
      const refused: Refusal[] = [];
      const reasons: (string | null)[] = [];
      for (const entry of fresh) {
        const reason = await decide(entry, facts);
        reasons.push(reason);
        if (reason === null) {
          facts.add(entry);
        } else {
          refused.push({
            seq: entry.seq,
            lastSeq: entry.lastSeq,
            table: entry.table,
            rowIds: entry.changes.map(([rowId]) => rowId),
            reason,
          });
        }
      }

      // Server seqs for the new entries, assigned in push order whatever order the database
      // drew them in.
      const drawn = await client.query<{ seq: string }>(
        `SELECT nextval(pg_get_serial_sequence('entries', 'server_seq')) AS seq
           FROM generate_series(1, $1::integer)`,
        [fresh.length],
      );
      const serverSeqs = drawn.rows.map((row) => BigInt(row.seq)).sort((a, b) => (a < b ? -1 : 1));
      await client.query(
        `INSERT INTO entries
           (server_seq, device, seq, last_seq, hlc, tbl, changes, schema_v, user_id, refused,
            received_at)
         SELECT e.server_seq, $1, e.seq, e.last_seq, e.hlc, e.tbl, e.changes, e.schema_v, $2,
                e.refused, $3
           FROM unnest($4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[],
                       $9::text[], $10::integer[], $11::text[])
             AS e (server_seq, seq, last_seq, hlc, tbl, changes, schema_v, refused)`,
        [
          device,
          userId,
          Date.now(),
          serverSeqs.map(String),
          fresh.map((entry) => entry.seq),
          fresh.map((entry) => entry.lastSeq),
          fresh.map((entry) => entry.hlc),
          fresh.map((entry) => entry.table),
          fresh.map((entry) => JSON.stringify(entry.changes)),
          fresh.map((entry) => entry.schemaV),
          reasons,
        ],
      );

      // In key order, as any writer of facts should lock them (no deadlock between two pushes).
      const pending = [...facts.pending.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, fact]) => fact);
      if (pending.length > 0) {
        await client.query(
          `INSERT INTO facts (tbl, row_id, col, value, hlc)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[])
           ON CONFLICT (tbl, row_id, col) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
             WHERE facts.hlc < excluded.hlc`,
          [
            pending.map((fact) => fact.table),
            pending.map((fact) => fact.rowId),
            pending.map((fact) => fact.column),
            pending.map((fact) => JSON.stringify(fact.value)),
            pending.map((fact) => fact.hlc),
          ],
        );
      }

      // Every server on this database hears of it at commit (see `subscribe`).
      await client.query(`SELECT pg_notify('${NOTIFY_CHANNEL}', $1)`, [
        String(serverSeqs[serverSeqs.length - 1]!),
      ]);
      return {
        accepted: fresh.length - refused.length,
        duplicates,
        refused,
        publishedSeq: published,
        serverSeq: Number(serverSeqs[serverSeqs.length - 1]!),
      };
    });
  }

  async pull(after: number, limit: number): Promise<{ entries: StoredEntry[]; more: boolean }> {
    const { rows, more } = await this.pullRows(after, limit);
    return {
      more,
      entries: rows.map((row) => ({
        serverSeq: Number(row.server_seq),
        entry: {
          device: row.device,
          seq: Number(row.seq),
          lastSeq: Number(row.last_seq),
          hlc: row.hlc,
          table: row.tbl,
          changes: row.refused === null ? (JSON.parse(row.changes) as WireEntry['changes']) : [],
          schemaV: row.schema_v,
        },
      })),
    };
  }

  /** The same page as `pull`, as the JSON text of its entries, without parsing what is stored. */
  async pullJson(
    after: number,
    limit: number,
  ): Promise<{ json: string; last: number | null; more: boolean }> {
    const { rows, more } = await this.pullRows(after, limit);
    const json = rows
      .map(
        (row) =>
          `{"serverSeq":${Number(row.server_seq)},"entry":{"device":${JSON.stringify(row.device)},` +
          `"seq":${Number(row.seq)},"lastSeq":${Number(row.last_seq)},"hlc":${JSON.stringify(row.hlc)},` +
          `"table":${JSON.stringify(row.tbl)},"changes":${row.refused === null ? row.changes : '[]'},` +
          `"schemaV":${row.schema_v}}}`,
      )
      .join(',');
    const last = rows.at(-1);
    return { json: `[${json}]`, last: last ? Number(last.server_seq) : null, more };
  }

  private async pullRows(
    after: number,
    limit: number,
  ): Promise<{ rows: EntryRow[]; more: boolean }> {
    const take = Math.max(0, Math.floor(limit));
    const result = await this.pool.query<EntryRow>(
      `SELECT server_seq, device, seq, last_seq, hlc, tbl, changes, schema_v, refused
         FROM entries WHERE server_seq > $1 ORDER BY server_seq LIMIT $2`,
      [after, take + 1],
    );
    return { rows: result.rows.slice(0, take), more: result.rows.length > take };
  }

  published(device: string): Promise<{ publishedSeq: number; publishedHlc: string | null }> {
    return publishedOf(this.pool, device);
  }

  lastServerSeq(): Promise<number> {
    return lastServerSeqOf(this.pool);
  }

  async upsertPresence(userId: string, presence: Presence): Promise<void> {
    await this.pool.query(
      `INSERT INTO presence (device, user_id, info, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (device) DO UPDATE SET user_id = excluded.user_id, info = excluded.info,
         updated_at = excluded.updated_at`,
      [presence.id, userId, JSON.stringify(presence), Date.now()],
    );
  }

  async presence(): Promise<Presence[]> {
    const result = await this.pool.query<{ info: Presence }>(
      'SELECT info FROM presence ORDER BY device',
    );
    return result.rows.map((row) => row.info);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is gone or unusable: do not give it back to the pool.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

type Queryable = pg.Pool | pg.PoolClient;

async function publishedOf(
  db: Queryable,
  device: string,
): Promise<{ publishedSeq: number; publishedHlc: string | null }> {
  // A device's entries are stored without gaps or overlaps, so its highest seq ends its range.
  const result = await db.query<{ last_seq: string; hlc: string }>(
    'SELECT last_seq, hlc FROM entries WHERE device = $1 ORDER BY seq DESC LIMIT 1',
    [device],
  );
  const row = result.rows[0];
  return { publishedSeq: row ? Number(row.last_seq) : 0, publishedHlc: row?.hlc ?? null };
}

async function lastServerSeqOf(db: Queryable): Promise<number> {
  const result = await db.query<{ seq: string | null }>(
    'SELECT max(server_seq) AS seq FROM entries',
  );
  return Number(result.rows[0]?.seq ?? 0);
}
