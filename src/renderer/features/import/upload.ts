/** Getting a file to the core: read it as text and send it in chunks. */
import { MAX_IMPORT_FILE_CHARS, type ImportKind } from '../../../shared/contract';
import { api } from '../../api';
import { decodeText, splitText } from './text';

export class FileTooLargeError extends Error {
  constructor(chars: number) {
    super(
      `This file is too large to import: ${Math.round(chars / 1024 / 1024)} MB of text, at most ${MAX_IMPORT_FILE_CHARS / 1024 / 1024} MB fit. Split it into smaller files and import them one by one.`,
    );
    this.name = 'FileTooLargeError';
  }
}

/** Upload a file for import; `onProgress` gets the share sent so far (0–1). */
export async function uploadFile(
  file: File,
  kind: ImportKind,
  onProgress: (share: number) => void,
): Promise<string> {
  const text = decodeText(new Uint8Array(await file.arrayBuffer()));
  if (text.length > MAX_IMPORT_FILE_CHARS) throw new FileTooLargeError(text.length);
  const { importId } = await api.import.start({ kind, filename: file.name || 'file.csv' });
  try {
    let sent = 0;
    onProgress(0);
    for (const chunk of splitText(text)) {
      await api.import.append({ importId, text: chunk });
      sent += chunk.length;
      onProgress(text.length === 0 ? 1 : sent / text.length);
    }
    return importId;
  } catch (error) {
    // Half a file is of no use to anyone: let the core forget it.
    api.import.cancel({ importId }).catch(() => undefined);
    throw error;
  }
}
