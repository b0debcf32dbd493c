/**
 * SubRip (.srt) subtitles: a cue number, `00:00:01,000 --> 00:00:04,000`, then the text, with the
 * speaker in front (`Sam Rivera: Hello`). A cue without a name continues the previous speaker;
 * before anyone is named, it is "Speaker". A missing cue number is tolerated (some tools omit it).
 */
import { TranscriptError } from './errors';
import { blocks, cueTimes, plainCueText, speakCues, type Cue } from './captions';
import type { RawSegment } from './normalise';

export function parseSrt(text: string): RawSegment[] {
  const cues: Cue[] = [];
  for (const block of blocks(text)) {
    const first = block[0]!;
    let timeIndex = 0;
    if (!first.text.includes('-->')) {
      if (!/^\d+$/.test(first.text)) {
        throw new TranscriptError(
          'srt',
          `expected a cue number, found '${first.text.slice(0, 40)}'`,
          { line: first.number },
        );
      }
      timeIndex = 1;
    }
    const timeLine = block[timeIndex];
    if (!timeLine || !timeLine.text.includes('-->')) {
      throw new TranscriptError(
        'srt',
        `cue ${first.text} has no time: expected 'hh:mm:ss,mmm --> hh:mm:ss,mmm', found '${timeLine?.text.slice(0, 40) ?? 'nothing'}'`,
        {
          line: timeLine?.number ?? first.number + 1,
        },
      );
    }
    const times = cueTimes(timeLine, 'srt');
    const body = block
      .slice(timeIndex + 1)
      .map((line) => plainCueText(line.text))
      .join(' ');
    cues.push({ ...times, parts: [{ speaker: null, text: body }] });
  }
  return speakCues(cues);
}
