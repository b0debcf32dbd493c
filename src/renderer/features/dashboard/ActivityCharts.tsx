import { ChartColumn } from 'lucide-react';
import { useId, useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ActivityDashboard } from '../../../shared/contract';
import { EmptyState } from '../../components/EmptyState';
import { bucketLabel, describeSeries, formatPercent } from './dashboardText';
import styles from './DashboardPage.module.css';

type Series = ActivityDashboard['series'];

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

/** Calls and connects per bucket (connects drawn over the calls), and the connect rate. */
export function ActivityCharts({ series }: { series: Series }) {
  const headingId = useId();
  const unit = series.bucketMs < 86_400_000 ? 'hour' : 'day';
  const rows = useMemo(
    () =>
      series.points.map((p) => ({
        label: bucketLabel(p.at, series.bucketMs),
        at: p.at,
        calls: p.calls,
        connects: p.connects,
        rate: p.calls === 0 ? null : Math.round((p.connects / p.calls) * 100),
      })),
    [series],
  );
  const rated = rows.filter((r) => r.rate !== null);
  // An empty range draws no bars: say so instead of showing bare axes.
  if (rated.length === 0) {
    return (
      <section className={styles.card} aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.cardTitle}>
          Calls per {unit}
        </h2>
        <EmptyState icon={<ChartColumn />} title="No calls in this range yet">
          Calls, connects and the connect rate per {unit} show here as the team makes calls.
        </EmptyState>
      </section>
    );
  }
  const summary = describeSeries(series.points, series.bucketMs);
  const rateSummary =
    `Connect rate per ${unit}, from ${rated[0]!.rate}% at ${rated[0]!.label} to ` +
    `${rated[rated.length - 1]!.rate}% at ${rated[rated.length - 1]!.label}.`;

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.cardTitle}>
        Calls per {unit}
      </h2>
      <div className={styles.legend} aria-hidden>
        <span className={styles.legendItem}>
          <span className={styles.swatch} data-series="calls" /> Calls
        </span>
        <span className={styles.legendItem}>
          <span className={styles.swatch} data-series="connects" /> Connects
        </span>
      </div>
      <div className={styles.chart} role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
            <CartesianGrid vertical={false} stroke="var(--color-border)" />
            <XAxis
              xAxisId="calls"
              dataKey="label"
              tick={AXIS}
              tickLine={false}
              axisLine={{ stroke: 'var(--color-border-strong)' }}
              interval="preserveStartEnd"
              minTickGap={16}
            />
            <XAxis xAxisId="connects" dataKey="label" hide />
            <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
            <Tooltip {...TOOLTIP} />
            <Bar
              xAxisId="calls"
              dataKey="calls"
              name="Calls"
              fill="var(--chart-calls)"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
            <Bar
              xAxisId="connects"
              dataKey="connects"
              name="Connects"
              fill="var(--chart-connects)"
              radius={[3, 3, 0, 0]}
              barSize={8}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <h3 className={styles.chartTitle}>Connect rate</h3>
      <div className={styles.chart} role="img" aria-label={rateSummary}>
        <ResponsiveContainer width="100%" height={140}>
          <LineChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
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
              domain={[0, 100]}
              ticks={[0, 50, 100]}
              unit="%"
              tick={AXIS}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              {...TOOLTIP}
              cursor={{ stroke: 'var(--color-border-strong)' }}
              formatter={(value) => [`${String(value)}%`, 'Connect rate']}
            />
            <Line
              type="linear"
              dataKey="rate"
              name="Connect rate"
              stroke="var(--chart-rate)"
              strokeWidth={2}
              dot={{ r: 2.5, fill: 'var(--chart-rate)', strokeWidth: 0 }}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className={styles.dataTable}>
        <summary>Show the numbers as a table</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{unit === 'hour' ? 'Hour' : 'Day'}</th>
              <th scope="col" data-numeric>
                Calls
              </th>
              <th scope="col" data-numeric>
                Connects
              </th>
              <th scope="col" data-numeric>
                Connect rate
              </th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => r.calls > 0)
              .map((r) => (
                <tr key={r.at}>
                  <th scope="row">{r.label}</th>
                  <td data-numeric>{r.calls}</td>
                  <td data-numeric>{r.connects}</td>
                  <td data-numeric>{r.rate === null ? '—' : formatPercent(r.rate / 100)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
