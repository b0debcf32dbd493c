import {
  CircleAlert,
  Funnel,
  HeartHandshake,
  RefreshCw,
  Repeat,
  ThumbsDown,
  Trophy,
  UserMinus,
  Wallet,
} from 'lucide-react';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type {
  LifecycleDashboard,
  LifecycleReasonRow,
  LifecycleStageNumbers,
} from '../../../shared/contract';
import type { PhaseId } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useApiQuery, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { StagePill } from '../../components/StagePill';
import { DashboardTabs } from './DashboardTabs';
import { SatisfactionTrend, TimeInStageChart } from './LifecycleCharts';
import { LIFECYCLE_COMMANDS } from './lifecycleCommands';
import {
  describeFunnel,
  formatAmounts,
  formatCsat,
  formatDuration,
  formatNps,
  formatRate,
  lifecycleParams,
  lifecycleRangeFromParams,
  npsTone,
  totalByCurrency,
  type LifecycleRangeKind,
} from './lifecycleText';
import { RangePicker } from './RangePicker';
import styles from './LifecyclePage.module.css';

/** Time in a stage grows while deals sit there: ask again now and then. */
const REFRESH_MS = 5 * 60_000;

const RANGES: { kind: LifecycleRangeKind; label: string }[] = [
  { kind: 'month', label: 'This month' },
  { kind: 'quarter', label: 'This quarter' },
  { kind: 'year', label: 'This year' },
  { kind: 'custom', label: 'Custom' },
];

function useToday(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * `#/dashboard/lifecycle`: how deals move through the lifecycle — conversion and time per stage,
 * the funnel, velocity, why deals are won and lost, renewals, churn and customer satisfaction.
 */
export function LifecyclePage() {
  const [params, setParams] = useSearchParams();
  const today = useToday();
  const range = useMemo(() => lifecycleRangeFromParams(params, today), [params, today]);
  const ownerId = params.get('owner') ?? undefined;
  const setRange = (kind: LifecycleRangeKind, fromDay?: string, toDay?: string) =>
    setParams(lifecycleParams(params, kind, fromDay, toDay), { replace: true });
  const setOwner = (owner: string) => {
    const next = new URLSearchParams(params);
    if (owner) next.set('owner', owner);
    else next.delete('owner');
    setParams(next, { replace: true });
  };
  useShortcut(LIFECYCLE_COMMANDS.month, () => setRange('month'));
  useShortcut(LIFECYCLE_COMMANDS.quarter, () => setRange('quarter'));
  useShortcut(LIFECYCLE_COMMANDS.year, () => setRange('year'));

  const query = useApiQuery(
    'dashboard.lifecycle',
    { from: range.from, to: range.to, ...(ownerId ? { ownerId } : {}) },
    { refetchInterval: REFRESH_MS },
  );
  const data = query.data;

  return (
    <div className={styles.page}>
      <DashboardTabs />
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Lifecycle</h1>
          <p className={styles.subtitle}>
            {data ? summary(data) : 'Conversion, velocity, renewals and satisfaction'}
          </p>
        </div>
        <div className={styles.controls}>
          <OwnerPicker value={ownerId ?? ''} onChange={setOwner} />
          <RangePicker<LifecycleRangeKind>
            ranges={RANGES}
            shortcuts={{
              month: keyLabel(LIFECYCLE_COMMANDS.month.keys),
              quarter: keyLabel(LIFECYCLE_COMMANDS.quarter.keys),
              year: keyLabel(LIFECYCLE_COMMANDS.year.keys),
            }}
            kind={range.kind}
            fromDay={range.fromDay}
            toDay={range.toDay}
            onChange={setRange}
          />
        </div>
      </header>

      {query.isError && !data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="The metrics cannot be shown">
          {query.error.message}
          <div className={styles.retry}>
            <Button size="sm" icon={<RefreshCw />} onClick={() => void query.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !data ? (
        <div className={styles.body} aria-busy aria-label="Loading the lifecycle metrics">
          <Skeleton height={96} />
          <div className={styles.twoColumns}>
            <Skeleton height={320} />
            <Skeleton height={320} />
          </div>
          <Skeleton height={260} />
        </div>
      ) : (
        <div className={styles.body} aria-busy={query.isFetching || undefined}>
          <Headline data={data} />
          <div className={styles.twoColumns}>
            <FunnelCard data={data} />
            <Card title="Time in stage" hint="Median per deal; hover for the average">
              <TimeInStageChart stages={data.stages} />
            </Card>
          </div>
          <StageTable stages={data.stages} />
          <div className={styles.threeColumns}>
            <ReasonsCard
              title="Won by reason"
              icon={<Trophy />}
              tone="won"
              rows={data.won.byReason}
              deals={data.won.deals}
              empty="No deals were won in this range."
            />
            <ReasonsCard
              title="Lost by reason"
              icon={<ThumbsDown />}
              tone="lost"
              rows={data.lost.byReason}
              deals={data.lost.deals}
              empty="No deals were lost in this range."
            />
            <ReasonsCard
              title="Churned by reason"
              icon={<UserMinus />}
              tone="churn"
              rows={data.churn.byReason}
              deals={data.churn.deals}
              empty="No customer left in this range."
            />
          </div>
          <div className={styles.twoColumns}>
            <RenewalsCard renewals={data.renewals} churn={data.churn} />
            <VelocityCard velocity={data.velocity} />
          </div>
          <SatisfactionCard satisfaction={data.satisfaction} />
        </div>
      )}
    </div>
  );
}

const n = (value: number) => value.toLocaleString();

function summary(data: LifecycleDashboard): string {
  const closed = data.won.deals + data.lost.deals;
  return closed === 0
    ? 'No deal was closed in this range'
    : `${n(data.won.deals)} won · ${n(data.lost.deals)} lost · win rate ${formatRate(data.winRate)}`;
}

function OwnerPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const users = useUsers().data ?? [];
  const owners = users.filter((u) => u.active && (u.role === 'rep' || u.role === 'manager'));
  return (
    <select
      className={styles.select}
      aria-label="Owner"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Whole team</option>
      {owners.map((user) => (
        <option key={user.id} value={user.id}>
          {user.name}
        </option>
      ))}
    </select>
  );
}

function Card({
  title,
  hint,
  icon,
  children,
  className,
}: {
  title: string;
  hint?: string;
  icon?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section className={[styles.card, className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <div className={styles.cardHead}>
        <h2 id={id} className={styles.cardTitle}>
          {icon && (
            <span className={styles.cardIcon} aria-hidden>
              {icon}
            </span>
          )}
          {title}
        </h2>
        {hint && <span className={styles.hint}>{hint}</span>}
      </div>
      {children}
    </section>
  );
}

// Headline numbers ---------------------------------------------------------------------------------

function Tile({
  label,
  value,
  detail,
  tone,
}: {
  label: string;
  value: string;
  detail: string;
  tone?: string;
}) {
  return (
    <div className={styles.tile} role="group" aria-label={label}>
      <div className={styles.tileLabel}>{label}</div>
      <div className={styles.tileValue} data-tone={tone}>
        {value}
      </div>
      <div className={styles.tileDetail}>{detail}</div>
    </div>
  );
}

function Headline({ data }: { data: LifecycleDashboard }) {
  const wonValue = totalByCurrency(data.won.byReason);
  const velocity = data.velocity.find((v) => v.perDayMinor !== null);
  const { renewals, satisfaction } = data;
  return (
    <section className={styles.tiles} aria-label="Headline numbers">
      <Tile
        label="Win rate"
        value={formatRate(data.winRate)}
        detail={
          data.won.deals + data.lost.deals === 0
            ? 'No deal closed yet'
            : `${n(data.won.deals)} of ${n(data.won.deals + data.lost.deals)} closed deals`
        }
      />
      <Tile
        label="Won value"
        value={
          wonValue[0]
            ? formatMoney(wonValue[0].minor, wonValue[0].currency, { compact: true })
            : '—'
        }
        detail={
          wonValue.length > 1
            ? `and ${formatAmounts(wonValue.slice(1))}`
            : `${n(data.won.deals)} deal${data.won.deals === 1 ? '' : 's'}`
        }
      />
      <Tile
        label="Pipeline velocity"
        value={
          velocity
            ? `${formatMoney(velocity.perDayMinor!, velocity.currency, { compact: true })}/day`
            : '—'
        }
        detail={
          velocity ? `${n(velocity.openDeals)} open deals in ${velocity.currency}` : 'No win yet'
        }
      />
      <Tile
        label="Renewal rate"
        value={formatRate(renewals.renewalRate)}
        detail={`${n(renewals.renewed)} renewed · ${n(renewals.churned)} churned`}
      />
      <Tile
        label="NPS"
        value={formatNps(satisfaction.nps)}
        tone={npsTone(satisfaction.nps)}
        detail={`${n(satisfaction.npsAnswers)} answer${satisfaction.npsAnswers === 1 ? '' : 's'}`}
      />
      <Tile
        label="CSAT"
        value={satisfaction.csat === null ? '—' : `${formatCsat(satisfaction.csat)} / 5`}
        detail={`${n(satisfaction.csatAnswers)} answer${satisfaction.csatAnswers === 1 ? '' : 's'}`}
      />
    </section>
  );
}

// Funnel and stages --------------------------------------------------------------------------------

function FunnelCard({ data }: { data: LifecycleDashboard }) {
  const phases = new Map(data.stages.map((s) => [s.stageId, s.phaseId as PhaseId]));
  const first = data.funnel[0]?.reached ?? 0;
  return (
    <Card title="Funnel" icon={<Funnel />} hint="Deals created in the range, by the furthest stage">
      {first === 0 ? (
        <EmptyState icon={<Funnel />} title="No new deals in this range">
          The funnel follows the deals created in the range from the first stage to Won.
        </EmptyState>
      ) : (
        <ol className={styles.funnel} aria-label={describeFunnel(data.funnel)}>
          {data.funnel.map((step, i) => (
            <li key={step.stageId} className={styles.funnelStep}>
              {i > 0 && (
                <div
                  className={styles.funnelConversion}
                  aria-label={`${formatRate(step.conversionRate)} from ${data.funnel[i - 1]!.name} to ${step.name}`}
                >
                  ↓ {formatRate(step.conversionRate)}
                </div>
              )}
              <div className={styles.funnelRow}>
                <span className={styles.funnelName}>{step.name}</span>
                <span className={styles.funnelTrack}>
                  <span
                    className={styles.funnelBar}
                    data-phase={phases.get(step.stageId)}
                    style={{ width: `${Math.max(2, (step.reached / first) * 100)}%` }}
                  />
                </span>
                <span className={styles.funnelCount}>{step.reached.toLocaleString()}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function StageTable({ stages }: { stages: LifecycleStageNumbers[] }) {
  const any = stages.some((s) => s.entered > 0);
  return (
    <Card title="Stage by stage" hint="Deals that entered each stage in the range, followed to now">
      {!any ? (
        <p className={styles.quiet}>No deal entered a stage in this range.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label="Conversion and time per stage">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" data-numeric>
                  Entered
                </th>
                <th scope="col" data-numeric title="Reached a later stage (not Lost)">
                  Moved on
                </th>
                <th scope="col">Conversion to a later stage</th>
                <th scope="col" data-numeric>
                  Median time
                </th>
                <th scope="col" data-numeric>
                  Average time
                </th>
              </tr>
            </thead>
            <tbody>
              {stages.map((stage) => (
                <tr key={stage.stageId} data-empty={stage.entered === 0 || undefined}>
                  <th scope="row">
                    <StagePill name={stage.name} phase={stage.phaseId as PhaseId} />
                  </th>
                  <td data-numeric>{stage.entered.toLocaleString()}</td>
                  <td data-numeric>
                    {stage.kind === 'lost' ? '—' : stage.movedOn.toLocaleString()}
                  </td>
                  <td>
                    {stage.conversionRate === null ? (
                      <span className={styles.muted}>—</span>
                    ) : (
                      <span className={styles.rate}>
                        <span className={styles.rateTrack}>
                          <span
                            className={styles.rateBar}
                            style={{ width: `${stage.conversionRate * 100}%` }}
                          />
                        </span>
                        {formatRate(stage.conversionRate)}
                      </span>
                    )}
                  </td>
                  <td data-numeric>{formatDuration(stage.medianTimeMs)}</td>
                  <td data-numeric>{formatDuration(stage.avgTimeMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

// Reasons ------------------------------------------------------------------------------------------

function ReasonsCard({
  title,
  icon,
  tone,
  rows,
  deals,
  empty,
}: {
  title: string;
  icon: ReactNode;
  tone: 'won' | 'lost' | 'churn';
  rows: LifecycleReasonRow[];
  deals: number;
  empty: string;
}) {
  const most = Math.max(1, ...rows.map((r) => r.deals));
  const total = totalByCurrency(rows);
  return (
    <Card
      title={title}
      icon={icon}
      hint={deals > 0 ? `${n(deals)} deals · ${formatAmounts(total)}` : undefined}
    >
      {rows.length === 0 ? (
        <p className={styles.quiet}>{empty}</p>
      ) : (
        <ul className={styles.reasons} aria-label={title}>
          {rows.map((row) => (
            <li key={row.reason ?? ''} className={styles.reason}>
              <div className={styles.reasonHead}>
                <span className={styles.reasonName} data-missing={row.reason === null || undefined}>
                  {row.reason ?? 'No reason recorded'}
                </span>
                <span className={styles.reasonNumbers}>
                  <strong>{row.deals.toLocaleString()}</strong>
                  <span className={styles.muted}>{formatAmounts(row.value)}</span>
                </span>
              </div>
              <span className={styles.reasonTrack} aria-hidden>
                <span
                  className={styles.reasonBar}
                  data-tone={tone}
                  style={{ width: `${(row.deals / most) * 100}%` }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// Renewals, velocity, satisfaction -----------------------------------------------------------------

function RenewalsCard({
  renewals,
  churn,
}: {
  renewals: LifecycleDashboard['renewals'];
  churn: LifecycleDashboard['churn'];
}) {
  const parts = [
    { key: 'renewed', label: 'Renewed', value: renewals.renewed },
    { key: 'churned', label: 'Churned', value: renewals.churned },
    { key: 'open', label: 'Not decided yet', value: renewals.open },
  ];
  return (
    <Card
      title="Renewals and churn"
      icon={<Repeat />}
      hint="Accounts whose renewal date falls in the range"
    >
      {renewals.due === 0 ? (
        <EmptyState icon={<Repeat />} title="No renewals due in this range">
          Set a renewal date on an account to follow it here: renewed while it keeps a customer
          deal, churned when that deal is lost.
        </EmptyState>
      ) : (
        <>
          <div className={styles.bigLine}>
            <span className={styles.big}>{formatRate(renewals.renewalRate)}</span>
            <span className={styles.muted}>
              renewal rate · {n(renewals.due)} due
              {renewals.atRisk > 0 && (
                <span className={styles.risk}> · {n(renewals.atRisk)} at risk</span>
              )}
            </span>
          </div>
          <div
            className={styles.stack}
            role="img"
            aria-label={parts.map((p) => `${p.label} ${p.value}`).join(', ')}
          >
            {parts
              .filter((p) => p.value > 0)
              .map((p) => (
                <span
                  key={p.key}
                  className={styles.stackPart}
                  data-part={p.key}
                  style={{ flexGrow: p.value }}
                />
              ))}
          </div>
          <ul className={styles.legend}>
            {parts.map((p) => (
              <li key={p.key} className={styles.legendItem}>
                <span className={styles.swatch} data-part={p.key} aria-hidden />
                {p.label} <strong>{n(p.value)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className={styles.footnote}>
        {churn.deals === 0
          ? 'No customer was lost in this range.'
          : `${n(churn.accounts)} customer account${churn.accounts === 1 ? '' : 's'} lost in the range (${n(churn.deals)} deal${churn.deals === 1 ? '' : 's'}, ${formatAmounts(totalByCurrency(churn.byReason))}).`}
      </p>
    </Card>
  );
}

function VelocityCard({ velocity }: { velocity: LifecycleDashboard['velocity'] }) {
  return (
    <Card
      title="Pipeline velocity"
      icon={<Wallet />}
      hint="Open deals × win rate × average won value ÷ sales cycle"
    >
      {velocity.length === 0 ? (
        <EmptyState icon={<Wallet />} title="No pipeline yet">
          Velocity shows once there are open deals and wins.
        </EmptyState>
      ) : (
        <ul className={styles.velocity}>
          {velocity.map((v) => (
            <li key={v.currency} className={styles.velocityRow}>
              <div>
                <div className={styles.big}>
                  {v.perDayMinor === null
                    ? '—'
                    : `${formatMoney(v.perDayMinor, v.currency, { compact: true })}`}
                  <span className={styles.unit}>{v.perDayMinor === null ? '' : ' per day'}</span>
                </div>
                <div className={styles.muted}>{v.currency}</div>
              </div>
              <dl className={styles.factors}>
                <div>
                  <dt>Open deals</dt>
                  <dd>{v.openDeals.toLocaleString()}</dd>
                </div>
                <div>
                  <dt>Win rate</dt>
                  <dd>{formatRate(v.winRate)}</dd>
                </div>
                <div>
                  <dt>Avg won deal</dt>
                  <dd>
                    {v.avgWonValueMinor === null
                      ? '—'
                      : formatMoney(v.avgWonValueMinor, v.currency, { compact: true })}
                  </dd>
                </div>
                <div>
                  <dt>Sales cycle</dt>
                  <dd>
                    {v.avgCycleDays === null ? '—' : formatDuration(v.avgCycleDays * 86_400_000)}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {velocity.some((v) => v.perDayMinor !== null) && (
        <p className={styles.footnote}>
          The won business the open pipeline brings each day, if its deals close at this range’s win
          rate, deal size and sales cycle.
        </p>
      )}
    </Card>
  );
}

/** NPS on a half dial from −100 to +100. */
function NpsGauge({ nps }: { nps: number | null }) {
  const angle = Math.PI * (1 - ((nps ?? 0) + 100) / 200);
  const x = 60 + 48 * Math.cos(angle);
  const y = 60 - 48 * Math.sin(angle);
  const large = 0;
  return (
    <svg
      className={styles.gauge}
      viewBox="0 0 120 70"
      role="img"
      aria-label={
        nps === null ? 'No NPS answers' : `NPS ${formatNps(nps)} on a scale of −100 to +100`
      }
    >
      <path d="M 12 60 A 48 48 0 0 1 108 60" className={styles.gaugeTrack} />
      {nps !== null && (
        <path
          d={`M 12 60 A 48 48 0 ${large} 1 ${x.toFixed(2)} ${y.toFixed(2)}`}
          className={styles.gaugeValue}
          data-tone={npsTone(nps)}
        />
      )}
      <text x="60" y="56" textAnchor="middle" className={styles.gaugeText}>
        {formatNps(nps)}
      </text>
    </svg>
  );
}

function SatisfactionCard({ satisfaction }: { satisfaction: LifecycleDashboard['satisfaction'] }) {
  const s = satisfaction;
  const none = s.npsAnswers === 0 && s.csatAnswers === 0;
  const parts = [
    { key: 'promoters', label: 'Promoters (9–10)', value: s.promoters },
    { key: 'passives', label: 'Passives (7–8)', value: s.passives },
    { key: 'detractors', label: 'Detractors (0–6)', value: s.detractors },
  ];
  return (
    <Card
      title="Customer satisfaction"
      icon={<HeartHandshake />}
      hint="NPS and CSAT answers recorded on accounts in the range"
    >
      {none ? (
        <EmptyState icon={<HeartHandshake />} title="No survey answers in this range">
          Record NPS or CSAT answers on an account page; they add up here per week.
        </EmptyState>
      ) : (
        <div className={styles.satisfaction}>
          <div className={styles.npsBlock}>
            <NpsGauge nps={s.nps} />
            <div className={styles.muted}>
              NPS · {n(s.npsAnswers)} answer{s.npsAnswers === 1 ? '' : 's'}
            </div>
            {s.npsAnswers > 0 && (
              <>
                <div
                  className={styles.stack}
                  role="img"
                  aria-label={parts.map((p) => `${p.label} ${p.value}`).join(', ')}
                >
                  {parts
                    .filter((p) => p.value > 0)
                    .map((p) => (
                      <span
                        key={p.key}
                        className={styles.stackPart}
                        data-part={p.key}
                        style={{ flexGrow: p.value }}
                      />
                    ))}
                </div>
                <ul className={styles.legend}>
                  {parts.map((p) => (
                    <li key={p.key} className={styles.legendItem}>
                      <span className={styles.swatch} data-part={p.key} aria-hidden />
                      {p.label} <strong>{n(p.value)}</strong>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div className={styles.csatBlock}>
            <div className={styles.big}>
              {formatCsat(s.csat)}
              <span className={styles.unit}> / 5</span>
            </div>
            <div className={styles.muted}>
              CSAT · {n(s.csatAnswers)} answer{s.csatAnswers === 1 ? '' : 's'}
            </div>
          </div>
          <div className={styles.trendBlock}>
            <SatisfactionTrend satisfaction={s} />
          </div>
        </div>
      )}
    </Card>
  );
}
