/** Importing files through the real core, for the import and export tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/core';
import { userIdForEmail } from '../../src/core/team/team';
import {
  ApiError,
  MAX_IMPORT_CHUNK_CHARS,
  type ImportKind,
  type MethodInput,
} from '../../src/shared/contract';
import { tempDbPath } from './tempDir';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

export const RITA = userIdForEmail('rita@northwind.example');
export const SAM = userIdForEmail('sam@northwind.example');
export const NOW = Date.UTC(2026, 10, 23, 9, 0);

/** A workspace in EUR with two people: Rita Rep (signed in, admin) and Sam Seller. */
export async function setUp(): Promise<Core> {
  const core = createCore({ dbPath: tempDbPath(), now: () => NOW });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
  });
  core.store.write((w) =>
    w.insert('users', { id: SAM, name: 'Sam Seller', email: 'sam@northwind.example', role: 'rep' }),
  );
  return core;
}

export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Upload a file the way the window does: start, then chunks. */
export async function upload(
  core: Core,
  kind: ImportKind,
  text: string,
  chunk = MAX_IMPORT_CHUNK_CHARS,
) {
  const { importId } = await core.call('import.start', { kind, filename: `${kind}.csv` });
  for (let at = 0; at < text.length; at += chunk) {
    await core.call('import.append', { importId, text: text.slice(at, at + chunk) });
  }
  return importId;
}

export type RunOptions = Omit<MethodInput<'import.run'>, 'importId' | 'mapping'>;

export async function importText(
  core: Core,
  kind: ImportKind,
  text: string,
  options: RunOptions = {},
) {
  const importId = await upload(core, kind, text);
  const preview = await core.call('import.preview', { importId });
  const report = await core.call('import.run', { importId, mapping: preview.mapping, ...options });
  return { preview, report };
}

export const count = (core: Core, sql: string) =>
  (core.store.db.prepare(sql).get() as { n: number }).n;
export const opCount = (core: Core) => count(core, 'SELECT count(*) AS n FROM sync_ops');

export interface DealRow {
  title: string;
  value_minor: number;
  currency: string;
  stage_id: string;
  status: string;
  owner_id: string | null;
  account: string | null;
  domain: string | null;
  contact: string | null;
  email: string | null;
  close_reason: string | null;
  closed_at: number | null;
  expected_close_at: number | null;
  created_at: number;
  source: string | null;
  next_step: string | null;
}

export function deals(core: Core): Map<string, DealRow> {
  const rows = core.store.db
    .prepare(
      `SELECT d.title, d.value_minor, d.currency, d.stage_id, d.status, d.owner_id, a.name AS account,
              a.domain, trim(c.first_name || ' ' || c.last_name) AS contact, c.email, d.close_reason,
              d.closed_at, d.expected_close_at, d.created_at, d.source, d.next_step
         FROM deals d LEFT JOIN accounts a ON a.id = d.account_id
         LEFT JOIN contacts c ON c.id = d.contact_id`,
    )
    .all() as DealRow[];
  return new Map(rows.map((row) => [row.title, row]));
}
