import { CircleAlert, Plus, SearchX, UsersRound, X } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CONTACT_SORT_FIELDS } from '../../../shared/contract';
import type { ContactRow } from '../../../shared/domain';
import { useApiQuery } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { CONTACT_COMMANDS } from './commands';
import { CHANNELS } from './contactForm';
import {
  Clip,
  HeaderRow,
  numberFormat,
  pageCount,
  Pager,
  SearchBox,
  type Column,
} from './listParts';
import styles from './lists.module.css';
import { formatLocalTime, isTimeZone, useNow } from './localTime';
import { NewContactSheet } from './NewContactSheet';
import { PAGE_SIZE, useListState } from './useListState';

type SortField = (typeof CONTACT_SORT_FIELDS)[number];
const DEFAULT_SORT = { field: 'name', direction: 'asc' } as const;

const COLUMNS: Column<SortField>[] = [
  { field: 'name', label: 'Name', className: styles.primaryCell },
  { field: 'account', label: 'Account' },
  { field: 'title', label: 'Role' },
  { field: 'city', label: 'Location' },
  { label: 'Prefers' },
  { label: 'Owner' },
];

const channelLabel = new Map(CHANNELS.map((c) => [c.value, c.label]));

export function ContactsPage() {
  const navigate = useNavigate();
  const { state, update } = useListState(CONTACT_SORT_FIELDS, DEFAULT_SORT);
  const [params, setParams] = useSearchParams();
  const accountId = params.get('account') ?? undefined;
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const contacts = useApiQuery('contacts.list', {
    query: state.query.trim() || undefined,
    accountId,
    sort: state.sort,
    offset: state.page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const total = contacts.data?.total ?? 0;
  const pages = pageCount(total);

  useShortcut(CONTACT_COMMANDS.newContact, () => setCreating(true));
  useShortcut(CONTACT_COMMANDS.search, () => searchRef.current?.focus());
  useShortcut(CONTACT_COMMANDS.nextPage, () => {
    if (state.page + 1 < pages) update({ page: state.page + 1 });
  });
  useShortcut(CONTACT_COMMANDS.previousPage, () => {
    if (state.page > 0) update({ page: state.page - 1 });
  });

  const filtered = Boolean(state.query || accountId);
  const accountName = contacts.data?.items[0]?.accountName;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.heading}>
          <h1 className={styles.title}>Contacts</h1>
          {contacts.data && (
            <span className={styles.count} aria-label={`${numberFormat.format(total)} contacts`}>
              {numberFormat.format(total)}
            </span>
          )}
        </div>
        <Button
          variant="primary"
          icon={<Plus />}
          shortcut={keyLabel(CONTACT_COMMANDS.newContact.keys)}
          onClick={() => setCreating(true)}
        >
          New contact
        </Button>
      </header>

      <div className={styles.toolbar} role="search">
        <SearchBox
          label="Search contacts"
          placeholder="Search by name, email or phone"
          value={state.query}
          onSearch={(query) => update({ query })}
          inputRef={searchRef}
        />
        {accountId && (
          <span className={styles.chip}>
            At {accountName ?? 'one account'}
            <button
              type="button"
              aria-label="Show contacts of every account"
              onClick={() =>
                setParams((current) => {
                  const next = new URLSearchParams(current);
                  next.delete('account');
                  next.delete('page');
                  return next;
                })
              }
            >
              <X size={12} />
            </button>
          </span>
        )}
      </div>

      <div className={styles.tableCard}>
        <ContactsTable
          contacts={contacts}
          filtered={filtered}
          sort={state.sort}
          onSort={(sort) => update({ sort })}
          onNew={() => setCreating(true)}
        />
        <Pager
          noun="contacts"
          total={total}
          page={state.page}
          onPage={(page) => update({ page })}
        />
      </div>
      {creating && (
        <NewContactSheet
          onClose={() => setCreating(false)}
          onCreated={(contact) => navigate(`/contacts/${contact.id}`)}
        />
      )}
    </div>
  );
}

function ContactsTable({
  contacts,
  filtered,
  sort,
  onSort,
  onNew,
}: {
  contacts: ReturnType<typeof useApiQuery<'contacts.list'>>;
  filtered: boolean;
  sort: { field: SortField; direction: 'asc' | 'desc' };
  onSort: (sort: { field: SortField; direction: 'asc' | 'desc' }) => void;
  onNew: () => void;
}) {
  const now = useNow();
  if (contacts.isError && !contacts.data) {
    return (
      <EmptyState
        tone="danger"
        icon={<CircleAlert />}
        title="The contacts could not be loaded"
        action={<Button onClick={() => void contacts.refetch()}>Try again</Button>}
      >
        {contacts.error.message}
      </EmptyState>
    );
  }
  if (contacts.data?.total === 0) {
    return filtered ? (
      <EmptyState icon={<SearchX />} title="No contacts match">
        Try another name, email or phone number.
      </EmptyState>
    ) : (
      <EmptyState
        icon={<UsersRound />}
        title="No contacts yet"
        action={
          <Button variant="primary" onClick={onNew}>
            Add your first contact
          </Button>
        }
      >
        The people you sell to, onboard and grow: with their role, time zone and how they like to be
        reached.
      </EmptyState>
    );
  }
  return (
    <div className={styles.scroller}>
      <table className={styles.table} aria-busy={contacts.isFetching || undefined}>
        <thead>
          <HeaderRow columns={COLUMNS} sort={sort} onSort={onSort} />
        </thead>
        <tbody>
          {contacts.data
            ? contacts.data.items.map((contact) => (
                <ContactRowView key={contact.id} contact={contact} now={now} />
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

function ContactRowView({ contact, now }: { contact: ContactRow; now: number }) {
  const place = [contact.city, contact.country].filter(Boolean).join(', ');
  const zone = contact.timeZone && isTimeZone(contact.timeZone) ? contact.timeZone : null;
  return (
    <tr>
      <td className={styles.primaryCell}>
        <span className={styles.person}>
          <Avatar name={contact.name || '?'} size={28} />
          <span className={styles.personText}>
            <Link className={styles.rowLink} to={`/contacts/${contact.id}`}>
              {contact.name || 'Unnamed contact'}
            </Link>
            <span className={styles.secondary}>{contact.email ?? contact.phone ?? ' '}</span>
          </span>
        </span>
      </td>
      <td>
        {contact.accountId ? (
          <Clip width={190} title={contact.accountName ?? undefined}>
            <Link className={styles.cellLink} to={`/accounts/${contact.accountId}`}>
              {contact.accountName ?? 'Account'}
            </Link>
          </Clip>
        ) : (
          <span className={styles.muted}>—</span>
        )}
      </td>
      <td className={contact.title ? undefined : styles.muted}>
        <Clip width={170}>{contact.title ?? '—'}</Clip>
      </td>
      <td>
        {place ? <Clip width={150}>{place}</Clip> : <span className={styles.muted}>—</span>}
        {zone && <span className={styles.secondary}>{formatLocalTime(zone, now)} local time</span>}
      </td>
      <td className={contact.preferredChannel ? undefined : styles.muted}>
        {contact.preferredChannel ? channelLabel.get(contact.preferredChannel) : '—'}
      </td>
      <td>
        {contact.ownerName ? (
          <span className={styles.owner}>
            <Avatar name={contact.ownerName} size={22} />
            <Clip width={120}>{contact.ownerName}</Clip>
          </span>
        ) : (
          <span className={styles.muted}>Unassigned</span>
        )}
      </td>
    </tr>
  );
}
