import { formatScore, scoreTone, TONE_WORDS } from './scoreText';
import styles from './ScoreGauge.module.css';

/** The overall score as a big number inside a ring that fills to it, in its tone's colour. */
export function ScoreGauge({
  score,
  lowThreshold,
  size = 132,
  label = 'Overall score',
}: {
  score: number | null;
  lowThreshold?: number;
  size?: number;
  label?: string;
}) {
  const tone = scoreTone(score, lowThreshold);
  const stroke = Math.max(6, Math.round(size / 13));
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const filled = score == null ? 0 : Math.min(100, Math.max(0, score)) / 100;
  return (
    <div
      className={styles.gauge}
      data-tone={tone}
      style={{ width: size, height: size }}
      role="img"
      aria-label={`${label}: ${formatScore(score)} out of 100 (${TONE_WORDS[tone]})`}
    >
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden>
        <circle
          className={styles.track}
          cx={size / 2}
          cy={size / 2}
          r={radius}
          strokeWidth={stroke}
          fill="none"
        />
        <circle
          className={styles.fill}
          cx={size / 2}
          cy={size / 2}
          r={radius}
          strokeWidth={stroke}
          fill="none"
          strokeLinecap="round"
          strokeDasharray={`${circumference * filled} ${circumference}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
      </svg>
      <div className={styles.center} aria-hidden>
        <span className={styles.value} style={{ fontSize: Math.round(size * 0.3) }}>
          {formatScore(score)}
        </span>
        <span className={styles.outOf}>of 100</span>
      </div>
    </div>
  );
}
