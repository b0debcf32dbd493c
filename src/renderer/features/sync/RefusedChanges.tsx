import { useQueryClient } from '@tanstack/react-query';
import { Laptop, ShieldX } from 'lucide-react';
import { Fragment, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SyncStatus } from '../../../shared/contract';
import { api, useApiQuery, useStages } from '../../api';
import { SYNC_STATUS_KEY } from '../../api/queries';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { SYNC_PAGE_TITLE } from './SyncStatusPanel';
import {
  RECORD_PAGES,
  ago,
  exactTime,
  isRecordTable,
  plainMessage,
  reasonSentence,
  tableWords,
  type RecordTable,
} from './syncText';
import styles from './SyncPage.module.css';
import { useNow } from './useSyncStatus';

type Refusal = SyncStatus['refused'][number];

/** Records named in a refusal's heading; past these, "and 4 more". */
const NAMED = 3;

/**
 * This device's changes the sync server refused because the person's role may not make them.
 * They stay as made on this laptop (nothing is undone), so each says so until it is dismissed.
 */
export function RefusedChanges({ refused }: { refused: Refusal[] }) {
  const id = useId();
  // After a dismissal its notice leaves the list: focus stays in the section, on its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const newestFirst = [...refused].sort((a, b) => b.at - a.at || b.seq - a.seq);

  return (
    <section className={styles.card} aria-labelledby={id}>
      <header className={styles.cardHeader}>
        <h2 id={id} ref={heading} tabIndex={-1} className={styles.cardTitle}>
          Refused changes
        </h2>
        <span className={styles.count} data-tone="warning">
          {refused.length.toLocaleString()}
        </span>
      </header>
      <p className={styles.muted}>
        The sync server turned these changes of yours down: your role may not make them. They are
        not undone on this laptop, but your teammates don’t get them. To have one made, ask someone
        whose role allows it.
      </p>
      <ul className={styles.refusals} aria-labelledby={id}>
        {newestFirst.map((refusal) => (
          <li key={refusal.seq}>
            <RefusalItem
              refusal={refusal}
              onDismissed={(last) =>
                (last ? document.getElementById(SYNC_PAGE_TITLE) : heading.current)?.focus()
              }
              last={refused.length === 1}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RefusalItem({
  refusal,
  last,
  onDismissed,
}: {
  refusal: Refusal;
  last: boolean;
  onDismissed: (last: boolean) => void;
}) {
  const id = useId();
  const now = useNow();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const dismiss = async () => {
    setBusy(true);
    try {
      const status = await api.sync.dismissRefused({ seq: refusal.seq });
      queryClient.setQueryData(SYNC_STATUS_KEY, status);
      toast.success('Notice dismissed; the change stays on this laptop only');
      onDismissed(last);
    } catch (error) {
      toast.error(plainMessage(error));
      setBusy(false);
    }
  };

  return (
    <article className={styles.refusal} aria-labelledby={`${id}-title`}>
      <header className={styles.conflictHead}>
        <h3 id={`${id}-title`} className={styles.conflictTitle}>
          <RefusedRecords table={refusal.table} rowIds={refusal.rowIds} />
        </h3>
        <span className={styles.subtle}>
          Refused{' '}
          <time dateTime={new Date(refusal.at).toISOString()} title={exactTime(refusal.at)}>
            {ago(refusal.at, now)}
          </time>
        </span>
      </header>
      <p className={styles.reason}>
        <ShieldX size={16} aria-hidden />
        <span>
          <span className="visually-hidden">Why: </span>
          {reasonSentence(refusal.reason)}
        </span>
      </p>
      <div className={styles.refusalFoot}>
        <p className={styles.stays}>
          <Laptop size={14} aria-hidden />
          The value stays on this laptop only.
        </p>
        <Button
          size="sm"
          busy={busy}
          aria-describedby={`${id}-title`}
          onClick={() => void dismiss()}
        >
          Dismiss
        </Button>
      </div>
    </article>
  );
}

/** The records a refused change touched: by name with a link where they have a page. */
function RefusedRecords({ table, rowIds }: { table: string; rowIds: string[] }) {
  if (table === 'stages' && rowIds.length === 1) return <StageName id={rowIds[0]!} />;
  if (!isRecordTable(table) || rowIds.length === 0) {
    return <>{tableWords(table, rowIds.length)}</>;
  }
  const named = rowIds.slice(0, NAMED);
  const more = rowIds.length - named.length;
  return (
    <>
      {named.map((rowId, index) => (
        <Fragment key={rowId}>
          {index > 0 && (index === named.length - 1 && more === 0 ? ' and ' : ', ')}
          <RecordName table={table} id={rowId} />
        </Fragment>
      ))}
      {more > 0 && ` and ${more.toLocaleString()} more`}
    </>
  );
}

function RecordName({ table, id }: { table: RecordTable; id: string }) {
  switch (table) {
    case 'deals':
      return <DealName id={id} />;
    case 'contacts':
      return <ContactName id={id} />;
    case 'accounts':
      return <AccountName id={id} />;
  }
}

/** A stage as this laptop has it (with the refused name, if that was the change). */
function StageName({ id }: { id: string }) {
  const { byId } = useStages();
  const stage = byId.get(id);
  if (!stage) return <>{tableWords('stages', 1)}</>;
  return (
    <Link to="/settings/stages" className={styles.recordLink}>
      Stage “{stage.name}”
    </Link>
  );
}

function DealName({ id }: { id: string }) {
  const deal = useApiQuery('deals.get', { id });
  return <RecordLink table="deals" id={id} name={deal.data?.title} missing={deal.isError} />;
}

function ContactName({ id }: { id: string }) {
  const contact = useApiQuery('contacts.get', { id });
  return (
    <RecordLink table="contacts" id={id} name={contact.data?.name} missing={contact.isError} />
  );
}

function AccountName({ id }: { id: string }) {
  const account = useApiQuery('accounts.get', { id });
  return (
    <RecordLink table="accounts" id={id} name={account.data?.name} missing={account.isError} />
  );
}

/**
 * `Deal “Fleet rollout”`, linked to its page. While it loads, and when it is not on this laptop
 * (any more), the kind of record without a link.
 */
function RecordLink({
  table,
  id,
  name,
  missing,
}: {
  table: RecordTable;
  id: string;
  name: string | undefined;
  missing: boolean;
}) {
  const { path, noun } = RECORD_PAGES[table];
  if (name === undefined || missing) return <>{tableWords(table, 1)}</>;
  return (
    <Link to={`${path}${id}`} className={styles.recordLink}>
      {noun} “{name}”
    </Link>
  );
}
