/// <reference types="vite/client" />
/**
 * What holds for every transcript fixture that can be read, whatever its format: times in order
 * and not negative, text in every segment, roles that follow the rep.
 */
import { describe, expect, it } from 'vitest';
import { TranscriptError, parseTranscript } from './index';

const fixtures = import.meta.glob<string>(
  '../../../tests/fixtures/transcripts/*.{json,vtt,srt,txt}',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const files = Object.entries(fixtures).map(
  ([path, text]) => [path.split('/').at(-1)!, text] as const,
);
const unreadable = /^(malformed-|empty|no-speakers|not-a-transcript|assemblyai-no-speaker-labels)/;
const readable = files.filter(([name]) => !unreadable.test(name));
const team = [
  { name: 'Sam Rivera', email: 'sam.rivera@kestrel.io' },
  { name: 'Lena Fischer', email: 'lena.fischer@kestrel.io' },
];

describe('every readable fixture', () => {
  it('is all there', () => {
    expect(readable.length).toBe(13);
    expect(files.length - readable.length).toBe(10);
  });

  it.each(readable)('%s', (filename, text) => {
    for (const transcript of [
      parseTranscript(text, { filename }),
      parseTranscript(text, { filename, team }),
    ]) {
      const { segments, speakers, repSpeaker } = transcript;
      expect(segments.length).toBeGreaterThan(0);
      segments.forEach((segment, index) => {
        expect(segment.start).toBeGreaterThanOrEqual(0);
        expect(segment.end).toBeGreaterThanOrEqual(segment.start);
        if (index > 0) expect(segment.start).toBeGreaterThanOrEqual(segments[index - 1]!.start);
        expect(segment.text).toBe(segment.text.trim());
        expect(segment.text).not.toBe('');
        expect(segment.role).toBe(segment.speaker === repSpeaker ? 'rep' : 'customer');
      });
      // Speakers in order of first appearance, each with at least one segment.
      expect(speakers).toEqual([...new Set(segments.map((segment) => segment.speaker))]);
      expect(repSpeaker === null || speakers.includes(repSpeaker)).toBe(true);
      expect(segments.some((segment) => segment.role === 'rep')).toBe(true);
    }
  });
});

describe('every unreadable fixture', () => {
  it.each(files.filter(([name]) => unreadable.test(name)))(
    '%s fails with a TranscriptError',
    (filename, text) => {
      expect(() => parseTranscript(text, { filename })).toThrow(TranscriptError);
    },
  );
});
