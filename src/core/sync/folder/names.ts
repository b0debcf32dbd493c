/**
 * File names of the workspace folder, and how a reader tells a finished file from a partial one
 * or a sync tool's conflict copy (see docs/sync-folder-format.md).
 */

const SEQ_DIGITS = 12;
const SEGMENT_NAME = /^(\d{12})-(\d{12})\.seg$/;
/** A seq range anywhere in a name: what a partial file or a conflict copy was meant to be. */
const RANGE_IN_NAME = /(\d{12})-(\d{12})/;
const SNAPSHOT_NAME = /^([0-9a-f]{12}-[0-9a-f]{4}-([0-9a-f]{16}))-([0-9a-f]{16})\.snap$/;
const DEVICE_FILE_NAME = /^([0-9a-f]{16})\.json$/;
/** Our own temp files, and those of sync tools (Syncthing `.syncthing.x.tmp`, `~x.tmp`). */
const PARTIAL_NAME = /\.(part|tmp)$|^\.syncthing\.|^~/i;

export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;

export interface SeqRange {
  from: number;
  to: number;
}

export type OpsFile =
  | ({ kind: 'segment' } & SeqRange)
  | { kind: 'partial' | 'conflict-copy'; range: SeqRange | null }
  /** Not ours and not about ours (`.DS_Store`, `desktop.ini`): ignored. */
  | { kind: 'other' };

export function segmentName(from: number, to: number): string {
  return `${String(from).padStart(SEQ_DIGITS, '0')}-${String(to).padStart(SEQ_DIGITS, '0')}.seg`;
}

function rangeIn(name: string): SeqRange | null {
  const match = RANGE_IN_NAME.exec(name);
  return match ? { from: Number(match[1]), to: Number(match[2]) } : null;
}

/** What a file in `ops/<device>/` is. Only an exact segment name is ever read. */
export function classifyOpsFile(name: string): OpsFile {
  const exact = SEGMENT_NAME.exec(name);
  if (exact) return { kind: 'segment', from: Number(exact[1]), to: Number(exact[2]) };
  if (PARTIAL_NAME.test(name)) {
    return /\.seg/i.test(name) ? { kind: 'partial', range: rangeIn(name) } : { kind: 'other' };
  }
  // "x (conflicted copy).seg", "x (1).seg", "x.sync-conflict-….seg", "x (Case Conflict).seg",
  // "x-LAPTOP.seg", "x.SEG": a copy made by a sync tool, never the file a device wrote.
  if (/\.seg/i.test(name)) return { kind: 'conflict-copy', range: rangeIn(name) };
  return { kind: 'other' };
}

export function snapshotName(hlc: string, device: string): string {
  return `${hlc}-${device}.snap`;
}

export function parseSnapshotName(name: string): { hlc: string; device: string } | null {
  const match = SNAPSHOT_NAME.exec(name);
  return match ? { hlc: match[1]!, device: match[3]! } : null;
}

export function deviceFileName(device: string): string {
  return `${device}.json`;
}

export function parseDeviceFileName(name: string): string | null {
  return DEVICE_FILE_NAME.exec(name)?.[1] ?? null;
}
