/**
 * Plain-text transcripts: one turn per `Name: words` line, with or without a time stamp:
 *   `[01:02] Sam Rivera: …`, `(1:02:03) Sam: …`, `01:02 Sam: …`, `Sam Rivera [01:02]: …`,
 *   and Otter's layout, the name and time on a line of their own and the words below
 *   (`Sam Rivera  1:02`). A stamp alone on a line times the turn after it.
 * Lines without a name continue the turn before; lines before the first turn (a title, a date)
 * are left out.
 *
 * Times: a stamped turn starts at its stamp and ends when the next turn starts, but lasts no
 * longer than its words take at 80 words a minute (half the usual pace), so a long silence is not
 * counted as talk; the last turn gets its words' time at 160 wpm. Turns sharing one stamp (stamps
 * to the second, quick replies) split the time to the next stamp by their words, so they do not
 * all start at once. A turn without a stamp among stamped ones starts when the turn before would
 * end at 160 wpm. A file without any stamp is timed at 160 wpm from 0, and is marked untimed.
 */
import { parseClock } from './clock';
import { TranscriptError } from './errors';
import { countPrefixes, isNameShaped, isSpeakerName, splitNamePrefix } from './names';
import { countWords, speakingSeconds, type RawSegment } from './normalise';

/** At most this long per word for a stamped turn: 80 words a minute. */
const SLOWEST_SECONDS_PER_WORD = 60 / 80;

const CLOCK = String.raw`\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?`;
const BRACKETED_FIRST = /^[[(]([^\])]{1,16})[\])]\s*(.*)$/su;
const CLOCK_FIRST = new RegExp(`^(${CLOCK})\\s+(?:[-–—|]\\s+)?(.*)$`, 'su');
const BRACKETED_AFTER_NAME = /^(.+?)\s*[[(]([^\])]{1,16})[\])]\s*(?::\s*(.*))?$/su;
const OTTER = new RegExp(`^(.+?)(?:\\s{2,}|\\t)(${CLOCK})$`, 'u');
const CLOCK_ALONE = new RegExp(`^[[(]?(${CLOCK})[\\])]?$`, 'u');

type Line =
  | {
      kind: 'turn';
      line: number;
      raw: string;
      name: string;
      stamp: number | null;
      text: string;
      certain: boolean;
    }
  | { kind: 'stamp'; line: number; stamp: number }
  | { kind: 'text'; line: number; raw: string };

interface Turn {
  speaker: string;
  stamp: number | null;
  text: string;
}

export function parseText(text: string): { segments: RawSegment[]; timed: boolean } {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((raw, index) => classify(raw.trim(), index + 1))
    .filter((line): line is Line => line !== null);
  const counts = countPrefixes(
    lines.flatMap((line) => (line.kind === 'turn' && !line.certain ? [line.raw] : [])),
  );

  const turns: Turn[] = [];
  let pendingStamp: number | null = null;
  for (const line of lines) {
    if (line.kind === 'stamp') pendingStamp = line.stamp;
    else if (
      line.kind === 'turn' &&
      (line.certain || isSpeakerName(line.name, counts.get(line.name) ?? 0))
    ) {
      turns.push({ speaker: line.name, stamp: line.stamp ?? pendingStamp, text: line.text });
      pendingStamp = null;
    } else if (turns.length > 0) {
      const last = turns[turns.length - 1]!;
      last.text = `${last.text} ${line.raw}`;
    }
  }
  if (turns.length === 0) {
    throw new TranscriptError(
      'text',
      "no line starts with a speaker's name, as in 'Sam Rivera: Hello' or '[00:12] Sam Rivera: Hello'",
      { line: lines[0]?.line ?? 1 },
    );
  }
  const timed = turns.some((turn) => turn.stamp !== null);
  return { segments: timed ? timeStamped(turns) : timeByWords(turns), timed };
}

/** What one line is; null for a blank line. Throws on a stamp that is not a time in a speaker line. */
function classify(raw: string, line: number): Line | null {
  if (raw === '') return null;
  const alone = CLOCK_ALONE.exec(raw);
  if (alone) return { kind: 'stamp', line, stamp: clock(alone[1]!, line) };

  // "[01:02] Sam: words", "(01:02) Sam: words", "01:02 Sam: words"
  const first = BRACKETED_FIRST.exec(raw) ?? CLOCK_FIRST.exec(raw);
  if (first && /\d:/.test(first[1]!)) {
    const prefix = splitNamePrefix(first[2]!);
    if (prefix)
      return {
        kind: 'turn',
        line,
        raw,
        name: prefix.name,
        stamp: clock(first[1]!, line),
        text: prefix.text,
        certain: true,
      };
  }
  // "Sam Rivera [01:02]: words", "Sam Rivera (01:02)"
  const after = BRACKETED_AFTER_NAME.exec(raw);
  if (after && /\d:/.test(after[2]!) && isNameShaped(after[1]!) && !after[1]!.includes(':')) {
    return {
      kind: 'turn',
      line,
      raw,
      name: after[1]!.trim(),
      stamp: clock(after[2]!, line),
      text: after[3] ?? '',
      certain: true,
    };
  }
  // Otter: "Sam Rivera  01:02", the words on the next lines
  const otter = OTTER.exec(raw);
  if (otter && isNameShaped(otter[1]!) && !otter[1]!.includes(':')) {
    return {
      kind: 'turn',
      line,
      raw,
      name: otter[1]!.trim(),
      stamp: clock(otter[2]!, line),
      text: '',
      certain: true,
    };
  }
  const prefix = splitNamePrefix(raw);
  if (prefix)
    return {
      kind: 'turn',
      line,
      raw,
      name: prefix.name,
      stamp: null,
      text: prefix.text,
      certain: false,
    };
  return { kind: 'text', line, raw };
}

function clock(value: string, line: number): number {
  const seconds = parseClock(value);
  if (seconds === null) {
    throw new TranscriptError(
      'text',
      `the time '${value}' is not a time (expected mm:ss or hh:mm:ss, minutes and seconds under 60)`,
      {
        line,
      },
    );
  }
  return seconds;
}

function timeByWords(turns: Turn[]): RawSegment[] {
  let clockAt = 0;
  return turns.map((turn) => {
    const start = clockAt;
    clockAt += speakingSeconds(turn.text);
    return { speaker: turn.speaker, start, end: clockAt, text: turn.text };
  });
}

function timeStamped(turns: Turn[]): RawSegment[] {
  let previousEnd = 0;
  const starts = turns.map((turn) => {
    const start = turn.stamp ?? previousEnd;
    previousEnd = start + speakingSeconds(turn.text);
    return start;
  });
  const order = turns
    .map((turn, index) => ({ ...turn, start: starts[index]! }))
    .sort((a, b) => a.start - b.start);

  // Turns sharing a stamp share the time up to the next stamp, by their words.
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    while (j < order.length && order[j]!.start === order[i]!.start) j++;
    const group = order.slice(i, j);
    const words = group.map((turn) => countWords(turn.text));
    const total = words.reduce((a, b) => a + b, 0);
    if (group.length > 1 && total > 0) {
      const from = group[0]!.start;
      const until =
        j < order.length
          ? order[j]!.start
          : from + group.reduce((sum, turn) => sum + speakingSeconds(turn.text), 0);
      let before = 0;
      group.forEach((turn, k) => {
        turn.start = from + ((until - from) * before) / total;
        before += words[k]!;
      });
    }
    i = j;
  }

  return order.map((turn, index) => {
    const next = order[index + 1];
    const end = next
      ? Math.min(next.start, turn.start + countWords(turn.text) * SLOWEST_SECONDS_PER_WORD)
      : turn.start + speakingSeconds(turn.text);
    return { speaker: turn.speaker, start: turn.start, end, text: turn.text };
  });
}
