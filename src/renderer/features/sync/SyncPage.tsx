import { CircleAlert } from 'lucide-react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { ConflictsInbox } from './ConflictsInbox';
import { DevicesCard } from './DevicesCard';
import { ProblemsCard } from './ProblemsCard';
import { FolderModeNote, SetUpSync } from './SetUpSync';
import { SYNC_PAGE_TITLE, SyncStatusPanel } from './SyncStatusPanel';
import { plainMessage } from './syncText';
import styles from './SyncPage.module.css';
import { useSyncStatus } from './useSyncStatus';

/**
 * Settings → Sync. Off: create a workspace in a shared folder or join one. On: where sync stands,
 * the conflicts to settle, the other devices and the files skipped. Live through `sync.status`.
 */
export function SyncPage() {
  const status = useSyncStatus();
  const data = status.data;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 id={SYNC_PAGE_TITLE} tabIndex={-1} className={styles.title}>
          Sync
        </h1>
        <p className={styles.lede}>
          Keep this laptop and your teammates’ in step through a shared folder. Everyone keeps
          working offline; changes travel when the folder can be reached.
        </p>
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
          {data.openConflicts > 0 && <ConflictsInbox />}
        </>
      ) : (
        <>
          <SyncStatusPanel status={data} />
          <ConflictsInbox />
          <DevicesCard devices={data.devices} folder={data.workspace?.path ?? null} />
          <ProblemsCard problems={data.problems} devices={data.devices} />
          <FolderModeNote />
        </>
      )}
    </div>
  );
}
