/**
 * Transcript import (issue 7, DESIGN §3 "Call scoring"): a file from Deepgram, AssemblyAI, AWS
 * Transcribe, a WebVTT or SRT caption file, or plain `Name: words` text becomes a `Transcript` of
 * segments `{ speaker, role, start, end, text }` in seconds. Pure code: it runs in the core, the
 * CLI and the renderer. The rules every format ends with are in `normalise.ts`; how the rep is
 * recognised, in `rep.ts`.
 */
import type { Transcript, TranscriptFormat } from '../scoring/types';
import { readAssemblyAi } from './assemblyai';
import { readAws } from './aws';
import { readDeepgram } from './deepgram';
import { TranscriptError } from './errors';
import { isObject, parseJson, type JsonObject } from './json';
import { normaliseSegments, type RawSegment } from './normalise';
import { assignRep, recogniseRep, type TeamMember } from './rep';
import { parseSrt } from './srt';
import { parseText } from './text';
import { parseWebVtt } from './webvtt';

export { FORMAT_LABELS, TranscriptError } from './errors';
export { assignRep, findRepInTeam, recogniseRep, type RepEvidence, type TeamMember } from './rep';

type JsonFormat = 'deepgram' | 'assemblyai' | 'aws';

export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = [
  'deepgram',
  'assemblyai',
  'aws',
  'webvtt',
  'srt',
  'text',
];

export interface ParseTranscriptOptions {
  /** Read the file as this format instead of detecting it; a file that does not fit fails. */
  format?: TranscriptFormat;
  /** The file's name: its extension is a hint when the content alone does not say. */
  filename?: string;
  /** The team's names and emails, to recognise the rep among the speakers. */
  team?: TeamMember[];
  /** The rep, as a person chose them: wins over the team list. */
  repSpeaker?: string;
}

const JSON_READERS: Record<JsonFormat, (root: unknown) => RawSegment[]> = {
  deepgram: readDeepgram,
  assemblyai: readAssemblyAi,
  aws: readAws,
};

/**
 * Reads a transcript file. Throws a `TranscriptError` naming the format tried and where the file
 * broke when it cannot be read, and a RangeError when `repSpeaker` is not one of its speakers.
 */
export function parseTranscript(text: string, options: ParseTranscriptOptions = {}): Transcript {
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '')
    throw new TranscriptError(
      options.format ?? null,
      'the file is empty: there is no transcript in it',
    );

  const read = readAs(content, options.format ?? detectTextFormat(content, options.filename));
  const { format, timed } = read;
  const segments = normaliseSegments(read.segments);
  if (segments.length === 0) throw new TranscriptError(format, 'there is no spoken text in it');
  const speakers = [...new Set(segments.map((segment) => segment.speaker))];
  const transcript: Transcript = {
    format,
    speakers,
    repSpeaker: null,
    timed,
    segments: segments.map((segment) => ({ ...segment, role: 'customer' })),
  };
  if (options.repSpeaker !== undefined) return assignRep(transcript, options.repSpeaker);
  return assignRep(transcript, recogniseRep(segments, speakers, options.team ?? []).speaker);
}

/** The file read as `format` ('json': whichever service's JSON it turns out to be). */
function readAs(
  content: string,
  format: TranscriptFormat | 'json',
): { format: TranscriptFormat; segments: RawSegment[]; timed: boolean } {
  if (format === 'webvtt') return { format, segments: parseWebVtt(content), timed: true };
  if (format === 'srt') return { format, segments: parseSrt(content), timed: true };
  if (format === 'text') return { format, ...parseText(content) };
  const root = parseJson(content, format === 'json' ? null : format);
  const jsonFormat = format === 'json' ? detectJsonFormat(root) : format;
  return { format: jsonFormat, segments: JSON_READERS[jsonFormat](root), timed: true };
}

/**
 * The format of a file, from its content first and its extension when the content alone does
 * not say: JSON (then whose, by its keys), a WEBVTT header, SubRip cues; else `.json`, `.vtt`,
 * `.srt`; else plain text. Throws a TranscriptError for JSON of no service we read.
 */
export function detectFormat(text: string, filename?: string): TranscriptFormat {
  const content = text.replace(/^\uFEFF/, '');
  const format = detectTextFormat(content, filename);
  return format === 'json' ? detectJsonFormat(parseJson(content, null)) : format;
}

function detectTextFormat(content: string, filename = ''): TranscriptFormat | 'json' {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const start = content.trimStart();
  if (/^(\{|\[\s*[{\]])/.test(start) || extension === 'json') return 'json';
  if (/^WEBVTT(?:[ \t]|\r?\n|$)/.test(start)) return 'webvtt';
  const [first = '', second = ''] = start.split(/\r?\n/, 2).map((line) => line.trim());
  // Cues without the WEBVTT header: SubRip, or captions saved as .vtt without it (read alike).
  if (first.includes('-->') || (/^\d+$/.test(first) && second.includes('-->'))) return 'srt';
  if (extension === 'vtt') return 'webvtt';
  if (extension === 'srt') return 'srt';
  return 'text';
}

/** Whose JSON: AWS (`results.speaker_labels`…), Deepgram (`results.utterances`/`channels`), AssemblyAI (`utterances`). */
function detectJsonFormat(root: unknown): JsonFormat {
  const object: JsonObject = isObject(root) ? root : {};
  const results = isObject(object.results) ? object.results : {};
  if (
    typeof object.jobName === 'string' ||
    ['speaker_labels', 'audio_segments', 'transcripts', 'items'].some((key) => key in results)
  ) {
    return 'aws';
  }
  if ('utterances' in results || 'channels' in results) return 'deepgram';
  if ('utterances' in object || ('audio_duration' in object && 'words' in object))
    return 'assemblyai';
  throw new TranscriptError(
    null,
    'not a transcript from Deepgram (results.utterances), AssemblyAI (utterances) or AWS Transcribe (results.speaker_labels)',
    {},
    'JSON',
  );
}
