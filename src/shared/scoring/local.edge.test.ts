/** The calls that are not a tidy two-person conversation, and the rules' edge cases. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_CONFIG, type DimensionId } from './config';
import { scoreLocally } from './local';
import type { CallScore, ScoreDimension, Transcript, TranscriptSegment } from './types';

const seg = (
  speaker: string,
  start: number,
  end: number,
  text: string,
  role: 'rep' | 'customer' = speaker === 'Rep' ? 'rep' : 'customer',
): TranscriptSegment => ({ speaker, role, start, end, text });

const transcript = (segments: TranscriptSegment[], timed = true): Transcript => ({
  format: timed ? 'deepgram' : 'text',
  speakers: [...new Set(segments.map((s) => s.speaker))],
  repSpeaker: segments.find((s) => s.role === 'rep')?.speaker ?? null,
  timed,
  segments,
});

function dimension(score: CallScore, id: DimensionId): ScoreDimension {
  return score.dimensions.find((d) => d.id === id)!;
}

const TIME_BASED: DimensionId[] = [
  'talkRatio',
  'longestMonologue',
  'longestCustomerStory',
  'interactivity',
  'patience',
  'interruptions',
  'speechRate',
  'fillerWords',
];

describe('an empty transcript', () => {
  it.each([
    ['no segments', []],
    ['only blank lines', [seg('Rep', 0, 2, '  '), seg('Chris', 2, 3, '...')]],
  ])('%s: every dimension null, overall null, no tips', (_, segments) => {
    const score = scoreLocally(transcript(segments));
    expect(score.overall).toBeNull();
    expect(score.tips).toEqual([]);
    expect(score.dimensions).toHaveLength(17);
    for (const d of score.dimensions) {
      expect(d.value).toBeNull();
      expect(d.score).toBeNull();
      expect(d.evidence).toEqual([]);
      expect(d.explanation).toBe('The transcript has no speech, so there is nothing to score.');
    }
  });
});

describe('one speaker', () => {
  it('only the rep (a voicemail): the conversation dimensions say why they are missing', () => {
    const score = scoreLocally(
      transcript([
        seg(
          'Rep',
          0,
          16,
          'Hi Sam, this is Dana from Cockpit. What would make Tuesday work for you?',
        ),
        // In the last 20%: from 16 s on.
        seg('Rep', 16.5, 20, 'I can send you the deck by Friday.'),
      ]),
    );
    for (const id of [
      'talkRatio',
      'longestCustomerStory',
      'interactivity',
      'patience',
      'interruptions',
    ] as const) {
      expect(dimension(score, id).value).toBeNull();
      expect(dimension(score, id).explanation).toMatch(/^Only the rep is heard/);
    }
    expect(dimension(score, 'objectionsHandled').value).toBeNull();
    // The rep's own dimensions are still measured: 0–16 and 16.5–20 merge (gap 0.5 s).
    expect(dimension(score, 'longestMonologue').value).toBe(20);
    expect(dimension(score, 'questions').value).toBe(1);
    expect(dimension(score, 'nextSteps').value).toBe(1);
    expect(score.overall).not.toBeNull();
  });

  it('nobody marked as the rep: the rep dimensions ask to choose one', () => {
    const score = scoreLocally(
      transcript([
        seg('Speaker 1', 0, 10, 'What does your team use today?'),
        seg('Speaker 2', 11, 20, 'Mostly spreadsheets, and it is too expensive to change now.'),
      ]),
    );
    for (const id of [
      'talkRatio',
      'longestMonologue',
      'questions',
      'speechRate',
      'fillerWords',
    ] as const) {
      expect(dimension(score, id).value).toBeNull();
      expect(dimension(score, id).explanation).toMatch(
        /No speaker is marked as the rep.*choose the rep/,
      );
    }
    expect(dimension(score, 'repSentiment').value).toBeNull();
    expect(dimension(score, 'customerSentiment').value).not.toBeNull();
  });
});

describe('three speakers', () => {
  // Rep Dana; Chris and Pat are both the customer side.
  const score = scoreLocally(
    transcript([
      seg('Rep', 0, 10, 'Thanks both for joining. What are you hoping to fix this quarter?'), //  10 s
      seg(
        'Chris',
        11,
        31,
        'Our reps forget follow-ups and we lose renewals every single month because of it.',
      ), // 20 s
      seg('Pat', 20, 20.6, 'Yeah.'), // Pat's backchannel during Chris' story
      seg('Chris', 31.4, 41, 'And the managers cannot see any of it until the quarter is over.'), // 9.6 s
      seg('Pat', 42, 50, 'I would add that reporting takes me a full day every week.'), // 8 s
      seg('Rep', 51.5, 61.5, 'That makes sense. How do you build that report today?'), // 10 s
    ]),
  );

  it('talk ratio counts every customer on the customer side', () => {
    // Rep 20 s; customers 20 + 0.6 + 9.6 + 8 = 38.2 s: 20 / 58.2.
    expect(dimension(score, 'talkRatio').value).toBeCloseTo(20 / 58.2, 10);
  });

  it("the customer's story is one speaker's run; another customer's backchannel does not end it", () => {
    // Chris 11 → 41 (gap 0.4 s, Pat's "Yeah." ignored); Pat then speaks 42–50.
    expect(dimension(score, 'longestCustomerStory').value).toBeCloseTo(30, 10);
    expect(dimension(score, 'longestCustomerStory').evidence[0]!.speaker).toBe('Chris');
  });

  it('the rep answers whoever spoke last', () => {
    // Turns: Rep, Chris (11–41), Pat (42–50), Rep (51.5): Chris → Pat is no rep reply; Pat → Rep 1.5 s.
    expect(dimension(score, 'patience').value).toBeCloseTo(1.5, 10);
    // Switches Rep→Chris→Pat→Rep = 3 in 61.5 s.
    expect(dimension(score, 'interactivity').value).toBeCloseTo(3 / (61.5 / 60), 10);
  });
});

describe('overlapping segments', () => {
  it('count overlap once per speaker, and for both speakers when they talk at once', () => {
    const score = scoreLocally(
      transcript([
        seg('Rep', 0, 10, 'Let me walk you through how the board works for a team like yours.'),
        seg('Rep', 6, 14, 'The board works for a team like yours and shows every deal at once.'), // a duplicate caption
        seg('Chris', 12, 20, 'Sorry, before that, how long does the setup take for twelve reps?'), // overlaps the rep 2 s
        seg('Rep', 21, 25, 'About two weeks, training included.'),
      ]),
    );
    // Rep: union of 0–10 and 6–14 = 14 s, plus 4 s = 18 s. Chris: 8 s. 18 / 26.
    expect(dimension(score, 'talkRatio').value).toBeCloseTo(18 / 26, 10);
    // The duplicate merges into one run 0–14.
    expect(dimension(score, 'longestMonologue').value).toBe(14);
  });
});

describe('a transcript without times', () => {
  const score = scoreLocally(
    transcript(
      [
        // A parser estimates times for an untimed file; the scorer must not trust them.
        seg('Rep', 0, 5, 'Hi Chris, what does your process look like today?'),
        seg(
          'Chris',
          5,
          10,
          'Spreadsheets, mostly. Honestly it is too expensive to switch right now.',
        ),
        seg('Rep', 10, 15, 'That is fair. What would it cost you to keep losing renewals?'),
        seg('Chris', 15, 20, 'A lot, I suppose.'),
        seg('Rep', 20, 25, 'Then let me send you a proposal on Thursday.'),
      ],
      false,
    ),
  );

  it('gives null time-based dimensions that say so', () => {
    for (const id of TIME_BASED) {
      expect(dimension(score, id).value).toBeNull();
      expect(dimension(score, id).score).toBeNull();
      expect(dimension(score, id).explanation).toMatch(/^The transcript has no times/);
    }
  });

  it('scores what does not need times, placing the last 20% by words', () => {
    expect(dimension(score, 'questions').value).toBe(2);
    expect(dimension(score, 'nextSteps').value).toBe(1);
    expect(dimension(score, 'nextSteps').score).toBe(100);
    // "That is fair" acknowledges, and the answer is 12 words long.
    expect(dimension(score, 'objectionsHandled').value).toBe(1);
    expect(dimension(score, 'objectionsHandled').evidence[1]!.note).toBe(
      'Answer: acknowledged and asked a question, in 12 words',
    );
    expect(dimension(score, 'pricingDiscussed').explanation).toMatch(/about \d+% into the call/);
    expect(score.overall).not.toBeNull();
  });
});

describe('zero-length and malformed segments', () => {
  it('a zero-length line adds words but no speaking time', () => {
    const score = scoreLocally(
      transcript([
        seg('Rep', 0, 10, 'Thanks for the time today, I will keep this short and useful.'),
        seg('Rep', 10, 10, 'What matters most to you?'),
        seg(
          'Chris',
          11,
          21,
          'Honestly, getting renewals under control before the next quarter starts.',
        ),
      ]),
    );
    expect(dimension(score, 'talkRatio').value).toBeCloseTo(0.5, 10);
    expect(dimension(score, 'questions').value).toBe(1);
    // Speech rate counts the words of lines that last: 12 words in 10 s.
    expect(dimension(score, 'speechRate').value).toBeCloseTo(72, 10);
  });

  it('only zero-length lines: the time-based dimensions are null', () => {
    const score = scoreLocally(
      transcript([
        seg('Rep', 5, 5, 'What do you use today?'),
        seg('Chris', 5, 5, 'A spreadsheet.'),
      ]),
    );
    for (const id of TIME_BASED) expect(dimension(score, id).value).toBeNull();
    expect(dimension(score, 'questions').value).toBe(1);
  });

  it('negative, reversed and missing times are repaired, not trusted', () => {
    const score = scoreLocally(
      transcript([
        seg('Rep', -3, 4, 'Hello there, how are things going on your side?'),
        seg('Chris', 12, 6, 'Busy, very busy this month with the launch.'),
        seg('Rep', Number.NaN, 14, 'Understood, thanks for making time anyway.'),
      ]),
    );
    for (const d of score.dimensions) {
      for (const e of d.evidence) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeGreaterThanOrEqual(e.start);
      }
      if (d.score !== null) expect(Number.isInteger(d.score)).toBe(true);
    }
  });
});

describe('moments', () => {
  const CONFIG = { ...DEFAULT_SCORING_CONFIG, competitors: ['Salesforce'] };
  const filler = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      seg(
        i % 2 ? 'Chris' : 'Rep',
        from + i * 10,
        from + i * 10 + 9,
        'We talked about the team and their weekly numbers.',
      ),
    );

  it('a first competitor mention in the last third is flagged', () => {
    const score = scoreLocally(
      transcript([
        ...filler(0, 8),
        seg('Chris', 80, 89, 'We are also talking to Salesforce, to be honest.'),
      ]),
      CONFIG,
    );
    const competitors = dimension(score, 'competitorMentions');
    expect(competitors.value).toBe(1);
    expect(competitors.explanation).toMatch(
      /first at 1:20: a first mention this late is a red flag\.$/,
    );
    expect(competitors.evidence[0]!.note).toBe(
      'Salesforce: customer, late (first mention, late: a red flag)',
    );
  });

  it('without configured competitors, the dimension says how to set them up', () => {
    const score = scoreLocally(transcript(filler(0, 4)));
    expect(dimension(score, 'competitorMentions').value).toBeNull();
    expect(dimension(score, 'competitorMentions').explanation).toMatch(
      /No competitors are configured/,
    );
  });

  it('a rep who brings up price in the first 20% is flagged', () => {
    const score = scoreLocally(
      transcript([
        seg('Rep', 0, 9, 'Quick intro: our plan is $40 per seat per month.'),
        ...filler(10, 9),
      ]),
    );
    const pricing = dimension(score, 'pricingDiscussed');
    expect(pricing.value).toBe(1);
    expect(pricing.score).toBe(30);
    expect(pricing.explanation).toMatch(
      /^The rep brought up pricing at 0:00, within the first 20%/,
    );
  });

  it('"next steps" without a date scores 60; nothing scores 0', () => {
    const named = scoreLocally(
      transcript([...filler(0, 8), seg('Rep', 80, 89, 'So what are the next steps on your side?')]),
    );
    expect(dimension(named, 'nextSteps')).toMatchObject({ value: 1, score: 60 });
    const none = scoreLocally(transcript(filler(0, 8)));
    expect(dimension(none, 'nextSteps')).toMatchObject({ value: 0, score: 0 });
    expect(dimension(none, 'nextSteps').explanation).toMatch(/^No next step was set/);
  });

  it('a commitment whose date comes in the answer is a next step', () => {
    const score = scoreLocally(
      transcript([
        ...filler(0, 8),
        seg('Rep', 80, 84, 'Shall we book a follow-up call?'),
        seg('Chris', 85, 88, 'Sure, Thursday at 3 pm works.'),
      ]),
    );
    expect(dimension(score, 'nextSteps').score).toBe(100);
    expect(dimension(score, 'nextSteps').evidence.map((e) => e.note)).toEqual([
      'Next step',
      'Its date',
    ]);
  });

  it('an objection at the very end is not handled: the rep never answered', () => {
    const score = scoreLocally(
      transcript([...filler(0, 4), seg('Chris', 40, 45, 'I need to run it by my boss first.')]),
    );
    const objections = dimension(score, 'objectionsHandled');
    expect(objections.value).toBe(0);
    expect(objections.explanation).toContain(
      'the authority objection at 0:40 was not handled: the rep did not answer',
    );
  });

  it('an answer longer than a minute does not handle the objection, however polite', () => {
    const score = scoreLocally(
      transcript([
        seg('Chris', 0, 5, 'Honestly we already use Salesforce for this.'),
        seg(
          'Rep',
          6,
          80,
          'I understand. Let me explain everything our product does for teams like yours in detail.',
        ),
      ]),
    );
    expect(dimension(score, 'objectionsHandled').value).toBe(0);
    expect(dimension(score, 'objectionsHandled').evidence[1]!.note).toBe(
      'Answer, not handling it: the answer ran 1 min 14 s',
    );
  });
});

describe('the config drives the score', () => {
  const t = transcript([
    seg('Rep', 0, 30, 'Let me tell you all about our product and why teams love it so much.'),
    seg('Chris', 31, 41, 'Okay, and how does it handle renewals for accounts like ours?'),
  ]);

  it('weights decide the overall; a dimension with weight 0 is shown but not counted', () => {
    const weights = Object.fromEntries(
      Object.keys(DEFAULT_SCORING_CONFIG.weights).map((id) => [id, id === 'talkRatio' ? 1 : 0]),
    ) as typeof DEFAULT_SCORING_CONFIG.weights;
    const score = scoreLocally(t, { ...DEFAULT_SCORING_CONFIG, weights });
    expect(score.overall).toBe(dimension(score, 'talkRatio').score);
    expect(dimension(score, 'longestMonologue').score).not.toBeNull();
  });

  it('bands decide the scores, and the config version is recorded', () => {
    // Talk ratio 30 / 40 = 0.75: 0 on the default band, 100 on a band that likes talking.
    expect(dimension(scoreLocally(t), 'talkRatio').score).toBe(0);
    const lenient = {
      ...DEFAULT_SCORING_CONFIG,
      version: 7,
      bands: {
        ...DEFAULT_SCORING_CONFIG.bands,
        talkRatio: [
          [0, 0],
          [0.7, 100],
        ] as [number, number][],
      },
    };
    const score = scoreLocally(t, lenient);
    expect(dimension(score, 'talkRatio').score).toBe(100);
    expect(score.configVersion).toBe(7);
  });
});
