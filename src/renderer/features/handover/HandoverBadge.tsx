import { useWaitingHandovers } from './useHandovers';
import styles from './HandoverBadge.module.css';

/** The sidebar's count of handovers waiting for me (to review, or to write or fix). */
export function HandoverBadge() {
  const count = useWaitingHandovers().items?.length ?? 0;
  if (count === 0) return null;
  return (
    <span className={styles.badge}>
      <span aria-hidden>{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">({count} waiting for you)</span>
    </span>
  );
}
