import type { PhaseId } from '../../shared/domain';
import styles from './StagePill.module.css';

/** A stage name in its lifecycle phase's colour. */
export function StagePill({ name, phase }: { name: string; phase: PhaseId | undefined }) {
  return (
    <span className={styles.pill} data-phase={phase}>
      <span className={styles.dot} aria-hidden />
      {name}
    </span>
  );
}
