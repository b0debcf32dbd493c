/**
 * The frame shared by segments and snapshots: a magic line, a JSON header line, a body, and a
 * trailer line `END {…}` that carries the body's length and SHA-256. A file is used only when all
 * of it is there and intact; otherwise a reader says why, in words.
 */
import { createHash } from 'node:crypto';
import { isDeviceId } from '../../../shared/hlc';
import type { SeqVector } from '../types';

const NEWLINE = 0x0a;
const TRAILER_PREFIX = 'END ';

/** A file that cannot be used, and why (shown to a person in the sync status). */
export class Damaged {
  constructor(readonly reason: string) {}
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** A seq per device id, or null. */
export function toSeqVector(value: unknown): SeqVector | null {
  if (!isObject(value)) return null;
  for (const [device, seq] of Object.entries(value)) {
    if (!isDeviceId(device) || !isCount(seq)) return null;
  }
  return value as SeqVector;
}

function parseJsonLine(bytes: Uint8Array, what: string): JsonObject | Damaged {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return isObject(value) ? value : new Damaged(`its ${what} is not a JSON object`);
  } catch {
    return new Damaged(`its ${what} is not valid JSON`);
  }
}

export function magicLine(kind: string, version: number): string {
  return `COCKPIT-${kind} ${version}`;
}

/**
 * Check the magic line (`COCKPIT-<kind> <version>`) and parse the header line after it. Returns
 * the header and the offset where the body starts.
 */
export function readHead(
  buf: Buffer,
  kind: string,
  version: number,
): { header: JsonObject; bodyStart: number } | Damaged {
  if (buf.length === 0) return new Damaged('it is empty');
  const magicEnd = buf.indexOf(NEWLINE);
  const magic = buf.subarray(0, magicEnd === -1 ? Math.min(buf.length, 64) : magicEnd);
  const text = magic.toString('latin1');
  const expected = magicLine(kind, version);
  if (text !== expected) {
    const other = new RegExp(`^COCKPIT-${kind} (\\d+)$`).exec(text);
    if (other && Number(other[1]) > version) {
      return new Damaged(
        `it was written in format ${other[1]} by a newer version of the app; update the app to read it`,
      );
    }
    if (magic.every((byte) => byte === 0)) return new Damaged('it is filled with zero bytes');
    return new Damaged(`it does not start with "${expected}"`);
  }
  const headerEnd = buf.indexOf(NEWLINE, magicEnd + 1);
  if (headerEnd === -1) return new Damaged('it is cut short inside its header');
  const header = parseJsonLine(buf.subarray(magicEnd + 1, headerEnd), 'header');
  if (header instanceof Damaged) return header;
  return { header, bodyStart: headerEnd + 1 };
}

/** Parse `END {…}\n`, which must be exactly the rest of the file. */
export function readTrailer(bytes: Buffer): JsonObject | Damaged {
  if (bytes.length === 0) return new Damaged('it is cut short: the trailer is missing');
  if (bytes.subarray(0, TRAILER_PREFIX.length).toString('latin1') !== TRAILER_PREFIX) {
    return new Damaged('its trailer does not start with "END"');
  }
  const end = bytes.indexOf(NEWLINE);
  if (end === -1) return new Damaged('it is cut short inside its trailer');
  if (end !== bytes.length - 1) return new Damaged('it has bytes after its trailer');
  return parseJsonLine(bytes.subarray(TRAILER_PREFIX.length, end), 'trailer');
}

export function trailerLine(fields: JsonObject): string {
  return `${TRAILER_PREFIX}${JSON.stringify(fields)}\n`;
}

/** Length and checksum of a body against what the trailer says. */
export function checkBody(body: Buffer, trailer: JsonObject): Damaged | null {
  if (trailer.length !== body.length) {
    return new Damaged(
      `its body is ${body.length} bytes, the trailer says ${String(trailer.length)}`,
    );
  }
  if (typeof trailer.sha256 !== 'string' || trailer.sha256 !== sha256Hex(body)) {
    return new Damaged('its checksum does not match its content');
  }
  return null;
}
