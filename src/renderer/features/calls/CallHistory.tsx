import { History, PhoneIncoming, PhoneOutgoing } from 'lucide-react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { Skeleton } from '../../components/Skeleton';
import { formatDateTime, formatRelative } from '../../lib/format';
import type { CallSubject } from './callStore';
import { DISPOSITION_LABELS, DISPOSITION_TONES, callDuration } from './callText';
import { CALL_COMMANDS } from './commands';
import styles from './CallHistory.module.css';
import { LogCallSheet } from './LogCallSheet';

/** The calls of a deal or a contact, newest first, with a way to log one made elsewhere. */
export function CallHistory({
  subject,
  cardClassName,
}: {
  subject: CallSubject;
  /** The page's own card style, so the section sits with its neighbours. */
  cardClassName?: string;
}) {
  const headingId = useId();
  const [logging, setLogging] = useState(false);
  const calls = useApiQuery(
    'calls.list',
    subject.dealId ? { dealId: subject.dealId } : { contactId: subject.contactId },
  );
  useShortcut(CALL_COMMANDS.logPast, () => setLogging(true));

  return (
    <section className={cardClassName} aria-labelledby={headingId}>
      <div className={styles.head}>
        <h2 id={headingId} className={styles.heading}>
          Calls
          {calls.data && calls.data.length > 0 && (
            <span className={styles.count}>{calls.data.length}</span>
          )}
        </h2>
        <Button
          size="sm"
          variant="ghost"
          icon={<History />}
          shortcut={keyLabel(CALL_COMMANDS.logPast.keys)}
          onClick={() => setLogging(true)}
        >
          Log a past call
        </Button>
      </div>
      {calls.isError && !calls.data ? (
        <p role="alert" className={styles.error}>
          The calls cannot be shown: {calls.error.message}
        </p>
      ) : !calls.data ? (
        <Skeleton height={64} />
      ) : calls.data.length === 0 ? (
        <p className={styles.empty}>
          No calls yet. Press {keyLabel(CALL_COMMANDS.start.keys)} to call.
        </p>
      ) : (
        <ol className={styles.list} aria-label="Call history">
          {calls.data.map((call) => {
            const duration = callDuration(call);
            return (
              <li key={call.id} className={styles.row}>
                <span
                  className={styles.direction}
                  title={call.direction === 'inbound' ? 'Inbound' : 'Outbound'}
                >
                  {call.direction === 'inbound' ? (
                    <PhoneIncoming size={14} aria-label="Inbound" />
                  ) : (
                    <PhoneOutgoing size={14} aria-label="Outbound" />
                  )}
                </span>
                <div className={styles.main}>
                  <div className={styles.line}>
                    <Link
                      to={`/calls/${call.id}`}
                      className={styles.when}
                      title="Open the call: its transcript and score"
                    >
                      <time dateTime={new Date(call.startedAt).toISOString()}>
                        {formatDateTime(call.startedAt)}
                      </time>
                    </Link>
                    <span className={styles.duration} title="Duration">
                      {duration ?? 'In progress'}
                    </span>
                    {call.disposition && (
                      <span
                        className={styles.badge}
                        data-tone={DISPOSITION_TONES[call.disposition]}
                      >
                        {DISPOSITION_LABELS[call.disposition]}
                      </span>
                    )}
                    <span className={styles.ago}>{formatRelative(call.startedAt)}</span>
                  </div>
                  {call.notes && <p className={styles.notes}>{call.notes}</p>}
                  {call.nextStep && (
                    <p className={styles.next}>
                      <span>Next:</span> {call.nextStep}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {logging && <LogCallSheet subject={subject} onClose={() => setLogging(false)} />}
    </section>
  );
}
