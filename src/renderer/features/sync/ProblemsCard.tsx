import { FileWarning } from 'lucide-react';
import { useId } from 'react';
import type { SyncPeer, SyncProblem } from '../../../shared/contract';
import { PROBLEM_KIND, peerLabel } from './syncText';
import styles from './SyncPage.module.css';

/**
 * Files (or, from a server, changes) sync skipped at the last run. They are not errors yet: most
 * are still being copied.
 */
export function ProblemsCard({
  problems,
  devices,
  server = false,
}: {
  problems: SyncProblem[];
  devices: SyncPeer[];
  server?: boolean;
}) {
  const id = useId();
  const deviceName = (deviceId: string | undefined) => {
    const peer = deviceId ? devices.find((d) => d.id === deviceId) : undefined;
    if (!peer) return null;
    const { person, device } = peerLabel(peer);
    return `${person} (${device})`;
  };
  return (
    <section className={styles.card} aria-labelledby={id}>
      <header className={styles.cardHeader}>
        <h2 id={id} className={styles.cardTitle}>
          {server ? 'Skipped changes' : 'Skipped files'}
        </h2>
        {problems.length > 0 && (
          <span className={styles.count} data-tone="warning">
            {problems.length.toLocaleString()}
          </span>
        )}
      </header>
      {problems.length === 0 ? (
        <p className={styles.muted}>
          {server
            ? 'Every change from the server was applied at the last sync.'
            : 'Every file in the folder was read at the last sync.'}
        </p>
      ) : (
        <>
          {server ? (
            <p className={styles.muted}>
              Sync tries these again at every sync; nothing is applied before the changes that come
              ahead of it have arrived.
            </p>
          ) : (
            <p className={styles.muted}>
              Sync leaves these files alone and tries them again at every sync; nothing in a file is
              applied until the whole file reads back correctly. Files still being copied by a sync
              tool clear up on their own.
            </p>
          )}
          <ul className={styles.problems} aria-labelledby={id}>
            {problems.map((problem) => (
              <li key={`${problem.kind}:${problem.path}`}>
                <FileWarning size={16} aria-hidden className={styles.problemIcon} />
                <div className={styles.problemText}>
                  <div className={styles.problemHead}>
                    <span className={styles.kind}>{PROBLEM_KIND[problem.kind]}</span>
                    <code className={styles.problemPath} title={problem.path}>
                      {problem.path}
                    </code>
                  </div>
                  <p>
                    {problem.message}
                    {deviceName(problem.device) && (
                      <span className={styles.subtle}> · from {deviceName(problem.device)}</span>
                    )}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
