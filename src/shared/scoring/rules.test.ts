/** The text rules on their own: questions, fillers, phrases, sentences and the VADER shortcut. */
import vader from 'vader-sentiment';
import { describe, expect, it } from 'vitest';
import { generateCall } from './generatedCall';
import { DEFAULT_SCORING_CONFIG } from './config';
import { vaderCompound } from './sentiment';
import { findFillers, questionKind } from './speech';
import { countWords, matchAll, phrasePattern, splitSentences } from './text';

describe('questionKind', () => {
  it.each([
    ['What does a normal week look like?', 'open'],
    ['So, how do you handle renewals today', 'open'],
    ['Okay and why did you start looking now', 'open'],
    ['Tell me about the last deal you lost.', 'open'],
    ['Walk me through your onboarding.', 'open'],
    ['Before I show anything, what made you look at this now?', 'open'],
    ['How many reps are on the team', 'closed'],
    ['How much do you spend on it today?', 'closed'],
    ['Do you use a CRM', 'closed'],
    ["Isn't that a problem for the managers", 'closed'],
    ['Who else is involved in the decision', 'closed'],
    ['That works for you, right?', 'closed'],
  ])('%j is a question (%s)', (text, kind) => {
    expect(questionKind(text)).toBe(kind);
  });

  it.each([
    'What I mean is that the board is faster.',
    'When we launched, nobody used it.',
    'How we do it is simple.',
    'Which is why we built the list.',
    'We do have a CRM.',
    'Um, that is exactly what we hear.',
  ])('%j is not a question', (text) => {
    expect(questionKind(text)).toBeNull();
  });
});

describe('findFillers', () => {
  const fillers = DEFAULT_SCORING_CONFIG.lexicons.fillers;
  it.each([
    ['Um, so, uh, we start there.', ['um', 'uh']],
    ['It was, like, really slow.', ['like']],
    ['Like, we tried everything.', ['like']],
    ['Um like the whole team.', ['um', 'like']],
    ['I like the board.', []],
    ["We'd like, um, a demo.", ['um']],
    ['It looks like a board.', []],
    ['Tools like Salesforce are heavy.', []],
    ['You know, it is slow.', ['you know']],
    ['It is slow, you know?', ['you know']],
    ['Do you know the answer?', []],
    ['You know the answer.', []],
    ['I mean, it works.', ['i mean']],
    ['What I mean is simple.', []],
    ['It is kind of slow.', ['kind of']],
    ['We sort of gave up.', ['sort of']],
    ['What kind of tools do you use?', []],
    ['That sort of thing happens.', []],
    ['Basically it is actually fine.', ['basically', 'actually']],
  ])('%j has %j', (text, expected) => {
    expect(findFillers(text, fillers)).toEqual(expected);
  });
});

describe('phrasePattern', () => {
  const verbs = phrasePattern(['schedule', 'set up', 'follow up', 'send'], true)!;
  it.each([
    'we are scheduling it',
    'I scheduled it',
    "let's set up a call",
    'setting up the pilot',
    'a follow-up on Monday',
    'following up next week',
    'I will send it',
    'she sends it',
  ])('verb forms match: %j', (text) => {
    expect(matchAll(verbs, text)).toHaveLength(1);
  });

  it('matches whole words only, and "*" stands for one word', () => {
    expect(matchAll(verbs, 'the sender resends')).toHaveLength(0);
    expect(
      matchAll(phrasePattern(['run it by *']), 'i need to run it by legal first'),
    ).toHaveLength(1);
    expect(matchAll(phrasePattern(['monday.com']), 'we use monday.com today')).toHaveLength(1);
    expect(phrasePattern(['', '  '])).toBeNull();
  });
});

describe('sentences and words', () => {
  it('splits at sentence ends but keeps amounts and abbreviations of numbers whole', () => {
    expect(splitSentences('It costs $1.5 million. Really? Yes!').map((s) => s.text)).toEqual([
      'It costs $1.5 million.',
      'Really?',
      'Yes!',
    ]);
    expect(splitSentences('One two. Three').map((s) => [s.firstWord, s.words])).toEqual([
      [0, 2],
      [2, 1],
    ]);
  });

  it('counts "mm-hmm", "don\'t" and "1,200" as one word each', () => {
    expect(countWords("Mm-hmm, don't pay 1,200 dollars.")).toBe(5);
    expect(countWords(' ... ')).toBe(0);
  });
});

describe('vaderCompound', () => {
  it('skips only sentences VADER itself scores 0, so it always agrees with VADER', () => {
    const texts = [
      "It's too expensive... the budget is frozen",
      'NOT GOOD!!!',
      'not bad at all',
      "I don't love it",
      'kind of great',
      'yeah right',
      '(good)',
      ':)',
      'at least it works',
      "I'm very, very happy :-)",
      'The weekly report takes a day.',
      ...generateCall({ seed: 11, minutes: 20 }).segments.map((s) => s.text),
    ];
    for (const text of texts) {
      expect(vaderCompound(text)).toBe(
        vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
      );
    }
  });

  it('reads negation and intensifiers', () => {
    expect(vaderCompound('This is good.')).toBeGreaterThan(0);
    expect(vaderCompound('This is not good.')).toBeLessThan(0);
    expect(vaderCompound('This is really good.')).toBeGreaterThan(vaderCompound('This is good.'));
  });
});
