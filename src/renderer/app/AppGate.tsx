import { CircleAlert, KeyRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { bridge, useAppInfo, useConnection } from '../api';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { FirstRun } from './FirstRun';
import styles from './AppGate.module.css';

/** What stands before the app: the connection, the engine answering, and the first-run setup. */
export function AppGate({ children }: { children: ReactNode }) {
  const connection = useConnection(bridge);
  const info = useAppInfo();

  if (connection.status === 'unauthorized') {
    return (
      <div className={styles.screen}>
        <EmptyState icon={<KeyRound />} title="Open the app from its link">
          This browser session is not connected. Open the address that <code>cockpit web</code>{' '}
          printed in your terminal (it carries a one-time access key), or start it again.
        </EmptyState>
      </div>
    );
  }
  if (info.isError && !info.data) {
    return (
      <div className={styles.screen}>
        <EmptyState
          tone="danger"
          icon={<CircleAlert />}
          title="The app could not start"
          action={<Button onClick={() => void info.refetch()}>Try again</Button>}
        >
          {info.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!info.data) return <LoadingScreen />;
  if (!info.data.currentUser || !info.data.team) return <FirstRun />;
  return <>{children}</>;
}

/** While the engine answers or a view's code arrives on the first load. */
export function LoadingScreen() {
  return (
    <div className={styles.screen} aria-busy>
      <div className={styles.loading}>Opening Lifecycle Cockpit…</div>
    </div>
  );
}
