import {
  AlarmClock,
  BellRing,
  CalendarCheck,
  Check,
  CircleAlert,
  Mail,
  Phone,
  Users,
  UserRound,
  type LucideIcon,
} from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { FollowUp } from '../../../shared/contract';
import {
  DEFAULT_FOLLOW_UP_RULES,
  isInWorkingHours,
  type WorkingHours,
} from '../../../shared/domain/followUpRules';
import { api, useApiQuery, useAppInfo, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import {
  formatDateTime,
  formatRelative,
  fromDateTimeInput,
  toDateTimeInput,
} from '../../lib/format';
import {
  describeWhen,
  followUpSubject,
  groupFollowUps,
  knownTimeZone,
  myTimeZone,
  snoozeChoices,
  theirTime,
  type ReminderGroup,
  type SnoozeChoice,
} from './callText';
import { REMINDER_COMMANDS } from './commands';
import styles from './RemindersPage.module.css';

const GROUPS: { key: ReminderGroup; title: string }[] = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'today', title: 'Today' },
  { key: 'upcoming', title: 'Upcoming' },
];

const KIND_ICONS: Record<string, LucideIcon> = {
  call: Phone,
  email: Mail,
  meeting: Users,
  task: CalendarCheck,
};
const KIND_LABELS: Record<string, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  task: 'Task',
};

/** Re-render every `ms` so that rows move from Today to Overdue as time passes. */
function useMinuteClock(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Where the customer's working day is: their zone (else the team's, else mine) and the team's hours. */
interface Workday {
  teamZone: string | null;
  hours: WorkingHours;
}

function zoneOf(followUp: FollowUp, workday: Workday): string {
  return knownTimeZone(followUp.contactTimeZone) ?? workday.teamZone ?? myTimeZone();
}

/** `#/reminders`: the follow-ups to do, overdue first. */
export function RemindersPage() {
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'team' ? 'team' : 'mine';
  const setScope = (next: 'mine' | 'team') =>
    setParams(next === 'team' ? { scope: 'team' } : {}, { replace: true });
  useShortcut(REMINDER_COMMANDS.toggleScope, () => setScope(scope === 'mine' ? 'team' : 'mine'));
  const list = useApiQuery('followUps.list', { scope });
  const users = useUsers();
  const now = useMinuteClock();
  const settings = useApiQuery('settings.get', {});
  const info = useAppInfo();
  const hours = settings.data?.followUpRules.workingHours ?? DEFAULT_FOLLOW_UP_RULES.workingHours;
  const teamZone = knownTimeZone(info.data?.team?.timeZone);
  const workday = useMemo(() => ({ teamZone, hours }), [teamZone, hours]);
  const groups = useMemo(() => groupFollowUps(list.data ?? [], now), [list.data, now]);
  const owners = useMemo(
    () => new Map((users.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  );

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Reminders</h1>
          <p className={styles.subtitle}>
            {list.data
              ? `${groups.overdue.length} overdue · ${groups.today.length} today · ${groups.upcoming.length} upcoming`
              : 'Follow-ups planned after calls and by hand'}
          </p>
        </div>
        <div className={styles.toggle} role="radiogroup" aria-label="Whose follow-ups">
          {(['mine', 'team'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={scope === value}
              className={styles.toggleItem}
              onClick={() => setScope(value)}
              title={`Switch (${keyLabel(REMINDER_COMMANDS.toggleScope.keys)})`}
            >
              {value === 'mine' ? (
                <UserRound size={14} aria-hidden />
              ) : (
                <Users size={14} aria-hidden />
              )}
              {value === 'mine' ? 'Mine' : 'Team'}
            </button>
          ))}
        </div>
      </header>

      {list.isError && !list.data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="Reminders cannot be shown">
          {list.error.message}
          <div className={styles.retry}>
            <Button size="sm" onClick={() => void list.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !list.data ? (
        <div className={styles.groups} aria-busy>
          <Skeleton height={22} width={120} />
          <Skeleton height={56} />
          <Skeleton height={56} />
          <Skeleton height={56} />
        </div>
      ) : list.data.length === 0 ? (
        <EmptyState icon={<BellRing />} title="Nothing to follow up — nice.">
          {scope === 'mine'
            ? 'After a call the app proposes when to follow up; planned ones show here.'
            : 'Nobody on the team has an open follow-up.'}
        </EmptyState>
      ) : (
        <div className={styles.groups}>
          {GROUPS.filter((g) => groups[g.key].length > 0).map((group) => (
            <ReminderSection
              key={group.key}
              group={group.key}
              title={group.title}
              followUps={groups[group.key]}
              now={now}
              owners={scope === 'team' ? owners : null}
              workday={workday}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function ReminderSection({
  group,
  title,
  followUps,
  now,
  owners,
  workday,
}: {
  group: ReminderGroup;
  title: string;
  followUps: FollowUp[];
  now: number;
  owners: Map<string, string> | null;
  workday: Workday;
}) {
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id} data-group={group}>
      <h2 id={id} className={styles.sectionTitle}>
        {title}
        <span className={styles.count}>{followUps.length}</span>
      </h2>
      <ul className={styles.list} aria-labelledby={id}>
        {followUps.map((f) => (
          <ReminderRow
            key={f.id}
            followUp={f}
            now={now}
            overdue={group === 'overdue'}
            owners={owners}
            workday={workday}
          />
        ))}
      </ul>
    </section>
  );
}

function ReminderRow({
  followUp,
  now,
  overdue,
  owners,
  workday,
}: {
  followUp: FollowUp;
  now: number;
  overdue: boolean;
  owners: Map<string, string> | null;
  workday: Workday;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const subject = followUpSubject(followUp);
  const Icon = KIND_ICONS[followUp.kind] ?? AlarmClock;
  const owner = owners && followUp.ownerId ? owners.get(followUp.ownerId) : null;
  const zone = zoneOf(followUp, workday);
  const their = theirTime(followUp.dueAt, followUp.contactTimeZone);
  // Only with the customer's own zone: the team's hours in the team's zone say little about them.
  const afterHours =
    knownTimeZone(followUp.contactTimeZone) !== null &&
    !isInWorkingHours(followUp.dueAt, zone, workday.hours);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    try {
      await action();
      toast.success(message);
    } catch (error) {
      toast.error((error as Error).message);
      setBusy(false);
    }
  };

  return (
    <li className={styles.row} data-overdue={overdue || undefined} aria-busy={busy || undefined}>
      <span className={styles.kind} title={KIND_LABELS[followUp.kind] ?? followUp.kind}>
        <Icon size={15} aria-hidden />
      </span>
      <div className={styles.what}>
        <div className={styles.subject}>
          {subject.to ? <Link to={subject.to}>{subject.label}</Link> : subject.label}
          {followUp.dealId && followUp.contactName && (
            <span className={styles.muted}> · {followUp.contactName}</span>
          )}
        </div>
        <div className={styles.detail}>
          <span className={styles.kindLabel}>{KIND_LABELS[followUp.kind] ?? followUp.kind}</span>
          {followUp.title && <span>{followUp.title}</span>}
          {owner && <span className={styles.muted}>· {owner}</span>}
        </div>
      </div>
      <div className={styles.when} title={formatDateTime(followUp.dueAt)}>
        <span className={styles.whenMain}>{describeWhen(followUp.dueAt, now)}</span>
        <span className={styles.whenRelative}>
          {[their, formatRelative(followUp.dueAt, now)].filter(Boolean).join(' · ')}
        </span>
        {afterHours && (
          <span
            className={styles.afterHours}
            title="Outside the team’s working hours in the customer’s time zone"
          >
            Outside their hours
          </span>
        )}
      </div>
      <div className={styles.actions}>
        <SnoozeMenu
          disabled={busy}
          label={subject.label}
          choose={() => snoozeChoices(Date.now(), { timeZone: zone, hours: workday.hours })}
          theirZone={followUp.contactTimeZone}
          onSnooze={(until) =>
            void run(
              () => api.followUps.snooze({ id: followUp.id, until }),
              `Snoozed until ${describeWhen(until)}`,
            )
          }
        />
        <Button
          size="sm"
          icon={<Check />}
          disabled={busy}
          aria-label={`Done: ${subject.label}`}
          onClick={() => void run(() => api.followUps.done({ id: followUp.id }), 'Marked done')}
        >
          Done
        </Button>
      </div>
    </li>
  );
}

/** A small menu: quick choices in the customer's working day, and a time of one's own. */
function SnoozeMenu({
  disabled,
  label,
  choose,
  theirZone,
  onSnooze,
}: {
  disabled: boolean;
  label: string;
  /** The quick choices, worked out in the customer's working day when the menu opens. */
  choose: () => SnoozeChoice[];
  theirZone: string | null;
  onSnooze: (until: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const [custom, setCustom] = useState('');
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [choices, setChoices] = useState<SnoozeChoice[]>([]);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"], input')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, picking]);

  const close = () => {
    setOpen(false);
    setPicking(false);
    root.current?.querySelector<HTMLElement>('button')?.focus();
  };
  const customAt = fromDateTimeInput(custom);

  return (
    <div
      ref={root}
      className={styles.snooze}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }}
    >
      <Button
        size="sm"
        variant="ghost"
        icon={<AlarmClock />}
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Snooze: ${label}`}
        onClick={() => {
          setPicking(false);
          setChoices(choose());
          setOpen(!open);
        }}
      >
        Snooze
      </Button>
      {open && (
        <div id={menuId} className={styles.menu} role="menu" aria-label="Snooze until">
          {picking ? (
            <form
              className={styles.pick}
              onSubmit={(event) => {
                event.preventDefault();
                if (customAt === null) return;
                onSnooze(customAt);
                close();
              }}
            >
              <label className={styles.pickLabel}>
                Snooze until
                <input
                  type="datetime-local"
                  className={styles.pickInput}
                  value={custom}
                  onChange={(event) => setCustom(event.target.value)}
                />
              </label>
              <Button type="submit" size="sm" variant="primary" disabled={customAt === null}>
                Snooze
              </Button>
            </form>
          ) : (
            <>
              {choices.map((choice) => (
                <button
                  key={choice.label}
                  type="button"
                  role="menuitem"
                  className={styles.menuItem}
                  onClick={() => {
                    onSnooze(choice.until);
                    close();
                  }}
                >
                  <span>{choice.label}</span>
                  <span className={styles.menuHint}>
                    {describeWhen(choice.until)}
                    {theirTime(choice.until, theirZone) && (
                      <span className={styles.menuTheirs}>
                        {theirTime(choice.until, theirZone)}
                      </span>
                    )}
                  </span>
                </button>
              ))}
              <button
                type="button"
                role="menuitem"
                className={styles.menuItem}
                onClick={() => {
                  setCustom(toDateTimeInput(Date.now() + 2 * 3_600_000));
                  setPicking(true);
                }}
              >
                Pick a time…
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
