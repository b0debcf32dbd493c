import { ApiError, type AccountDetail, type ParsedInput } from '../../shared/contract';
import type { AccountRow, AccountSummary, ContactRow } from '../../shared/domain';
import { accountDealIds, dealSummaries } from '../activity';
import { CONTACT_COLUMNS, CONTACT_JOINS } from '../contacts';
import { currentUserId, type CoreContext } from '../context';
import { requireRow } from '../references';
import { teamCurrency } from '../team/team';
import { satisfactionOf } from './satisfaction';

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
  // Worst first when ascending: the accounts that need attention.
  health: `CASE a.health WHEN 'at_risk' THEN 0 WHEN 'neutral' THEN 1 WHEN 'healthy' THEN 2 END`,
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

export function getAccount(ctx: CoreContext, id: string): AccountRow {
  const account = ctx.store
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM accounts a LEFT JOIN users u ON u.id = a.owner_id
        WHERE a.id = ? AND a.deleted_at IS NULL`,
    )
    .get(id) as AccountRow | undefined;
  if (!account) throw new ApiError('not_found', `there is no account with id ${id}`, 'id');
  return account;
}

/** An account with its people, its deals and what its people answered when asked. */
export function getAccountDetail(ctx: CoreContext, id: string): AccountDetail {
  const account = getAccount(ctx, id);
  const contacts = ctx.store
    .prepare(
      `SELECT ${CONTACT_COLUMNS} ${CONTACT_JOINS}
        WHERE c.account_id = ? AND c.deleted_at IS NULL
        ORDER BY trim(c.first_name || ' ' || c.last_name) COLLATE NOCASE, c.id
        LIMIT 500`,
    )
    .all(id) as ContactRow[];
  return {
    ...account,
    contacts,
    deals: dealSummaries(ctx, accountDealIds(ctx, id)),
    satisfaction: satisfactionOf(ctx, id),
  };
}

type AccountFields = ParsedInput<'accounts.update'>['patch'];

const PATCH_COLUMNS = {
  name: 'name',
  domain: 'domain',
  industry: 'industry',
  employees: 'employees',
  region: 'region',
  country: 'country',
  city: 'city',
  lifetimeValueMinor: 'lifetime_value_minor',
  currency: 'currency',
  renewalAt: 'renewal_at',
  health: 'health',
  ownerId: 'owner_id',
} as const satisfies Record<keyof AccountFields, string>;

const OPTIONAL_TEXT = new Set(['domain', 'industry', 'region', 'country', 'city']);

/** Columns for the given fields: blank text as NULL, domains in lower case ("Acme.com" = "acme.com"). */
function toColumns(fields: AccountFields): Record<string, string | number | null> {
  const columns: Record<string, string | number | null> = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
    const value = fields[key as keyof AccountFields];
    if (value === undefined) continue;
    if (OPTIONAL_TEXT.has(key)) {
      const text = value as string | null;
      columns[column] = text ? (key === 'domain' ? text.toLowerCase() : text) : null;
    } else columns[column] = value;
  }
  return columns;
}

export function createAccount(
  ctx: CoreContext,
  input: ParsedInput<'accounts.create'>,
): AccountSummary {
  const ownerId = input.ownerId === undefined ? currentUserId(ctx) : input.ownerId;
  if (ownerId) requireRow(ctx.store, 'users', ownerId, 'ownerId');
  const columns = toColumns({ ...input, ownerId });
  const id = ctx.store.write((w) =>
    w.insert('accounts', {
      ...columns,
      currency: input.currency ?? teamCurrency(ctx),
      created_at: ctx.now(),
    }),
  );
  return {
    id,
    name: input.name,
    domain: (columns.domain as string | undefined) ?? null,
    industry: (columns.industry as string | undefined) ?? null,
  };
}

export function updateAccount(ctx: CoreContext, input: ParsedInput<'accounts.update'>): AccountRow {
  getAccount(ctx, input.id);
  if (input.patch.ownerId) requireRow(ctx.store, 'users', input.patch.ownerId, 'patch.ownerId');
  ctx.store.write((w) => w.update('accounts', input.id, toColumns(input.patch)));
  return getAccount(ctx, input.id);
}
