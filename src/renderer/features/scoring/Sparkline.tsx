import { trendSummary } from './scoreText';
import styles from './Sparkline.module.css';

/** A rep's weekly average scores as a small line (0–100 bottom to top), the last week dotted. */
export function Sparkline({
  points,
  width = 140,
  height = 30,
  label,
}: {
  points: readonly { at: number; average: number | null }[];
  width?: number;
  height?: number;
  label: string;
}) {
  const { values, change } = trendSummary(points);
  if (values.length === 0) {
    return <span className={styles.none}>No scored calls</span>;
  }
  const first = points[0]?.at ?? values[0]!.at;
  const last = points[points.length - 1]?.at ?? values[values.length - 1]!.at;
  const span = last - first || 1;
  const pad = 3;
  const x = (at: number) => pad + ((at - first) / span) * (width - 2 * pad);
  const y = (avg: number) => pad + (1 - Math.min(100, Math.max(0, avg)) / 100) * (height - 2 * pad);
  const path = values.map((p) => `${x(p.at).toFixed(1)},${y(p.average).toFixed(1)}`).join(' ');
  const end = values[values.length - 1]!;
  const direction = change === null ? 'flat' : change > 2 ? 'up' : change < -2 ? 'down' : 'flat';
  const description =
    change === null
      ? `${label}: ${Math.round(end.average)} in the only week with scores`
      : `${label}: from ${Math.round(values[0]!.average)} to ${Math.round(end.average)}`;
  return (
    <span className={styles.wrap} data-direction={direction}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={description}
      >
        <line
          className={styles.mid}
          x1={pad}
          x2={width - pad}
          y1={y(50)}
          y2={y(50)}
          strokeDasharray="2 3"
        />
        {values.length > 1 && <polyline className={styles.line} points={path} fill="none" />}
        <circle className={styles.dot} cx={x(end.at)} cy={y(end.average)} r={2.5} />
      </svg>
      {change !== null && (
        <span className={styles.change} aria-hidden>
          {change > 0 ? '+' : change < 0 ? '−' : '±'}
          {Math.abs(Math.round(change))}
        </span>
      )}
    </span>
  );
}
