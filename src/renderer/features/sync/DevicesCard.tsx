import { Clock, Laptop } from 'lucide-react';
import { useId } from 'react';
import type { SyncPeer, SyncStatus } from '../../../shared/contract';
import { Avatar } from '../../components/Avatar';
import { ago, clockAhead, exactTime, peerLabel, plural } from './syncText';
import styles from './SyncPage.module.css';
import { useNow } from './useSyncStatus';

/** The other devices of the workspace as this one sees them: who, when, how far behind. */
export function DevicesCard({
  devices,
  workspace,
}: {
  devices: SyncPeer[];
  workspace: SyncStatus['workspace'];
}) {
  const id = useId();
  const now = useNow();
  const where = workspace?.path ?? null;
  return (
    <section className={styles.card} aria-labelledby={id}>
      <header className={styles.cardHeader}>
        <h2 id={id} className={styles.cardTitle}>
          Devices
        </h2>
        <span className={styles.count}>{devices.length.toLocaleString()}</span>
      </header>
      {devices.length === 0 ? (
        <div className={styles.quietEmpty}>
          <Laptop size={18} aria-hidden />
          <div>
            <p className={styles.quietTitle}>No other device has joined yet</p>
            {workspace?.kind === 'server' ? (
              <p className={styles.muted}>
                On a teammate’s laptop, open Sync, choose{' '}
                <em>Connect to your team’s sync server</em> and give it this address with the access
                token your admin made for them
                {where ? ':' : '.'}
              </p>
            ) : (
              <p className={styles.muted}>
                On a teammate’s laptop, open Sync, choose <em>Join a workspace</em> and give it this
                folder{where ? ':' : '.'}
              </p>
            )}
            {where && <code className={styles.inlinePath}>{where}</code>}
          </div>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">Person and device</th>
                <th scope="col">Last seen</th>
                <th scope="col" className={styles.numeric}>
                  Changes not here yet
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((peer) => (
                <DeviceRow key={peer.id} peer={peer} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeviceRow({ peer, now }: { peer: SyncPeer; now: number }) {
  const { person, device } = peerLabel(peer);
  const clock = clockAhead(peer);
  return (
    <tr>
      <td>
        <div className={styles.who}>
          <Avatar name={person} size={28} />
          <div className={styles.whoText}>
            <span className={styles.person}>
              {person}
              {clock && (
                <span
                  className={styles.clockBadge}
                  title="This device’s clock was seen ahead of this laptop’s. Its changes still apply; ask its owner to set the clock right, so the newest edit wins as it should."
                >
                  <Clock size={11} aria-hidden />
                  {clock}
                </span>
              )}
            </span>
            <span className={styles.secondary}>
              {device}
              {peer.userEmail && peer.userName ? ` · ${peer.userEmail}` : ''}
            </span>
          </div>
        </div>
      </td>
      <td>
        {peer.lastSeen == null ? (
          <span className={styles.subtle}>Never</span>
        ) : (
          <time dateTime={new Date(peer.lastSeen).toISOString()} title={exactTime(peer.lastSeen)}>
            {ago(peer.lastSeen, now)}
          </time>
        )}
      </td>
      <td
        className={styles.numeric}
        title={`${peer.appliedSeq.toLocaleString()} of its ${peer.publishedSeq.toLocaleString()} changes applied here`}
      >
        {peer.behind === 0 ? (
          <span className={styles.upToDate}>Up to date</span>
        ) : (
          <span className={styles.behind}>{plural(peer.behind, 'change')}</span>
        )}
      </td>
    </tr>
  );
}
