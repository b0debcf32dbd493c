/**
 * What travels between devices, and the interface every transport (memory, folder, server)
 * implements. The engine (`engine.ts`) does not know which transport it drives.
 */

/** A value as it travels: what SQLite stores for a field. */
export type OpValue = string | number | null;

/**
 * The field ops of one write of one table on one device, exactly as the op log keeps them
 * (`sync_changes`): field op k of the entry has seq `seq + k`, in the order of `changes` (rows,
 * then their columns). An insert's fields are bare values; an edit's are `[value, prevHlc]`, the
 * clock the field had when the edit was made (null if it had none), which tells a concurrent edit
 * from a later one. Entries are immutable: the same `(device, seq)` always carries the same ops.
 */
export interface ChangeEntry {
  device: string;
  seq: number;
  lastSeq: number;
  hlc: string;
  table: string;
  changes: [rowId: string, ops: Record<string, OpValue | [OpValue, string | null]>][];
  /** The schema version of the device that wrote it. */
  schemaV: number;
}

/** The seq of the last op applied here, per device. */
export type SeqVector = Record<string, number>;

/** Something a transport could not use this time; it is retried on the next sync. */
export interface TransportProblem {
  kind:
    | 'partial' // a file that is still being written or was cut short
    | 'corrupt' // bad header, length or checksum
    | 'conflict-copy' // a sync tool's copy of a file, e.g. "x (conflicted copy).seg"
    | 'gap' // seqs missing before the next file of a device
    | 'duplicate' // a file covering seqs another file already covers
    | 'unreadable'; // an I/O error
  /** The file or device concerned, relative to the workspace. */
  path: string;
  device?: string;
  message: string;
}

export interface PullResult {
  /** Entries of other devices after the given cursors, each device's in seq order, no gaps. */
  entries: ChangeEntry[];
  /** Files skipped this time (not arrived yet), with why. */
  problems: TransportProblem[];
  /** Whether more entries wait beyond this batch (pull again). */
  more: boolean;
  /**
   * Where to pull after next time, for transports that keep their own order (a server cursor);
   * the engine keeps it with the applied entries, in the same transaction.
   */
  cursor?: string;
}

/** A change the workspace refused (a server checking roles): kept here and shown to the user. */
export interface PushRefusal {
  seq: number;
  lastSeq: number;
  table: string;
  rowIds: string[];
  reason: string;
}

/**
 * What the person at a device is doing, from the heartbeats the app sends while it is open. A
 * device that stops beating (closed, asleep, off the network) is shown offline once its last beat
 * is older than the receiver's expiry: receivers time it by their own clock, from when they heard
 * a new beat, so a skewed clock does not keep a device online.
 */
export interface DevicePresence {
  state: 'online' | 'idle' | 'on-call';
  /** The person using the device (the app's user id). */
  userId: string | null;
  /** The call in progress and when it started, while on a call. */
  callId: string | null;
  onCallSince: number | null;
  /** The device's clock at its last beat. */
  beatAt: number;
}

const PRESENCE_STATES: readonly string[] = ['online', 'idle', 'on-call'];

/** A presence read from a file or the network, checked; null if it is not one. */
export function toDevicePresence(value: unknown): DevicePresence | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => x === null || (typeof x === 'string' && x.length <= 100);
  const time = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  if (
    typeof v.state !== 'string' ||
    !PRESENCE_STATES.includes(v.state) ||
    !text(v.userId) ||
    !text(v.callId) ||
    !(v.onCallSince === null || time(v.onCallSince)) ||
    !time(v.beatAt)
  ) {
    return null;
  }
  return {
    state: v.state as DevicePresence['state'],
    userId: v.userId as string | null,
    callId: v.callId as string | null,
    onCallSince: v.onCallSince as number | null,
    beatAt: v.beatAt as number,
  };
}

/** What a device publishes about itself (a folder's `devices/<id>.json`, a server's presence). */
export interface DeviceInfo {
  id: string;
  name: string;
  userName: string | null;
  userEmail: string | null;
  lastSeen: number;
  /** The last of its own seqs it has published, and the clock of the entry that ends there. */
  publishedSeq: number;
  publishedHlc?: string | null;
  /** How far it has applied every other device. */
  applied: SeqVector;
  schemaVersion: number;
  appVersion: string;
  /** Its last heartbeat, if the app is open on it (a `cockpit sync` in a terminal has none). */
  presence?: DevicePresence | null;
}

/**
 * The synced tables of one device at one moment, and the seqs of every device whose ops it
 * holds: a new device starts from it instead of replaying every op since the beginning.
 */
export interface Snapshot {
  /** The device that made it, and when (its clock). */
  device: string;
  hlc: string;
  schemaV: number;
  vector: SeqVector;
  /** Per table: its columns (`id` and `sync_clock` included) and its rows in that order. */
  tables: Record<string, { columns: string[]; rows: OpValue[][] }>;
}

/** Sync cannot go on until a person looks (an unmounted drive, an emptied folder). */
export class SyncHaltedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncHaltedError';
  }
}

export interface SyncTransport {
  /** A short description for the status panel, e.g. "folder /mnt/team/cockpit". */
  readonly description: string;
  /**
   * Check the workspace is there and readable. Throws `SyncHaltedError` with a sentence a user
   * understands when it is not (a missing `workspace.json`, an emptied folder).
   */
  open(): Promise<void>;
  /** The last of this device's seqs the transport holds (0 if none). */
  publishedSeq(device: string): Promise<number>;
  /**
   * Publish this device's next entries: contiguous, starting right after `publishedSeq`. Says
   * which ones the workspace refused, if it checks (a server); they stay published as refused.
   */
  push(entries: ChangeEntry[]): Promise<{ refused: PushRefusal[] } | void>;
  /**
   * Entries of devices other than `self` beyond `applied` (or after `cursor`, for transports
   * that return one), at most about `limit` ops.
   */
  pull(
    self: string,
    applied: SeqVector,
    limit: number,
    cursor?: string | null,
  ): Promise<PullResult>;
  /** Publish what this device is and how far it is. */
  announce(info: DeviceInfo): Promise<void>;
  /** What the other devices last published about themselves. */
  devices(): Promise<DeviceInfo[]>;
  /** The newest snapshot that is complete and intact, or null. */
  readSnapshot(): Promise<Snapshot | null>;
  /** Keep a snapshot made by this device (replacing its older ones once this one is in place). */
  writeSnapshot(snapshot: Snapshot): Promise<void>;
  /**
   * Delete this device's own segments that a snapshot covers and every active device has
   * applied (`devices` as last published); returns what was deleted. Never touches files of
   * other devices, nor any file it did not list itself.
   */
  compact(self: string, devices: DeviceInfo[], activeSince: number): Promise<string[]>;
  /**
   * Call `onChange` when something may have arrived, and `onDevice` when a transport hears a
   * device announce itself (a server's live stream does; a folder's device files come with the
   * next sync). Returns a function that stops watching.
   */
  watch(onChange: () => void, onDevice?: (device: DeviceInfo) => void): () => void;
  close(): Promise<void>;
}
