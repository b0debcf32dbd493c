/**
 * WebVTT captions. Microsoft Teams names speakers with voice tags (`<v Sam Rivera>Hello</v>`),
 * Zoom writes `Sam Rivera: Hello`. NOTE, STYLE and REGION blocks are skipped; cue settings after
 * the times (`align:start`) are ignored. A cue with several voices gives one segment per voice,
 * all with the cue's times (people talking at once).
 */
import { TranscriptError } from './errors';
import { blocks, cueTimes, plainCueText, speakCues, type Cue, type CuePart } from './captions';
import type { RawSegment } from './normalise';

const VOICE = /<v(?:\.[^\s>]*)?\s+([^>]*)>/g;

export function parseWebVtt(text: string): RawSegment[] {
  const [header, ...rest] = blocks(text);
  if (!header || !/^WEBVTT(?:[ \t]|$)/.test(header[0]!.text)) {
    throw new TranscriptError(
      'webvtt',
      `a WebVTT file starts with 'WEBVTT', this one with '${header?.[0]?.text.slice(0, 30) ?? ''}'`,
      {
        line: header?.[0]?.number ?? 1,
      },
    );
  }
  // The header block may carry metadata lines, and in old files the first cue right after it.
  const inHeader = header.findIndex((line) => line.text.includes('-->'));
  const cueBlocks = inHeader > 0 ? [header.slice(Math.max(1, inHeader - 1)), ...rest] : rest;
  const cues: Cue[] = [];
  for (const block of cueBlocks) {
    if (/^(NOTE|STYLE|REGION)(?:\s|$)/.test(block[0]!.text)) continue;
    const timeIndex = block.findIndex((line) => line.text.includes('-->'));
    if (timeIndex < 0 || timeIndex > 1) {
      const line = block[0]!;
      throw new TranscriptError(
        'webvtt',
        `expected a cue time 'hh:mm:ss.mmm --> hh:mm:ss.mmm', found '${line.text.slice(0, 40)}'`,
        {
          line: line.number,
        },
      );
    }
    const times = cueTimes(block[timeIndex]!, 'webvtt');
    const body = block
      .slice(timeIndex + 1)
      .map((line) => line.text)
      .join(' ');
    cues.push({ ...times, parts: voices(body) });
  }
  return speakCues(cues);
}

/** `<v Sam>Hi</v> <v Jo>Hello</v>` → one part per voice; text before any voice has no speaker. */
function voices(body: string): CuePart[] {
  const parts: CuePart[] = [];
  let speaker: string | null = null;
  let from = 0;
  for (const match of body.matchAll(VOICE)) {
    parts.push({ speaker, text: plainCueText(body.slice(from, match.index)) });
    speaker = plainCueText(match[1]!).trim() || null;
    from = match.index + match[0].length;
  }
  parts.push({ speaker, text: plainCueText(body.slice(from)) });
  // Drop the empty stretches around voice tags; keep one part when there is no text at all.
  const spoken = parts.filter((part) => part.text.trim() !== '');
  return spoken.length > 0 ? spoken : parts.slice(-1);
}
