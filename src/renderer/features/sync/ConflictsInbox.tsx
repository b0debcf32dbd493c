import { useQueryClient } from '@tanstack/react-query';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SyncConflict } from '../../../shared/contract';
import { api, useApiQuery } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { ConflictValue } from './ConflictValue';
import { ago, conflictValue, exactTime, personName, plainMessage } from './syncText';
import styles from './SyncPage.module.css';
import { useNow } from './useSyncStatus';

/**
 * Concurrent edits waiting for a person: per field, the value that won and the one it replaced,
 * side by side, each with who and when. Choosing writes a new edit that every device receives.
 */
export function ConflictsInbox() {
  const id = useId();
  // After a choice its conflict leaves the list: focus stays in the inbox, on its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const conflicts = useApiQuery('sync.conflicts', {});
  const list = conflicts.data ?? [];

  return (
    <section className={styles.card} aria-labelledby={id}>
      <header className={styles.cardHeader}>
        <h2 id={id} ref={heading} tabIndex={-1} className={styles.cardTitle}>
          Conflicts
        </h2>
        {list.length > 0 && (
          <span className={styles.count} data-tone="warning">
            {list.length.toLocaleString()}
          </span>
        )}
      </header>
      {conflicts.isPending ? (
        <div className={styles.loadingRows} aria-busy aria-label="Loading conflicts">
          <Skeleton height={14} width="40%" />
          <Skeleton height={64} />
        </div>
      ) : conflicts.isError && !conflicts.data ? (
        <div className={styles.alert} data-tone="danger" role="alert">
          <CircleAlert size={18} aria-hidden />
          <div>
            <p className={styles.alertTitle}>The conflicts could not be loaded</p>
            <p>{plainMessage(conflicts.error)}</p>
          </div>
          <Button size="sm" onClick={() => void conflicts.refetch()}>
            Try again
          </Button>
        </div>
      ) : list.length === 0 ? (
        <div className={styles.quietEmpty}>
          <CircleCheck size={18} aria-hidden className={styles.okIcon} />
          <div>
            <p className={styles.quietTitle}>No conflicts</p>
            <p className={styles.muted}>
              When two people change the same field before their devices sync, the newest change
              wins and the other waits here, so you can choose.
            </p>
          </div>
        </div>
      ) : (
        <>
          <p className={styles.muted}>
            Two people changed the same field without seeing each other’s change. The newer one is
            in the record now; the other is kept here so nothing typed is lost. Choose which stays:
            every device gets your choice.
          </p>
          <ul className={styles.conflicts} aria-labelledby={id}>
            {list.map((conflict) => (
              <li key={conflict.id}>
                <ConflictItem conflict={conflict} onResolved={() => heading.current?.focus()} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ConflictItem({
  conflict,
  onResolved,
}: {
  conflict: SyncConflict;
  onResolved: () => void;
}) {
  const id = useId();
  const now = useNow();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'kept' | 'lost' | null>(null);

  const resolve = async (keep: 'kept' | 'lost') => {
    setBusy(keep);
    try {
      await api.sync.resolveConflict({ id: conflict.id, keep });
      toast.success(
        keep === 'kept'
          ? `Kept the current ${conflict.field.toLowerCase()} of ${conflict.record}`
          : `${conflict.field} of ${conflict.record} set to ${personName(conflict.lost.by)}’s value`,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['sync.conflicts'] }),
        queryClient.invalidateQueries({ queryKey: ['sync.status'] }),
      ]);
      onResolved();
    } catch (error) {
      toast.error(plainMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <article className={styles.conflict} aria-labelledby={`${id}-title`}>
      <header className={styles.conflictHead}>
        <h3 id={`${id}-title`} className={styles.conflictTitle}>
          {conflict.href ? (
            <Link to={conflict.href} className={styles.recordLink}>
              {conflict.record}
            </Link>
          ) : (
            conflict.record
          )}
          <span className={styles.fieldName}>
            <span aria-hidden> · </span>
            <span className="visually-hidden">, field </span>
            {conflict.field}
          </span>
        </h3>
        <span className={styles.subtle} title={exactTime(conflict.detectedAt)}>
          Found {ago(conflict.detectedAt, now)}
        </span>
      </header>
      <div className={styles.sides}>
        <Side
          id={`${id}-kept`}
          label="Kept"
          hint="In the record now"
          conflict={conflict}
          side={conflict.kept}
          now={now}
          action="Keep this"
          busy={busy === 'kept'}
          disabled={busy !== null}
          onChoose={() => void resolve('kept')}
        />
        <Side
          id={`${id}-lost`}
          label="Lost"
          hint="Replaced by the kept value"
          conflict={conflict}
          side={conflict.lost}
          now={now}
          action="Use this instead"
          busy={busy === 'lost'}
          disabled={busy !== null}
          onChoose={() => void resolve('lost')}
        />
      </div>
    </article>
  );
}

function Side({
  id,
  label,
  hint,
  conflict,
  side,
  now,
  action,
  busy,
  disabled,
  onChoose,
}: {
  id: string;
  label: 'Kept' | 'Lost';
  hint: string;
  conflict: SyncConflict;
  side: SyncConflict['kept'];
  now: number;
  action: string;
  busy: boolean;
  disabled: boolean;
  onChoose: () => void;
}) {
  const empty = conflictValue(conflict.column, side.value).empty;
  return (
    <div className={styles.side} data-side={label.toLowerCase()} role="group" aria-labelledby={id}>
      <div className={styles.sideHead}>
        <span id={id} className={styles.sideLabel}>
          {label}
        </span>
        <span className={styles.subtle}>{hint}</span>
      </div>
      <p className={styles.value} data-empty={empty || undefined} id={`${id}-value`}>
        <ConflictValue conflict={conflict} value={side.value} />
      </p>
      <div className={styles.sideFoot}>
        <span className={styles.by}>
          <Avatar name={personName(side.by)} size={20} />
          <span>
            {side.by} ·{' '}
            <time dateTime={new Date(side.at).toISOString()} title={exactTime(side.at)}>
              {ago(side.at, now)}
            </time>
          </span>
        </span>
        <Button
          size="sm"
          busy={busy}
          disabled={disabled}
          aria-describedby={`${id}-value`}
          onClick={onChoose}
        >
          {action}
        </Button>
      </div>
    </div>
  );
}
