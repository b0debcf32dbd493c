import type { ParsedInput } from '../../shared/contract';
import type { AccountSummary } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';

const SUMMARY_COLUMNS = 'id, name, domain, industry';

/** Accounts whose name or domain starts with the query (index-backed prefix match). */
export function listAccounts(
  ctx: CoreContext,
  input: ParsedInput<'accounts.list'>,
): AccountSummary[] {
  const db = ctx.store;
  if (!input.query) {
    return db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM accounts WHERE deleted_at IS NULL
          ORDER BY name COLLATE NOCASE LIMIT ?`,
      )
      .all(input.limit) as AccountSummary[];
  }
  const prefix = input.query.replace(/[\\%_]/g, (ch) => `\\${ch}`) + '%';
  return db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM accounts
        WHERE deleted_at IS NULL AND (name LIKE ? ESCAPE '\\' OR domain LIKE ? ESCAPE '\\')
        ORDER BY name COLLATE NOCASE LIMIT ?`,
    )
    .all(prefix, prefix, input.limit) as AccountSummary[];
}

export function createAccount(
  ctx: CoreContext,
  input: ParsedInput<'accounts.create'>,
): AccountSummary {
  const id = ctx.store.write((w) =>
    w.insert('accounts', {
      name: input.name,
      domain: input.domain?.toLowerCase() || null,
      industry: input.industry || null,
      owner_id: currentUserId(ctx),
    }),
  );
  return {
    id,
    name: input.name,
    domain: input.domain?.toLowerCase() || null,
    industry: input.industry || null,
  };
}
