/**
 * What WebVTT and SRT share: blocks of lines separated by blank lines, a cue time line
 * `start --> end`, markup in the cue text, and speakers named in front of the words or not at all.
 */
import type { TranscriptFormat } from '../scoring/types';
import { parseClock } from './clock';
import { TranscriptError } from './errors';
import { countPrefixes, isSpeakerName, splitNamePrefix } from './names';
import { UNNAMED_SPEAKER, type RawSegment } from './normalise';

export interface Line {
  /** 1-based, as an editor shows it. */
  number: number;
  text: string;
}

/** The file's lines in groups separated by blank lines. */
export function blocks(text: string): Line[][] {
  const groups: Line[][] = [];
  let current: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === '') {
      if (current.length > 0) groups.push(current);
      current = [];
    } else current.push({ number: index + 1, text: raw.trim() });
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

/** `00:01:02.500 --> 00:01:05.000 align:start` → its two times, or a TranscriptError on that line. */
export function cueTimes(line: Line, format: TranscriptFormat): { start: number; end: number } {
  const match = /^(\S+)\s*-->\s*(\S+)/.exec(line.text);
  const start = match ? parseClock(match[1]!) : null;
  const end = match ? parseClock(match[2]!) : null;
  if (start === null || end === null) {
    const shown = match ? `${match[1]} --> ${match[2]}` : line.text;
    throw new TranscriptError(
      format,
      `the cue time '${shown}' is not a time (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)`,
      {
        line: line.number,
      },
    );
  }
  return { start, end };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/** Cue text without styling tags (`<i>`, `<c.yellow>`, `<00:00:01.000>`, `{\an8}`) or entities. */
export function plainCueText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/** One speaker's words in a cue; `speaker` is null when the markup names nobody. */
export interface CuePart {
  speaker: string | null;
  text: string;
}

export interface Cue {
  start: number;
  end: number;
  parts: CuePart[];
}

/**
 * Gives every part a speaker: its own (`<v Name>`), else a `Name:` prefix that passes as a name,
 * else the previous cue's speaker (a long turn split over cues), else "Speaker".
 */
export function speakCues(cues: Cue[]): RawSegment[] {
  const unnamed = cues.flatMap((cue) => cue.parts.filter((part) => part.speaker === null));
  const counts = countPrefixes(unnamed.map((part) => part.text));
  const segments: RawSegment[] = [];
  let previous: string | null = null;
  for (const cue of cues) {
    for (const part of cue.parts) {
      let { speaker, text } = part;
      if (speaker === null) {
        const prefix = splitNamePrefix(text);
        if (prefix && isSpeakerName(prefix.name, counts.get(prefix.name) ?? 0)) {
          speaker = prefix.name;
          text = prefix.text;
        }
      }
      speaker ??= previous ?? UNNAMED_SPEAKER;
      previous = speaker;
      segments.push({ speaker, start: cue.start, end: cue.end, text });
    }
  }
  return segments;
}
