import type { SyncStatus } from '../../shared/contract';
import { PRESENCE_TTL_MS } from '../../shared/domain/presence';
import type { CoreEvents } from '../events';
import type { Store } from '../store/store';
import {
  SyncHaltedError,
  type DeviceInfo,
  type SyncTransport,
  type TransportProblem,
} from './types';

export interface EngineOptions {
  /** This computer's name, shown to the other devices. */
  deviceName: string;
  appVersion: string;
  /** Who uses this device (shown to the others), if anyone is set up yet. */
  currentUser: () => { name: string; email: string } | null;
  now?: () => number;
  /** Field ops per push or pull batch. */
  batchOps?: number;
  /** After this many of its own ops since its last snapshot, a device writes a new one. */
  snapshotEvery?: number;
  /** Devices not seen for this long no longer hold back compaction (they start from a snapshot). */
  activeWindowMs?: number;
  /** How long to wait for more changes before syncing after one. */
  debounceMs?: number;
}

export type Workspace = NonNullable<SyncStatus['workspace']>;

const SNAPSHOT_SEQ_KEY = 'sync_snapshot_seq';
/** local_settings key of a transport's own cursor (a server's), kept with what it covers. */
export const CURSOR_KEY = 'sync_cursor';
const MAX_BACKOFF_MS = 60_000;
/** A device says the same about itself again at most this often (its heartbeat aside). */
const REANNOUNCE_MS = 60_000;

/**
 * Moves ops between this device and a workspace, through any `SyncTransport`: it publishes this
 * device's log, applies what other devices published (ops and cursors in one transaction, see
 * `Store.applyRemote`), says where it stands, and keeps doing so as files arrive and edits are
 * made. A new device starts from the newest snapshot; devices write snapshots now and then and
 * compact their own files that everyone has passed.
 */
export class SyncEngine {
  private readonly now: () => number;
  private readonly batchOps: number;
  private readonly snapshotEvery: number;
  private readonly activeWindowMs: number;
  private readonly debounceMs: number;
  private state: SyncStatus['state'] = 'idle';
  private message: string | null = null;
  private lastSyncAt: number | null = null;
  private published = 0;
  private problems: TransportProblem[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private readonly cleanups: (() => void)[] = [];
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  /** What this device last announced (without `lastSeen`), and when. */
  private announced: { key: string; at: number } | null = null;

  constructor(
    private readonly store: Store,
    private readonly events: CoreEvents,
    private readonly transport: SyncTransport,
    private readonly workspace: Workspace,
    private readonly options: EngineOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.batchOps = options.batchOps ?? 5_000;
    this.snapshotEvery = options.snapshotEvery ?? 50_000;
    this.activeWindowMs = options.activeWindowMs ?? 30 * 24 * 3_600_000;
    this.debounceMs = options.debounceMs ?? 100;
  }

  /** Sync now and whenever the workspace or the local data changes, until `stop()`. */
  start(): void {
    // The transport debounces its own notices; local edits wait a moment for the next keystroke.
    this.cleanups.push(
      this.transport.watch(
        () => this.schedule(0),
        (device) => this.notePeers([device]),
      ),
    );
    const onChange = ({ origin }: { origin: 'local' | 'remote' }) => {
      if (origin === 'local') this.schedule();
    };
    this.cleanups.push(this.events.on('data.changed', onChange));
    this.schedule(0);
  }

  /** Stops at once (timers, watching); the promise settles when a sync in flight has given up. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const closing = this.transport.close();
    await this.running?.catch(() => undefined);
    await closing;
  }

  /** Status changes, for the app's status panel. */
  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sync once now (after the sync already running, if any) and say where things stand. */
  async syncNow(): Promise<SyncStatus> {
    // A sync in flight may have read the folder before what the caller waits for arrived.
    while (this.running) await this.running;
    await this.runOnce();
    return this.status();
  }

  status(): SyncStatus {
    const peers = this.store.db
      .prepare(
        `SELECT device, applied_seq, name, user_name, user_email, last_seen, published_seq, ahead_ms
           FROM sync_peers ORDER BY coalesce(user_name, name, device)`,
      )
      .all() as {
      device: string;
      applied_seq: number;
      name: string | null;
      user_name: string | null;
      user_email: string | null;
      last_seen: number | null;
      published_seq: number;
      ahead_ms: number | null;
    }[];
    return {
      state: this.state,
      workspace: this.workspace,
      deviceId: this.store.deviceId,
      message: this.message,
      lastSyncAt: this.lastSyncAt,
      pendingOps: Math.max(0, this.store.lastSeq - this.published),
      devices: peers.map((peer) => ({
        id: peer.device,
        name: peer.name,
        userName: peer.user_name,
        userEmail: peer.user_email,
        lastSeen: peer.last_seen,
        publishedSeq: Math.max(peer.published_seq, peer.applied_seq),
        appliedSeq: peer.applied_seq,
        behind: Math.max(0, peer.published_seq - peer.applied_seq),
        aheadMs: peer.ahead_ms,
      })),
      problems: this.problems.map((problem) => ({ ...problem })),
      openConflicts: this.store.openConflictCount(),
      refused: this.store.refusals(),
    };
  }

  private schedule(delay = this.debounceMs): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runOnce(), delay);
  }

  private runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    const run = (async () => {
      try {
        await this.sync();
      } finally {
        this.running = null;
      }
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule(0);
      }
    })();
    this.running = run;
    return run;
  }

  private async sync(): Promise<void> {
    this.setState('syncing', this.message);
    try {
      await this.transport.open();
      this.alive();
      await this.bootstrap();
      this.alive();
      await this.push();
      this.alive();
      const problems = await this.pull();
      this.alive();
      await this.announce();
      this.alive();
      await this.maybeSnapshot();
      this.alive();
      this.problems = problems;
      this.lastSyncAt = this.now();
      this.failures = 0;
      this.setState('idle', null);
    } catch (error) {
      if (this.stopped) return;
      const reason = error instanceof Error ? error.message : String(error);
      const message =
        error instanceof SyncHaltedError ? reason : `${reason}; changes wait on this device`;
      this.failures += 1;
      this.setState(error instanceof SyncHaltedError ? 'halted' : 'error', message);
      // Try again later, less and less often: the drive may come back.
      if (!this.stopped) {
        clearTimeout(this.timer);
        this.timer = setTimeout(
          () => void this.runOnce(),
          Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(this.failures, 6)),
        );
      }
    }
  }

  /** A device that has applied nothing of anyone starts from the newest snapshot, if any. */
  private async bootstrap(): Promise<void> {
    const applied = this.store.appliedVector();
    if (Object.values(applied).some((seq) => seq > 0)) return;
    const snapshot = await this.transport.readSnapshot();
    if (!snapshot || snapshot.device === this.store.deviceId) return;
    this.store.applySnapshot(snapshot);
  }

  private async push(): Promise<void> {
    this.published = await this.transport.publishedSeq(this.store.deviceId);
    // What this device said it had published, the last time it said so: the same entry must
    // still be in its log, or the log is not the one that published it.
    const said = (await this.transport.devices()).find((d) => d.id === this.store.deviceId);
    const diverged =
      said?.publishedHlc != null &&
      said.publishedSeq > 0 &&
      this.store.ownEntryEndingAt(said.publishedSeq)?.hlc !== said.publishedHlc;
    if (this.published > this.store.lastSeq || diverged) {
      // The workspace holds ops of this device that its database does not: the file was put back
      // from a backup, or copied from another computer. Writing on would give the same seqs to
      // other edits.
      throw new SyncHaltedError(
        `This database is behind what this computer already published to the workspace (its ops up to ` +
          `${this.published.toLocaleString('en-US')}, the database only up to ` +
          `${this.store.lastSeq.toLocaleString('en-US')}): was it restored from a backup or copied? ` +
          `Sync has stopped so that nothing is overwritten, and nothing was deleted. Join the ` +
          `workspace with a fresh database to get everything back.`,
      );
    }
    while (this.published < this.store.lastSeq) {
      const entries = this.store.ownEntriesAfter(this.published, this.batchOps);
      if (entries.length === 0) break;
      const report = await this.transport.push(entries);
      if (report && report.refused.length > 0)
        this.store.recordRefusals(report.refused, this.now());
      this.published = entries.at(-1)!.lastSeq;
    }
  }

  private async pull(): Promise<TransportProblem[]> {
    const problems: TransportProblem[] = [];
    for (let round = 0; round < 1_000; round++) {
      const batch = await this.transport.pull(
        this.store.deviceId,
        this.store.appliedVector(),
        this.batchOps,
        this.store.localSetting(CURSOR_KEY),
      );
      this.alive();
      problems.push(...batch.problems);
      const result = this.store.applyRemote(
        batch.entries,
        batch.cursor === undefined ? {} : { [CURSOR_KEY]: batch.cursor },
      );
      for (const gap of result.gaps) {
        problems.push({
          kind: 'gap',
          path: `ops/${gap.device}`,
          device: gap.device,
          message: `waiting for ops ${gap.expected}–${gap.got - 1} of this device`,
        });
      }
      if (!batch.more || (result.applied === 0 && batch.cursor === undefined)) break;
    }
    // One report per file: the same file may be met in several batches.
    const seen = new Set<string>();
    return problems.filter(
      (p) => !seen.has(`${p.kind}:${p.path}`) && seen.add(`${p.kind}:${p.path}`),
    );
  }

  /**
   * Say where this device is and what its person is doing, then note what the others said. A
   * device repeats itself only when something changed or a minute has passed: two devices that
   * watch each other's announcements would otherwise answer each other forever.
   */
  private async announce(): Promise<void> {
    const user = this.options.currentUser();
    const own = this.store.ownPresence();
    const info: Omit<DeviceInfo, 'lastSeen'> = {
      id: this.store.deviceId,
      name: this.options.deviceName,
      userName: user?.name ?? null,
      userEmail: user?.email ?? null,
      publishedSeq: this.published,
      publishedHlc: this.store.ownEntryEndingAt(this.published)?.hlc ?? null,
      applied: this.store.appliedVector(),
      schemaVersion: this.store.schemaVersion,
      appVersion: this.options.appVersion,
      presence: own && {
        state: own.state,
        userId: own.userId,
        callId: own.callId,
        onCallSince: own.onCallSince,
        beatAt: own.beatAt,
      },
    };
    const key = JSON.stringify(info);
    const now = this.now();
    if (this.announced?.key !== key || now - this.announced.at >= REANNOUNCE_MS) {
      await this.transport.announce({ ...info, lastSeen: now });
      this.announced = { key, at: now };
    }
    this.notePeers(await this.transport.devices());
  }

  /** Note what other devices said about themselves; presence news goes to open dashboards. */
  private notePeers(devices: readonly DeviceInfo[]): void {
    if (this.stopped) return;
    const others = devices.filter((d) => d.id !== this.store.deviceId);
    this.store.recordPeers(others);
    if (this.store.recordPresence(others, this.now(), PRESENCE_TTL_MS)) {
      this.events.emit('data.changed', { tables: ['presence'], origin: 'remote' });
    }
  }

  /** Now and then a snapshot, so new devices start fast; then drop own files all have passed. */
  private async maybeSnapshot(): Promise<void> {
    const last = Number(this.store.localSetting(SNAPSHOT_SEQ_KEY) ?? 0);
    if (this.published - last < this.snapshotEvery) return;
    await this.transport.writeSnapshot(this.store.snapshot());
    this.store.setLocalSetting(SNAPSHOT_SEQ_KEY, String(this.published));
    const devices = await this.transport.devices();
    // A stale listing of a network drive can miss devices: compact only when every device this
    // one has heard from lately is in it.
    const listed = new Set(devices.map((d) => d.id));
    const since = this.now() - this.activeWindowMs;
    const missing = this.status().devices.some(
      (peer) => peer.lastSeen !== null && peer.lastSeen >= since && !listed.has(peer.id),
    );
    if (missing) return;
    await this.transport.compact(this.store.deviceId, devices, this.now() - this.activeWindowMs);
  }

  /** After `stop()` (the app closing, the store with it) a sync in flight goes no further. */
  private alive(): void {
    if (this.stopped) throw new Error('sync stopped');
  }

  private setState(state: SyncStatus['state'], message: string | null): void {
    if (this.stopped) return;
    this.state = state;
    this.message = message;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
