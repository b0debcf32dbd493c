import {
  ArrowRight,
  CircleCheck,
  CircleAlert,
  FileCheck2,
  FileText,
  Inbox,
  MessageSquare,
  TriangleAlert,
} from 'lucide-react';
import { useId, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { HandoverListItem, HandoverStatus } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { useApiQuery, useAppInfo } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { formatDateTime, formatRelative } from '../../lib/format';
import { HANDOVER_COMMANDS } from './commands';
import {
  INBOX_TABS,
  STATUS_GROUPS,
  STATUS_LABELS,
  countByStatus,
  groupByStatus,
  inboxTab,
  listWords,
  mergeNewestFirst,
  type InboxTab,
} from './handoverText';
import { StatusPill } from './StatusPill';
import { useWaitingHandovers } from './useHandovers';
import styles from './HandoversPage.module.css';

/** The tab's handovers: waiting for me, mine (written or owned), or the team's. */
function useInbox(tab: InboxTab) {
  const waiting = useWaitingHandovers();
  const owned = useApiQuery(
    'handover.list',
    { scope: 'owned', limit: 500 },
    { enabled: tab === 'mine' },
  );
  const authored = useApiQuery(
    'handover.list',
    { scope: 'authored', limit: 500 },
    { enabled: tab === 'mine' },
  );
  const all = useApiQuery(
    'handover.list',
    { scope: 'all', limit: 500 },
    { enabled: tab === 'all' },
  );
  const mine = useMemo(
    () =>
      owned.data && authored.data
        ? mergeNewestFirst(owned.data.items, authored.data.items)
        : undefined,
    [owned.data, authored.data],
  );
  if (tab === 'waiting') return { ...waiting, waitingCount: waiting.items?.length };
  if (tab === 'mine') {
    return {
      items: mine,
      error: owned.error ?? authored.error,
      refetch: () => void Promise.all([owned.refetch(), authored.refetch()]),
      waitingCount: waiting.items?.length,
    };
  }
  return {
    items: all.data?.items,
    error: all.error,
    refetch: () => void all.refetch(),
    waitingCount: waiting.items?.length,
  };
}

/** `#/handovers`: the handovers inbox, for the success team and for the reps who write them. */
export function HandoversPage() {
  const [params, setParams] = useSearchParams();
  const tab = inboxTab(params.get('tab'));
  const statusParam = params.get('status');
  const status = STATUS_GROUPS.some((g) => g.status === statusParam)
    ? (statusParam as HandoverStatus)
    : null;
  const setView = (next: { tab?: InboxTab; status?: HandoverStatus | null }) => {
    const nextTab = next.tab ?? tab;
    const nextStatus = next.status === undefined ? status : next.status;
    const search: Record<string, string> = {};
    if (nextTab !== 'waiting') search.tab = nextTab;
    if (nextStatus) search.status = nextStatus;
    setParams(search, { replace: true });
  };
  const step = (by: number) => {
    const index = INBOX_TABS.findIndex((t) => t.value === tab);
    setView({ tab: INBOX_TABS[(index + by + INBOX_TABS.length) % INBOX_TABS.length]!.value });
  };
  useShortcut(HANDOVER_COMMANDS.nextTab, () => step(1));
  useShortcut(HANDOVER_COMMANDS.previousTab, () => step(-1));

  const info = useAppInfo();
  const role = info.data?.currentUser?.role;
  const inbox = useInbox(tab);
  const counts = useMemo(() => countByStatus(inbox.items ?? []), [inbox.items]);
  const shown = useMemo(
    () => (inbox.items ?? []).filter((item) => !status || item.status === status),
    [inbox.items, status],
  );
  const groups = useMemo(() => groupByStatus(shown), [shown]);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Handovers</h1>
          <p className={styles.subtitle}>
            Every won deal gets a handover: the rep writes down what was sold and promised, the
            success owner accepts it and starts onboarding.
          </p>
        </div>
        <div
          className={styles.tabs}
          role="tablist"
          aria-label="Which handovers"
          title={`Switch with ${keyLabel(HANDOVER_COMMANDS.previousTab.keys)} and ${keyLabel(HANDOVER_COMMANDS.nextTab.keys)}`}
        >
          {INBOX_TABS.map((t) => (
            <button
              key={t.value}
              type="button"
              role="tab"
              aria-selected={tab === t.value}
              className={styles.tab}
              onClick={() => setView({ tab: t.value })}
            >
              {t.label}
              {t.value === 'waiting' && inbox.waitingCount ? (
                <span className={styles.tabCount}>{inbox.waitingCount}</span>
              ) : null}
            </button>
          ))}
        </div>
      </header>

      {inbox.items && inbox.items.length > 0 && (
        <div className={styles.filters} role="radiogroup" aria-label="Status">
          <FilterChip
            label="Every status"
            count={inbox.items.length}
            checked={status === null}
            onClick={() => setView({ status: null })}
          />
          {STATUS_GROUPS.map((group) => (
            <FilterChip
              key={group.status}
              label={group.title}
              count={counts[group.status]}
              checked={status === group.status}
              status={group.status}
              onClick={() => setView({ status: status === group.status ? null : group.status })}
            />
          ))}
        </div>
      )}

      {inbox.error && !inbox.items ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="Handovers cannot be shown">
          {inbox.error.message}
          <div className={styles.retry}>
            <Button size="sm" onClick={inbox.refetch}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !inbox.items ? (
        <div className={styles.groups} aria-busy>
          <Skeleton height={18} width={120} />
          <Skeleton height={64} />
          <Skeleton height={64} />
        </div>
      ) : inbox.items.length === 0 ? (
        <Empty tab={tab} role={role} onShowAll={() => setView({ tab: 'all', status: null })} />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<Inbox />}
          title={`No handovers here are ${STATUS_LABELS[status!].toLowerCase()}`}
        >
          <Button size="sm" onClick={() => setView({ status: null })}>
            Show every status
          </Button>
        </EmptyState>
      ) : (
        <div className={styles.groups}>
          {groups.map((group) => (
            <StatusGroup key={group.status} title={group.title} items={group.items} />
          ))}
        </div>
      )}
    </div>
  );
}

function FilterChip({
  label,
  count,
  checked,
  status,
  onClick,
}: {
  label: string;
  count: number;
  checked: boolean;
  status?: HandoverStatus;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      className={styles.chip}
      data-status={status}
      disabled={count === 0 && !checked}
      onClick={onClick}
    >
      {status && <span className={styles.chipDot} aria-hidden />}
      {label}
      <span className={styles.chipCount}>{count}</span>
    </button>
  );
}

function Empty({
  tab,
  role,
  onShowAll,
}: {
  tab: InboxTab;
  role: string | undefined;
  onShowAll: () => void;
}) {
  const success = role === 'success';
  if (tab === 'waiting') {
    return (
      <EmptyState
        icon={<FileCheck2 />}
        title="Nothing is waiting for you"
        action={
          <Button size="sm" onClick={onShowAll}>
            See the team’s handovers
          </Button>
        }
      >
        {success
          ? 'When a rep submits a handover to you, it lands here for your review.'
          : 'When you win a deal, its handover is drafted for you and waits here until you submit it.'}
      </EmptyState>
    );
  }
  if (tab === 'mine') {
    return (
      <EmptyState icon={<FileText />} title="No handovers of yours yet">
        Handovers you write (one for every deal you win) and those given to you to review show here.
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={<FileText />} title="The team has no handovers yet">
      Move a deal to Won: its handover is drafted at once, pre-filled from the deal, its contacts,
      notes and calls.
    </EmptyState>
  );
}

function StatusGroup({ title, items }: { title: string; items: HandoverListItem[] }) {
  const id = useId();
  return (
    <section className={styles.group} aria-labelledby={id}>
      <h2 id={id} className={styles.groupTitle}>
        {title}
        <span className={styles.count}>{items.length}</span>
      </h2>
      <table className={styles.table} aria-labelledby={id}>
        <colgroup>
          <col className={styles.colDeal} />
          <col className={styles.colStatus} />
          <col className={styles.colPeople} />
          <col />
          <col className={styles.colUpdated} />
        </colgroup>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Deal</th>
            <th scope="col">Status</th>
            <th scope="col">From and to</th>
            <th scope="col">Still needed</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <InboxRow key={item.id} item={item} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InboxRow({ item }: { item: HandoverListItem }) {
  const navigate = useNavigate();
  const to = `/handovers/${item.id}`;
  const title = item.dealTitle ?? 'Untitled deal';
  return (
    <tr
      className={styles.row}
      onClick={(event) => {
        if (!(event.target as Element).closest('a')) void navigate(to);
      }}
    >
      <td className={styles.dealCell}>
        <Link to={to} className={styles.dealLink}>
          {title}
        </Link>
        <div className={styles.sub}>
          {[
            item.accountName,
            item.valueMinor !== null && item.currency
              ? formatMoney(item.valueMinor, item.currency)
              : null,
            item.currentVersion > 0 ? `Version ${item.currentVersion}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </td>
      <td className={styles.statusCell}>
        <StatusPill status={item.status} />
      </td>
      <td className={styles.people}>
        <Person name={item.authorName} fallback="No author" />
        <ArrowRight size={13} aria-label="to" className={styles.arrow} />
        <Person name={item.successOwnerName} fallback="No success owner yet" />
      </td>
      <td className={styles.needs}>
        {item.missingRequired.length > 0 && (
          <span
            className={styles.missing}
            title={`Required and still empty: ${listWords(item.missingRequired)}`}
          >
            <TriangleAlert size={13} aria-hidden />
            {item.missingRequired.length === 1
              ? `Missing: ${item.missingRequired[0]}`
              : `${item.missingRequired.length} required sections missing`}
          </span>
        )}
        {item.openComments > 0 && (
          <span className={styles.comments}>
            <MessageSquare size={13} aria-hidden />
            {item.openComments} open {item.openComments === 1 ? 'comment' : 'comments'}
          </span>
        )}
        {item.missingRequired.length === 0 && item.openComments === 0 && (
          <span className={styles.ready}>
            <CircleCheck size={13} aria-hidden />
            {item.status === 'accepted'
              ? `Accepted ${item.decidedAt ? formatRelative(item.decidedAt) : ''}`
              : 'All required sections written'}
          </span>
        )}
      </td>
      <td className={styles.updated} title={formatDateTime(item.updatedAt)}>
        {formatRelative(item.updatedAt)}
      </td>
    </tr>
  );
}

function Person({ name, fallback }: { name: string | null; fallback: string }) {
  if (!name) return <span className={styles.nobody}>{fallback}</span>;
  return (
    <span className={styles.person}>
      <Avatar name={name} size={20} />
      {name}
    </span>
  );
}
