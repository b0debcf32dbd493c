import { useQueryClient } from '@tanstack/react-query';
import { CloudAlert, FolderSync, LogOut, RefreshCw, Server, Unplug } from 'lucide-react';
import { useId, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { api } from '../../api';
import { SYNC_STATUS_KEY } from '../../api/queries';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { Sheet } from '../../components/Sheet';
import { useToast } from '../../components/Toast';
import { SYNC_COMMANDS } from './commands';
import { StateBadge } from './StateBadge';
import { ago, exactTime, plainMessage, plural } from './syncText';
import styles from './SyncPage.module.css';
import { useNow, useShownState } from './useSyncStatus';

/** The page's heading: focus goes there when the panel it was in goes away (after leaving). */
export const SYNC_PAGE_TITLE = 'sync-page-title';

/** Sync now, for the panel's button, the banner's and the `S` key: one call at a time. */
function useSyncNow() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const status = await api.sync.now({});
      queryClient.setQueryData(SYNC_STATUS_KEY, status);
      if (status.state === 'halted' || status.state === 'error') {
        toast.error(status.message ?? 'Sync did not finish');
      }
    } catch (error) {
      toast.error(plainMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, syncNow };
}

/**
 * This device in the workspace: state, folder or server, last sync, what waits to go out, the
 * actions.
 */
export function SyncStatusPanel({ status }: { status: SyncStatus }) {
  const id = useId();
  const now = useNow();
  const { busy, syncNow } = useSyncNow();
  const [leaving, setLeaving] = useState(false);
  useShortcut(SYNC_COMMANDS.syncNow, () => void syncNow());
  const state = useShownState(status.state) ?? status.state;
  const syncing = busy || state === 'syncing';
  // A halted or failed sync keeps its message while it tries again.
  const troubled =
    state === 'halted' || state === 'error' || (state === 'syncing' && status.message != null);
  const server = status.workspace?.kind === 'server';
  const workspaceName = status.workspace?.name ?? (server ? 'Sync server' : 'Shared folder');
  const PanelIcon = server ? Server : FolderSync;

  return (
    <>
      {troubled && (
        <div
          className={styles.banner}
          data-tone={state === 'error' ? 'danger' : 'warning'}
          role="alert"
        >
          <CloudAlert size={20} aria-hidden />
          <div className={styles.bannerText}>
            <p className={styles.alertTitle}>
              {state === 'halted'
                ? 'Sync is halted'
                : state === 'error'
                  ? 'Sync ran into an error'
                  : 'Trying to sync again…'}
            </p>
            <p>
              {status.message ??
                `Sync stopped without saying why. Try again; if it stays, check that the ${server ? 'server' : 'folder'} can be reached.`}
            </p>
            <p className={styles.bannerHint}>
              Your work is safe on this laptop and goes out once sync runs again.
            </p>
          </div>
          <Button size="sm" icon={<RefreshCw />} busy={syncing} onClick={() => void syncNow()}>
            Try again
          </Button>
        </div>
      )}

      <section className={`${styles.card} ${styles.panel}`} aria-labelledby={`${id}-title`}>
        <div className={styles.panelHead}>
          <span className={styles.panelIcon} data-state={state} aria-hidden>
            <PanelIcon size={20} />
          </span>
          <div className={styles.panelTitles}>
            <div className={styles.titleRow}>
              <h2 id={`${id}-title`} className={styles.cardTitle}>
                {workspaceName}
              </h2>
              <StateBadge state={state} />
            </div>
            <p className={styles.path} title={status.workspace?.path}>
              <span className="visually-hidden">{server ? 'Server: ' : 'Folder: '}</span>
              {status.workspace?.path ?? '—'}
            </p>
          </div>
          <div className={styles.panelActions}>
            <Button
              variant="primary"
              icon={<RefreshCw />}
              busy={syncing}
              shortcut={keyLabel(SYNC_COMMANDS.syncNow.keys)}
              onClick={() => void syncNow()}
            >
              {syncing ? 'Syncing…' : 'Sync now'}
            </Button>
            <Button
              variant="ghost"
              icon={server ? <Unplug /> : <LogOut />}
              onClick={() => setLeaving(true)}
            >
              {server ? 'Disconnect this device' : 'Stop syncing this device'}
            </Button>
          </div>
        </div>

        <dl className={styles.stats}>
          <div>
            <dt>Last sync</dt>
            <dd>
              {status.lastSyncAt == null ? (
                'Not yet'
              ) : (
                <time
                  dateTime={new Date(status.lastSyncAt).toISOString()}
                  title={exactTime(status.lastSyncAt)}
                >
                  {ago(status.lastSyncAt, now)}
                </time>
              )}
            </dd>
          </div>
          <div>
            <dt>Waiting to send</dt>
            <dd data-quiet={status.pendingOps === 0 || undefined}>
              {status.pendingOps === 0 ? 'Nothing' : plural(status.pendingOps, 'change')}
            </dd>
          </div>
          <div>
            <dt>Other devices</dt>
            <dd>{status.devices.length.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Open conflicts</dt>
            <dd data-attention={status.openConflicts > 0 || undefined}>
              {status.openConflicts.toLocaleString()}
            </dd>
          </div>
        </dl>
      </section>

      {leaving && (
        <StopSyncing name={workspaceName} server={server} onClose={() => setLeaving(false)} />
      )}
    </>
  );
}

function StopSyncing({
  name,
  server,
  onClose,
}: {
  name: string;
  server: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const leave = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const status = await api.sync.leave({});
      queryClient.setQueryData(SYNC_STATUS_KEY, status);
      toast.success(
        server
          ? 'This device is disconnected from the server; nothing was deleted'
          : 'This device no longer syncs; nothing was deleted',
      );
      onClose();
      document.getElementById(SYNC_PAGE_TITLE)?.focus();
    } catch (failure) {
      setError(plainMessage(failure));
      setBusy(false);
    }
  };
  return (
    <Sheet
      title={server ? 'Disconnect this device?' : 'Stop syncing this device?'}
      placement="center"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {server ? 'Stay connected' : 'Keep syncing'}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void leave()}>
            {server ? 'Disconnect' : 'Stop syncing'}
          </Button>
        </>
      }
    >
      <div className={styles.dialogText}>
        <p>
          This laptop stops sending its changes to {server ? name : `“${name}”`} and stops receiving
          your teammates’.
        </p>
        {server ? (
          <p>
            <strong>Nothing is deleted</strong>: every deal stays on this laptop, and the server and
            the other devices keep everything they have. This laptop forgets its access token: to
            connect again, paste it again or ask your admin for a new one.
          </p>
        ) : (
          <p>
            <strong>Nothing is deleted</strong>: every deal stays on this laptop, and the folder and
            the other devices keep everything they have. You can join the workspace again later.
          </p>
        )}
        {error && (
          <p className={styles.dialogError} role="alert">
            {error}
          </p>
        )}
      </div>
    </Sheet>
  );
}
