import { useId } from 'react';
import type { SatisfactionKind, SatisfactionResponse } from '../../../shared/domain';
import { formatDate } from '../../lib/format';
import { monthlyAverages, SCALE, SENTIMENT_WORDS, sentimentOf } from './satisfaction';
import styles from './SatisfactionChart.module.css';

const WIDTH = 640;
const HEIGHT = 190;
const PAD = { top: 12, right: 16, bottom: 26, left: 30 };
const DAY = 86_400_000;
const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'short' });
const monthYearLabel = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit' });

/**
 * Answers over time, as plain SVG: one dot per answer in its sentiment's colour over the
 * promoter / passive / detractor bands, and the monthly average as a line. The last 12 months,
 * or further back (up to two years) when older answers exist.
 */
export function SatisfactionChart({
  responses,
  kind,
  now,
}: {
  responses: readonly SatisfactionResponse[];
  kind: SatisfactionKind;
  now: number;
}) {
  const titleId = useId();
  const scale = SCALE[kind];
  const answers = responses.filter((r) => r.kind === kind);
  const oldest = Math.min(now - 365 * DAY, ...answers.map((r) => r.answeredAt));
  const from = Math.max(oldest - 15 * DAY, now - 730 * DAY);
  const to = now + 10 * DAY;
  const shown = answers.filter((r) => r.answeredAt >= from);

  const x = (at: number) => PAD.left + ((at - from) / (to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) =>
    PAD.top + (1 - (score - scale.min) / (scale.max - scale.min)) * (HEIGHT - PAD.top - PAD.bottom);

  // Bands: the score ranges of each sentiment, drawn from their edges halfway between scores.
  const bands =
    kind === 'nps'
      ? [
          { from: 8.5, to: 10, tone: 'positive' },
          { from: 6.5, to: 8.5, tone: 'neutral' },
          { from: 0, to: 6.5, tone: 'negative' },
        ]
      : [
          { from: 3.5, to: 5, tone: 'positive' },
          { from: 2.5, to: 3.5, tone: 'neutral' },
          { from: 1, to: 2.5, tone: 'negative' },
        ];
  const ticks = kind === 'nps' ? [0, 5, 10] : [1, 2, 3, 4, 5];

  const months: number[] = [];
  const start = new Date(from);
  for (let d = new Date(start.getFullYear(), start.getMonth() + 1, 1); d.getTime() <= to;) {
    months.push(d.getTime());
    d = new Date(d.getFullYear(), d.getMonth() + 1, 1);
  }
  const every = months.length > 14 ? 3 : 2;

  const trend = monthlyAverages(shown, kind).map((point) => {
    const d = new Date(point.month);
    const mid = new Date(d.getFullYear(), d.getMonth(), 15).getTime();
    return `${x(Math.min(mid, now))},${y(point.average)}`;
  });

  const summary =
    shown.length === 0
      ? `No ${scale.label} answers yet.`
      : `${shown.length} ${scale.label} answer${shown.length === 1 ? '' : 's'} from ` +
        `${formatDate(shown[shown.length - 1]!.answeredAt)} to ${formatDate(shown[0]!.answeredAt)}; ` +
        `latest ${shown[0]!.score} of ${scale.max}.`;

  return (
    <figure className={styles.figure}>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
      >
        <title id={titleId}>{`${scale.label} answers over time. ${summary}`}</title>
        {bands.map((band) => (
          <rect
            key={band.tone}
            className={styles.band}
            data-tone={band.tone}
            x={PAD.left}
            width={WIDTH - PAD.left - PAD.right}
            y={y(band.to)}
            height={y(band.from) - y(band.to)}
          />
        ))}
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              className={styles.grid}
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text className={styles.axis} x={PAD.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {months.map((month, i) =>
          i % every === 0 ? (
            <text
              key={month}
              className={styles.axis}
              x={x(month)}
              y={HEIGHT - 8}
              textAnchor="middle"
            >
              {new Date(month).getMonth() === 0
                ? monthYearLabel.format(month)
                : monthLabel.format(month)}
            </text>
          ) : null,
        )}
        {trend.length > 1 && <polyline className={styles.trend} points={trend.join(' ')} />}
        {shown.map((answer) => (
          <circle
            key={answer.id}
            className={styles.dot}
            data-tone={sentimentOf(kind, answer.score)}
            cx={x(answer.answeredAt)}
            cy={y(answer.score)}
            r={4.5}
          >
            <title>
              {`${answer.score} · ${answer.contactName ?? 'anonymous'} · ${formatDate(answer.answeredAt)}`}
            </title>
          </circle>
        ))}
      </svg>
      {shown.length === 0 ? (
        <figcaption className={styles.empty}>{summary}</figcaption>
      ) : (
        <figcaption className={styles.legend}>
          {(['positive', 'neutral', 'negative'] as const).map((tone) => (
            <span key={tone}>
              <i className={styles.swatch} data-tone={tone} aria-hidden />
              {SENTIMENT_WORDS[kind][tone]}
            </span>
          ))}
          <span>
            <i className={styles.line} aria-hidden />
            Monthly average
          </span>
        </figcaption>
      )}
    </figure>
  );
}
