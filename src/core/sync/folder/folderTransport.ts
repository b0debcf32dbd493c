/**
 * The shared-folder transport: devices sync through a folder that every laptop sees (a network
 * drive, a Dropbox-like synced folder). The format is in docs/sync-folder-format.md.
 *
 * Three rules keep it safe on folders that lie, lag and copy:
 * - each device writes only its own files, each atomically (`.part`, fsync, rename), and never
 *   deletes or rewrites a file it did not write;
 * - a reader uses a file only when it is complete and intact, and skips (reports, retries next
 *   time) anything partial, corrupt, duplicated, conflict-copied or after a gap;
 * - absence of files never means deletion: a missing `workspace.json` or `ops/` halts sync.
 */
import { mkdir, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeviceId } from '../../../shared/hlc';
import {
  SyncHaltedError,
  toDevicePresence,
  type ChangeEntry,
  type DeviceInfo,
  type PullResult,
  type SeqVector,
  type Snapshot,
  type SyncTransport,
  type TransportProblem,
} from '../types';
import { PART_SUFFIX, errorCode, writeFileAtomic } from './atomicFile';
import { Damaged, isCount, isObject, toSeqVector } from './frame';
import {
  MAX_SEQ,
  classifyOpsFile,
  deviceFileName,
  parseDeviceFileName,
  parseSnapshotName,
  segmentName,
  snapshotName,
  type SeqRange,
} from './names';
import { decodeSegment, encodeSegments, opCount } from './segment';
import { decodeSnapshot, isHlc, writeSnapshotFile, type SnapshotHeader } from './snapshotFile';
import { watchFolder } from './watchFolder';
import { DEVICES_DIR, OPS_DIR, SNAPSHOTS_DIR, readWorkspace } from './workspace';

export { createWorkspace, readWorkspace, type WorkspaceInfo } from './workspace';

export interface FolderTransportOptions {
  /** How often to poll the folder while watching (ms); events alone miss network drives. */
  pollMs?: number;
  /** The wall clock, for tests. */
  now?: () => number;
  /** Use file-system events besides polling (default true). */
  fsEvents?: boolean;
}

const DEFAULT_POLL_MS = 2000;
const DEBOUNCE_MS = 100;
/** A `.part` file older than this was left by an interrupted write, not one in progress. */
const STALE_PART_MS = 10 * 60_000;

interface Segment extends SeqRange {
  name: string;
}

export class FolderTransport implements SyncTransport {
  readonly description: string;
  readonly #dir: string;
  readonly #pollMs: number;
  readonly #now: () => number;
  readonly #fsEvents: boolean;
  /** The workspace this transport synced with first: another one at the same path halts. */
  #workspaceId: string | null = null;
  /** Segments (relative paths) found intact: segments are immutable, so once is enough. */
  readonly #intact = new Set<string>();
  /** Checked snapshot headers (null: damaged) by name, with the size and time they had. */
  readonly #snapshots = new Map<string, { stamp: string; header: SnapshotHeader | null }>();
  readonly #watches = new Set<() => void>();

  constructor(dir: string, options: FolderTransportOptions = {}) {
    this.#dir = dir;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.#now = options.now ?? Date.now;
    this.#fsEvents = options.fsEvents ?? true;
    this.description = `folder ${dir}`;
  }

  async open(): Promise<void> {
    await this.#check();
  }

  async publishedSeq(device: string): Promise<number> {
    await this.#check();
    return this.#published(device);
  }

  async push(entries: ChangeEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const device = entries[0]!.device;
    checkOwnEntries(device, entries);
    await this.#check();
    const published = await this.#published(device);
    // After a crash between a rename and the caller noting it, the folder already holds some.
    const fresh = entries.filter((entry) => entry.lastSeq > published);
    if (fresh.length === 0) return;
    if (fresh[0]!.seq !== published + 1) {
      throw new Error(
        `Cannot publish seqs ${fresh[0]!.seq}… of device ${device}: the folder holds its seqs up to ${published}, so the next entry must start at ${published + 1}.`,
      );
    }
    const dir = await this.#ownDir(OPS_DIR, device);
    for (const segment of encodeSegments(fresh)) {
      const name = segmentName(segment.header.from, segment.header.to);
      await writeFileAtomic(join(dir, name), segment.bytes);
      this.#intact.add(opsPath(device, name));
    }
    await this.#removeOwnPartFiles(device, fresh[fresh.length - 1]!.lastSeq);
  }

  async pull(self: string, applied: SeqVector, limit: number): Promise<PullResult> {
    await this.#check();
    const problems: TransportProblem[] = [];
    const entries: ChangeEntry[] = [];
    const budget = Math.max(1, limit);
    let ops = 0;
    let more = false;
    const devices = await this.#deviceDirs();
    const received = Object.entries(applied).filter(([d, seq]) => d !== self && seq > 0);
    if (received.length > 0 && received.every(([device]) => !devices.includes(device))) {
      throw new SyncHaltedError(
        `The sync folder ${this.#dir} holds no changes any more, although this computer has received changes through it: the folder may be emptied, or another drive mounted there. Sync has stopped and nothing was deleted.`,
      );
    }
    for (const [device] of received) {
      if (!devices.includes(device)) {
        problems.push({
          kind: 'unreadable',
          path: `${OPS_DIR}/${device}`,
          device,
          message: `The folder of device ${device} (${OPS_DIR}/${device}) is missing; what was received from it is kept.`,
        });
      }
    }
    for (const device of devices) {
      if (device === self) continue;
      if (ops >= budget) {
        more = true;
        break;
      }
      const got = await this.#pullDevice(device, applied[device] ?? 0, budget - ops, problems);
      for (const entry of got.entries) entries.push(entry);
      ops += got.ops;
      more ||= got.more;
    }
    return { entries, problems, more };
  }

  async announce(info: DeviceInfo): Promise<void> {
    if (!isDeviceId(info.id)) throw new Error(`"${info.id}" is not a device id (16 hex digits).`);
    await this.#check();
    const dir = await this.#ownDir(DEVICES_DIR);
    const { id, name, userName, userEmail, lastSeen, publishedSeq, applied } = info;
    const record: DeviceInfo = {
      id,
      name,
      userName,
      userEmail,
      lastSeen,
      publishedSeq,
      publishedHlc: info.publishedHlc ?? null,
      applied,
      schemaVersion: info.schemaVersion,
      appVersion: info.appVersion,
      ...(info.presence ? { presence: info.presence } : {}),
    };
    await writeFileAtomic(join(dir, deviceFileName(id)), JSON.stringify(record, null, 2) + '\n');
  }

  /** Every device's `devices/<id>.json` that can be read (this device's too). */
  async devices(): Promise<DeviceInfo[]> {
    const dir = join(this.#dir, DEVICES_DIR);
    const found: DeviceInfo[] = [];
    for (const name of await listOrEmpty(dir)) {
      const id = parseDeviceFileName(name);
      if (!id) continue;
      try {
        const info = toDeviceInfo(JSON.parse(await readFile(join(dir, name), 'utf8')), id);
        if (info) found.push(info);
      } catch {
        // Unreadable or half-synced: it is read again next time.
      }
    }
    return found;
  }

  async readSnapshot(): Promise<Snapshot | null> {
    await this.#check();
    const dir = join(this.#dir, SNAPSHOTS_DIR);
    const named = (await listOrEmpty(dir))
      .map((name) => ({ name, parsed: parseSnapshotName(name) }))
      .filter((s) => s.parsed !== null)
      .sort((a, b) => (a.name < b.name ? 1 : -1)); // newest hlc first
    for (const { name, parsed } of named) {
      let buf: Buffer;
      try {
        buf = await readFile(join(dir, name));
      } catch {
        continue;
      }
      const decoded = decodeSnapshot(buf, parsed!, { tables: true });
      if (decoded instanceof Damaged) continue;
      return { ...decoded.header, tables: decoded.tables! };
    }
    return null;
  }

  async writeSnapshot(snapshot: Snapshot): Promise<void> {
    const { device, hlc } = snapshot;
    if (!isDeviceId(device)) throw new Error(`"${device}" is not a device id (16 hex digits).`);
    if (!isHlc(hlc)) throw new Error(`"${hlc}" is not a clock timestamp.`);
    await this.#check();
    const dir = await this.#ownDir(SNAPSHOTS_DIR);
    const name = snapshotName(hlc, device);
    await writeFileAtomic(join(dir, name), (handle) => writeSnapshotFile(handle, snapshot));
    // Now that the new one is in place, this device's older ones (and its leftovers) can go.
    for (const other of await listOrEmpty(dir)) {
      const base = other.endsWith(PART_SUFFIX) ? other.slice(0, -PART_SUFFIX.length) : other;
      const parsed = parseSnapshotName(base);
      if (!parsed || parsed.device !== device || parsed.hlc >= hlc) continue;
      await unlink(join(dir, other)).catch(() => undefined); // retried with the next snapshot
      this.#snapshots.delete(other);
    }
  }

  async compact(self: string, devices: DeviceInfo[], activeSince: number): Promise<string[]> {
    await this.#check();
    let upTo = await this.#snapshotCoverage(self);
    for (const device of devices) {
      if (device.id !== self && device.lastSeen >= activeSince) {
        upTo = Math.min(upTo, device.applied[self] ?? 0);
      }
    }
    if (upTo <= 0) return [];
    const deleted: string[] = [];
    for (const segment of await this.#segmentsOf(self)) {
      if (segment.to > upTo) continue;
      const path = opsPath(self, segment.name);
      try {
        await unlink(join(this.#dir, path));
        deleted.push(path);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') continue;
        // Held by another program: left for the next compaction.
      }
      this.#intact.delete(path);
    }
    return deleted;
  }

  watch(onChange: () => void): () => void {
    const stopWatching = watchFolder(this.#dir, onChange, {
      pollMs: this.#pollMs,
      debounceMs: Math.min(DEBOUNCE_MS, this.#pollMs),
      events: this.#fsEvents,
    });
    this.#watches.add(stopWatching);
    return () => {
      if (this.#watches.delete(stopWatching)) stopWatching();
    };
  }

  async close(): Promise<void> {
    for (const stopWatching of this.#watches) stopWatching();
    this.#watches.clear();
  }

  /** The workspace is there, is the one we know, and has its `ops/`; otherwise halt. */
  async #check(): Promise<void> {
    const info = await readWorkspace(this.#dir);
    if (this.#workspaceId === null) this.#workspaceId = info.id;
    else if (info.id !== this.#workspaceId) {
      throw new SyncHaltedError(
        `The sync folder ${this.#dir} now holds another workspace ("${info.name}") than the one this computer synced with. Sync has stopped and nothing was deleted; check which folder or drive is there.`,
      );
    }
    let ops = false;
    try {
      ops = (await stat(join(this.#dir, OPS_DIR))).isDirectory();
    } catch {
      // Missing or unreachable: halt below.
    }
    if (!ops) {
      throw new SyncHaltedError(
        `The sync folder ${this.#dir} has no ${OPS_DIR} folder: the folder may be unmounted, emptied or only partly synced. Sync has stopped and nothing was deleted.`,
      );
    }
  }

  /**
   * A folder this device writes into, made if missing. Never with `recursive`: if the workspace
   * vanished since `#check`, this fails instead of rebuilding it in an empty mount point.
   */
  async #ownDir(...parts: string[]): Promise<string> {
    let dir = this.#dir;
    for (const part of parts) {
      dir = join(dir, part);
      try {
        await mkdir(dir);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
    }
    return dir;
  }

  async #deviceDirs(): Promise<string[]> {
    try {
      return (await readdir(join(this.#dir, OPS_DIR))).filter(isDeviceId).sort();
    } catch (error) {
      throw new SyncHaltedError(
        `The ${OPS_DIR} folder of ${this.#dir} cannot be read (${errorCode(error) ?? String(error)}). Sync has stopped and nothing was deleted.`,
      );
    }
  }

  /** The exact-named segments of a device (missing folder: none). */
  async #segmentsOf(device: string): Promise<Segment[]> {
    const segments: Segment[] = [];
    for (const name of await listOrEmpty(join(this.#dir, OPS_DIR, device))) {
      const file = classifyOpsFile(name);
      if (file.kind === 'segment' && file.from <= file.to) segments.push({ name, ...file });
    }
    return segments;
  }

  /** The end of the run of intact segments from seq 1, bridged by what snapshots cover. */
  async #published(device: string): Promise<number> {
    const segments = await this.#segmentsOf(device);
    const damaged = new Set<string>();
    let reach = 0;
    let covered: number | undefined;
    const walk = segmentWalk(segments, damaged);
    for (;;) {
      let next: Segment | undefined;
      for (const candidate of walk.at(reach)) {
        if (await this.#isIntact(device, candidate)) {
          next = candidate;
          break;
        }
        damaged.add(candidate.name);
      }
      if (next) {
        reach = next.to;
        continue;
      }
      covered ??= await this.#snapshotCoverage(device);
      if (covered <= reach) return reach;
      reach = covered; // compacted away, held by a snapshot
    }
  }

  async #isIntact(device: string, segment: Segment): Promise<boolean> {
    if (this.#intact.has(opsPath(device, segment.name))) return true;
    return !isProblem(await this.#readSegment(device, segment));
  }

  async #readSegment(device: string, segment: Segment): Promise<ChangeEntry[] | TransportProblem> {
    const path = opsPath(device, segment.name);
    let buf: Buffer;
    try {
      buf = await readFile(join(this.#dir, path));
    } catch (error) {
      return {
        kind: 'unreadable',
        path,
        device,
        message: `${path} was listed but cannot be read (${errorCode(error) ?? String(error)}); it is tried again next time.`,
      };
    }
    const decoded = decodeSegment(buf, { device, ...segment });
    if (decoded instanceof Damaged) {
      return {
        kind: 'corrupt',
        path,
        device,
        message: `${path} cannot be used: ${decoded.reason}. It is skipped until an intact copy arrives.`,
      };
    }
    this.#intact.add(path);
    return decoded.entries;
  }

  /** Entries of one device after `start`, at most about `budget` ops; problems are appended. */
  async #pullDevice(
    device: string,
    start: number,
    budget: number,
    problems: TransportProblem[],
  ): Promise<{ entries: ChangeEntry[]; ops: number; more: boolean }> {
    const dir = join(this.#dir, OPS_DIR, device);
    const none = { entries: [], ops: 0, more: false };
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      problems.push({
        kind: 'unreadable',
        path: `${OPS_DIR}/${device}`,
        device,
        message: `The folder of device ${device} cannot be read (${errorCode(error) ?? String(error)}); it is tried again next time.`,
      });
      return none;
    }

    const segments: Segment[] = [];
    for (const name of names.sort()) {
      const file = classifyOpsFile(name);
      const path = opsPath(device, name);
      if (file.kind === 'segment') {
        if (file.from > file.to) {
          problems.push({ kind: 'corrupt', path, device, message: `${path} names no seqs.` });
        } else if (file.to > start) segments.push({ name, from: file.from, to: file.to });
      } else if (file.kind === 'partial' && (file.range === null || file.range.to > start)) {
        problems.push(await this.#partialProblem(path, device));
      } else if (file.kind === 'conflict-copy' && (file.range === null || file.range.to > start)) {
        problems.push({
          kind: 'conflict-copy',
          path,
          device,
          message: `${path} is a copy made by a sync tool, not a file the device wrote; it is never read.`,
        });
      }
    }

    const entries: ChangeEntry[] = [];
    const used: Segment[] = [];
    const damaged = new Set<string>();
    let cursor = start;
    let ops = 0;
    let more = false;
    const walk = segmentWalk(segments, damaged);
    while (ops < budget) {
      const candidates = walk.at(cursor);
      if (candidates.length === 0) {
        const next = walk.after(cursor);
        if (next) {
          problems.push({
            kind: 'gap',
            path: opsPath(device, next.name),
            device,
            message: `Seqs ${cursor + 1}–${next.from - 1} of device ${device} have not arrived (the next file is ${next.name}); its later changes wait for them. If that device compacted them away, start from a snapshot.`,
          });
        }
        break;
      }
      let chosen: { segment: Segment; entries: ChangeEntry[] } | undefined;
      for (const candidate of candidates) {
        const read = await this.#readSegment(device, candidate);
        if (isProblem(read)) {
          problems.push(read);
          damaged.add(candidate.name);
        } else {
          chosen = { segment: candidate, entries: read };
          break;
        }
      }
      if (!chosen) break; // not arrived intact yet: nothing after it is used
      used.push(chosen.segment);
      for (const entry of chosen.entries) {
        if (entry.lastSeq <= cursor) continue; // a straddling entry is returned whole
        entries.push(entry);
        ops += opCount(entry);
        cursor = entry.lastSeq;
        if (ops >= budget) break;
      }
      if (ops >= budget) more = walk.at(cursor).length > 0;
    }

    const covered = Math.max(0, ...used.map((s) => s.to));
    for (const segment of segments) {
      if (segment.to > covered || used.includes(segment) || damaged.has(segment.name)) continue;
      const by = used.find((u) => u.from <= segment.from && u.to >= segment.to) ?? used[0]!;
      problems.push({
        kind: 'duplicate',
        path: opsPath(device, segment.name),
        device,
        message: `${opsPath(device, segment.name)} covers seqs already read from ${by.name}; it is not read again.`,
      });
    }
    return { entries, ops, more };
  }

  async #partialProblem(path: string, device: string): Promise<TransportProblem> {
    let message = `${path} is still being written or copied; the finished file is read when it arrives.`;
    try {
      const age = this.#now() - (await stat(join(this.#dir, path))).mtimeMs;
      if (age > STALE_PART_MS) {
        message = `${path} was left by a write that stopped ${Math.round(age / 60_000)} minutes ago; it is never read (the device writes the finished file again).`;
      }
    } catch {
      // Gone already (renamed into place): the first message is right.
    }
    return { kind: 'partial', path, device, message };
  }

  /** The highest seq of `device` that an intact snapshot holds (0 if none). */
  async #snapshotCoverage(device: string): Promise<number> {
    let covered = 0;
    for (const header of await this.#snapshotHeaders()) {
      covered = Math.max(covered, header.vector[device] ?? 0);
    }
    return covered;
  }

  /** Headers of the intact snapshots; each file is checked once per size and time. */
  async #snapshotHeaders(): Promise<SnapshotHeader[]> {
    const dir = join(this.#dir, SNAPSHOTS_DIR);
    const headers: SnapshotHeader[] = [];
    for (const name of await listOrEmpty(dir)) {
      const parsed = parseSnapshotName(name);
      if (!parsed) continue;
      try {
        const path = join(dir, name);
        const info = await stat(path);
        const stamp = `${info.size}@${info.mtimeMs}`;
        let known = this.#snapshots.get(name);
        if (known?.stamp !== stamp) {
          const decoded = decodeSnapshot(await readFile(path), parsed, { tables: false });
          known = { stamp, header: decoded instanceof Damaged ? null : decoded.header };
          this.#snapshots.set(name, known);
        }
        if (known.header) headers.push(known.header);
      } catch {
        // Vanished or unreadable: not counted.
      }
    }
    return headers;
  }

  /** This device's `.part` segment files for seqs now published: leftovers of a crash. */
  async #removeOwnPartFiles(device: string, published: number): Promise<void> {
    const dir = join(this.#dir, OPS_DIR, device);
    for (const name of await listOrEmpty(dir)) {
      if (!name.endsWith(PART_SUFFIX)) continue;
      const file = classifyOpsFile(name.slice(0, -PART_SUFFIX.length));
      if (file.kind === 'segment' && file.to <= published) {
        await unlink(join(dir, name)).catch(() => undefined);
      }
    }
  }
}

function opsPath(device: string, name: string): string {
  return `${OPS_DIR}/${device}/${name}`;
}

function isProblem(value: ChangeEntry[] | TransportProblem): value is TransportProblem {
  return !Array.isArray(value);
}

/**
 * Walks a device's segments along a cursor that only moves forward: `at(cursor)` gives the
 * segments that continue from it, the one reaching furthest first, leaving out damaged ones.
 * Sorting once keeps a device with thousands of segments cheap.
 */
function segmentWalk(segments: Segment[], damaged: Set<string>) {
  const byFrom = [...segments].sort((a, b) => a.from - b.from);
  let next = 0;
  let open: Segment[] = [];
  return {
    at(cursor: number): Segment[] {
      while (next < byFrom.length && byFrom[next]!.from <= cursor + 1) open.push(byFrom[next++]!);
      open = open.filter((s) => s.to > cursor && !damaged.has(s.name));
      return [...open].sort((a, b) => b.to - a.to);
    },
    /** The first segment that starts after a hole at `cursor`, if any. */
    after(cursor: number): Segment | undefined {
      return byFrom.slice(next).find((s) => s.from > cursor + 1 && !damaged.has(s.name));
    },
  };
}

async function listOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** What `push` accepts: one device's entries, consecutive. A mistake here is the caller's. */
function checkOwnEntries(device: string, entries: ChangeEntry[]): void {
  if (!isDeviceId(device)) throw new Error(`"${device}" is not a device id (16 hex digits).`);
  let previous: ChangeEntry | undefined;
  for (const entry of entries) {
    if (entry.device !== device) {
      throw new Error(`push takes one device's entries; got ${device} and ${entry.device}.`);
    }
    if (
      !Number.isSafeInteger(entry.seq) ||
      entry.seq < 1 ||
      !Number.isSafeInteger(entry.lastSeq) ||
      entry.lastSeq < entry.seq ||
      entry.lastSeq > MAX_SEQ
    ) {
      throw new Error(`Entry ${entry.seq}–${entry.lastSeq} of device ${device} has invalid seqs.`);
    }
    if (previous && entry.seq !== previous.lastSeq + 1) {
      throw new Error(
        `push takes consecutive entries; ${previous.lastSeq} is followed by ${entry.seq}.`,
      );
    }
    previous = entry;
  }
}

function toDeviceInfo(value: unknown, id: string): DeviceInfo | null {
  if (!isObject(value) || value.id !== id) return null;
  const {
    name,
    userName,
    userEmail,
    lastSeen,
    publishedSeq,
    publishedHlc,
    applied,
    schemaVersion,
    appVersion,
    presence,
  } = value;
  const vector = toSeqVector(applied);
  const optionalText = (v: unknown) => v === null || typeof v === 'string';
  if (
    typeof name !== 'string' ||
    !optionalText(userName) ||
    !optionalText(userEmail) ||
    !isCount(lastSeen) ||
    !isCount(publishedSeq) ||
    !vector ||
    !isCount(schemaVersion) ||
    typeof appVersion !== 'string'
  ) {
    return null;
  }
  return {
    id,
    name,
    userName: userName as string | null,
    userEmail: userEmail as string | null,
    lastSeen,
    publishedSeq,
    publishedHlc: typeof publishedHlc === 'string' ? publishedHlc : null,
    applied: vector,
    schemaVersion,
    appVersion,
    ...(toDevicePresence(presence) ? { presence: toDevicePresence(presence) } : {}),
  };
}
