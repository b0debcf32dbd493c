import type { AccountHealth } from '../../../shared/domain';
import styles from './HealthBadge.module.css';

const LABELS: Record<AccountHealth, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
};

/** How an account is doing, in its colour: green, grey, red. */
export function HealthBadge({ health }: { health: AccountHealth | null }) {
  if (!health) return <span className={styles.none}>Not rated</span>;
  return (
    <span className={styles.badge} data-health={health}>
      {LABELS[health]}
    </span>
  );
}
