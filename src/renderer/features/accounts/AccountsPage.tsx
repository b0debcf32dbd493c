import { Building2, CircleAlert, Plus, SearchX } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ACCOUNT_SORT_FIELDS } from '../../../shared/contract';
import type { AccountRow } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useApiQuery } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { formatDate } from '../../lib/format';
import {
  Clip,
  HeaderRow,
  numberFormat,
  pageCount,
  Pager,
  SearchBox,
  type Column,
} from '../contacts/listParts';
import styles from '../contacts/lists.module.css';
import { useNow } from '../contacts/localTime';
import { PAGE_SIZE, useListState } from '../contacts/useListState';
import { ACCOUNT_COMMANDS } from './commands';
import { HealthBadge } from './HealthBadge';
import { NewAccountSheet } from './NewAccountSheet';
import { renewalText, renewalTone } from './renewal';

type SortField = (typeof ACCOUNT_SORT_FIELDS)[number];
const DEFAULT_SORT = { field: 'name', direction: 'asc' } as const;

const COLUMNS: Column<SortField>[] = [
  { field: 'name', label: 'Account', className: styles.primaryCell },
  { field: 'industry', label: 'Industry' },
  { field: 'region', label: 'Region' },
  { field: 'employees', label: 'Employees', numeric: true, descFirst: true },
  { field: 'lifetimeValue', label: 'Lifetime value', numeric: true, descFirst: true },
  { field: 'renewalAt', label: 'Renewal' },
  { field: 'health', label: 'Health' },
  { label: 'Owner' },
];

export function AccountsPage() {
  const navigate = useNavigate();
  const { state, update } = useListState(ACCOUNT_SORT_FIELDS, DEFAULT_SORT);
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const accounts = useApiQuery('accounts.list', {
    query: state.query.trim() || undefined,
    sort: state.sort,
    offset: state.page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const total = accounts.data?.total ?? 0;
  const pages = pageCount(total);

  useShortcut(ACCOUNT_COMMANDS.newAccount, () => setCreating(true));
  useShortcut(ACCOUNT_COMMANDS.search, () => searchRef.current?.focus());
  useShortcut(ACCOUNT_COMMANDS.nextPage, () => {
    if (state.page + 1 < pages) update({ page: state.page + 1 });
  });
  useShortcut(ACCOUNT_COMMANDS.previousPage, () => {
    if (state.page > 0) update({ page: state.page - 1 });
  });

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.heading}>
          <h1 className={styles.title}>Accounts</h1>
          {accounts.data && (
            <span className={styles.count} aria-label={`${numberFormat.format(total)} accounts`}>
              {numberFormat.format(total)}
            </span>
          )}
        </div>
        <Button
          variant="primary"
          icon={<Plus />}
          shortcut={keyLabel(ACCOUNT_COMMANDS.newAccount.keys)}
          onClick={() => setCreating(true)}
        >
          New account
        </Button>
      </header>

      <div className={styles.toolbar} role="search">
        <SearchBox
          label="Search accounts"
          placeholder="Search by name or domain"
          value={state.query}
          onSearch={(query) => update({ query })}
          inputRef={searchRef}
        />
      </div>

      <div className={styles.tableCard}>
        <AccountsTable
          accounts={accounts}
          filtered={Boolean(state.query)}
          sort={state.sort}
          onSort={(sort) => update({ sort })}
          onNew={() => setCreating(true)}
        />
        <Pager
          noun="accounts"
          total={total}
          page={state.page}
          onPage={(page) => update({ page })}
        />
      </div>
      {creating && (
        <NewAccountSheet
          onClose={() => setCreating(false)}
          onCreated={(account) => navigate(`/accounts/${account.id}`)}
        />
      )}
    </div>
  );
}

function AccountsTable({
  accounts,
  filtered,
  sort,
  onSort,
  onNew,
}: {
  accounts: ReturnType<typeof useApiQuery<'accounts.list'>>;
  filtered: boolean;
  sort: { field: SortField; direction: 'asc' | 'desc' };
  onSort: (sort: { field: SortField; direction: 'asc' | 'desc' }) => void;
  onNew: () => void;
}) {
  const now = useNow();
  if (accounts.isError && !accounts.data) {
    return (
      <EmptyState
        tone="danger"
        icon={<CircleAlert />}
        title="The accounts could not be loaded"
        action={<Button onClick={() => void accounts.refetch()}>Try again</Button>}
      >
        {accounts.error.message}
      </EmptyState>
    );
  }
  if (accounts.data?.total === 0) {
    return filtered ? (
      <EmptyState icon={<SearchX />} title="No accounts match">
        The search matches the start of a company name or its web domain.
      </EmptyState>
    ) : (
      <EmptyState
        icon={<Building2 />}
        title="No accounts yet"
        action={
          <Button variant="primary" onClick={onNew}>
            Add your first account
          </Button>
        }
      >
        The companies you sell to, onboard and renew: their size, value, renewal date and health.
      </EmptyState>
    );
  }
  return (
    <div className={styles.scroller}>
      <table className={styles.table} aria-busy={accounts.isFetching || undefined}>
        <thead>
          <HeaderRow columns={COLUMNS} sort={sort} onSort={onSort} />
        </thead>
        <tbody>
          {accounts.data
            ? accounts.data.items.map((account) => (
                <AccountRowView key={account.id} account={account} now={now} />
              ))
            : Array.from({ length: 12 }, (_, i) => (
                <tr key={i} aria-hidden>
                  {COLUMNS.map((column) => (
                    <td key={column.label}>
                      <Skeleton width={column.field === 'name' ? '70%' : '55%'} />
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountRowView({ account, now }: { account: AccountRow; now: number }) {
  const renewal = account.renewalAt == null ? null : renewalText(account.renewalAt, now);
  return (
    <tr>
      <td className={styles.primaryCell}>
        <span className={styles.person}>
          <Avatar name={account.name} size={28} />
          <span className={styles.personText}>
            <Link className={styles.rowLink} to={`/accounts/${account.id}`}>
              {account.name}
            </Link>
            <span className={styles.secondary}>{account.domain ?? ' '}</span>
          </span>
        </span>
      </td>
      <td className={account.industry ? undefined : styles.muted}>
        <Clip width={150}>{account.industry ?? '—'}</Clip>
      </td>
      <td>
        {account.region ?? <span className={styles.muted}>—</span>}
        {account.city && <span className={styles.secondary}>{account.city}</span>}
      </td>
      <td className={styles.numeric}>
        {account.employees == null ? (
          <span className={styles.muted}>—</span>
        ) : (
          numberFormat.format(account.employees)
        )}
      </td>
      <td className={styles.numeric}>
        {account.lifetimeValueMinor === 0 ? (
          <span className={styles.muted}>—</span>
        ) : (
          formatMoney(account.lifetimeValueMinor, account.currency)
        )}
        <span className={styles.secondary}>
          {account.openDeals === 0
            ? 'no open deals'
            : `${account.openDeals} open deal${account.openDeals === 1 ? '' : 's'}`}
        </span>
      </td>
      <td>
        {renewal ? (
          <>
            {formatDate(account.renewalAt)}
            <span className={styles.secondary} data-tone={renewalTone(account.renewalAt!, now)}>
              {renewal}
            </span>
          </>
        ) : (
          <span className={styles.muted}>—</span>
        )}
      </td>
      <td>
        <HealthBadge health={account.health} />
      </td>
      <td>
        {account.ownerName ? (
          <span className={styles.owner}>
            <Avatar name={account.ownerName} size={22} />
            <Clip width={150}>{account.ownerName}</Clip>
          </span>
        ) : (
          <span className={styles.muted}>Unassigned</span>
        )}
      </td>
    </tr>
  );
}
