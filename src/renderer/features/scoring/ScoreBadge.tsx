import { formatScore, scoreTone, TONE_WORDS } from './scoreText';
import styles from './ScoreBadge.module.css';

/** A call's score as a small pill: red under the low threshold, amber, or green from 70. */
export function ScoreBadge({
  score,
  lowThreshold,
  title,
}: {
  score: number | null;
  lowThreshold?: number;
  /** Who scored it, or why it is flagged. */
  title?: string;
}) {
  const tone = scoreTone(score, lowThreshold);
  return (
    <span
      className={styles.badge}
      data-tone={tone}
      title={title}
      aria-label={`Score ${formatScore(score)} (${TONE_WORDS[tone]})`}
    >
      {formatScore(score)}
    </span>
  );
}
