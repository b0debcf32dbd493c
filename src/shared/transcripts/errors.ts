import type { TranscriptFormat } from '../scoring/types';

/** How each format is named to a person ("Read as WebVTT: …"). */
export const FORMAT_LABELS: Record<TranscriptFormat, string> = {
  deepgram: 'Deepgram JSON',
  assemblyai: 'AssemblyAI JSON',
  aws: 'AWS Transcribe JSON',
  webvtt: 'WebVTT',
  srt: 'SRT',
  text: 'plain text',
};

/** Where a file broke: a line (text formats) or a JSON path such as `results.utterances[3].start`. */
export interface ErrorPlace {
  line?: number;
  path?: string;
}

/**
 * A file that cannot be read as a transcript. The message names the format it was read as and the
 * place it broke, e.g. "Read as WebVTT: line 14: the cue time '00:01:xx.000 --> 00:01:09.000' is
 * not a time", so a person can open the file and fix it.
 */
export class TranscriptError extends Error {
  override readonly name = 'TranscriptError';
  /** The format the file was read as; null when it was not recognised as any (or is empty). */
  readonly format: TranscriptFormat | null;
  /** `line 14`, or a JSON path; null when the problem is the file as a whole. */
  readonly where: string | null;
  /** The line number, for text formats and for broken JSON. */
  readonly line: number | null;

  /**
   * @param label what the file was read as, when that is not a format's own name (e.g. 'JSON'
   *   before we know whose JSON it is); without a format or a label the message is the problem.
   */
  constructor(
    format: TranscriptFormat | null,
    problem: string,
    place: ErrorPlace = {},
    label: string | null = format ? FORMAT_LABELS[format] : null,
  ) {
    const where = place.path ?? (place.line !== undefined ? `line ${place.line}` : null);
    const detail = where ? `${where}: ${problem}` : problem;
    super(label ? `Read as ${label}: ${detail}` : detail.charAt(0).toUpperCase() + detail.slice(1));
    this.format = format;
    this.where = where;
    this.line = place.line ?? null;
  }
}

/** A value as it appears in the file, short enough for a message. */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 48 ? `${text.slice(0, 45)}…` : text;
}
