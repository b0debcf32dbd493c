/**
 * A hand-made discovery call of 2 min 22 s, every metric worked out by hand below and asserted.
 * Dana is the rep, Chris the customer.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_CONFIG, type DimensionId, type ScoringConfig } from './config';
import { scoreLocally } from './local';
import type { CallScore, ScoreDimension, Transcript, TranscriptSegment } from './types';

const D = (start: number, end: number, text: string): TranscriptSegment => ({
  speaker: 'Dana',
  role: 'rep',
  start,
  end,
  text,
});
const C = (start: number, end: number, text: string): TranscriptSegment => ({
  speaker: 'Chris',
  role: 'customer',
  start,
  end,
  text,
});

//                                                                     words
const SEGMENTS = [
  /* S1  */ D(0.0, 3.0, 'Hi Chris, thanks for making the time today.'), // 8
  /* S2  */ C(3.5, 5.5, 'Happy to, glad we could connect.'), // 6
  /* S3  */ D(6.3, 9.8, 'So, what does your follow-up process look like today?'), // 9
  /* S4  */ C(
    11.0,
    21.0,
    'Honestly it is messy. We track everything in spreadsheets and reminders get lost. Last month we lost two renewals because nobody called back in time.',
  ), // 25
  /* S5  */ D(15.0, 15.5, 'Mm-hmm.'), // 1: a backchannel over Chris
  /* S6  */ C(
    21.5,
    27.5,
    'The team looks like it is working hard, but the pipeline keeps slipping every single week.',
  ), // 16
  /* S7  */ D(
    28.3,
    41.3,
    'Um, that is exactly what we hear from teams like yours. Our board shows every deal, and it reminds reps, you know, before a follow-up slips. Basically nothing falls through the cracks.',
  ), // 32
  /* S8  */ C(41.5, 41.9, 'Right.'), // 1: in Dana's pause
  /* S9  */ D(
    42.2,
    55.2,
    'What I like is showing it rather than telling it. It looks like a pipeline board with a follow-up list next to it, and every call gets logged on its own.',
  ), // 31
  /* S10 */ D(55.8, 59.8, 'What kind of reporting do your managers need from it?'), // 10
  /* S11 */ C(
    61.0,
    73.0,
    'Mostly weekly numbers. Right now we pull them from HubSpot by hand and it takes hours.',
  ), // 16
  /* S12 */ D(72.0, 75.0, 'Do you use HubSpot for the pipeline too?'), // 8: starts 1 s before Chris ends
  /* S13 */ C(76.2, 81.2, 'No, only for email. What does it cost per seat?'), // 10
  /* S14 */ D(82.0, 87.0, 'It is 40 dollars per seat a month. How many reps would use it.'), // 14
  /* S15 */ C(
    89.0,
    95.0,
    'About twelve. Honestly that is too expensive for us, the budget is frozen.',
  ), // 13
  /* S16 */ D(
    96.5,
    104.5,
    'I understand, budgets are tight this year. What would it be worth to you to stop losing renewals?',
  ), // 18
  /* S17 */ C(
    105.5,
    113.5,
    'Probably a lot, two renewals is real money. But this is not the right time, maybe next quarter.',
  ), // 18
  /* S18 */ D(
    114.0,
    124.0,
    'Our onboarding takes two weeks and the team gets trained in, like, one afternoon, so the switch is kind of quick.',
  ), // 21
  /* S19 */ C(125.0, 129.0, 'Okay, that does sound easier than I expected.'), // 8
  /* S20 */ D(
    130.0,
    136.0,
    'Great. Can I send you a short proposal and book a call for Tuesday at 10 am?',
  ), // 17
  /* S21 */ C(136.8, 139.8, 'Sure, Tuesday works.'), // 3
  /* S22 */ D(140.3, 142.3, 'Great, talk then.'), // 3
];

const TRANSCRIPT: Transcript = {
  format: 'text',
  speakers: ['Dana', 'Chris'],
  repSpeaker: 'Dana',
  timed: true,
  segments: SEGMENTS,
};

const CONFIG: ScoringConfig = { ...DEFAULT_SCORING_CONFIG, competitors: ['HubSpot', 'Salesforce'] };

function dimension(score: CallScore, id: DimensionId): ScoreDimension {
  const found = score.dimensions.find((d) => d.id === id);
  if (found === undefined) throw new Error(`no dimension ${id}`);
  return found;
}

describe('scoreLocally on a hand-made discovery call', () => {
  const score = scoreLocally(TRANSCRIPT, CONFIG);

  it('talk ratio: rep speech over all speech, silence left out', () => {
    // Rep: 3.0 + 3.5 + 0.5 + 13 + 13 + 4 + 3 + 5 + 8 + 10 + 6 + 2 = 71.0 s
    // Customer: 2 + 10 + 6 + 0.4 + 12 + 5 + 6 + 8 + 4 + 3 = 56.4 s
    // 71 / 127.4 = 0.5573; band 100 at 0.50 → 0 at 0.75: 100 - 100 × 0.0573 / 0.25 = 77.1 → 77
    const talk = dimension(score, 'talkRatio');
    expect(talk.value).toBeCloseTo(71 / 127.4, 10);
    expect(talk.score).toBe(77);
    expect(talk.unit).toBe('percent');
    expect(talk.weight).toBe(3);
    expect(talk.benchmark?.target).toContain('43%');
    expect(talk.benchmark?.source).toContain('Gong Labs');
    expect(talk.explanation).toBe(
      'The rep talked 56% of the speech time (1 min 11 s of 2 min 7 s); top reps talk about 43%.',
    );
    // Its evidence: the rep's three longest turns, in call order (S7, S9+S10, S18).
    expect(talk.evidence.map((e) => e.start)).toEqual([28.3, 42.2, 114.0]);
  });

  it('longest monologue: S7, S9 and S10 merge across gaps under 1 s and over "Right."', () => {
    // S7 28.3–41.3; Chris' one-word "Right." is a backchannel; S9 starts 0.9 s after S7,
    // S10 0.6 s after S9; Chris' S11 (16 words) ends it: 28.3 → 59.8 = 31.5 s (band: 100).
    const monologue = dimension(score, 'longestMonologue');
    expect(monologue.value).toBeCloseTo(31.5, 10);
    expect(monologue.score).toBe(100);
    expect(monologue.evidence).toHaveLength(1);
    expect(monologue.evidence[0]).toMatchObject({ start: 28.3, end: 59.8, speaker: 'Dana' });
    expect(monologue.evidence[0]!.quote).toMatch(/^Um, that is exactly what we hear/);
  });

  it("longest customer story: S4 and S6 merge over Dana's mm-hmm", () => {
    // S4 11.0–21.0, Dana's "Mm-hmm." (1 word) ignored, S6 starts 0.5 s later, ends 27.5:
    // 16.5 s. Band 0 → 30 at 50 s: 30 × 16.5 / 50 = 9.9 → 10.
    const story = dimension(score, 'longestCustomerStory');
    expect(story.value).toBeCloseTo(16.5, 10);
    expect(story.score).toBe(10);
    expect(story.evidence[0]).toMatchObject({ start: 11, end: 27.5, speaker: 'Chris' });
  });

  it('interactivity: speaker switches per minute', () => {
    // Turns (Dana's mm-hmm over Chris dropped; S4+S6 and S9+S10 merged): D C D C D C D C D C
    // D C D C D C D C D = 19 turns, 18 switches in 142.3 s: 18 / (142.3 / 60) = 7.59 a minute.
    const interactivity = dimension(score, 'interactivity');
    expect(interactivity.value).toBeCloseTo(18 / (142.3 / 60), 10);
    expect(interactivity.score).toBe(100);
    expect(interactivity.weight).toBe(0);
    expect(interactivity.benchmark?.source).toContain('No published number');
  });

  it('patience: mean pause before the rep answers, interruptions and "Right." left out', () => {
    // Customer turn end → rep start: 5.5→6.3 (0.8), 27.5→28.3 (0.8), 81.2→82.0 (0.8),
    // 95.0→96.5 (1.5), 113.5→114.0 (0.5), 129.0→130.0 (1.0), 139.8→140.3 (0.5).
    // Left out: "Right." (1 word) and 73.0→72.0 (an interruption). 5.9 / 7 = 0.843 s.
    // Band 50 at 0.6 → 100 at 1.2: 50 + 50 × 0.243 / 0.6 = 70.2 → 70.
    const patience = dimension(score, 'patience');
    expect(patience.value).toBeCloseTo(5.9 / 7, 10);
    expect(patience.score).toBe(70);
    expect(patience.benchmark?.target).toContain('1.5 s');
  });

  it('interruptions: Dana starts S12 a second before Chris finishes S11', () => {
    const interruptions = dimension(score, 'interruptions');
    expect(interruptions.value).toBe(1);
    expect(interruptions.evidence).toHaveLength(1);
    expect(interruptions.evidence[0]).toMatchObject({ start: 72, speaker: 'Dana' });
    expect(interruptions.evidence[0]!.note).toContain('1.0 s before the customer finished');
  });

  it('questions: "?" sentences and question openings, not "What I like is…"', () => {
    // Open: S3 "what does…?", S10 "What kind of…?", S16 "What would it be worth…?"
    // Closed: S12 "Do you use…?", S14 "How many reps would use it." (no "?"), S20 "Can I send…?"
    // 6 questions: band 50 at 6. Open share 3 / 6 = 0.5: band 100.
    const questions = dimension(score, 'questions');
    expect(questions.value).toBe(6);
    expect(questions.score).toBe(50);
    expect(questions.evidence.map((e) => [e.quote, e.note])).toEqual([
      ['So, what does your follow-up process look like today?', 'Open question'],
      ['What kind of reporting do your managers need from it?', 'Open question'],
      ['Do you use HubSpot for the pipeline too?', 'Closed question'],
      ['How many reps would use it.', 'Closed question'],
      ['What would it be worth to you to stop losing renewals?', 'Open question'],
      ['Can I send you a short proposal and book a call for Tuesday at 10 am?', 'Closed question'],
    ]);
    // S14's second sentence starts 8 of its 14 words in: 82 + 5 × 8 / 14.
    expect(questions.evidence[3]!.start).toBeCloseTo(82 + (5 * 8) / 14, 10);
    const open = dimension(score, 'openQuestions');
    expect(open.value).toBe(0.5);
    expect(open.score).toBe(100);
  });

  it('speech rate: rep words per minute of rep speech', () => {
    // 8 + 9 + 1 + 32 + 31 + 10 + 8 + 14 + 18 + 21 + 17 + 3 = 172 words in 71 s:
    // 172 × 60 / 71 = 145.4 wpm. Band 80 at 145 → 100 at 155: 80.7 → 81.
    const rate = dimension(score, 'speechRate');
    expect(rate.value).toBeCloseTo((172 * 60) / 71, 10);
    expect(rate.score).toBe(81);
  });

  it('fillers: um, "you know", basically, ", like," and "kind of" — not "look like", "I like", "what kind of"', () => {
    // S7: "Um" (1st sentence), "you know" set off by commas (2nd), "Basically" (3rd);
    // S18: ", like," and "is kind of quick".
    // Not: S3 "look like today", S9 "What I like is", "looks like a", S10 "What kind of".
    // 5 in 71 s of speech: 300 / 71 = 4.23 a minute. Band 100 at 2 → 50 at 6: 72.2 → 72.
    const fillers = dimension(score, 'fillerWords');
    expect(fillers.value).toBeCloseTo(300 / 71, 10);
    expect(fillers.score).toBe(72);
    expect(fillers.weight).toBe(0);
    expect(fillers.evidence.map((e) => e.note)).toEqual([
      'Fillers: um',
      'Fillers: you know',
      'Fillers: basically',
      'Fillers: like, kind of',
    ]);
  });

  it('next step: "send" and "book" with "Tuesday at 10 am" in the last 20%', () => {
    // The window starts at 0.8 × 142.3 = 113.8 s; S20's question starts 1 of 17 words into
    // 130.0–136.0.
    const next = dimension(score, 'nextSteps');
    expect(next.value).toBe(1);
    expect(next.score).toBe(100);
    expect(next.evidence).toHaveLength(1);
    expect(next.evidence[0]).toMatchObject({
      speaker: 'Dana',
      quote: 'Can I send you a short proposal and book a call for Tuesday at 10 am?',
      note: 'Next step with a date',
    });
    expect(next.evidence[0]!.start).toBeCloseTo(130 + 6 / 17, 10);
    expect(next.explanation).toBe(
      'A next step with a date was agreed at 2:10, in the last 20% of the call.',
    );
  });

  it('objections: the price objection is handled, the timing objection is not', () => {
    // Price (S15 "too expensive… the budget is frozen", one objection): Dana's S16 says
    // "I understand" and asks a question, in 8 s → handled.
    // Timing (S17 "not the right time, maybe next quarter"): S18 neither acknowledges nor asks.
    // 1 of 2: band 0 → 100 gives 50.
    const objections = dimension(score, 'objectionsHandled');
    expect(objections.value).toBe(0.5);
    expect(objections.score).toBe(50);
    expect(objections.evidence.map((e) => [e.speaker, e.note])).toEqual([
      ['Chris', 'Price objection'],
      ['Dana', 'Answer: acknowledged and asked a question, in 8 s'],
      ['Chris', 'Timing objection'],
      [
        'Dana',
        'Answer, not handling it: the 10 s answer neither acknowledged it nor asked a question',
      ],
    ]);
    expect(objections.evidence[0]!.quote).toBe(
      'Honestly that is too expensive for us, the budget is frozen.',
    );
    expect(objections.evidence[1]!.start).toBe(96.5);
    // S17's second sentence starts 8 of 18 words into 105.5–113.5: 109.06 s = 1:49.
    expect(objections.explanation).toBe(
      'The rep handled 1 of 2 objections (price, timing); the timing objection at 1:49 was not handled: the 10 s answer neither acknowledged it nor asked a question.',
    );
  });

  it('competitors: HubSpot by the customer and by the rep, in the middle of the call', () => {
    // S11's second sentence: 61 + 12 × 3 / 16 = 63.25 s (44% in); S12 at 72.0 s (51% in).
    const competitors = dimension(score, 'competitorMentions');
    expect(competitors.value).toBe(2);
    expect(competitors.evidence.map((e) => [e.speaker, e.note])).toEqual([
      ['Chris', 'HubSpot: customer, middle (first mention)'],
      ['Dana', 'HubSpot: rep, middle'],
    ]);
    expect(competitors.explanation).toBe(
      'HubSpot came up 2 times (customer 1, rep 1; early 0, middle 2, late 0), first at 1:03.',
    );
  });

  it('pricing: first raised by the customer ("What does it cost per seat?"), so not flagged', () => {
    const pricing = dimension(score, 'pricingDiscussed');
    expect(pricing.value).toBe(1);
    expect(pricing.score).toBe(100);
    // S13's second sentence: 76.2 + 5 × 4 / 10 = 78.2 s. Then S14, S15 and S16 talk price.
    expect(pricing.evidence[0]).toMatchObject({
      speaker: 'Chris',
      quote: 'What does it cost per seat?',
      note: 'First price mention, by the customer',
    });
    expect(pricing.evidence[0]!.start).toBeCloseTo(78.2, 10);
    expect(pricing.evidence).toHaveLength(4);
  });

  it('overall: the weighted mean of the weighted dimensions', () => {
    // talk 77×3 + monologue 100×2 + story 10×1.5 + patience 70×1 + questions 50×2
    // + speech rate 81×0.5 + next steps 100×2 + objections 50×1.5 + pricing 100×0.5
    // = 981.5 over weights 14 = 70.1 → 70.
    expect(score.overall).toBe(70);
    expect(score.scorer).toEqual({ kind: 'local', name: 'Local rules', version: '1' });
    expect(score.configVersion).toBe(1);
  });

  it('tips: the weakest weighted dimensions first', () => {
    // Below 75: story 10, questions 50 (weight 2), objections 50 (weight 1.5), patience 70.
    expect(score.tips).toEqual([
      'The customer\'s longest story lasted 17 s; winning calls have one of about 4 minutes. Ask "tell me more about that" and stay quiet until they finish.',
      'You asked 6 questions; discovery calls that win have 11–14. Prepare five open questions ("what", "how", "tell me about") before the call.',
      'Your answer to the timing objection at 1:49 fell short: the 10 s answer neither acknowledged it nor asked a question. Acknowledge it ("that\'s fair"), then ask what is behind it, in under a minute.',
      'You answered 0.8 s after the customer stopped; top reps pause about 1.5 s, longer after an objection. Count to two before you reply.',
    ]);
  });

  it('sentiment: measured per speaker with a trend, informational', () => {
    for (const id of ['repSentiment', 'customerSentiment', 'customerSentimentTrend'] as const) {
      const d = dimension(score, id);
      expect(d.value).not.toBeNull();
      expect(d.value!).toBeGreaterThanOrEqual(-2);
      expect(d.value!).toBeLessThanOrEqual(2);
      expect(d.weight).toBe(0);
    }
    // "Honestly that is too expensive… the budget is frozen" is neutral to VADER; "not the
    // right time" is negated: Chris' last third is cooler than "Happy to, glad we could connect".
    expect(dimension(score, 'customerSentiment').evidence[0]!.quote).toBe(
      'Happy to, glad we could connect.',
    );
  });

  it('lists every dimension once, in a stable order, each with a label and an explanation', () => {
    expect(score.dimensions.map((d) => d.id)).toEqual([
      'talkRatio',
      'longestMonologue',
      'longestCustomerStory',
      'interactivity',
      'patience',
      'interruptions',
      'questions',
      'openQuestions',
      'speechRate',
      'fillerWords',
      'repSentiment',
      'customerSentiment',
      'customerSentimentTrend',
      'nextSteps',
      'objectionsHandled',
      'competitorMentions',
      'pricingDiscussed',
    ]);
    for (const d of score.dimensions) {
      expect(d.label).not.toBe('');
      expect(d.explanation).toMatch(/\.$/);
      expect(d.benchmark?.source).toBeTruthy();
    }
  });
});
