/**
 * Amazon Transcribe's batch output with speaker identification (`ShowSpeakerLabels`). Times are
 * strings of seconds ("4.87"). Newer jobs write `results.audio_segments[]` (a speaker's turn with
 * its transcript): read those when present. Older ones only have `results.speaker_labels.segments[]`
 * (who spoke when) and `results.items[]` (each word with its time); each word then goes to the
 * turn that contains the middle of the word, preferring one of the same `speaker_label` when the word has
 * one (turns can touch), else to the nearest turn. Punctuation items have no time and stick to
 * the word before. Speakers keep AWS's labels ("spk_0", "spk_1"), as the AWS console shows them.
 */
import { JsonReader, type JsonObject } from './json';
import { UNNAMED_SPEAKER, type RawSegment } from './normalise';

const read = new JsonReader('aws');

export function readAws(root: unknown): RawSegment[] {
  const results = read.object(read.object(root, '').results, 'results');
  if (Array.isArray(results.audio_segments) && results.audio_segments.length > 0) {
    return results.audio_segments.map((value, index) => {
      const path = `results.audio_segments[${index}]`;
      const segment = read.object(value, path);
      return {
        ...turn(segment, path),
        text: read.string(segment.transcript, `${path}.transcript`),
      };
    });
  }
  const labels = read.object(
    results.speaker_labels,
    'results.speaker_labels',
    'missing: the job ran without speaker identification (turn on ShowSpeakerLabels to learn who said what)',
  );
  const turns = read
    .array(labels.segments, 'results.speaker_labels.segments')
    .map((value, index) => {
      const path = `results.speaker_labels.segments[${index}]`;
      return { ...turn(read.object(value, path), path), words: [] as string[] };
    });
  const byStart = [...turns].sort((a, b) => a.start - b.start);
  let previous: (typeof turns)[number] | undefined;
  read.array(results.items, 'results.items').forEach((value, index) => {
    const path = `results.items[${index}]`;
    const item = read.object(value, path);
    const content = read.string(
      read.object(
        read.array(item.alternatives, `${path}.alternatives`)[0],
        `${path}.alternatives[0]`,
      ).content,
      `${path}.alternatives[0].content`,
    );
    if (item.type === 'punctuation') {
      if (previous && previous.words.length > 0)
        previous.words[previous.words.length - 1] += content;
      return;
    }
    const start = read.seconds(item.start_time, `${path}.start_time`);
    const end = read.seconds(item.end_time, `${path}.end_time`);
    const owner = turnAt(
      byStart,
      start,
      end,
      typeof item.speaker_label === 'string' ? item.speaker_label : null,
    );
    owner?.words.push(content);
    previous = owner;
  });
  return turns.map(({ words, ...segment }) => ({ ...segment, text: words.join(' ') }));
}

function turn(segment: JsonObject, path: string): Omit<RawSegment, 'text'> {
  const label = segment.speaker_label ?? segment.channel_label;
  return {
    speaker: typeof label === 'string' && label !== '' ? label : UNNAMED_SPEAKER,
    start: read.seconds(segment.start_time, `${path}.start_time`),
    end: read.seconds(segment.end_time, `${path}.end_time`),
  };
}

/** The turn a word belongs to, among turns sorted by start: see the comment at the top. */
function turnAt<T extends Omit<RawSegment, 'text'>>(
  turns: T[],
  start: number,
  end: number,
  label: string | null,
): T | undefined {
  // The last turn starting at or before the word's middle, found by bisection.
  const middle = (start + end) / 2;
  let low = 0;
  let high = turns.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (turns[mid]!.start <= middle) low = mid + 1;
    else high = mid;
  }
  // Turns rarely overlap, so its close neighbours are the only candidates.
  const candidates = turns.slice(Math.max(0, low - 3), low + 1);
  const rank = (t: T) =>
    (t.speaker === label ? 2 : 0) + (t.start <= middle && middle <= t.end ? 1 : 0);
  const distance = (t: T) =>
    middle < t.start ? t.start - middle : middle > t.end ? middle - t.end : 0;
  return candidates.sort((a, b) => rank(b) - rank(a) || distance(a) - distance(b))[0];
}
