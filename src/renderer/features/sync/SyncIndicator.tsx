import { CloudAlert, CloudCheck, CloudOff, RefreshCw, type LucideIcon } from 'lucide-react';
import { NavLink, useNavigate } from 'react-router';
import type { SyncStatus } from '../../../shared/contract';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { SYNC_COMMANDS } from './commands';
import { exactTime, indicatorNotes, indicatorText } from './syncText';
import styles from './SyncIndicator.module.css';
import { useNow, useShownState, useSyncStatus } from './useSyncStatus';

const ICONS: Record<SyncStatus['state'], LucideIcon> = {
  off: CloudOff,
  idle: CloudCheck,
  syncing: RefreshCw,
  halted: CloudAlert,
  error: CloudAlert,
};

/** Sync's state in the sidebar, always one click (or Shift+S) from its page. */
export function SyncIndicator() {
  const status = useSyncStatus();
  const now = useNow();
  const navigate = useNavigate();
  useShortcut(SYNC_COMMANDS.open, () => void navigate('/settings/sync'));

  const shown = useShownState(status.data?.state);
  const data = status.data && shown ? { ...status.data, state: shown } : status.data;
  const state = data?.state ?? (status.isError ? 'error' : 'off');
  const Icon = ICONS[state];
  const text = data
    ? indicatorText(data, now)
    : status.isError
      ? 'Sync unavailable'
      : 'Checking sync…';
  const notes = data ? indicatorNotes(data) : [];
  const hint = [
    data?.lastSyncAt != null ? `Last sync ${exactTime(data.lastSyncAt)}` : null,
    data?.message,
    `Sync settings (${keyLabel(SYNC_COMMANDS.open.keys)})`,
  ]
    .filter(Boolean)
    .join('\n');

  return (
    <NavLink
      to="/settings/sync"
      className={({ isActive }) =>
        [styles.indicator, isActive && styles.active].filter(Boolean).join(' ')
      }
      data-state={data ? state : 'unknown'}
      title={hint}
    >
      <span className={styles.icon} aria-hidden>
        <Icon size={16} />
      </span>
      <span className={styles.lines}>
        <span className={styles.text}>
          <span className="visually-hidden">Sync status: </span>
          {text}
        </span>
        {notes.map((note) => (
          <span key={note} className={styles.note}>
            <span className="visually-hidden"> · </span>
            {note}
          </span>
        ))}
      </span>
    </NavLink>
  );
}
