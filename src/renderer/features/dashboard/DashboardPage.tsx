import {
  ArrowDown,
  ArrowUp,
  CircleAlert,
  Headset,
  PhoneCall,
  PhoneOff,
  RefreshCw,
} from 'lucide-react';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ActivityDashboard } from '../../../shared/contract';
import type { CallDisposition } from '../../../shared/domain/followUpRules';
import { useApiQuery } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DISPOSITION_LABELS, DISPOSITION_TONES } from '../calls/callText';
import { ActivityCharts } from './ActivityCharts';
import { DASHBOARD_COMMANDS } from './commands';
import { DashboardTabs } from './DashboardTabs';
import {
  formatPercent,
  formatSpeed,
  formatTalkTime,
  formatTimer,
  paramsForRange,
  presenceText,
  rangeFromParams,
  sortReps,
  type RangeKind,
  type SortKey,
} from './dashboardText';
import { RangePicker } from './RangePicker';
import styles from './DashboardPage.module.css';

/** Overdue follow-ups and running timers change with time alone: ask again this often. */
const REFRESH_MS = 30_000;

/** Re-render every `ms`. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

const RANGES: { kind: RangeKind; label: string }[] = [
  { kind: 'today', label: 'Today' },
  { kind: 'week', label: 'This week' },
  { kind: 'custom', label: 'Custom' },
];

/** `#/dashboard`: the team's calls as they happen, for the manager. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  // The day turns while the page is open: "Today" follows it.
  const clock = useNow(REFRESH_MS);
  const range = useMemo(() => rangeFromParams(params, clock), [params, clock]);
  const setRange = (kind: RangeKind, fromDay?: string, toDay?: string) =>
    setParams(paramsForRange(kind, fromDay, toDay), { replace: true });
  useShortcut(DASHBOARD_COMMANDS.today, () => setRange('today'));
  useShortcut(DASHBOARD_COMMANDS.week, () => setRange('week'));

  const query = useApiQuery(
    'dashboard.activity',
    { from: range.from, to: range.to },
    { refetchInterval: REFRESH_MS },
  );
  const data = query.data;

  return (
    <div className={styles.page}>
      <DashboardTabs />
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Activity</h1>
          <p className={styles.subtitle}>
            {data
              ? `${data.team.calls} calls · ${data.team.connects} connects · ${data.onCall.length} on a call now`
              : 'Calls, connects and follow-ups of the team, live'}
          </p>
        </div>
        <RangePicker<RangeKind>
          ranges={RANGES}
          shortcuts={{
            today: keyLabel(DASHBOARD_COMMANDS.today.keys),
            week: keyLabel(DASHBOARD_COMMANDS.week.keys),
          }}
          kind={range.kind}
          fromDay={range.fromDay}
          toDay={range.toDay}
          onChange={setRange}
        />
      </header>

      {query.isError && !data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="The dashboard cannot be shown">
          {query.error.message}
          <div className={styles.retry}>
            <Button size="sm" icon={<RefreshCw />} onClick={() => void query.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !data ? (
        <div className={styles.loading} aria-busy aria-label="Loading the dashboard">
          <Skeleton height={88} />
          <Skeleton height={220} />
          <div className={styles.twoColumns}>
            <Skeleton height={260} />
            <Skeleton height={260} />
          </div>
        </div>
      ) : (
        <div className={styles.body} aria-busy={query.isFetching || undefined}>
          <OnCallNow onCall={data.onCall} />
          <RepTable data={data} now={clock} />
          <div className={styles.twoColumns}>
            <ActivityCharts series={data.series} />
            <ActivityFeed feed={data.feed} lowScoreBelow={data.lowScoreBelow} />
          </div>
        </div>
      )}
    </div>
  );
}

function Card({
  title,
  count,
  children,
  className,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section className={[styles.card, className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <h2 id={id} className={styles.cardTitle}>
        {title}
        {count !== undefined && <span className={styles.count}>{count}</span>}
      </h2>
      {children}
    </section>
  );
}

function OnCallNow({ onCall }: { onCall: ActivityDashboard['onCall'] }) {
  const now = useNow(1000);
  return (
    <Card title="On a call now" count={onCall.length}>
      {onCall.length === 0 ? (
        <p className={styles.quiet}>
          <PhoneOff size={15} aria-hidden /> Nobody is on a call right now.
        </p>
      ) : (
        <ul className={styles.onCall}>
          {onCall.map((call) => (
            <li key={call.callId} className={styles.onCallItem}>
              <span className={styles.onCallIcon}>
                <PhoneCall size={15} aria-hidden />
              </span>
              <div className={styles.onCallText}>
                <div className={styles.onCallRep}>{call.repName ?? 'Someone'}</div>
                <div className={styles.muted}>
                  {[call.dealTitle, call.contactName].filter(Boolean).join(' · ') || 'No deal'}
                </div>
              </div>
              <span
                role="timer"
                className={styles.timer}
                aria-label={`On the call for ${formatTimer(now - call.startedAt)}`}
                title={`Since ${formatDateTime(call.startedAt)}`}
              >
                {formatTimer(now - call.startedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const COLUMNS: { key: SortKey; label: string; numeric: boolean; hint?: string }[] = [
  { key: 'repName', label: 'Rep', numeric: false },
  { key: 'calls', label: 'Calls', numeric: true },
  { key: 'connects', label: 'Connects', numeric: true, hint: 'Connected or meeting booked' },
  { key: 'connectRate', label: 'Connect rate', numeric: true },
  { key: 'talkTimeMs', label: 'Talk time', numeric: true, hint: 'Hours and minutes' },
  {
    key: 'avgSpeedToLeadMs',
    label: 'Avg speed to lead',
    numeric: true,
    hint: 'From a lead’s creation to its first call',
  },
  { key: 'medianSpeedToLeadMs', label: 'Median speed to lead', numeric: true },
  {
    key: 'leadsWaiting',
    label: 'Leads waiting',
    numeric: true,
    hint: 'Created in the range, not called yet',
  },
  { key: 'followUpsOverdue', label: 'Overdue follow-ups', numeric: true },
  {
    key: 'avgScore',
    label: 'Avg call score',
    numeric: true,
    hint: 'Average score (0–100) of the range’s calls with a transcript',
  },
];

type Numbers = ActivityDashboard['team'];

function cells(n: Numbers) {
  return {
    calls: String(n.calls),
    connects: String(n.connects),
    connectRate: n.calls === 0 ? '—' : formatPercent(n.connectRate),
    talkTimeMs: formatTalkTime(n.talkTimeMs),
    avgSpeedToLeadMs: formatSpeed(n.avgSpeedToLeadMs),
    medianSpeedToLeadMs: formatSpeed(n.medianSpeedToLeadMs),
    leadsWaiting: String(n.leadsWaiting),
    followUpsOverdue: String(n.followUpsOverdue),
    avgScore:
      n.avgScore === null
        ? '—'
        : `${Math.round(n.avgScore)}${n.lowScores > 0 ? ` · ${n.lowScores} low` : ''}`,
  };
}

function RepTable({ data, now }: { data: ActivityDashboard; now: number }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'calls',
    direction: 'desc',
  });
  const reps = useMemo(
    () => sortReps(data.reps, sort.key, sort.direction),
    [data.reps, sort.key, sort.direction],
  );
  const team = cells(data.team);
  return (
    <Card title="Reps" count={data.reps.length}>
      {data.reps.length === 0 ? (
        <EmptyState icon={<Headset />} title="No reps yet">
          Invite the team: their calls show here as they make them.
        </EmptyState>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label="Numbers per rep">
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const active = sort.key === column.key;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      data-numeric={column.numeric || undefined}
                      aria-sort={
                        active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                      }
                    >
                      <button
                        type="button"
                        className={styles.sortButton}
                        title={column.hint}
                        onClick={() =>
                          setSort({
                            key: column.key,
                            direction: active
                              ? sort.direction === 'asc'
                                ? 'desc'
                                : 'asc'
                              : column.numeric
                                ? 'desc'
                                : 'asc',
                          })
                        }
                      >
                        {column.label}
                        {active &&
                          (sort.direction === 'asc' ? (
                            <ArrowUp size={12} aria-hidden />
                          ) : (
                            <ArrowDown size={12} aria-hidden />
                          ))}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {reps.map((rep) => {
                const values = cells(rep);
                const presence = presenceText(rep.presence, rep.lastSeenAt, now);
                return (
                  <tr key={rep.repId}>
                    <th scope="row">
                      <span className={styles.rep}>
                        <span
                          className={styles.dot}
                          data-presence={rep.presence}
                          role="img"
                          aria-label={presence.label}
                          title={
                            rep.onCallSince != null
                              ? `On a call since ${formatDateTime(rep.onCallSince)}`
                              : presence.detail
                          }
                        />
                        <Avatar name={rep.repName} size={22} />
                        <span className={styles.repName}>
                          {rep.repName}
                          <span className={styles.repStatus} data-presence={rep.presence}>
                            {presence.detail}
                          </span>
                        </span>
                      </span>
                    </th>
                    {COLUMNS.slice(1).map((column) => (
                      <td
                        key={column.key}
                        data-numeric
                        data-alert={
                          (column.key === 'followUpsOverdue' && rep.followUpsOverdue > 0) ||
                          (column.key === 'leadsWaiting' && rep.leadsWaiting > 0) ||
                          (column.key === 'avgScore' && rep.lowScores > 0) ||
                          undefined
                        }
                      >
                        {values[column.key as keyof typeof values]}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Team</th>
                {COLUMNS.slice(1).map((column) => (
                  <td key={column.key} data-numeric>
                    {team[column.key as keyof typeof team]}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Card>
  );
}

function OutcomeBadge({ disposition, live }: { disposition: string | null; live: boolean }) {
  if (live) {
    return (
      <span className={styles.badge} data-tone="live">
        On a call
      </span>
    );
  }
  // Older data spells outcomes with underscores (`no_answer`).
  const known = (disposition?.replaceAll('_', '-') ?? null) as CallDisposition | null;
  const label = known ? (DISPOSITION_LABELS[known] ?? disposition) : 'No outcome';
  const tone = known ? (DISPOSITION_TONES[known] ?? 'neutral') : 'neutral';
  return (
    <span className={styles.badge} data-tone={tone}>
      {label}
    </span>
  );
}

function ActivityFeed({
  feed,
  lowScoreBelow,
}: {
  feed: ActivityDashboard['feed'];
  lowScoreBelow: number;
}) {
  const now = useNow(REFRESH_MS);
  return (
    <Card title="Latest calls" className={styles.feedCard}>
      {feed.length === 0 ? (
        <p className={styles.quiet}>No calls in this range yet.</p>
      ) : (
        <ol className={styles.feed} aria-label="Latest calls">
          {feed.map((item) => (
            <li key={item.callId} className={styles.feedItem}>
              <Avatar name={item.repName ?? '?'} size={26} />
              <div className={styles.feedText}>
                <div>
                  <strong>{item.repName ?? 'Someone'}</strong>{' '}
                  <OutcomeBadge disposition={item.disposition} live={item.endedAt == null} />
                  {item.score !== null && (
                    <Link
                      to={`/calls/${item.callId}`}
                      className={styles.score}
                      data-low={item.score < lowScoreBelow || undefined}
                      aria-label={`Call score ${Math.round(item.score)}${item.score < lowScoreBelow ? ', low: worth a coaching look' : ''}`}
                    >
                      {Math.round(item.score)}
                    </Link>
                  )}
                </div>
                <div className={styles.muted}>
                  {item.dealId && item.dealTitle ? (
                    <Link to={`/deals/${item.dealId}`}>{item.dealTitle}</Link>
                  ) : (
                    (item.dealTitle ?? 'No deal')
                  )}
                  {item.contactName && ` · ${item.contactName}`}
                </div>
              </div>
              <Link
                to={`/calls/${item.callId}`}
                className={styles.ago}
                title={`Open the call (${formatDateTime(item.startedAt)})`}
              >
                <time dateTime={new Date(item.startedAt).toISOString()}>
                  {formatRelative(item.startedAt, Math.max(now, item.startedAt))}
                </time>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
