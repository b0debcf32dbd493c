import type { Presence, Refusal, ServerRole, ServerUser, WireEntry } from '../../shared/serverApi';

export type FactValue = string | number | null;

/** The few current values the role checks need (who owns a deal, which phase a stage is in). */
export interface FactsReader {
  get(table: string, rowId: string, column: string): Promise<FactValue | undefined>;
}

/** Decides whether the author may make an entry's changes: null (yes) or the reason why not. */
export type Decide = (entry: WireEntry, facts: FactsReader) => Promise<string | null>;

export interface PushOutcome {
  accepted: number;
  duplicates: number;
  refused: Refusal[];
  publishedSeq: number;
  serverSeq: number;
}

export interface StoredEntry {
  serverSeq: number;
  entry: WireEntry;
}

export interface StoredUser extends ServerUser {
  createdAt: number;
  revokedAt: number | null;
}

/**
 * Where the server keeps users, entries and presence: SQLite in `--data` (one server), or
 * PostgreSQL (`--database-url`; the server then keeps no state of its own, so several can run
 * behind a load balancer). Both implement this, and the same test suite runs against both.
 */
export interface ServerStorage {
  /** Create or upgrade the schema. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  addUser(user: {
    name: string;
    email: string;
    role: ServerRole;
    tokenHash: string;
  }): Promise<StoredUser>;
  /** The active user whose token hashes to `tokenHash` (revoked users are not found). */
  userByTokenHash(tokenHash: string): Promise<StoredUser | null>;
  /**
   * The active user whose stored token hash starts with `selector:` (see `src/server/tokens.ts`),
   * with that stored hash, for a constant-time comparison of the rest.
   */
  userByTokenSelector(selector: string): Promise<(StoredUser & { tokenHash: string }) | null>;
  /** Revoke a user's token; false if there is no such active user. */
  revokeUser(email: string): Promise<boolean>;
  listUsers(): Promise<StoredUser[]>;

  /**
   * Store a device's entries in one transaction, idempotent on `(device, seq)`: entries stored
   * before are counted as duplicates and not checked again. Each new entry is checked with
   * `decide` (seeing the facts of the entries before it); a refused entry is stored with its
   * reason and without its changes taking effect. Entries must continue the device's seqs
   * without a gap; otherwise nothing is stored and the call throws `SeqGapError`.
   */
  push(userId: string, device: string, entries: WireEntry[], decide: Decide): Promise<PushOutcome>;
  /** Entries after the server cursor `after`, in server order, at most `limit` (by entries). */
  pull(after: number, limit: number): Promise<{ entries: StoredEntry[]; more: boolean }>;
  /**
   * The same page as the JSON text of `PullResponse.entries`, straight from what is stored
   * (optional: serving pulls without parsing and re-serialising every entry).
   */
  pullJson?(
    after: number,
    limit: number,
  ): Promise<{ json: string; last: number | null; more: boolean }>;
  /** The last seq of a device the server holds, and the clock of that entry. */
  published(device: string): Promise<{ publishedSeq: number; publishedHlc: string | null }>;
  lastServerSeq(): Promise<number>;

  /**
   * Hear of entries stored by other servers on the same storage (PostgreSQL); a storage of one
   * server (SQLite) leaves this out and the server announces its own pushes.
   */
  subscribe?(listener: (serverSeq: number) => void): () => void;

  upsertPresence(userId: string, presence: Presence): Promise<void>;
  presence(): Promise<Presence[]>;
}

/**
 * A device's ops are pushed by the person whose laptop it is: the first to push for a device id
 * owns it. Anyone else pushing under that id (taking its next seqs, so that the laptop's real ops
 * would later be dropped as duplicates) is refused.
 */
export class DeviceOwnerError extends Error {
  constructor(device: string) {
    super(
      `device ${device} syncs for another person on this server; a laptop syncs with its own ` +
        'person’s token (join the workspace again with a fresh database to sync as yourself)',
    );
    this.name = 'DeviceOwnerError';
  }
}

export class SeqGapError extends Error {
  constructor(device: string, expected: number, got: number) {
    super(
      `device ${device} must push its seq ${expected} next (the server holds its seqs up to ${expected - 1}); got ${got}`,
    );
    this.name = 'SeqGapError';
  }
}

/** The columns whose current values the role checks read, kept per row by `push`. */
export const FACT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  deals: ['owner_id', 'stage_id'],
  contacts: ['owner_id'],
  accounts: ['owner_id'],
  calls: ['rep_id'],
  notes: ['author_id', 'deal_id'],
  follow_ups: ['owner_id'],
  saved_views: ['user_id'],
  stages: ['phase_id'],
  stage_history: ['deal_id'],
  call_scores: ['rep_id'],
  handovers: ['deal_id', 'author_id', 'success_owner_id'],
  handover_sections: ['handover_id'],
  handover_comments: ['handover_id'],
  handover_versions: ['handover_id'],
};

/**
 * The newest value of each fact column of an accepted entry (per field, newest hlc wins, as on
 * the devices). Storage implementations call this for what to upsert.
 */
export interface Fact {
  table: string;
  rowId: string;
  column: string;
  value: FactValue;
  /** The clock of the op: a fact changes only to a newer one. */
  hlc: string;
}

export function factsOf(entry: WireEntry): Fact[] {
  const columns = FACT_COLUMNS[entry.table];
  if (!columns) return [];
  const facts: Fact[] = [];
  for (const [rowId, fields] of entry.changes) {
    for (const column of columns) {
      if (!(column in fields)) continue;
      const raw = fields[column]!;
      const value = Array.isArray(raw) ? raw[0] : raw;
      facts.push({ table: entry.table, rowId, column, value, hlc: entry.hlc });
    }
  }
  return facts;
}
