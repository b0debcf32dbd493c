import { Hourglass } from 'lucide-react';
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LifecycleDashboard, LifecycleStageNumbers } from '../../../shared/contract';
import { EmptyState } from '../../components/EmptyState';
import { formatCsat, formatDuration, formatNps } from './lifecycleText';
import styles from './LifecyclePage.module.css';

const DAY = 86_400_000;

// Token colours: SVG takes CSS variables, so the charts follow the theme.
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

/** Median days in each stage that deals entered in the range, in the phase's colour. */
export function TimeInStageChart({ stages }: { stages: LifecycleStageNumbers[] }) {
  const rows = useMemo(
    () =>
      stages
        .filter((s) => s.medianTimeMs !== null)
        .map((s) => ({
          name: s.name,
          phase: s.phaseId,
          days: Math.round((s.medianTimeMs! / DAY) * 10) / 10,
          median: s.medianTimeMs,
          average: s.avgTimeMs,
        })),
    [stages],
  );
  if (rows.length === 0) {
    return (
      <EmptyState icon={<Hourglass />} title="No time in stage yet">
        Time in stage shows once deals enter stages in this range.
      </EmptyState>
    );
  }
  const described = rows
    .map(
      (r) => `${r.name}: median ${formatDuration(r.median)}, average ${formatDuration(r.average)}`,
    )
    .join('; ');
  return (
    <div className={styles.chart} role="img" aria-label={`Time in stage. ${described}.`}>
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 30 + 30)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--color-border)" />
          <XAxis
            type="number"
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: 'var(--color-border-strong)' }}
            unit=" d"
            allowDecimals={false}
          />
          <YAxis
            type="category"
            dataKey="name"
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={92}
          />
          <Tooltip
            {...TOOLTIP}
            formatter={(_value, _name, item) => {
              const row = item.payload as (typeof rows)[number];
              return [
                `median ${formatDuration(row.median)} · average ${formatDuration(row.average)}`,
                'Time in stage',
              ];
            }}
          />
          <Bar dataKey="days" name="Median days" radius={[0, 3, 3, 0]} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.name} fill={`var(--phase-${row.phase})`} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** NPS (left axis, −100…100) and CSAT (right axis, 1…5) per week. */
export function SatisfactionTrend({
  satisfaction,
}: {
  satisfaction: LifecycleDashboard['satisfaction'];
}) {
  const weeks = satisfaction.bucketMs / (7 * DAY);
  const format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  const rows = satisfaction.trend.map((p) => ({ ...p, label: format.format(p.at) }));
  const answered = rows.filter((r) => r.npsAnswers + r.csatAnswers > 0);
  const described =
    answered
      .map(
        (r) =>
          `${r.label}: NPS ${formatNps(r.nps)} (${r.npsAnswers}), CSAT ${formatCsat(r.csat)} (${r.csatAnswers})`,
      )
      .join('; ') || 'no answers';
  return (
    <div
      className={styles.chart}
      role="img"
      aria-label={`Satisfaction per ${weeks === 1 ? 'week' : `${weeks} weeks`}: ${described}.`}
    >
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={rows} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="label"
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: 'var(--color-border-strong)' }}
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis
            yAxisId="nps"
            domain={[-100, 100]}
            ticks={[-100, 0, 100]}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
          />
          <YAxis
            yAxisId="csat"
            orientation="right"
            domain={[1, 5]}
            ticks={[1, 3, 5]}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            {...TOOLTIP}
            cursor={{ stroke: 'var(--color-border-strong)' }}
            formatter={(value, name) => [
              name === 'NPS' ? formatNps(value as number) : formatCsat(value as number),
              name,
            ]}
          />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Line
            yAxisId="nps"
            type="linear"
            dataKey="nps"
            name="NPS"
            stroke="var(--chart-nps)"
            strokeWidth={2}
            dot={{ r: 2.5, fill: 'var(--chart-nps)', strokeWidth: 0 }}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            yAxisId="csat"
            type="linear"
            dataKey="csat"
            name="CSAT"
            stroke="var(--chart-csat)"
            strokeWidth={2}
            strokeDasharray="4 3"
            dot={{ r: 2.5, fill: 'var(--chart-csat)', strokeWidth: 0 }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
