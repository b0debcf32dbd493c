import { ChartColumn, TrendingUp } from 'lucide-react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MethodOutput } from '../../../shared/contract';
import { EmptyState } from '../../components/EmptyState';
import { bucketLabel, scoreTone } from './scoreText';
import styles from './CoachingPage.module.css';

const AXIS = { fill: 'var(--color-text-muted)', fontSize: 11 };
const TOOLTIP = {
  contentStyle: {
    background: 'var(--color-surface-raised)',
    border: '1px solid var(--color-border)',
    borderRadius: 6,
    color: 'var(--color-text)',
    fontSize: 12,
    boxShadow: 'var(--shadow-md)',
  },
  labelStyle: { color: 'var(--color-text)', fontWeight: 600 },
  itemStyle: { color: 'var(--color-text)' },
  cursor: { fill: 'var(--color-surface-hover)' },
};

const TONE_FILL = {
  good: 'var(--color-success)',
  fair: 'var(--color-warning)',
  low: 'var(--color-danger)',
  none: 'var(--color-text-subtle)',
};

/** How many calls scored in each band of ten points; the bands under the low mark in red. */
export function ScoreHistogram({
  buckets,
  lowThreshold,
}: {
  buckets: MethodOutput<'scores.distribution'>['buckets'];
  lowThreshold: number;
}) {
  const total = buckets.reduce((sum, b) => sum + b.calls, 0);
  if (total === 0) {
    return (
      <EmptyState icon={<ChartColumn />} title="No scored calls in this range">
        Attach transcripts to calls: each is scored at once and counted here.
      </EmptyState>
    );
  }
  const rows = buckets.map((b) => ({
    ...b,
    label: bucketLabel(b.from, b.to),
    tone: scoreTone((b.from + Math.min(b.to, 100)) / 2, lowThreshold),
  }));
  const described = rows
    .filter((r) => r.calls > 0)
    .map((r) => `${r.label}: ${r.calls}`)
    .join('; ');
  return (
    <div
      className={styles.chart}
      role="img"
      aria-label={`Calls per score band. ${described}.`}
      data-testid="score-histogram"
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} interval={0} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} />
          <Tooltip
            {...TOOLTIP}
            formatter={(value) => [`${String(value)} calls`, 'Scored']}
            labelFormatter={(label) => `Score ${String(label)}`}
          />
          <Bar dataKey="calls" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.from} fill={TONE_FILL[row.tone]} fillOpacity={0.85} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The weekly average score of the team (or a rep), with the low mark as a line. */
export function ScoreTrendChart({
  points,
  lowThreshold,
  name,
}: {
  points: MethodOutput<'scores.trend'>['points'];
  lowThreshold: number;
  name: string;
}) {
  const format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  const rows = points.map((p) => ({
    ...p,
    label: format.format(p.at),
    average: p.average === null ? null : Math.round(p.average * 10) / 10,
  }));
  const scored = rows.filter((r) => r.average !== null);
  if (scored.length === 0) {
    return (
      <EmptyState icon={<TrendingUp />} title="No trend yet">
        The weekly average shows once calls in this range are scored.
      </EmptyState>
    );
  }
  const described = scored.map((r) => `week of ${r.label}: ${r.average}`).join('; ');
  return (
    <div
      className={styles.chart}
      role="img"
      aria-label={`${name}, average score per week. ${described}.`}
    >
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
          />
          <ReferenceLine
            y={lowThreshold}
            stroke="var(--color-danger)"
            strokeDasharray="4 4"
            strokeOpacity={0.6}
            label={{
              value: `low < ${lowThreshold}`,
              position: 'insideBottomRight',
              fill: 'var(--color-danger)',
              fontSize: 10,
            }}
          />
          <Tooltip
            {...TOOLTIP}
            cursor={{ stroke: 'var(--color-border-strong)' }}
            formatter={(value, _name, item) => [
              `${String(value)} (${(item.payload as (typeof rows)[number]).calls} calls)`,
              'Average',
            ]}
            labelFormatter={(label) => `Week of ${String(label)}`}
          />
          <Line
            type="monotone"
            dataKey="average"
            stroke="var(--color-accent)"
            strokeWidth={2}
            dot={{ r: 3, fill: 'var(--color-accent)' }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
