/**
 * Text as spreadsheets save it: UTF-8 (with or without a BOM), UTF-16 ("Unicode text" in Excel),
 * or the Windows-1252 of older Excel versions when the bytes are not UTF-8. The CLI reads files
 * with it, the renderer reads dropped files with it.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
