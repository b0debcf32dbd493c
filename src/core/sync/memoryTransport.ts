import type {
  ChangeEntry,
  DeviceInfo,
  PullResult,
  SeqVector,
  Snapshot,
  SyncTransport,
} from './types';

/** What a group of memory transports share: the "folder" or "server" of a test. */
export class MemoryHub {
  readonly logs = new Map<string, ChangeEntry[]>();
  readonly devices = new Map<string, DeviceInfo>();
  snapshot: Snapshot | null = null;
  /** While false, every call fails as a network or drive would. */
  reachable = true;
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A transport in memory, for tests of the engine: the same contract as the folder and server. */
export class MemoryTransport implements SyncTransport {
  readonly description = 'memory';

  constructor(private readonly hub: MemoryHub) {}

  private check(): void {
    if (!this.hub.reachable) throw new Error('the workspace cannot be reached');
  }

  open(): Promise<void> {
    this.check();
    return Promise.resolve();
  }

  publishedSeq(device: string): Promise<number> {
    this.check();
    return Promise.resolve(this.hub.logs.get(device)?.at(-1)?.lastSeq ?? 0);
  }

  push(entries: ChangeEntry[]): Promise<void> {
    this.check();
    for (const entry of entries) {
      const log = this.hub.logs.get(entry.device) ?? [];
      const last = log.at(-1)?.lastSeq ?? 0;
      if (entry.lastSeq <= last) continue;
      if (entry.seq !== last + 1) {
        return Promise.reject(
          new Error(`push of ${entry.device} skips from ${last} to ${entry.seq}`),
        );
      }
      log.push(structuredClone(entry));
      this.hub.logs.set(entry.device, log);
    }
    if (entries.length > 0) this.hub.notify();
    return Promise.resolve();
  }

  pull(self: string, applied: SeqVector, limit: number): Promise<PullResult> {
    this.check();
    const entries: ChangeEntry[] = [];
    let ops = 0;
    let more = false;
    for (const [device, log] of this.hub.logs) {
      if (device === self) continue;
      for (const entry of log) {
        if (entry.lastSeq <= (applied[device] ?? 0)) continue;
        if (ops >= limit) {
          more = true;
          break;
        }
        entries.push(structuredClone(entry));
        ops += entry.lastSeq - entry.seq + 1;
      }
    }
    return Promise.resolve({ entries, problems: [], more });
  }

  announce(info: DeviceInfo): Promise<void> {
    this.check();
    this.hub.devices.set(info.id, structuredClone(info));
    return Promise.resolve();
  }

  devices(): Promise<DeviceInfo[]> {
    this.check();
    return Promise.resolve([...this.hub.devices.values()].map((d) => structuredClone(d)));
  }

  readSnapshot(): Promise<Snapshot | null> {
    this.check();
    return Promise.resolve(this.hub.snapshot ? structuredClone(this.hub.snapshot) : null);
  }

  writeSnapshot(snapshot: Snapshot): Promise<void> {
    this.check();
    this.hub.snapshot = structuredClone(snapshot);
    return Promise.resolve();
  }

  compact(): Promise<string[]> {
    return Promise.resolve([]);
  }

  watch(onChange: () => void): () => void {
    return this.hub.subscribe(onChange);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
