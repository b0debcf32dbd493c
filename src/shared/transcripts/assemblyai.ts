/**
 * AssemblyAI's transcript (`GET /v2/transcript/{id}` with `speaker_labels: true`):
 * `utterances[]` of `{ speaker: "A", start, end, text }`, times in milliseconds. Speakers are
 * named "Speaker A", "Speaker B" as AssemblyAI's own examples print them.
 */
import { JsonReader } from './json';
import type { RawSegment } from './normalise';

const read = new JsonReader('assemblyai');

export function readAssemblyAi(root: unknown): RawSegment[] {
  const transcript = read.object(root, '');
  if (transcript.status === 'error') {
    read.fail(
      'status',
      `AssemblyAI could not transcribe this file: ${String(transcript.error ?? 'no reason given')}`,
    );
  }
  const utterances = read.array(
    transcript.utterances,
    'utterances',
    'missing: the file was transcribed without speaker labels (ask AssemblyAI for speaker_labels: true to learn who said what)',
  );
  return utterances.map((value, index) => {
    const path = `utterances[${index}]`;
    const utterance = read.object(value, path);
    const speaker = utterance.speaker;
    if (typeof speaker !== 'string' && typeof speaker !== 'number') {
      read.fail(
        `${path}.speaker`,
        speaker === undefined
          ? 'missing: expected a speaker label such as "A"'
          : `expected a speaker label such as "A", found ${JSON.stringify(speaker)}`,
      );
    }
    return {
      speaker: `Speaker ${speaker}`,
      start: read.seconds(utterance.start, `${path}.start`, 'milliseconds'),
      end: read.seconds(utterance.end, `${path}.end`, 'milliseconds'),
      text: read.string(utterance.text, `${path}.text`),
    };
  });
}
