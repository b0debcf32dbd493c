/**
 * A file as text whatever the spreadsheet saved it as, cut into chunks small enough for the
 * browser host's 1 MiB frames.
 */
import { MAX_IMPORT_CHUNK_CHARS, MAX_SOCKET_MESSAGE_BYTES } from '../../../shared/contract';

export { decodeText } from '../../../shared/text';

/** Room for the call around the text: method name, ids, JSON punctuation. */
const ENVELOPE_BYTES = 4 * 1024;
const encoder = new TextEncoder();

/**
 * Split text into chunks of at most `maxChars` characters whose JSON encoding stays under
 * `maxBytes`: quotes, line breaks and non-Latin letters take more than one byte each, so a chunk
 * of a quoted CSV can be twice its length on the wire. Never splits a surrogate pair.
 */
export function splitText(
  text: string,
  maxChars = MAX_IMPORT_CHUNK_CHARS,
  maxBytes = MAX_SOCKET_MESSAGE_BYTES - ENVELOPE_BYTES,
): string[] {
  const chunks: string[] = [];
  let size = maxChars;
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - at > 1 && last >= 0xd800 && last <= 0xdbff) end -= 1;
    const chunk = text.slice(at, end);
    if (end - at > 1 && encoder.encode(JSON.stringify(chunk)).length > maxBytes) {
      size = Math.max(1, Math.floor((end - at) / 2));
      continue;
    }
    chunks.push(chunk);
    at = end;
    size = maxChars;
  }
  return chunks;
}
