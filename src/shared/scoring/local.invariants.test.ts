/** What must hold for any transcript, however odd: checked over many generated ones. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCall } from './generatedCall';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './config';
import { scoreLocally } from './local';
import type { CallScore, Transcript, TranscriptSegment } from './types';

const CONFIG: ScoringConfig = { ...DEFAULT_SCORING_CONFIG, competitors: ['Salesforce', 'HubSpot'] };

const PHRASES = [
  '',
  'Yeah.',
  'Mm-hmm.',
  'What does your process look like today?',
  'Honestly it is too expensive, the budget is frozen.',
  'Not the right time, maybe next quarter.',
  'I understand. What would it be worth to you?',
  'We already use Salesforce and HubSpot.',
  'So, um, like, you know, it is kind of basically great!',
  'Let us book a call for Tuesday at 10 am.',
  'The price is $40 per seat.',
  'I am not happy with this at all.',
  'Can you walk me through the next steps',
  '   ',
  '?!',
  'Ça coûte trop cher — 300 euros par mois.',
];

const segment: fc.Arbitrary<TranscriptSegment> = fc
  .record({
    speaker: fc.constantFrom('Rep', 'Chris', 'Pat'),
    repRole: fc.boolean(),
    start: fc.oneof(fc.double({ min: 0, max: 3600, noNaN: true }), fc.constant(0)),
    length: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 300, noNaN: true })),
    text: fc.array(fc.constantFrom(...PHRASES), { minLength: 1, maxLength: 4 }),
  })
  .map(({ speaker, repRole, start, length, text }) => ({
    speaker,
    role:
      speaker === 'Rep' || (speaker === 'Pat' && repRole)
        ? ('rep' as const)
        : ('customer' as const),
    start,
    end: start + length,
    text: text.join(' '),
  }));

const transcriptArb: fc.Arbitrary<Transcript> = fc
  .record({ segments: fc.array(segment, { maxLength: 40 }), timed: fc.boolean() })
  .map(({ segments, timed }) => ({
    format: 'deepgram' as const,
    speakers: [...new Set(segments.map((s) => s.speaker))],
    repSpeaker: segments.some((s) => s.speaker === 'Rep') ? 'Rep' : null,
    timed,
    segments,
  }));

function checkInvariants(t: Transcript, score: CallScore): void {
  const spoken = t.segments.filter((s) => /[\p{L}\p{N}]/u.test(s.text));
  const first = Math.min(...spoken.map((s) => Math.max(0, s.start)));
  const last = Math.max(...spoken.map((s) => Math.max(0, s.end)));
  const callLength = spoken.length > 0 ? last - first : 0;

  expect(score.dimensions).toHaveLength(17);
  if (score.overall !== null) {
    expect(Number.isInteger(score.overall)).toBe(true);
    expect(score.overall).toBeGreaterThanOrEqual(0);
    expect(score.overall).toBeLessThanOrEqual(100);
  }
  expect(score.tips.length).toBeLessThanOrEqual(4);
  for (const d of score.dimensions) {
    expect(d.value === null).toBe(d.score === null);
    expect(d.explanation.length).toBeGreaterThan(10);
    if (d.score !== null) {
      expect(Number.isInteger(d.score)).toBe(true);
      expect(d.score).toBeGreaterThanOrEqual(0);
      expect(d.score).toBeLessThanOrEqual(100);
    }
    if (d.value !== null) {
      expect(Number.isFinite(d.value)).toBe(true);
      if (d.unit === 'percent' || d.unit === 'boolean') {
        expect(d.value).toBeGreaterThanOrEqual(0);
        expect(d.value).toBeLessThanOrEqual(1);
      }
      if (d.unit === 'seconds' && d.id !== 'patience') {
        expect(d.value).toBeLessThanOrEqual(callLength + 1e-9);
      }
      if (d.unit === 'count' || d.unit === 'perMinute' || d.unit === 'wpm') {
        expect(d.value).toBeGreaterThanOrEqual(0);
      }
    }
    if (!t.timed) {
      if (['talkRatio', 'longestMonologue', 'patience', 'speechRate'].includes(d.id)) {
        expect(d.value).toBeNull();
      }
    }
    for (const e of d.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(first - 1e-9);
      expect(e.end).toBeLessThanOrEqual(last + 1e-9);
      expect(e.start).toBeLessThanOrEqual(e.end);
      expect(e.quote.trim()).not.toBe('');
    }
    expect(d.evidence.length).toBeLessThanOrEqual(80);
  }
}

describe('scoreLocally invariants', () => {
  it('hold for random transcripts: overlaps, zero lengths, three speakers, no times', () => {
    fc.assert(
      fc.property(transcriptArb, (t) => {
        checkInvariants(t, scoreLocally(t, CONFIG));
      }),
      { numRuns: 300 },
    );
  });

  it('hold for realistic generated calls of 5 to 45 minutes, with one to three customers', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const t = generateCall({ seed, minutes: 5 + (seed % 5) * 10, customers: 1 + (seed % 3) });
      const score = scoreLocally(t, CONFIG);
      checkInvariants(t, score);
      // A real conversation has every dimension measured; only a customer who is silent for a
      // whole third of the call (a long pitch at the end of a 5-minute call) leaves no trend.
      for (const d of score.dimensions.filter((d) => d.value === null)) {
        expect(d.id).toBe('customerSentimentTrend');
        expect(d.explanation).toMatch(/did not speak in both the first and the last third/);
      }
      expect(score.tips.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('is deterministic: the same transcript gives the same score, whatever came before', () => {
    fc.assert(
      fc.property(transcriptArb, transcriptArb, (t, other) => {
        const first = JSON.stringify(scoreLocally(t, CONFIG));
        scoreLocally(other, CONFIG);
        expect(JSON.stringify(scoreLocally(structuredClone(t), CONFIG))).toBe(first);
      }),
      { numRuns: 100 },
    );
  });

  it('does not change the transcript it scores', () => {
    const t = generateCall({ seed: 3, minutes: 10 });
    const before = structuredClone(t);
    scoreLocally(t, CONFIG);
    expect(t).toEqual(before);
  });
});
