/**
 * Op segments: an immutable file of one device's consecutive entries.
 *
 *     COCKPIT-SEGMENT 1
 *     {"device":"…","from":1,"to":7,"entries":2,"length":412,"schemaV":3}
 *     <length bytes: one JSON ChangeEntry per line>
 *     END {"entries":2,"length":412,"sha256":"…"}
 */
import { isDeviceId } from '../../../shared/hlc';
import type { ChangeEntry } from '../types';
import {
  Damaged,
  checkBody,
  isCount,
  isObject,
  magicLine,
  readHead,
  readTrailer,
  sha256Hex,
  trailerLine,
  type JsonObject,
} from './frame';
import { MAX_SEQ } from './names';

export const SEGMENT_VERSION = 1;
/** A segment holds at most about this many field ops, or this many body bytes. */
export const SEGMENT_MAX_OPS = 2000;
export const SEGMENT_MAX_BYTES = 1024 * 1024;

export interface SegmentHeader {
  device: string;
  from: number;
  to: number;
  entries: number;
  length: number;
  /** The highest schema version among its entries. */
  schemaV: number;
}

export interface EncodedSegment {
  header: SegmentHeader;
  bytes: Buffer;
}

export function opCount(entry: ChangeEntry): number {
  return entry.lastSeq - entry.seq + 1;
}

function entryLine(entry: ChangeEntry): string {
  // The fields of the type only, in a fixed order.
  const { device, seq, lastSeq, hlc, table, changes, schemaV } = entry;
  return JSON.stringify({ device, seq, lastSeq, hlc, table, changes, schemaV }) + '\n';
}

function encode(lines: string[], entries: ChangeEntry[]): EncodedSegment {
  const body = Buffer.from(lines.join(''), 'utf8');
  const first = entries[0]!;
  const header: SegmentHeader = {
    device: first.device,
    from: first.seq,
    to: entries[entries.length - 1]!.lastSeq,
    entries: entries.length,
    length: body.length,
    schemaV: Math.max(...entries.map((e) => e.schemaV)),
  };
  const head = Buffer.from(`${magicLine('SEGMENT', SEGMENT_VERSION)}\n${JSON.stringify(header)}\n`);
  const trailer = Buffer.from(
    trailerLine({ entries: entries.length, length: body.length, sha256: sha256Hex(body) }),
  );
  return { header, bytes: Buffer.concat([head, body, trailer]) };
}

/**
 * Cut one device's consecutive entries into segments of at most about `SEGMENT_MAX_OPS` field
 * ops or `SEGMENT_MAX_BYTES` bytes (an entry bigger than that gets a segment of its own).
 */
export function encodeSegments(entries: readonly ChangeEntry[]): EncodedSegment[] {
  const segments: EncodedSegment[] = [];
  let lines: string[] = [];
  let group: ChangeEntry[] = [];
  let ops = 0;
  let bytes = 0;
  for (const entry of entries) {
    const line = entryLine(entry);
    const size = Buffer.byteLength(line);
    const count = opCount(entry);
    if (group.length > 0 && (ops + count > SEGMENT_MAX_OPS || bytes + size > SEGMENT_MAX_BYTES)) {
      segments.push(encode(lines, group));
      lines = [];
      group = [];
      ops = 0;
      bytes = 0;
    }
    lines.push(line);
    group.push(entry);
    ops += count;
    bytes += size;
  }
  if (group.length > 0) segments.push(encode(lines, group));
  return segments;
}

function isSeq(value: unknown): value is number {
  return isCount(value) && value >= 1 && value <= MAX_SEQ;
}

function isOpValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number';
}

function isChanges(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.every(
    (row) =>
      Array.isArray(row) &&
      row.length === 2 &&
      typeof row[0] === 'string' &&
      isObject(row[1]) &&
      Object.values(row[1]).every(
        (op) =>
          isOpValue(op) ||
          (Array.isArray(op) &&
            op.length === 2 &&
            isOpValue(op[0]) &&
            (op[1] === null || typeof op[1] === 'string')),
      ),
  );
}

function toEntry(value: JsonObject): ChangeEntry | null {
  const { device, seq, lastSeq, hlc, table, changes, schemaV } = value;
  if (
    typeof device !== 'string' ||
    !isSeq(seq) ||
    !isSeq(lastSeq) ||
    lastSeq < seq ||
    typeof hlc !== 'string' ||
    typeof table !== 'string' ||
    !isCount(schemaV) ||
    !isChanges(changes)
  ) {
    return null;
  }
  return { device, seq, lastSeq, hlc, table, changes: changes as ChangeEntry['changes'], schemaV };
}

function toHeader(value: JsonObject): SegmentHeader | null {
  const { device, from, to, entries, length, schemaV } = value;
  if (
    typeof device !== 'string' ||
    !isDeviceId(device) ||
    !isSeq(from) ||
    !isSeq(to) ||
    to < from ||
    !isCount(entries) ||
    entries < 1 ||
    !isCount(length) ||
    !isCount(schemaV)
  ) {
    return null;
  }
  return { device, from, to, entries, length, schemaV };
}

/** What the file's name and folder say it holds; the content must agree. */
export interface SegmentExpectation {
  device: string;
  from: number;
  to: number;
}

/** Read a segment's bytes: its entries if it is complete, intact and what its name says. */
export function decodeSegment(
  buf: Buffer,
  expected: SegmentExpectation,
): { header: SegmentHeader; entries: ChangeEntry[] } | Damaged {
  const head = readHead(buf, 'SEGMENT', SEGMENT_VERSION);
  if (head instanceof Damaged) return head;
  const header = toHeader(head.header);
  if (!header) return new Damaged('its header is incomplete or has wrong types');
  if (
    header.device !== expected.device ||
    header.from !== expected.from ||
    header.to !== expected.to
  ) {
    return new Damaged(
      `its header says device ${header.device} seqs ${header.from}–${header.to}, its name and folder say device ${expected.device} seqs ${expected.from}–${expected.to}`,
    );
  }
  const bodyEnd = head.bodyStart + header.length;
  if (bodyEnd > buf.length) {
    return new Damaged(
      `it is cut short: ${buf.length - head.bodyStart} of ${header.length} body bytes`,
    );
  }
  const body = buf.subarray(head.bodyStart, bodyEnd);
  const trailer = readTrailer(buf.subarray(bodyEnd));
  if (trailer instanceof Damaged) return trailer;
  if (trailer.entries !== header.entries || trailer.length !== header.length) {
    return new Damaged('its header and trailer disagree');
  }
  const bad = checkBody(body, trailer);
  if (bad) return bad;

  if (body.length === 0 || body[body.length - 1] !== 0x0a) {
    return new Damaged('its body does not end with a newline');
  }
  const lines = body
    .subarray(0, body.length - 1)
    .toString('utf8')
    .split('\n');
  if (lines.length !== header.entries) {
    return new Damaged(`it has ${lines.length} entry lines, its header says ${header.entries}`);
  }
  const entries: ChangeEntry[] = [];
  for (const [i, line] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return new Damaged(`entry ${i + 1} is not valid JSON`);
    }
    const entry = isObject(value) ? toEntry(value) : null;
    if (!entry) return new Damaged(`entry ${i + 1} is not a change entry`);
    if (entry.device !== header.device) {
      return new Damaged(`entry ${i + 1} is of device ${entry.device}`);
    }
    const previous = entries[entries.length - 1];
    const want = previous ? previous.lastSeq + 1 : header.from;
    if (entry.seq !== want) {
      return new Damaged(`entry ${i + 1} starts at seq ${entry.seq} instead of ${want}`);
    }
    entries.push(entry);
  }
  if (entries[entries.length - 1]!.lastSeq !== header.to) {
    return new Damaged(
      `its entries end at seq ${entries[entries.length - 1]!.lastSeq}, not ${header.to}`,
    );
  }
  return { header, entries };
}
