/**
 * Deepgram's pre-recorded response. With `utterances=true`: `results.utterances[]` of
 * `{ speaker, start, end, transcript }` in seconds, `speaker` a number from 0 when `diarize=true`.
 * Without utterances we read `results.channels[].alternatives[0]`: its `paragraphs` (with
 * `paragraphs=true`), else its `words`, grouped into runs of one speaker.
 * Speakers are named "Speaker 0", "Speaker 1" as in Deepgram's own output; a multichannel file
 * without diarisation gets "Channel 0", "Channel 1".
 */
import { JsonReader, isObject, type JsonObject } from './json';
import { UNNAMED_SPEAKER, type RawSegment } from './normalise';

const read = new JsonReader('deepgram');
const DEEPGRAM_MISSING =
  'missing: a Deepgram transcript has results.utterances or results.channels';

export function readDeepgram(root: unknown): RawSegment[] {
  const results = read.object(read.object(root, '').results, 'results', DEEPGRAM_MISSING);
  const utterances = results.utterances;
  if (Array.isArray(utterances) && utterances.length > 0) {
    const multichannel = utterances.some(
      (u) => isObject(u) && typeof u.channel === 'number' && u.channel > 0,
    );
    return utterances.map((value, index) => {
      const path = `results.utterances[${index}]`;
      const utterance = read.object(value, path);
      return {
        speaker: speakerName(utterance, path, multichannel ? utterance.channel : undefined),
        start: read.seconds(utterance.start, `${path}.start`),
        end: read.seconds(utterance.end, `${path}.end`),
        text: read.string(utterance.transcript, `${path}.transcript`),
      };
    });
  }
  const channels = read.array(results.channels, 'results.channels', DEEPGRAM_MISSING);
  return channels.flatMap((channel, index) => {
    const path = `results.channels[${index}].alternatives[0]`;
    const alternatives = read.array(
      read.object(channel, `results.channels[${index}]`).alternatives,
      `results.channels[${index}].alternatives`,
    );
    const best = read.object(alternatives[0], path);
    return readAlternative(best, path, channels.length > 1 ? index : undefined);
  });
}

function readAlternative(
  alternative: JsonObject,
  path: string,
  channel: number | undefined,
): RawSegment[] {
  const paragraphs = isObject(alternative.paragraphs)
    ? alternative.paragraphs.paragraphs
    : undefined;
  if (Array.isArray(paragraphs)) {
    return paragraphs.map((value, index) => {
      const at = `${path}.paragraphs.paragraphs[${index}]`;
      const paragraph = read.object(value, at);
      const sentences = read.array(paragraph.sentences, `${at}.sentences`);
      return {
        speaker: speakerName(paragraph, at, channel),
        start: read.seconds(paragraph.start, `${at}.start`),
        end: read.seconds(paragraph.end, `${at}.end`),
        text: sentences
          .map((s, i) =>
            read.string(read.object(s, `${at}.sentences[${i}]`).text, `${at}.sentences[${i}].text`),
          )
          .join(' '),
      };
    });
  }
  const words = read.array(
    alternative.words,
    `${path}.words`,
    'missing: no utterances, paragraphs or words to read (ask Deepgram for utterances=true)',
  );
  const runs: RawSegment[] = [];
  words.forEach((value, index) => {
    const at = `${path}.words[${index}]`;
    const word = read.object(value, at);
    const speaker = speakerName(word, at, channel);
    const start = read.seconds(word.start, `${at}.start`);
    const end = read.seconds(word.end, `${at}.end`);
    const text = read.string(word.punctuated_word ?? word.word, `${at}.word`);
    const last = runs.at(-1);
    if (last && last.speaker === speaker) {
      last.end = end;
      last.text += ` ${text}`;
    } else runs.push({ speaker, start, end, text });
  });
  return runs;
}

function speakerName(value: JsonObject, path: string, channel: unknown): string {
  const speaker = value.speaker;
  if (typeof speaker === 'number' || (typeof speaker === 'string' && speaker !== ''))
    return `Speaker ${speaker}`;
  if (speaker !== undefined && speaker !== null)
    read.fail(`${path}.speaker`, `expected a speaker number, found ${JSON.stringify(speaker)}`);
  return typeof channel === 'number' ? `Channel ${channel}` : UNNAMED_SPEAKER;
}
