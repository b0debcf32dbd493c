/**
 * Files being imported, held in memory between `import.start` and the end of `import.run`. The
 * browser sends a file in chunks (its transport refuses large frames), so the core collects them
 * here; nothing of an upload touches the database until it is run.
 */
import { ApiError, MAX_IMPORT_FILE_CHARS, type ImportKind } from '../../shared/contract';
import { newId } from '../../shared/ids';
import { parseCsv, type ParsedCsv } from './parse';

export interface Upload {
  readonly id: string;
  readonly kind: ImportKind;
  readonly filename: string;
  chunks: string[];
  chars: number;
  /** Read once, on the first preview or run; the text is dropped then. */
  parsed: ParsedCsv | null;
  running: boolean;
  touchedAt: number;
}

/** Uploads kept at once; a forgotten one is dropped when a new one starts. */
const MAX_UPLOADS = 4;
/** An upload nobody touched for this long is dropped when a new one starts. */
const IDLE_MS = 60 * 60_000;

const megabytes = (chars: number) => `${Math.round(chars / (1024 * 1024))} MB`;

export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number) {}

  start(kind: ImportKind, filename: string): Upload {
    this.prune();
    const upload: Upload = {
      id: newId(),
      kind,
      filename,
      chunks: [],
      chars: 0,
      parsed: null,
      running: false,
      touchedAt: this.now(),
    };
    this.uploads.set(upload.id, upload);
    return upload;
  }

  /** The upload, or an error naming the field that points at a missing one. */
  get(id: string, method: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) {
      throw new ApiError(
        'not_found',
        `${method}: importId: there is no import ${id}; it was cancelled, already imported, or the app restarted since. Upload the file again.`,
        'importId',
      );
    }
    upload.touchedAt = this.now();
    return upload;
  }

  append(id: string, text: string): number {
    const upload = this.get(id, 'import.append');
    if (upload.parsed) {
      throw new ApiError(
        'conflict',
        'import.append: importId: the file was already read; start a new import to upload another',
        'importId',
      );
    }
    if (upload.chars + text.length > MAX_IMPORT_FILE_CHARS) {
      this.uploads.delete(id);
      throw new ApiError(
        'invalid_input',
        `import.append: text: the file is too large to import: at most ${megabytes(MAX_IMPORT_FILE_CHARS)} of text (about ${megabytes(upload.chars + text.length)} received). Split it into smaller files and import them one by one.`,
        'text',
      );
    }
    upload.chunks.push(text);
    upload.chars += text.length;
    return upload.chars;
  }

  /** The file as CSV, parsed on first use; its text is let go once parsed. */
  parsed(upload: Upload): ParsedCsv {
    if (!upload.parsed) {
      const text = upload.chunks.join('');
      upload.parsed = parseCsv(text);
      upload.chunks = [];
    }
    return upload.parsed;
  }

  forget(id: string): void {
    this.uploads.delete(id);
  }

  private prune(): void {
    const idle = [...this.uploads.values()]
      .filter((upload) => !upload.running)
      .sort((a, b) => a.touchedAt - b.touchedAt);
    for (const upload of idle) {
      if (this.uploads.size < MAX_UPLOADS && this.now() - upload.touchedAt < IDLE_MS) break;
      this.uploads.delete(upload.id);
    }
  }
}
