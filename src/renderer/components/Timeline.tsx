import {
  ArrowRight,
  CalendarCheck,
  CalendarClock,
  CircleAlert,
  Flag,
  History,
  Pencil,
  PhoneIncoming,
  PhoneOutgoing,
  StickyNote,
  Trash2,
} from 'lucide-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../shared/contract/errors';
import type { TimelineItem } from '../../shared/domain';
import { api, useStages } from '../api';
import { formatDateTime, formatRelative } from '../lib/format';
import { Button } from './Button';
import { EmptyState } from './EmptyState';
import { refreshActivityViews } from './NoteComposer';
import { Skeleton } from './Skeleton';
import { StagePill } from './StagePill';
import styles from './Timeline.module.css';
import { useToast } from './Toast';

interface TimelineProps {
  items: readonly TimelineItem[] | undefined;
  /** The query failed: say so instead of showing an empty history. */
  error?: Error | null;
  /** Name the deal of each item: contact and account timelines span several deals. */
  showDeal?: boolean;
  /** What an empty history means here ("Calls, notes and stage moves … appear here"). */
  emptyHint?: ReactNode;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const dayFormatWithYear = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function startOfDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

function dayLabel(dayStart: number, now: number): string {
  const today = startOfDay(now);
  const days = Math.round((dayStart - today) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === -1) return 'Yesterday';
  if (days === 1) return 'Tomorrow';
  const sameYear = new Date(dayStart).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dayFormat : dayFormatWithYear).format(dayStart);
}

/** Items are newest first; consecutive items of one local day share a heading. */
function groupByDay(items: readonly TimelineItem[], now: number) {
  const groups: { key: number; label: string; items: TimelineItem[] }[] = [];
  for (const item of items) {
    const key = startOfDay(item.at);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(key, now), items: [item] });
  }
  return groups;
}

const DISPOSITIONS: Record<string, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  busy: 'Busy',
  wrong_number: 'Wrong number',
  not_interested: 'Not interested',
  meeting_booked: 'Meeting booked',
};

function words(code: string): string {
  return DISPOSITIONS[code] ?? code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ');
}

function duration(from: number, to: number | null): string | null {
  if (to == null || to <= from) return null;
  const seconds = Math.round((to - from) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The current time, refreshed every minute, so "5 minutes ago" stays true on an open page. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A history of stage moves, notes, calls and follow-ups, newest first, grouped by day. Notes can
 * be edited and deleted in place. Used on the deal, contact and account pages.
 */
export function Timeline({ items, error, showDeal = false, emptyHint }: TimelineProps) {
  const now = useMinuteClock();
  if (error && !items) {
    return (
      <EmptyState tone="danger" icon={<CircleAlert />} title="The history could not be loaded">
        {error.message}
      </EmptyState>
    );
  }
  if (!items) {
    return (
      <div className={styles.loading} aria-busy aria-label="Loading activity">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className={styles.loadingRow}>
            <Skeleton width={28} height={28} />
            <div className={styles.loadingText}>
              <Skeleton width="55%" />
              <Skeleton width="30%" height={10} />
            </div>
          </div>
        ))}
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <EmptyState icon={<History />} title="No activity yet">
        {emptyHint ?? 'Stage moves, calls, notes and follow-ups appear here as they happen.'}
      </EmptyState>
    );
  }
  return (
    <div className={styles.timeline}>
      {groupByDay(items, now).map((group) => (
        <DayGroup key={group.key} label={group.label}>
          {group.items.map((item) => (
            <Entry key={`${item.kind}:${item.id}`} item={item} showDeal={showDeal} now={now} />
          ))}
        </DayGroup>
      ))}
    </div>
  );
}

function DayGroup({ label, children }: { label: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.day}>
      <h4 id={headingId} className={styles.dayLabel}>
        {label}
      </h4>
      <ol className={styles.list}>{children}</ol>
    </section>
  );
}

function Entry({ item, showDeal, now }: { item: TimelineItem; showDeal: boolean; now: number }) {
  const { icon, tone } = look(item);
  const deal =
    showDeal && item.dealId ? (
      <Link className={styles.dealLink} to={`/deals/${item.dealId}`}>
        {item.dealTitle ?? 'Deal'}
      </Link>
    ) : null;
  const meta = (
    <span className={styles.meta}>
      {item.byName && <span>{item.byName}</span>}
      <time dateTime={new Date(item.at).toISOString()} title={formatDateTime(item.at)}>
        {formatRelative(item.at, now)}
      </time>
      {deal}
    </span>
  );
  return (
    <li className={styles.item}>
      <span className={styles.icon} data-tone={tone} aria-hidden>
        {icon}
      </span>
      <div className={styles.body}>
        {item.kind === 'note' ? <NoteEntry item={item} meta={meta} /> : <Summary item={item} />}
        {item.kind !== 'note' && meta}
      </div>
    </li>
  );
}

function look(item: TimelineItem): { icon: ReactNode; tone: string } {
  switch (item.kind) {
    case 'stage':
      return { icon: item.fromStageId ? <ArrowRight /> : <Flag />, tone: 'stage' };
    case 'note':
      return { icon: <StickyNote />, tone: 'note' };
    case 'call':
      return {
        icon: item.direction === 'inbound' ? <PhoneIncoming /> : <PhoneOutgoing />,
        tone: 'call',
      };
    case 'followUp':
      return {
        icon: item.status === 'done' ? <CalendarCheck /> : <CalendarClock />,
        tone: item.status === 'done' ? 'done' : 'followUp',
      };
  }
}

function Summary({ item }: { item: Exclude<TimelineItem, { kind: 'note' }> }) {
  const { byId } = useStages();
  if (item.kind === 'stage') {
    const to = byId.get(item.toStageId);
    const from = item.fromStageId ? byId.get(item.fromStageId) : undefined;
    return (
      <div className={styles.headline}>
        {from ? (
          <>
            <span className={styles.verb}>Moved</span>
            <StagePill name={from.name} phase={from.phaseId} />
            <ArrowRight size={13} className={styles.arrow} aria-label="to" />
          </>
        ) : (
          <span className={styles.verb}>Created in</span>
        )}
        {to ? (
          <StagePill name={to.name} phase={to.phaseId} />
        ) : (
          <span className={styles.verb}>a removed stage</span>
        )}
      </div>
    );
  }
  if (item.kind === 'call') {
    const length = duration(item.at, item.endedAt);
    return (
      <>
        <div className={styles.headline}>
          <span className={styles.strong}>
            {item.direction === 'inbound' ? 'Inbound call' : 'Outbound call'}
          </span>
          {item.disposition && <span className={styles.tag}>{words(item.disposition)}</span>}
          {length && <span className={styles.verb}>{length}</span>}
        </div>
        {item.notes && <p className={styles.text}>{item.notes}</p>}
      </>
    );
  }
  return (
    <div className={styles.headline}>
      <span className={styles.strong}>{item.title || 'Follow-up'}</span>
      <span className={styles.tag} data-status={item.status}>
        {item.status === 'done'
          ? 'Done'
          : item.status === 'open'
            ? 'Follow-up'
            : words(item.status)}
      </span>
    </div>
  );
}

function NoteEntry({
  item,
  meta,
}: {
  item: Extract<TimelineItem, { kind: 'note' }>;
  meta: ReactNode;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirmDelete'>('view');
  const [draft, setDraft] = useState(item.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const toast = useToast();
  const editId = useId();

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      toast.success(done);
      setMode('view');
      await refreshActivityViews();
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setError(failure instanceof ApiError ? message.replace(/^[\w.]+: [\w.]+: /, '') : message);
    } finally {
      setBusy(false);
    }
  };

  if (mode === 'edit') {
    return (
      <form
        className={styles.edit}
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => api.notes.update({ id: item.id, body: draft }), 'Note saved');
        }}
      >
        <label htmlFor={editId} className="visually-hidden">
          Edit note
        </label>
        <textarea
          id={editId}
          className={styles.editInput}
          value={draft}
          rows={3}
          autoFocus
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setMode('view');
            }
          }}
        />
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
        <div className={styles.actions}>
          <Button size="sm" variant="ghost" onClick={() => setMode('view')}>
            Cancel
          </Button>
          <Button size="sm" variant="primary" type="submit" busy={busy} disabled={!draft.trim()}>
            Save note
          </Button>
        </div>
      </form>
    );
  }
  return (
    <>
      <div className={styles.noteHead}>
        {meta}
        <span className={styles.noteTools}>
          <button
            type="button"
            className={styles.tool}
            aria-label="Edit note"
            title="Edit note"
            onClick={() => {
              setDraft(item.body);
              setMode('edit');
            }}
          >
            <Pencil size={13} />
          </button>
          <button
            type="button"
            className={styles.tool}
            aria-label="Delete note"
            title="Delete note"
            onClick={() => setMode('confirmDelete')}
          >
            <Trash2 size={13} />
          </button>
        </span>
      </div>
      <p className={styles.note}>{item.body}</p>
      {mode === 'confirmDelete' && (
        <div className={styles.confirm} role="group" aria-label="Delete this note?">
          <span>Delete this note for everyone?</span>
          <Button size="sm" variant="ghost" onClick={() => setMode('view')}>
            Keep
          </Button>
          <Button
            size="sm"
            variant="danger"
            busy={busy}
            onClick={() => void run(() => api.notes.delete({ id: item.id }), 'Note deleted')}
          >
            Delete
          </Button>
        </div>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
