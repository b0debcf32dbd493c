import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Synced tables follow three rules, because rows arrive from other devices one field op at a
 * time and in any order across devices:
 * - every column but `id` is nullable or has a default, so a row can start from any one field;
 * - no FOREIGN KEY constraints: a deal may arrive before the account it points to, and SQLite would
 *   refuse it. The API checks references when a person writes; reads use LEFT JOINs;
 * - `updated_at` and `sync_clock` are kept by the write path and never logged themselves.
 *   `sync_clock` is the winning clock of each field: the insert's hlc, or JSON
 *   `{"": <insert hlc>, "<column>": <hlc of a later edit>}` once a field was edited.
 * STRICT keeps money integer and times integer.
 */
const STAMPS = `created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted_at INTEGER,
  sync_clock TEXT`;

const initialSchema = `
-- Local to this device: never synced -----------------------------------------------------------
CREATE TABLE local_settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
) STRICT;

-- The op log. Every change to a synced row is a set of field ops (device, seq, hlc, table, row,
-- column, value). A log row holds the ops of one write of one table: a single edit, or a batch of
-- inserted rows (an import), which share one hlc. Field ops are numbered in order: the first has
-- seq, the last last_seq, so a bulk import logs one row per batch instead of one per field.
-- changes is a JSON array of [row_id, ops]; ops is keyed by column: {"col": value} for an insert
-- (nothing overwritten), {"col": [value, prev_hlc]} for an edit, prev_hlc being the field's clock
-- when the edit was made: it tells a concurrent edit from a later one.
-- The view sync_ops shows one row per field op.
CREATE TABLE sync_changes (
  device TEXT NOT NULL,
  seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  tbl TEXT NOT NULL,
  changes TEXT NOT NULL,
  schema_v INTEGER NOT NULL,
  UNIQUE (device, seq)
) STRICT;

CREATE VIEW sync_ops AS
  SELECT c.device,
         c.seq + row_number() OVER (PARTITION BY c.device, c.seq ORDER BY r.key, f.id) - 1 AS seq,
         c.hlc, c.tbl, r.value ->> 0 AS row_id, f.key AS col,
         CASE f.type WHEN 'array' THEN f.value ->> 0 ELSE f.value END AS value,
         CASE f.type WHEN 'array' THEN f.value ->> 1 END AS prev_hlc,
         c.schema_v
    FROM sync_changes c, json_each(c.changes) r, json_each(r.value, '$[1]') f;

-- Team ------------------------------------------------------------------------------------------
CREATE TABLE team (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  default_currency TEXT NOT NULL DEFAULT 'EUR',
  time_zone TEXT,
  ${STAMPS}
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'rep',
  title TEXT,
  phone TEXT,
  time_zone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  ${STAMPS}
) STRICT;
CREATE INDEX users_email ON users (email COLLATE NOCASE);

-- Lifecycle model -------------------------------------------------------------------------------
CREATE TABLE phases (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  position REAL NOT NULL DEFAULT 0,
  ${STAMPS}
) STRICT;

CREATE TABLE stages (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  phase_id TEXT NOT NULL DEFAULT 'acquisition',
  position REAL NOT NULL DEFAULT 0,
  probability INTEGER NOT NULL DEFAULT 0,
  rotting_days INTEGER,
  kind TEXT NOT NULL DEFAULT 'open',
  ${STAMPS}
) STRICT;

-- Accounts, contacts, deals ---------------------------------------------------------------------
CREATE TABLE accounts (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  domain TEXT,
  industry TEXT,
  employees INTEGER,
  region TEXT,
  country TEXT,
  city TEXT,
  lifetime_value_minor INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT 'EUR',
  renewal_at INTEGER,
  health TEXT,
  owner_id TEXT,
  ${STAMPS}
) STRICT;
CREATE INDEX accounts_name ON accounts (name COLLATE NOCASE);
CREATE INDEX accounts_domain ON accounts (domain);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY NOT NULL,
  account_id TEXT,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT,
  phone TEXT,
  title TEXT,
  city TEXT,
  country TEXT,
  time_zone TEXT,
  preferred_channel TEXT,
  consent TEXT NOT NULL DEFAULT 'unknown',
  consent_at INTEGER,
  owner_id TEXT,
  ${STAMPS}
) STRICT;
CREATE INDEX contacts_account ON contacts (account_id);
CREATE INDEX contacts_email ON contacts (email COLLATE NOCASE);

CREATE TABLE deals (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  account_id TEXT,
  contact_id TEXT,
  stage_id TEXT NOT NULL DEFAULT '',
  owner_id TEXT,
  value_minor INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT 'EUR',
  status TEXT NOT NULL DEFAULT 'open',
  close_reason TEXT,
  closed_at INTEGER,
  expected_close_at INTEGER,
  next_step TEXT,
  follow_up_at INTEGER,
  source TEXT,
  campaign_id TEXT,
  position REAL NOT NULL DEFAULT 0,
  stage_entered_at INTEGER NOT NULL DEFAULT 0,
  last_activity_at INTEGER NOT NULL DEFAULT 0,
  ${STAMPS}
) STRICT;
CREATE INDEX deals_stage ON deals (stage_id, position) WHERE deleted_at IS NULL;
CREATE INDEX deals_owner ON deals (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_account ON deals (account_id);
CREATE INDEX deals_activity ON deals (last_activity_at) WHERE deleted_at IS NULL;

CREATE TABLE stage_history (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT NOT NULL DEFAULT '',
  from_stage_id TEXT,
  to_stage_id TEXT NOT NULL DEFAULT '',
  moved_at INTEGER NOT NULL DEFAULT 0,
  moved_by TEXT,
  ${STAMPS}
) STRICT;
CREATE INDEX stage_history_deal ON stage_history (deal_id, moved_at);

CREATE TABLE notes (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT,
  contact_id TEXT,
  account_id TEXT,
  author_id TEXT,
  body TEXT NOT NULL DEFAULT '',
  ${STAMPS}
) STRICT;
CREATE INDEX notes_deal ON notes (deal_id);

CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT,
  contact_id TEXT,
  owner_id TEXT,
  due_at INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL DEFAULT 'call',
  title TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  done_at INTEGER,
  ${STAMPS}
) STRICT;
CREATE INDEX follow_ups_owner_due ON follow_ups (owner_id, due_at) WHERE status = 'open';
CREATE INDEX follow_ups_deal ON follow_ups (deal_id);

CREATE TABLE calls (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT,
  contact_id TEXT,
  rep_id TEXT,
  direction TEXT NOT NULL DEFAULT 'outbound',
  phone TEXT,
  started_at INTEGER NOT NULL DEFAULT 0,
  ended_at INTEGER,
  disposition TEXT,
  notes TEXT,
  next_step TEXT,
  ${STAMPS}
) STRICT;
CREATE INDEX calls_deal ON calls (deal_id);
CREATE INDEX calls_rep_started ON calls (rep_id, started_at);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  audience TEXT,
  -- JSON: which accounts and deals the campaign applies to (industries, regions, phases).
  audience_filter TEXT,
  offer TEXT,
  price_minor INTEGER,
  currency TEXT,
  starts_at INTEGER,
  ends_at INTEGER,
  ${STAMPS}
) STRICT;

CREATE TABLE satisfaction_responses (
  id TEXT PRIMARY KEY NOT NULL,
  account_id TEXT,
  contact_id TEXT,
  kind TEXT NOT NULL DEFAULT 'nps',
  score INTEGER NOT NULL DEFAULT 0,
  comment TEXT,
  answered_at INTEGER NOT NULL DEFAULT 0,
  ${STAMPS}
) STRICT;
CREATE INDEX satisfaction_account ON satisfaction_responses (account_id, answered_at);
`;

const workspaceSchema = `
-- Saved views: a name for a board or table filter, per user, synced so they follow the person.
CREATE TABLE saved_views (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT,
  surface TEXT NOT NULL DEFAULT 'board',
  name TEXT NOT NULL DEFAULT '',
  query TEXT NOT NULL DEFAULT '',
  position REAL NOT NULL DEFAULT 0,
  ${STAMPS}
) STRICT;
CREATE INDEX saved_views_user ON saved_views (user_id, surface, position);

-- Local to this device: the full-text index, derived from the synced tables by following the op
-- log (search_cursor in local_settings). search_docs gives each indexed record a stable rowid.
CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  UNIQUE (kind, ref)
) STRICT;
CREATE VIRTUAL TABLE search_index USING fts5 (
  title,
  detail,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- The board's counts and sums read this index instead of the table.
CREATE INDEX deals_board ON deals (stage_id, currency, value_minor) WHERE deleted_at IS NULL;
CREATE INDEX deals_contact ON deals (contact_id);

-- The table view sorts on these without scanning.
CREATE INDEX deals_title ON deals (title COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX deals_value ON deals (value_minor) WHERE deleted_at IS NULL;
CREATE INDEX deals_expected_close ON deals (expected_close_at) WHERE deleted_at IS NULL;
CREATE INDEX deals_follow_up ON deals (follow_up_at) WHERE deleted_at IS NULL;
CREATE INDEX deals_created ON deals (created_at) WHERE deleted_at IS NULL;
CREATE INDEX deals_updated ON deals (updated_at) WHERE deleted_at IS NULL;

-- Local: sort keys that live in other tables (the account's, contact's and owner's names, the
-- stage's place on the board), kept next to the search index by the same log follower, so the
-- table sorts by them from an index. Missing names sort last (ascending).
CREATE TABLE deal_sort (
  deal_id TEXT PRIMARY KEY NOT NULL,
  account TEXT NOT NULL,
  contact TEXT NOT NULL,
  owner TEXT NOT NULL,
  stage REAL NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX deal_sort_account ON deal_sort (account COLLATE NOCASE, deal_id);
CREATE INDEX deal_sort_contact ON deal_sort (contact COLLATE NOCASE, deal_id);
CREATE INDEX deal_sort_owner ON deal_sort (owner COLLATE NOCASE, deal_id);
CREATE INDEX deal_sort_stage ON deal_sort (stage, deal_id);
`;

const syncSchema = `
-- Sync state, local to this device: never synced --------------------------------------------------
-- Every other device this one has heard of: how far its ops are applied here (the seq cursor),
-- what it last said about itself, and how far ahead of ours its clock was seen.
CREATE TABLE sync_peers (
  device TEXT PRIMARY KEY NOT NULL,
  applied_seq INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  user_name TEXT,
  user_email TEXT,
  last_seen INTEGER,
  published_seq INTEGER NOT NULL DEFAULT 0,
  ahead_ms INTEGER
) STRICT;

-- Concurrent edits of one field: the value that was kept and the one that lost, with their clocks
-- (the clock names the device and the time). Open while the field still holds the kept clock.
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  kept_value ANY,
  kept_hlc TEXT NOT NULL,
  lost_value ANY,
  lost_hlc TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  resolved_at INTEGER,
  UNIQUE (tbl, row_id, col, lost_hlc)
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, detected_at);

-- Field ops this version of the app does not know yet (a table or column added by a newer
-- version on another device): kept, and applied after an upgrade brings the column.
CREATE TABLE sync_pending (
  device TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  value ANY,
  prev_hlc TEXT,
  is_edit INTEGER NOT NULL,
  schema_v INTEGER NOT NULL,
  PRIMARY KEY (device, seq)
) STRICT;
`;

const activitySchema = `
-- The live dashboard reads calls by time across reps, from the index alone.
CREATE INDEX calls_started ON calls (started_at, rep_id, ended_at, disposition)
  WHERE deleted_at IS NULL;
`;

const teamSettingsSchema = `
-- Team-wide settings a manager edits (follow-up rules, the phone link scheme): one synced row per
-- setting, its id the setting's name and its value JSON, so two settings edited at once on two
-- laptops both survive. A missing row means the built-in default.
CREATE TABLE team_settings (
  id TEXT PRIMARY KEY NOT NULL,
  value TEXT,
  ${STAMPS}
) STRICT;

-- Local to this device: who is online, on a call or idle, from the heartbeats each device
-- publishes through the sync transport (never through the op log: a heartbeat is news, not
-- history). beat_at is the sender's clock, heard_at ours; a heartbeat not renewed expires.
CREATE TABLE presence (
  device TEXT PRIMARY KEY NOT NULL,
  user_id TEXT,
  user_name TEXT,
  status TEXT NOT NULL DEFAULT 'online',
  call_id TEXT,
  on_call_since INTEGER,
  beat_at INTEGER NOT NULL DEFAULT 0,
  heard_at INTEGER NOT NULL DEFAULT 0
) STRICT;
`;

const callImportSchema = `
-- Calls imported from a dialer's CSV export (Aircall, RingCentral, Dialpad…) keep the dialer's own
-- id for the call, so importing the same export twice adds nothing.
ALTER TABLE calls ADD COLUMN external_id TEXT;
CREATE INDEX calls_external ON calls (external_id) WHERE external_id IS NOT NULL;
`;

const dashboardIndexSchema = `
-- The live dashboard reads calls by time (team totals, per hour or day) and by rep and time (each
-- rep's numbers) from these indexes alone: deleted_at is in them so that SQLite need not read the
-- table to check the partial index's condition (it does not infer it).
DROP INDEX calls_started;
CREATE INDEX calls_started ON calls (started_at, rep_id, ended_at, disposition, deleted_at)
  WHERE deleted_at IS NULL;
CREATE INDEX calls_rep_time ON calls (rep_id, started_at, ended_at, disposition, deleted_at)
  WHERE deleted_at IS NULL;
`;

const lifecycleSchema = `
-- The lifecycle metrics read the entries into each stage in a range and each deal's moves in order
-- (when it left a stage, how far it got) from these indexes alone; deleted_at is in them so that
-- SQLite need not read the table to check the partial index's condition.
CREATE INDEX stage_history_moved ON stage_history (to_stage_id, moved_at, deal_id, deleted_at)
  WHERE deleted_at IS NULL;
CREATE INDEX stage_history_path ON stage_history (deal_id, moved_at, to_stage_id, deleted_at)
  WHERE deleted_at IS NULL;
-- Deleted deals are few: the metrics leave them out through this small index.
CREATE INDEX deals_deleted ON deals (id) WHERE deleted_at IS NOT NULL;
-- Deals created in a range with where they are now (the funnel); open deals per stage and currency
-- (velocity).
CREATE INDEX deals_created_stage ON deals (created_at, stage_id, owner_id, id, deleted_at)
  WHERE deleted_at IS NULL;
CREATE INDEX deals_stage_currency ON deals (stage_id, currency, owner_id, deleted_at)
  WHERE deleted_at IS NULL;
CREATE INDEX accounts_renewal ON accounts (renewal_at) WHERE deleted_at IS NULL;
CREATE INDEX satisfaction_answered ON satisfaction_responses (answered_at) WHERE deleted_at IS NULL;
`;

const callScoringSchema = `
-- A call's transcript (imported from Deepgram, AssemblyAI, AWS, WebVTT, SRT or text) and its score,
-- one row each with the call's id, so re-importing or rescoring edits the row instead of adding
-- one. speakers and segments are JSON; a segment's role follows rep_speaker and is not stored.
CREATE TABLE call_transcripts (
  id TEXT PRIMARY KEY NOT NULL,
  format TEXT,
  speakers TEXT,
  rep_speaker TEXT,
  rep_found_by TEXT,
  timed INTEGER NOT NULL DEFAULT 1,
  segments TEXT,
  ${STAMPS}
) STRICT;

-- rep_id and call_started_at are copied from the call, so trends and distributions read scores by
-- rep and time from the indexes below without joining calls. dimensions and tips are JSON.
CREATE TABLE call_scores (
  id TEXT PRIMARY KEY NOT NULL,
  rep_id TEXT,
  call_started_at INTEGER NOT NULL DEFAULT 0,
  overall REAL,
  dimensions TEXT,
  tips TEXT,
  scorer_kind TEXT NOT NULL DEFAULT 'local',
  scorer_name TEXT,
  scorer_version TEXT,
  config_version INTEGER NOT NULL DEFAULT 0,
  fallback_reason TEXT,
  scored_at INTEGER,
  ${STAMPS}
) STRICT;
CREATE INDEX call_scores_rep_started ON call_scores (rep_id, call_started_at, overall, deleted_at)
  WHERE deleted_at IS NULL;
CREATE INDEX call_scores_started ON call_scores (call_started_at, overall, rep_id, deleted_at)
  WHERE deleted_at IS NULL;
`;

const handoverSchema = `
-- Handover documents (issue 8). One handover per deal: its id is derived from the deal's, so two
-- laptops that both see the deal won make the same row. Sections are rows of their own (id derived
-- from the handover and the section id), so two people editing different sections on two laptops
-- both keep their work, and the same section edited twice lands in the conflicts inbox.
CREATE TABLE handovers (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT,
  account_id TEXT,
  author_id TEXT,
  success_owner_id TEXT,
  status TEXT NOT NULL DEFAULT 'draft',
  template_version INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER,
  decided_at INTEGER,
  decided_by TEXT,
  current_version INTEGER NOT NULL DEFAULT 0,
  ${STAMPS}
) STRICT;
CREATE INDEX handovers_deal ON handovers (deal_id);
CREATE INDEX handovers_owner ON handovers (success_owner_id, status) WHERE deleted_at IS NULL;
CREATE INDEX handovers_author ON handovers (author_id, status) WHERE deleted_at IS NULL;

-- body is Markdown; title and required are copied from the template when the handover is made.
CREATE TABLE handover_sections (
  id TEXT PRIMARY KEY NOT NULL,
  handover_id TEXT,
  section_id TEXT NOT NULL DEFAULT '',
  position REAL NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 0,
  ${STAMPS}
) STRICT;
CREATE INDEX handover_sections_handover ON handover_sections (handover_id, position);

-- A comment on one section (section_id, the template's id) or on the whole handover (null).
CREATE TABLE handover_comments (
  id TEXT PRIMARY KEY NOT NULL,
  handover_id TEXT,
  section_id TEXT,
  author_id TEXT,
  body TEXT NOT NULL DEFAULT '',
  resolved_at INTEGER,
  ${STAMPS}
) STRICT;
CREATE INDEX handover_comments_handover ON handover_comments (handover_id, created_at);

-- Every submission: the sections as submitted (JSON), and what the success owner decided on it.
-- The id is derived from the handover and the number, so a version is one row everywhere.
CREATE TABLE handover_versions (
  id TEXT PRIMARY KEY NOT NULL,
  handover_id TEXT,
  number INTEGER NOT NULL DEFAULT 0,
  submitted_by TEXT,
  submitted_at INTEGER,
  sections TEXT,
  decision TEXT,
  decided_at INTEGER,
  decided_by TEXT,
  ${STAMPS}
) STRICT;
CREATE INDEX handover_versions_handover ON handover_versions (handover_id, number);
`;

/**
 * The dimensions a score trend averages from an index (schema 11). Frozen with the migration: a
 * dimension added later needs a migration of its own to be indexed.
 */
export const INDEXED_SCORE_DIMENSIONS = [
  'talkRatio',
  'longestMonologue',
  'longestCustomerStory',
  'interactivity',
  'patience',
  'interruptions',
  'questions',
  'openQuestions',
  'speechRate',
  'fillerWords',
  'repSentiment',
  'customerSentiment',
  'customerSentimentTrend',
  'nextSteps',
  'objectionsHandled',
  'competitorMentions',
  'pricingDiscussed',
  'discoveryQuality',
] as const;

/**
 * A dimension's score from `call_scores.dimension_scores`, as the indexes of schema 11 compute
 * it: a query must use this very text for SQLite to read the value from the index. A value that
 * is not JSON (damaged, or from a future version) reads as no score instead of failing the write.
 */
export const dimensionScoreSql = (id: string) =>
  `iif(json_valid(dimension_scores), dimension_scores ->> '${id}', NULL)`;

const dimensionColumns = INDEXED_SCORE_DIMENSIONS.map(dimensionScoreSql).join(',\n    ');

const scoreDimensionsSchema = `
-- Each score's dimension scores as a small JSON object ({"talkRatio": 84, …}; unscored ones left
-- out), kept next to the full dimensions so that a trend averages them from these covering indexes
-- instead of parsing every score's explanations and evidence (100,000 scores: 40 ms, not 6 s).
ALTER TABLE call_scores ADD COLUMN dimension_scores TEXT;
CREATE INDEX call_scores_started_dims ON call_scores (
    call_started_at, deleted_at, rep_id,
    ${dimensionColumns})
  WHERE deleted_at IS NULL;
CREATE INDEX call_scores_rep_dims ON call_scores (
    rep_id, call_started_at, deleted_at,
    ${dimensionColumns})
  WHERE deleted_at IS NULL;
`;

/** Append only. A released migration is never edited; a change is a new migration. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'domain schema and op log', sql: initialSchema },
  { version: 2, name: 'saved views, search index, sort indexes', sql: workspaceSchema },
  { version: 3, name: 'sync cursors, conflicts, pending fields', sql: syncSchema },
  { version: 4, name: 'calls by time', sql: activitySchema },
  { version: 5, name: 'team settings, presence', sql: teamSettingsSchema },
  { version: 6, name: 'dialer call ids', sql: callImportSchema },
  { version: 7, name: 'dashboard indexes', sql: dashboardIndexSchema },
  { version: 8, name: 'lifecycle metrics', sql: lifecycleSchema },
  { version: 9, name: 'call transcripts and scores', sql: callScoringSchema },
  { version: 10, name: 'handover documents', sql: handoverSchema },
  { version: 11, name: 'call score dimensions for trends', sql: scoreDimensionsSchema },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class SchemaTooNewError extends Error {
  constructor(path: string, found: number) {
    super(
      `${path} was written by a newer Lifecycle Cockpit (schema ${found}; this version knows up to ` +
        `${LATEST_SCHEMA_VERSION}). Update the app to open it; the file was not changed.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Apply every migration newer than the file, each in its own transaction. */
export function migrate(db: Database, path: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(path, from);
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: LATEST_SCHEMA_VERSION };
}
