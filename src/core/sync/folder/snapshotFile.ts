/**
 * Snapshot files: the synced tables of one device at one moment, with the seq vector they cover.
 *
 *     COCKPIT-SNAPSHOT 1
 *     {"device":"…","hlc":"…","schemaV":3,"vector":{"…":120}}
 *     {"deals":{"columns":["id",…],"rows":[
 *     ["…",…],
 *     ["…",…]]}}
 *     END {"length":5120,"sha256":"…"}
 *
 * The body is one JSON object, written a row per line so that a large snapshot is never one
 * giant string; the trailer is the file's last line.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { isDeviceId } from '../../../shared/hlc';
import type { OpValue, Snapshot } from '../types';
import {
  Damaged,
  checkBody,
  isCount,
  isObject,
  magicLine,
  readHead,
  readTrailer,
  toSeqVector,
  trailerLine,
} from './frame';

export const SNAPSHOT_VERSION = 1;
const HLC = /^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/;
const WRITE_CHUNK_BYTES = 1024 * 1024;

export type SnapshotHeader = Omit<Snapshot, 'tables'>;

export function isHlc(value: unknown): value is string {
  return typeof value === 'string' && HLC.test(value);
}

/** The body, a piece at a time. */
function* bodyParts(tables: Snapshot['tables']): Generator<string> {
  yield '{';
  let first = true;
  for (const [name, table] of Object.entries(tables)) {
    yield `${first ? '' : ',\n'}${JSON.stringify(name)}:{"columns":${JSON.stringify(table.columns)},"rows":[`;
    first = false;
    for (let i = 0; i < table.rows.length; i++) {
      yield `${i === 0 ? '' : ','}\n${JSON.stringify(table.rows[i])}`;
    }
    yield ']}';
  }
  yield '}\n';
}

/** Write a snapshot file through `handle`, hashing the body as it goes. */
export async function writeSnapshotFile(handle: FileHandle, snapshot: Snapshot): Promise<void> {
  const header: SnapshotHeader = {
    device: snapshot.device,
    hlc: snapshot.hlc,
    schemaV: snapshot.schemaV,
    vector: snapshot.vector,
  };
  await handle.write(`${magicLine('SNAPSHOT', SNAPSHOT_VERSION)}\n${JSON.stringify(header)}\n`);
  const hash = createHash('sha256');
  let length = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for (const part of bodyParts(snapshot.tables)) {
    const bytes = Buffer.from(part, 'utf8');
    hash.update(bytes);
    length += bytes.length;
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= WRITE_CHUNK_BYTES) {
      await handle.write(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pending.length > 0) await handle.write(Buffer.concat(pending));
  await handle.write(trailerLine({ length, sha256: hash.digest('hex') }));
}

function toTables(value: unknown): Snapshot['tables'] | null {
  if (!isObject(value)) return null;
  for (const table of Object.values(value)) {
    if (!isObject(table)) return null;
    const { columns, rows } = table;
    if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) return null;
    if (!Array.isArray(rows)) return null;
    for (const row of rows as unknown[]) {
      if (!Array.isArray(row) || row.length !== columns.length) return null;
      if (!row.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) {
        return null;
      }
    }
  }
  return value as Record<string, { columns: string[]; rows: OpValue[][] }>;
}

/**
 * Read a snapshot's bytes. With `tables: false` only the frame, header and checksum are checked
 * (enough to trust its vector); with `tables: true` the body is parsed too.
 */
export function decodeSnapshot(
  buf: Buffer,
  expected: { device: string; hlc: string },
  options: { tables: boolean },
): { header: SnapshotHeader; tables: Snapshot['tables'] | null } | Damaged {
  const head = readHead(buf, 'SNAPSHOT', SNAPSHOT_VERSION);
  if (head instanceof Damaged) return head;
  const { device, hlc, schemaV, vector } = head.header;
  const checkedVector = toSeqVector(vector);
  if (typeof device !== 'string' || !isDeviceId(device) || !isHlc(hlc) || !isCount(schemaV)) {
    return new Damaged('its header is incomplete or has wrong types');
  }
  if (!checkedVector) return new Damaged('its seq vector is not valid');
  if (device !== expected.device || hlc !== expected.hlc) {
    return new Damaged('its header does not match its name');
  }
  if (buf[buf.length - 1] !== 0x0a) return new Damaged('it is cut short: no final newline');
  const trailerStart = buf.lastIndexOf(0x0a, buf.length - 2) + 1;
  if (trailerStart <= head.bodyStart) return new Damaged('it is cut short: the trailer is missing');
  const trailer = readTrailer(buf.subarray(trailerStart));
  if (trailer instanceof Damaged) return trailer;
  const body = buf.subarray(head.bodyStart, trailerStart);
  const bad = checkBody(body, trailer);
  if (bad) return bad;

  const header: SnapshotHeader = { device, hlc, schemaV, vector: checkedVector };
  if (!options.tables) return { header, tables: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return new Damaged('its tables are not valid JSON');
  }
  const tables = toTables(parsed);
  if (!tables) return new Damaged('its tables do not have columns and rows of values');
  return { header, tables };
}
