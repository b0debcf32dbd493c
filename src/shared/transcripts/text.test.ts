/// <reference types="vite/client" />
/** Plain-text transcripts, stamped and not; the times are worked out by hand in the comments. */
import { describe, expect, it } from 'vitest';
import stamped from '../../../tests/fixtures/transcripts/call-stamped.txt?raw';
import untimed from '../../../tests/fixtures/transcripts/no-timestamps.txt?raw';
import { parseTranscript } from './index';

const rows = (text: string) =>
  parseTranscript(text, { format: 'text' }).segments.map((s) => [
    s.speaker,
    s.start,
    s.end,
    s.text,
  ]);

describe('plain text with [mm:ss] stamps', () => {
  const call = parseTranscript(stamped, {
    team: [{ name: 'Alex Morgan', email: 'alex@kestrel.io' }],
  });

  it('starts each turn at its stamp and leaves out the title lines', () => {
    expect(call.format).toBe('text');
    expect(call.timed).toBe(true);
    expect(call.speakers).toEqual(['Alex Morgan', 'Sofia Rossi']);
    expect(call.repSpeaker).toBe('Alex Morgan');
    expect(call.segments).toHaveLength(13);
    // Ends at the next stamp (00:05) when the 16 words could take longer: 16 × 0.75 s = 12 s.
    expect(call.segments[0]).toEqual({
      speaker: 'Alex Morgan',
      role: 'rep',
      start: 0,
      end: 5,
      text: 'Hi Sofia, this is Alex from Kestrel. Thanks for picking up. Do you have a moment?',
    });
  });

  it('does not count a long silence as talk', () => {
    // [00:42] has 16 words and the next stamp is [01:05]: at most 16 × 0.75 s = 12 s, so 42–54.
    expect(call.segments[5]).toMatchObject({ speaker: 'Sofia Rossi', start: 42, end: 54 });
    expect(call.segments[6]).toMatchObject({ speaker: 'Alex Morgan', start: 65, end: 69 });
  });

  it('spreads two turns on one stamp by their words', () => {
    // Both at [01:40], the last stamp: together 10 words × 0.375 s = 3.75 s, 5 words each.
    expect(call.segments.slice(11).map((s) => [s.speaker, s.start, s.end])).toEqual([
      ['Sofia Rossi', 100, 101.875],
      ['Alex Morgan', 101.875, 103.75],
    ]);
  });

  it('adds up to the talk time worked out by hand', () => {
    const total = (role: string) =>
      call.segments.filter((s) => s.role === role).reduce((sum, s) => sum + s.end - s.start, 0);
    // Alex: 5 + 7 + 13 + 4 + 15 + 7 + 1.875 = 52.875 s
    expect(total('rep')).toBeCloseTo(52.875, 9);
    // Sofia: 4 + 13 + 12 + 5 + 4 + 1.875 = 39.875 s
    expect(total('customer')).toBeCloseTo(39.875, 9);
  });
});

describe('plain text without stamps', () => {
  it('estimates times at 160 words a minute (0.375 s a word) and says it is untimed', () => {
    const call = parseTranscript(untimed);
    expect(call.timed).toBe(false);
    expect(call.speakers).toEqual(['Riley Park', 'Ben Walker']);
    expect(call.segments.map((s) => [s.speaker, s.start, s.end])).toEqual([
      ['Riley Park', 0, 4.125], // 11 words
      ['Ben Walker', 4.125, 5.25], // 3
      ['Riley Park', 5.25, 9.375], // 11
      ['Ben Walker', 9.375, 16.875], // 13 + 7 on the "Bottom line:" line = 20
      ['Riley Park', 16.875, 22.875], // 16
      ['Ben Walker', 22.875, 27.75], // 13
      ['Riley Park', 27.75, 34.125], // 17
      ['Ben Walker', 34.125, 35.25], // 3
    ]);
    // "Bottom line:" is not a speaker: it continues Ben's turn.
    expect(call.segments[3]!.text).toBe(
      'Badly. They write them on a whiteboard and half of them get wiped. Bottom line: we lose orders every week.',
    );
  });
});

describe('other stamp layouts', () => {
  it('reads (mm:ss), [hh:mm:ss] and bare stamps before the name', () => {
    expect(
      rows('(0:04) Sam: Hi there.\n[00:01:05] Jo: Hello.\n01:10:00 - Sam: Much later.'),
    ).toEqual([
      ['Sam', 4, 5.5, 'Hi there.'], // 2 words: at most 1.5 s
      ['Jo', 65, 65.75, 'Hello.'], // 1 word: at most 0.75 s
      ['Sam', 4200, 4200.75, 'Much later.'], // the last turn: 2 × 0.375 s
    ]);
  });

  it('reads a stamp after the name, and Otter’s name-and-time line with the words below', () => {
    const otter =
      'Sam Rivera  0:00\nHello Jordan, thanks\nfor joining.\n\nJordan Lee  0:04\nHappy to be here.\n';
    expect(rows(otter)).toEqual([
      ['Sam Rivera', 0, 3.75, 'Hello Jordan, thanks for joining.'],
      ['Jordan Lee', 4, 5.5, 'Happy to be here.'],
    ]);
    expect(rows('Sam Rivera (00:12): Shall we start?\nJordan Lee [00:15]: Yes.')).toEqual([
      ['Sam Rivera', 12, 14.25, 'Shall we start?'],
      ['Jordan Lee', 15, 15.375, 'Yes.'],
    ]);
  });

  it('times a turn by a stamp on the line before it', () => {
    expect(rows('00:30\nSam: One two three four.\n00:40\nJo: Five.')).toEqual([
      ['Sam', 30, 33, 'One two three four.'],
      ['Jo', 40, 40.375, 'Five.'],
    ]);
  });

  it('starts an unstamped turn among stamped ones where the turn before would end', () => {
    // "One two three four." at 0:10 takes 4 × 0.375 = 1.5 s; the unstamped turn starts at 11.5.
    expect(rows('[00:10] Sam: One two three four.\nJo: Five six.\n[00:20] Sam: Seven.')).toEqual([
      ['Sam', 10, 11.5, 'One two three four.'],
      ['Jo', 11.5, 13, 'Five six.'],
      ['Sam', 20, 20.375, 'Seven.'],
    ]);
  });
});

describe('names in front of the words', () => {
  it('counts a lower-case prefix as a speaker when it recurs, and not when it is a one-off', () => {
    const text =
      'sam.rivera: Hi.\njordan: Hello.\nsam.rivera: So, the plan.\nthe catch: it costs more.\njordan: Fine.';
    expect(rows(text).map(([speaker, , , words]) => [speaker, words])).toEqual([
      ['sam.rivera', 'Hi.'],
      ['jordan', 'Hello.'],
      ['sam.rivera', 'So, the plan. the catch: it costs more.'],
      ['jordan', 'Fine.'],
    ]);
  });

  it('reads single-letter speakers and names with initials or particles', () => {
    const text = 'Q: Who decides?\nA: Our CFO.\nSam R.: Thanks.\nAna de la Cruz: Welcome.';
    expect(rows(text).map(([speaker]) => speaker)).toEqual(['Q', 'A', 'Sam R.', 'Ana de la Cruz']);
  });

  it('does not take a heading for a speaker', () => {
    expect(rows('Date: 11 March\nSam: Hello.\nJo: Hi.').map(([speaker]) => speaker)).toEqual([
      'Sam',
      'Jo',
    ]);
  });
});
