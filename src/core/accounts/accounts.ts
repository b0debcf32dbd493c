import type { ParsedInput } from '../../shared/contract';
import type { AccountRow, AccountSummary } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';

const ROW_COLUMNS = `a.id, a.name, a.domain, a.industry, a.employees, a.region, a.country, a.city,
  a.lifetime_value_minor AS lifetimeValueMinor, a.currency, a.renewal_at AS renewalAt, a.health,
  a.owner_id AS ownerId, u.name AS ownerName,
  (SELECT count(*) FROM deals d WHERE d.account_id = a.id AND d.status = 'open' AND d.deleted_at IS NULL) AS openDeals,
  a.created_at AS createdAt`;

const SORT_SQL: Record<ParsedInput<'accounts.list'>['sort']['field'], string> = {
  name: 'a.name COLLATE NOCASE',
  industry: 'a.industry COLLATE NOCASE',
  region: 'a.region',
  employees: 'a.employees',
  lifetimeValue: 'a.lifetime_value_minor',
  renewalAt: 'a.renewal_at',
  health: 'a.health',
  createdAt: 'a.created_at',
};

/** Accounts, sorted and paged in SQL; a query keeps those whose name or domain starts with it. */
export function listAccounts(
  ctx: CoreContext,
  input: ParsedInput<'accounts.list'>,
): { items: AccountRow[]; total: number } {
  const where = ['a.deleted_at IS NULL'];
  const params: string[] = [];
  if (input.query) {
    const prefix = input.query.replace(/[\\%_]/g, (ch) => `\\${ch}`) + '%';
    where.push(`(a.name LIKE ? ESCAPE '\\' OR a.domain LIKE ? ESCAPE '\\')`);
    params.push(prefix, prefix);
  }
  const whereSql = where.join(' AND ');
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const items = ctx.store
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM accounts a LEFT JOIN users u ON u.id = a.owner_id
        WHERE ${whereSql}
        ORDER BY ${SORT_SQL[input.sort.field]} ${direction} NULLS LAST, a.id
        LIMIT ? OFFSET ?`,
    )
    .all(...params, input.limit, input.offset) as AccountRow[];
  const { total } = ctx.store
    .prepare(`SELECT count(*) AS total FROM accounts a WHERE ${whereSql}`)
    .get(...params) as {
    total: number;
  };
  return { items, total };
}

export function createAccount(
  ctx: CoreContext,
  input: ParsedInput<'accounts.create'>,
): AccountSummary {
  const domain = input.domain?.toLowerCase() || null;
  const industry = input.industry || null;
  const id = ctx.store.write((w) =>
    w.insert('accounts', { name: input.name, domain, industry, owner_id: currentUserId(ctx) }),
  );
  return { id, name: input.name, domain, industry };
}
