import { CircleAlert, GraduationCap, RefreshCw, ThumbsUp, Target } from 'lucide-react';
import { useId, useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { MethodOutput } from '../../../shared/contract';
import { useApiQuery } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DashboardTabs } from '../dashboard/DashboardTabs';
import { ScoreHistogram, ScoreTrendChart } from './CoachingCharts';
import { ScoreBadge } from './ScoreBadge';
import {
  COACHING_RANGES,
  coachingRange,
  formatScore,
  scoreTone,
  strengthsAndWeakSpots,
  type CoachingRange,
} from './scoreText';
import { Sparkline } from './Sparkline';
import { useCountedDimensions } from './useScoring';
import styles from './CoachingPage.module.css';

type Distribution = MethodOutput<'scores.distribution'>;
type Trend = MethodOutput<'scores.trend'>;
const EMPTY: Trend['dimensions'] = [];

/** `#/dashboard/coaching`: the team's call scores, who to coach and on what. */
export function CoachingPage() {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => coachingRange(params.get('range')), [params]);
  const repId = params.get('rep');
  const setParam = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const input = { from: range.from, to: range.to };
  const distribution = useApiQuery('scores.distribution', input);
  const team = useApiQuery('scores.trend', input);
  const data = distribution.data;
  const error = distribution.error ?? team.error;

  return (
    <div className={styles.page}>
      <DashboardTabs />
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Coaching</h1>
          <p className={styles.subtitle}>
            {data
              ? `${data.reps.reduce((sum, r) => sum + r.calls, 0)} scored calls · ${range.label.toLowerCase()}`
              : 'Call scores of the team: who to coach, and on what'}
          </p>
        </div>
        <div className={styles.toggle} role="radiogroup" aria-label="Range">
          {COACHING_RANGES.map((r) => (
            <button
              key={r.kind}
              type="button"
              role="radio"
              aria-checked={range.kind === r.kind}
              className={styles.toggleItem}
              onClick={() => setParam('range', r.kind === '30d' ? null : (r.kind as CoachingRange))}
            >
              {r.label}
            </button>
          ))}
        </div>
      </header>

      {error && (!data || !team.data) ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="Call scores cannot be shown">
          {error.message}
          <div className={styles.retry}>
            <Button
              size="sm"
              icon={<RefreshCw />}
              onClick={() => {
                void distribution.refetch();
                void team.refetch();
              }}
            >
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !data || !team.data ? (
        <div className={styles.loading} aria-busy aria-label="Loading the call scores">
          <Skeleton height={88} />
          <div className={styles.twoColumns}>
            <Skeleton height={260} />
            <Skeleton height={260} />
          </div>
          <Skeleton height={220} />
        </div>
      ) : (
        <div className={styles.body} aria-busy={distribution.isFetching || undefined}>
          <Headline data={data} team={team.data} />
          <div className={styles.twoColumns}>
            <Card title="Score distribution">
              <ScoreHistogram buckets={data.buckets} lowThreshold={data.lowThreshold} />
            </Card>
            <Card title="Team trend">
              <ScoreTrendChart
                points={team.data.points}
                lowThreshold={data.lowThreshold}
                name="The team"
              />
            </Card>
          </div>
          <RepsTable
            data={data}
            range={input}
            selected={repId}
            onSelect={(id) => setParam('rep', id)}
          />
          <div className={styles.twoColumns}>
            <RepFocus
              reps={data.reps}
              repId={repId ?? data.reps.find((r) => r.calls > 0)?.repId ?? null}
              range={input}
              lowThreshold={data.lowThreshold}
              onSelect={(id) => setParam('rep', id)}
            />
            <LowCalls data={data} />
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
  action,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  action?: ReactNode;
}) {
  const id = useId();
  return (
    <section className={styles.card} aria-labelledby={id}>
      <div className={styles.cardHead}>
        <h2 id={id} className={styles.cardTitle}>
          {title}
          {count !== undefined && <span className={styles.count}>{count}</span>}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function Tile({
  label,
  value,
  detail,
  tone,
  kind,
}: {
  label: string;
  value: ReactNode;
  detail: ReactNode;
  tone?: string;
  /** A name rather than a number: set smaller, so that it fits. */
  kind?: 'text';
}) {
  return (
    <div className={styles.tile} role="group" aria-label={label}>
      <div className={styles.tileLabel}>{label}</div>
      <div className={styles.tileValue} data-tone={tone} data-kind={kind}>
        {value}
      </div>
      <div className={styles.tileDetail}>{detail}</div>
    </div>
  );
}

/** Strengths and weak spots among what counts in the score (all dimensions until that is known). */
function useCounted<T extends { id: string }>(dimensions: readonly T[]): T[] {
  const counted = useCountedDimensions();
  return useMemo(
    () => (counted ? dimensions.filter((d) => counted.has(d.id)) : [...dimensions]),
    [counted, dimensions],
  );
}

function Headline({ data, team }: { data: Distribution; team: Trend }) {
  const low = data.reps.reduce((sum, r) => sum + r.low, 0);
  const { weakSpots, strengths } = strengthsAndWeakSpots(useCounted(team.dimensions), 1);
  const weakest = weakSpots[0];
  const strongest = strengths[0];
  return (
    <section className={styles.tiles} aria-label="Headline numbers">
      <Tile
        label="Team average"
        value={formatScore(team.average)}
        tone={scoreTone(team.average, data.lowThreshold)}
        detail={team.calls === 0 ? 'No scored call yet' : `over ${team.calls} scored calls`}
      />
      <Tile
        label="Under the low mark"
        value={low}
        tone={low > 0 ? 'low' : undefined}
        detail={`calls scored under ${data.lowThreshold}`}
      />
      <Tile
        label="Team strength"
        kind="text"
        value={strongest ? strongest.label : '—'}
        detail={
          strongest ? `average ${formatScore(strongest.average)}` : 'Shows once calls are scored'
        }
      />
      <Tile
        label="Coach the team on"
        kind="text"
        value={weakest ? weakest.label : '—'}
        tone={weakest ? scoreTone(weakest.average, data.lowThreshold) : undefined}
        detail={weakest ? `average ${formatScore(weakest.average)}` : 'Shows once calls are scored'}
      />
    </section>
  );
}

function RepTrend({
  repId,
  repName,
  range,
}: {
  repId: string;
  repName: string;
  range: { from: number; to: number };
}) {
  const trend = useApiQuery('scores.trend', { ...range, repId });
  if (!trend.data) return <Skeleton width={120} height={20} />;
  return <Sparkline points={trend.data.points} label={`${repName}’s weekly average`} />;
}

function RepsTable({
  data,
  range,
  selected,
  onSelect,
}: {
  data: Distribution;
  range: { from: number; to: number };
  selected: string | null;
  onSelect: (repId: string) => void;
}) {
  const reps = [...data.reps].sort(
    (a, b) => (b.average ?? -1) - (a.average ?? -1) || a.repName.localeCompare(b.repName),
  );
  return (
    <Card title="Reps" count={reps.length}>
      {reps.length === 0 ? (
        <EmptyState icon={<GraduationCap />} title="No rep has a scored call yet">
          Scores show here once calls with transcripts are scored.
        </EmptyState>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label="Call scores per rep">
            <thead>
              <tr>
                <th scope="col">Rep</th>
                <th scope="col" data-numeric>
                  Scored calls
                </th>
                <th scope="col" data-numeric>
                  Average
                </th>
                <th scope="col" data-numeric title={`Calls scored under ${data.lowThreshold}`}>
                  Low
                </th>
                <th scope="col">Weekly trend</th>
                <th scope="col">
                  <span className={styles.srOnly}>Coach</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {reps.map((rep) => (
                <tr key={rep.repId} aria-selected={rep.repId === selected || undefined}>
                  <th scope="row">
                    <span className={styles.rep}>
                      <Avatar name={rep.repName} size={24} />
                      {rep.repName}
                    </span>
                  </th>
                  <td data-numeric>{rep.calls}</td>
                  <td data-numeric>
                    <ScoreBadge score={rep.average} lowThreshold={data.lowThreshold} />
                  </td>
                  <td data-numeric data-alert={rep.low > 0 || undefined}>
                    {rep.low}
                  </td>
                  <td>
                    <RepTrend repId={rep.repId} repName={rep.repName} range={range} />
                  </td>
                  <td className={styles.actionCell}>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Strengths and weak spots of ${rep.repName}`}
                      onClick={() => onSelect(rep.repId)}
                    >
                      Strengths and weak spots
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function RepFocus({
  reps,
  repId,
  range,
  lowThreshold,
  onSelect,
}: {
  reps: Distribution['reps'];
  repId: string | null;
  range: { from: number; to: number };
  lowThreshold: number;
  onSelect: (repId: string) => void;
}) {
  const selectId = useId();
  const trend = useApiQuery('scores.trend', { ...range, repId: repId ?? '' }, { enabled: !!repId });
  const rep = reps.find((r) => r.repId === repId);
  const dimensions = trend.data?.dimensions ?? EMPTY;
  const countedDimensions = useCounted(dimensions);
  const { strengths, weakSpots } = strengthsAndWeakSpots(countedDimensions);
  const sorted = [...dimensions].sort((a, b) => b.average - a.average);
  const flag = (id: string) =>
    strengths.some((d) => d.id === id)
      ? 'strength'
      : weakSpots.some((d) => d.id === id)
        ? 'weak'
        : undefined;
  return (
    <Card
      title="Strengths and weak spots"
      action={
        reps.length > 0 && (
          <label className={styles.repSelect} htmlFor={selectId}>
            <span className={styles.srOnly}>Rep</span>
            <select
              id={selectId}
              value={repId ?? ''}
              onChange={(event) => onSelect(event.target.value)}
            >
              {!repId && <option value="">Choose a rep…</option>}
              {reps.map((r) => (
                <option key={r.repId} value={r.repId}>
                  {r.repName}
                </option>
              ))}
            </select>
          </label>
        )
      }
    >
      {!repId || !rep ? (
        <p className={styles.quiet}>Choose a rep to see what they do well and where to coach.</p>
      ) : !trend.data ? (
        <Skeleton height={180} />
      ) : dimensions.length === 0 ? (
        <p className={styles.quiet}>{rep.repName} has no scored call in this range.</p>
      ) : (
        <>
          <div className={styles.focusSummary}>
            <Avatar name={rep.repName} size={32} />
            <div>
              <strong>{rep.repName}</strong>
              <div className={styles.muted}>
                average {formatScore(trend.data.average)} over {trend.data.calls} calls
              </div>
            </div>
            <ScoreBadge score={trend.data.average} lowThreshold={lowThreshold} />
          </div>
          <div className={styles.focusLists}>
            <div>
              <h3 className={styles.focusHeading}>
                <ThumbsUp size={13} aria-hidden /> Strengths
              </h3>
              <ul className={styles.focusList} aria-label={`${rep.repName}’s strengths`}>
                {strengths.map((d) => (
                  <li key={d.id}>{d.label}</li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className={styles.focusHeading} data-tone="weak">
                <Target size={13} aria-hidden /> Coach on
              </h3>
              <ul className={styles.focusList} aria-label={`${rep.repName}’s weak spots`}>
                {weakSpots.length === 0 ? (
                  <li>Nothing stands out</li>
                ) : (
                  weakSpots.map((d) => <li key={d.id}>{d.label}</li>)
                )}
              </ul>
            </div>
          </div>
          <ol
            className={styles.dimensionBars}
            aria-label={`${rep.repName}’s average per dimension`}
          >
            {sorted.map((d) => (
              <li
                key={d.id}
                data-flag={flag(d.id)}
                data-counted={countedDimensions.includes(d) || undefined}
              >
                <span
                  className={styles.dimensionName}
                  title={
                    countedDimensions.includes(d) ? undefined : 'Measured, not counted in the score'
                  }
                >
                  {d.label}
                </span>
                <span className={styles.dimensionTrack}>
                  <span
                    className={styles.dimensionFill}
                    data-tone={scoreTone(d.average, lowThreshold)}
                    style={{ width: `${Math.max(0, Math.min(100, d.average))}%` }}
                  />
                </span>
                <span className={styles.dimensionValue}>{formatScore(d.average)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}

function LowCalls({ data }: { data: Distribution }) {
  return (
    <Card title="Low-scored calls" count={data.lowCalls.length}>
      <p className={styles.cardNote}>
        Newest first, under {data.lowThreshold}: open one to coach it.
      </p>
      {data.lowCalls.length === 0 ? (
        <p className={styles.quiet}>No call scored under {data.lowThreshold} in this range.</p>
      ) : (
        <ol className={styles.lowList} aria-label="Low-scored calls">
          {data.lowCalls.map((call) => (
            <li key={call.callId}>
              <Link to={`/calls/${call.callId}`} className={styles.lowItem}>
                <ScoreBadge score={call.overall} lowThreshold={data.lowThreshold} />
                <span className={styles.lowText}>
                  <span className={styles.lowTitle}>{call.dealTitle ?? 'Call without a deal'}</span>
                  <span className={styles.muted}>{call.repName ?? 'No rep'}</span>
                </span>
                <time
                  className={styles.ago}
                  dateTime={new Date(call.startedAt).toISOString()}
                  title={formatDateTime(call.startedAt)}
                >
                  {formatRelative(call.startedAt)}
                </time>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
