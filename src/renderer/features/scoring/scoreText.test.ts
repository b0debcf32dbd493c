import { describe, expect, it } from 'vitest';
import {
  bandGeometry,
  bucketLabel,
  coachingRange,
  errorSentence,
  formatClock,
  formatDimensionValue,
  quoteRange,
  repFoundText,
  scorerSentence,
  scoreTone,
  segmentAt,
  shortQuote,
  strengthsAndWeakSpots,
  targetText,
  trendSummary,
  weightShares,
} from './scoreText';
import { ApiError } from '../../../shared/contract/errors';

const local = { kind: 'local' as const, name: 'local rules', version: '1' };

describe('formatClock', () => {
  it('reads a moment of the call as mm:ss, and h:mm:ss past an hour', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(134.9)).toBe('02:14');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-3)).toBe('00:00');
    expect(formatClock(Number.NaN)).toBe('00:00');
  });
});

describe('formatDimensionValue', () => {
  it('shows each unit as people read it', () => {
    expect(formatDimensionValue(0.434, 'percent')).toBe('43%');
    expect(formatDimensionValue(45, 'seconds')).toBe('45 s');
    expect(formatDimensionValue(150, 'seconds')).toBe('2 min 30 s');
    expect(formatDimensionValue(240, 'seconds')).toBe('4 min');
    expect(formatDimensionValue(1.25, 'seconds')).toBe('1.3 s');
    expect(formatDimensionValue(12, 'count')).toBe('12');
    expect(formatDimensionValue(3.26, 'perMinute')).toBe('3.3 / min');
    expect(formatDimensionValue(172.6, 'wpm')).toBe('173 wpm');
    expect(formatDimensionValue(0.421, 'score')).toBe('+0.42');
    expect(formatDimensionValue(-0.3, 'score')).toBe('−0.30');
    expect(formatDimensionValue(0, 'score')).toBe('0.00');
    expect(formatDimensionValue(1, 'boolean')).toBe('Yes');
    expect(formatDimensionValue(0, 'boolean')).toBe('No');
  });

  it('says when nothing was measured', () => {
    expect(formatDimensionValue(null, 'percent')).toBe('Not measured');
  });
});

describe('scoreTone', () => {
  it('is low under the threshold, good from 70, fair between', () => {
    expect(scoreTone(49.6, 50)).toBe('low');
    expect(scoreTone(50, 50)).toBe('fair');
    expect(scoreTone(69.9, 50)).toBe('fair');
    expect(scoreTone(70, 50)).toBe('good');
    expect(scoreTone(null)).toBe('none');
  });

  it('never calls a score good that the team calls low', () => {
    expect(scoreTone(75, 80)).toBe('low');
    expect(scoreTone(80, 80)).toBe('good');
  });
});

describe('scorerSentence', () => {
  it('names the local rules and their version', () => {
    expect(scorerSentence({ scorer: local })).toBe('Scored on this laptop by the local rules v1');
    expect(scorerSentence({ scorer: { ...local, version: 'v2' } })).toBe(
      'Scored on this laptop by the local rules v2',
    );
  });

  it('names the remote model', () => {
    expect(scorerSentence({ scorer: { kind: 'remote', name: 'gpt-4o-mini', version: '1' } })).toBe(
      'Scored by gpt-4o-mini (remote) with the local rules',
    );
  });

  it('says why the local rules stood in for the remote scorer', () => {
    expect(scorerSentence({ scorer: local, fallbackReason: 'timed out after 20 s' })).toBe(
      'The remote scorer timed out after 20 s; scored by the local rules v1',
    );
    expect(
      scorerSentence({
        scorer: local,
        fallbackReason: 'the remote scorer did not answer within 20 s',
      }),
    ).toBe('The remote scorer did not answer within 20 s; scored by the local rules v1');
    expect(
      scorerSentence({ scorer: local, fallbackReason: 'the model’s answer is not JSON.' }),
    ).toBe('The model’s answer is not JSON; scored by the local rules v1');
    expect(scorerSentence({ scorer: local, fallbackReason: 'no API key on this laptop' })).toBe(
      'The remote scorer failed (no API key on this laptop); scored by the local rules v1',
    );
  });
});

describe('repFoundText', () => {
  it('asks a person to check a guess, and not a recognised name', () => {
    expect(repFoundText('first-speaker', 'Speaker 0').check).toBe(true);
    expect(repFoundText(null, null).check).toBe(true);
    expect(repFoundText('name', 'Sam Rivera')).toEqual({
      text: 'Recognised from the team’s names and emails.',
      check: false,
    });
    expect(repFoundText('person', 'Sam Rivera').check).toBe(false);
  });
});

describe('segmentAt', () => {
  const segments = [
    { start: 0, end: 5, speaker: 'A' },
    { start: 4, end: 9, speaker: 'B' },
    { start: 12, end: 20, speaker: 'A' },
  ];

  it('finds the turn a moment falls in, the speaker’s own where turns overlap', () => {
    expect(segmentAt(segments, 2)).toBe(0);
    expect(segmentAt(segments, 4.5, 'B')).toBe(1);
    expect(segmentAt(segments, 4.5, 'A')).toBe(0);
    expect(segmentAt(segments, 12)).toBe(2);
  });

  it('takes the turn before a moment of silence, and the first before the first turn', () => {
    expect(segmentAt(segments, 10)).toBe(1);
    expect(segmentAt(segments, -1)).toBe(0);
    expect(segmentAt([], 3)).toBe(-1);
  });
});

describe('quoteRange and shortQuote', () => {
  it('finds the quoted words in a turn, whatever their case and quotes', () => {
    const text = 'Honestly, we already use Salesforce for that.';
    expect(quoteRange(text, '“we already use Salesforce”')).toEqual([10, 35]);
    expect(quoteRange(text, 'HubSpot')).toBeNull();
    expect(quoteRange(text, '…')).toBeNull();
  });

  it('shortens a long quote at a word', () => {
    expect(shortQuote('we already use Salesforce')).toBe('we already use Salesforce');
    const long = shortQuote(
      'to be honest the price you quoted is a lot more than what we pay for our current tool today',
    );
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(49);
    expect(long).not.toMatch(/\s…$/);
  });
});

describe('bandGeometry and targetText', () => {
  const talkRatio: [number, number][] = [
    [0.2, 0],
    [0.38, 100],
    [0.5, 100],
    [0.75, 0],
  ];

  it('spans the band and the value, and marks where the best score is', () => {
    const g = bandGeometry(talkRatio, 0.62)!;
    expect(g.from).toBeLessThan(0.2);
    expect(g.to).toBeGreaterThan(0.75);
    expect(g.marker!).toBeGreaterThan(g.target!.to);
    expect(g.target!.valueFrom).toBe(0.38);
    expect(g.target!.valueTo).toBe(0.5);
    expect(targetText(g.target, 'percent')).toBe('38% – 50%');
  });

  it('stretches the target to the edge where the band keeps its best score', () => {
    const monologue = bandGeometry(
      [
        [150, 100],
        [300, 50],
        [540, 0],
      ],
      40,
    )!;
    expect(monologue.target!.from).toBe(0);
    expect(targetText(monologue.target, 'seconds')).toBe('at most 2 min 30 s');
    const story = bandGeometry(
      [
        [0, 0],
        [240, 100],
      ],
      900,
    )!;
    expect(story.to).toBeGreaterThan(900);
    expect(story.marker!).toBeLessThan(1);
    expect(targetText(story.target, 'seconds')).toBe('at least 4 min');
  });

  it('draws no value for an unmeasured dimension, and nothing for a band of one point', () => {
    expect(bandGeometry(talkRatio, null)!.marker).toBeNull();
    expect(bandGeometry([[1, 100]], 3)).toBeNull();
  });

  it('does not draw a ratio band below zero', () => {
    expect(bandGeometry(talkRatio, 0.05)!.from).toBe(0);
  });
});

describe('weightShares', () => {
  it('gives each counted dimension its share of the overall score', () => {
    const shares = weightShares({ talkRatio: 3, questions: 1, fillerWords: 0 });
    expect(shares).toEqual({ talkRatio: 0.75, questions: 0.25, fillerWords: 0 });
    expect(weightShares({ a: 0 })).toEqual({ a: 0 });
  });
});

describe('strengthsAndWeakSpots', () => {
  it('names the best and the worst, never the same dimension twice', () => {
    const dims = [
      { id: 'a', average: 90 },
      { id: 'b', average: 40 },
      { id: 'c', average: 70 },
      { id: 'd', average: 20 },
    ];
    const { strengths, weakSpots } = strengthsAndWeakSpots(dims, 3);
    expect(strengths.map((d) => d.id)).toEqual(['a', 'c']);
    expect(weakSpots.map((d) => d.id)).toEqual(['d', 'b']);
    expect(strengthsAndWeakSpots([{ id: 'a', average: 80 }]).weakSpots).toEqual([]);
  });
});

describe('coaching ranges and trends', () => {
  it('ends the range at the coming midnight and goes back whole days', () => {
    const now = new Date(2026, 2, 10, 15, 30).getTime();
    const range = coachingRange('90d', now);
    expect(new Date(range.to)).toEqual(new Date(2026, 2, 11));
    expect(new Date(range.from)).toEqual(new Date(2025, 11, 11));
    expect(coachingRange('nonsense', now).kind).toBe('30d');
  });

  it('leaves weeks without scores out of the change', () => {
    const { values, change } = trendSummary([
      { at: 1, average: null },
      { at: 2, average: 60 },
      { at: 3, average: null },
      { at: 4, average: 72 },
    ]);
    expect(values).toHaveLength(2);
    expect(change).toBe(12);
    expect(trendSummary([{ at: 1, average: 50 }]).change).toBeNull();
  });

  it('labels the histogram’s bands of ten', () => {
    expect(bucketLabel(0, 10)).toBe('0–9');
    expect(bucketLabel(90, 100)).toBe('90–100');
  });
});

describe('errorSentence', () => {
  it('drops the method and the field the API names', () => {
    expect(
      errorSentence(
        new ApiError('invalid_input', 'transcripts.import: text: the file is empty', 'text'),
      ),
    ).toBe('The file is empty');
    expect(
      errorSentence(
        new ApiError(
          'invalid_input',
          "Read as WebVTT: line 16: the cue time '00:01:xx.000' is not a time",
        ),
      ),
    ).toBe("Read as WebVTT: line 16: the cue time '00:01:xx.000' is not a time");
  });
});
