import type { SyncStatus } from '../../../shared/contract';
import { STATE_LABEL } from './syncText';
import styles from './SyncPage.module.css';

/** In sync (green), Syncing (blue, turning), Halted (amber), Error (red), Off (grey). */
export function StateBadge({ state }: { state: SyncStatus['state'] }) {
  const { label, tone } = STATE_LABEL[state];
  return (
    <span className={styles.badge} data-tone={tone}>
      {label}
    </span>
  );
}
