/**
 * A transcript made ready for scoring: clean segments in time order, their sentences with
 * estimated times, and the turns (same-speaker segments closer than the merge gap). Every
 * dimension reads this, so the rules about what counts as speech live in one place.
 */
import type { ScoringConfig } from './config';
import { countWords, splitSentences } from './text';
import type { Transcript } from './types';

export type Side = 'rep' | 'customer';

export interface Segment {
  speaker: string;
  side: Side;
  start: number;
  end: number;
  text: string;
  words: number;
}

export interface Sentence {
  speaker: string;
  side: Side;
  start: number;
  end: number;
  text: string;
  words: number;
  /** Where it falls in the call, 0..1: by time, or by words when the transcript has no times. */
  position: number;
  /** Its segment's index in `Call.segments`. */
  segment: number;
}

export interface Turn {
  speaker: string;
  side: Side;
  start: number;
  end: number;
  words: number;
  text: string;
}

/** Shorter than this, a line has no length in time (a caption stamp, a rounding artefact). */
export const MIN_SEGMENT_SECONDS = 0.01;

export function lasts(segment: { start: number; end: number }): boolean {
  return segment.end - segment.start >= MIN_SEGMENT_SECONDS;
}

export interface Call {
  config: ScoringConfig;
  /** Time order, non-empty text, `0 <= start <= end`. */
  segments: Segment[];
  /** The segments that last (see `lasts`): the only ones time-based dimensions use. */
  lasting: Segment[];
  sentences: Sentence[];
  /**
   * Who held the floor, in time order: segments that last, without backchannels
   * said over someone else, merged per speaker across gaps under the merge gap.
   */
  turns: Turn[];
  /** True when the transcript has real times and some speech lasts: time-based dimensions apply. */
  hasTimes: boolean;
  start: number;
  end: number;
  /** Seconds from the first segment's start to the last one's end (0 without times). */
  duration: number;
  totalWords: number;
  repWords: number;
  customerWords: number;
  /** Seconds of speech per side, overlap counted once per speaker (0 without times). */
  repSeconds: number;
  customerSeconds: number;
}

/**
 * The rep side is every segment whose role is `rep`; everyone else (one customer or several) is
 * the customer side.
 */
export function prepareCall(transcript: Transcript, config: ScoringConfig): Call {
  const segments: Segment[] = [];
  for (const raw of transcript.segments) {
    const text = typeof raw.text === 'string' ? raw.text.trim() : '';
    const words = countWords(text);
    if (words === 0) continue;
    let start = Number.isFinite(raw.start) ? Math.max(0, raw.start) : 0;
    let end = Number.isFinite(raw.end) ? Math.max(0, raw.end) : start;
    if (end < start) [start, end] = [end, start];
    segments.push({
      speaker: String(raw.speaker),
      side: raw.role === 'rep' ? 'rep' : 'customer',
      start,
      end,
      text,
      words,
    });
  }
  // Stable: segments that start together keep the file's order.
  segments.sort((a, b) => a.start - b.start);

  const lasting = segments.filter(lasts);
  const start = segments[0]?.start ?? 0;
  const end = segments.reduce((latest, segment) => Math.max(latest, segment.end), start);
  const hasTimes = transcript.timed && lasting.length > 0;
  const duration = hasTimes ? end - start : 0;
  const totalWords = segments.reduce((sum, segment) => sum + segment.words, 0);

  const sentences: Sentence[] = [];
  let wordsBefore = 0;
  segments.forEach((segment, index) => {
    const span = segment.end - segment.start;
    for (const piece of splitSentences(segment.text)) {
      const from = segment.start + (span * piece.firstWord) / segment.words;
      const to = segment.start + (span * (piece.firstWord + piece.words)) / segment.words;
      const position = hasTimes
        ? (from - start) / duration
        : totalWords > 0
          ? (wordsBefore + piece.firstWord) / totalWords
          : 0;
      sentences.push({
        speaker: segment.speaker,
        side: segment.side,
        start: from,
        end: to,
        text: piece.text,
        words: piece.words,
        position: Math.min(1, Math.max(0, position)),
        segment: index,
      });
    }
    wordsBefore += segment.words;
  });

  // Who holds the floor: a short line ("mm-hmm") said while someone else is talking is a
  // backchannel, not a turn; the rest merges per speaker across gaps under the merge gap.
  const turns: Turn[] = [];
  const talkingUntil = new Map<string, number>();
  for (const segment of lasting) {
    let othersUntil = 0;
    for (const [speaker, until] of talkingUntil) {
      if (speaker !== segment.speaker) othersUntil = Math.max(othersUntil, until);
    }
    if (segment.words <= config.rules.backchannelMaxWords && segment.start < othersUntil) continue;
    talkingUntil.set(
      segment.speaker,
      Math.max(talkingUntil.get(segment.speaker) ?? 0, segment.end),
    );
    const last = turns.at(-1);
    if (
      last !== undefined &&
      last.speaker === segment.speaker &&
      segment.start - last.end < config.rules.mergeGapSeconds
    ) {
      last.end = Math.max(last.end, segment.end);
      last.words += segment.words;
      last.text += ` ${segment.text}`;
    } else {
      turns.push({ ...segment });
    }
  }

  return {
    config,
    segments,
    lasting,
    sentences,
    turns,
    hasTimes,
    start,
    end,
    duration,
    totalWords,
    repWords: segments.filter((s) => s.side === 'rep').reduce((sum, s) => sum + s.words, 0),
    customerWords: segments
      .filter((s) => s.side === 'customer')
      .reduce((sum, s) => sum + s.words, 0),
    repSeconds: hasTimes ? speechSeconds(lasting, 'rep') : 0,
    customerSeconds: hasTimes ? speechSeconds(lasting, 'customer') : 0,
  };
}

/** Seconds of speech of one side, overlap counted once per speaker. */
function speechSeconds(lasting: Segment[], side: Side): number {
  const bySpeaker = new Map<string, [number, number][]>();
  for (const segment of lasting) {
    if (segment.side !== side) continue;
    const list = bySpeaker.get(segment.speaker) ?? [];
    list.push([segment.start, segment.end]);
    bySpeaker.set(segment.speaker, list);
  }
  let total = 0;
  for (const intervals of bySpeaker.values()) {
    // Already in start order: segments are sorted.
    let [from, to] = intervals[0]!;
    for (const [start, end] of intervals.slice(1)) {
      if (start > to) {
        total += to - from;
        [from, to] = [start, end];
      } else {
        to = Math.max(to, end);
      }
    }
    total += to - from;
  }
  return total;
}

/** "12:05" or "1:02:05": a time in the call as the transcript view shows it. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "45 s", "2 min 30 s", "4 min". */
export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** Where a moment is, for a sentence: "at 12:05", or "about 40% into the call" without times. */
export function when(call: Call, moment: { start: number; position: number }): string {
  return call.hasTimes
    ? `at ${clock(moment.start)}`
    : `about ${Math.round(moment.position * 100)}% into the call`;
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** "1 question", "3 questions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
