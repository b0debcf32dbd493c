import { CircleAlert } from 'lucide-react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { ConflictsInbox } from './ConflictsInbox';
import { DevicesCard } from './DevicesCard';
import { ProblemsCard } from './ProblemsCard';
import { RefusedChanges } from './RefusedChanges';
import { SetUpSync, SyncModeNote } from './SetUpSync';
import { SYNC_PAGE_TITLE, SyncStatusPanel } from './SyncStatusPanel';
import { plainMessage } from './syncText';
import styles from './SyncPage.module.css';
import { useSyncStatus } from './useSyncStatus';

const LEDE = {
  off: 'Keep this laptop and your teammates’ in step through a shared folder or your team’s sync server. Everyone keeps working offline; changes travel when the folder or the server can be reached.',
  folder:
    'Keep this laptop and your teammates’ in step through a shared folder. Everyone keeps working offline; changes travel when the folder can be reached.',
  server:
    'Keep this laptop and your teammates’ in step through your team’s sync server. Everyone keeps working offline; changes travel when the server can be reached.',
} as const;

/**
 * Settings → Sync. Off: create a workspace in a shared folder, join one, or connect to the team's
 * sync server. On: where sync stands, the changes the server refused, the conflicts to settle,
 * the other devices and what was skipped. Live through `sync.status`.
 */
export function SyncPage() {
  const status = useSyncStatus();
  const data = status.data;
  const kind = !data || data.state === 'off' ? 'off' : (data.workspace?.kind ?? 'folder');
  const refused = data?.refused ?? [];

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 id={SYNC_PAGE_TITLE} tabIndex={-1} className={styles.title}>
          Sync
        </h1>
        <p className={styles.lede}>{LEDE[kind]}</p>
      </header>

      {!data && status.isError ? (
        <div className={styles.card}>
          <EmptyState
            tone="danger"
            icon={<CircleAlert />}
            title="Sync status could not be read"
            action={<Button onClick={() => void status.refetch()}>Try again</Button>}
          >
            {plainMessage(status.error)}
          </EmptyState>
        </div>
      ) : !data ? (
        <div className={styles.card} aria-busy aria-label="Loading sync status">
          <Skeleton height={20} width="35%" />
          <Skeleton height={12} width="55%" />
          <Skeleton height={48} />
        </div>
      ) : data.state === 'off' ? (
        <>
          <SetUpSync />
          {refused.length > 0 && <RefusedChanges refused={refused} />}
          {data.openConflicts > 0 && <ConflictsInbox />}
        </>
      ) : (
        <>
          <SyncStatusPanel status={data} />
          {refused.length > 0 && <RefusedChanges refused={refused} />}
          <ConflictsInbox />
          <DevicesCard devices={data.devices} workspace={data.workspace} />
          {/* A server sends whole changes: nothing to skip but a rare gap, shown only then. */}
          {(kind !== 'server' || data.problems.length > 0) && (
            <ProblemsCard
              problems={data.problems}
              devices={data.devices}
              server={kind === 'server'}
            />
          )}
          <SyncModeNote kind={kind === 'server' ? 'server' : 'folder'} />
        </>
      )}
    </div>
  );
}
