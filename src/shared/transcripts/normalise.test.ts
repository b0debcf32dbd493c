/** The rules every format ends with (normalise.ts), and the clock times they are read from. */
import { describe, expect, it } from 'vitest';
import { parseClock } from './clock';
import { countWords, normaliseSegments } from './normalise';

const raw = (speaker: string, start: number, end: number, text: string) => ({
  speaker,
  start,
  end,
  text,
});

describe('normaliseSegments', () => {
  it('sorts by start, keeping the file order for equal starts, and keeps overlaps', () => {
    const segments = normaliseSegments([
      raw('B', 5, 9, 'second'),
      raw('A', 0, 6, 'first'),
      raw('C', 5, 6, 'third'),
    ]);
    expect(segments.map((s) => [s.speaker, s.start, s.end])).toEqual([
      ['A', 0, 6],
      ['B', 5, 9],
      ['C', 5, 6],
    ]);
  });

  it('drops segments without words and collapses whitespace', () => {
    const segments = normaliseSegments([
      raw('A', 0, 1, '   '),
      raw('A', 1, 2, '…'),
      raw('B', 2, 3, ' so \n  we   start '),
      raw('  ', 3, 4, 'Who is this?'),
    ]);
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ['B', 'so we start'],
      ['Speaker', 'Who is this?'],
    ]);
  });

  it('gives a segment that ends before it starts the time its words take at 160 wpm', () => {
    // 4 words × 0.375 s = 1.5 s from its start; the text is kept.
    expect(normaliseSegments([raw('A', 10, 2, 'one two three four')])).toEqual([
      raw('A', 10, 11.5, 'one two three four'),
    ]);
  });

  it('keeps consecutive segments of one speaker apart, and rounds to the millisecond', () => {
    const segments = normaliseSegments([
      raw('A', 0.1 + 0.2, 1.00049, 'one'),
      raw('A', 1.2, 2, 'two'),
    ]);
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [0.3, 1],
      [1.2, 2],
    ]);
  });

  it('counts words with a letter or digit in them', () => {
    expect(countWords("It's forty-five — $45, ok? …")).toBe(4);
  });
});

describe('parseClock', () => {
  it.each([
    ['00:00:01.500', 1.5],
    ['01:02:03,250', 3723.25],
    ['02:03', 123],
    ['75:10', 4510], // minutes past 59 without an hour field: a long call
    ['1:02:03', 3723],
    ['00:01.5', 1.5],
    ['00:00:00.05', 0.05],
  ])('%s is %s s', (value, seconds) => {
    expect(parseClock(value)).toBe(seconds);
  });

  it.each(['00:01:xx.000', '01:75', '1:60:00', '1:5', '12', '', 'a:bc'])(
    '%s is not a time',
    (value) => {
      expect(parseClock(value)).toBeNull();
    },
  );
});
