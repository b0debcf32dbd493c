import { round3 } from './clock';

/** What a format parser hands over: one stretch of speech, before cleaning and roles. */
export interface RawSegment {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

/** The name given to speech whose speaker the file does not name. */
export const UNNAMED_SPEAKER = 'Speaker';

/**
 * Times of untimed text are estimated at 160 words per minute, a usual conversational pace
 * (sales reps average ~173 wpm in Gong's figures; customers speak slower).
 */
export const WORDS_PER_MINUTE = 160;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** How long the words take to say at `WORDS_PER_MINUTE`. */
export function speakingSeconds(text: string): number {
  return (countWords(text) * 60) / WORDS_PER_MINUTE;
}

/**
 * The rules every format ends with:
 * - text has its whitespace collapsed and trimmed; a segment with no letter or digit left
 *   (empty, "…", "-") is dropped: it is not speech;
 * - times are rounded to the millisecond;
 * - a segment that ends before it starts (a typo in a hand-edited subtitle, usually) keeps its
 *   start and its text, and gets the end its words would take at 160 wpm: dropping it would lose
 *   what was said, swapping the times would move it elsewhere in the call;
 * - segments are sorted by start; equal starts keep the file's order;
 * - consecutive segments of one speaker stay separate (the scorer merges them), and overlapping
 *   segments stay as they are: overlap is people talking at once, which the scorer reads as
 *   interruptions.
 * Negative or unreadable times never get here: each parser rejects them with the place they are.
 */
export function normaliseSegments(raw: RawSegment[]): RawSegment[] {
  const segments: RawSegment[] = [];
  for (const segment of raw) {
    const text = segment.text.replace(/\s+/g, ' ').trim();
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    const speaker = segment.speaker.replace(/\s+/g, ' ').trim() || UNNAMED_SPEAKER;
    const start = round3(segment.start);
    const end =
      segment.end >= segment.start ? round3(segment.end) : round3(start + speakingSeconds(text));
    segments.push({ speaker, start, end, text });
  }
  return segments.sort((a, b) => a.start - b.start);
}
