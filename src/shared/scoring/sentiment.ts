/**
 * Tone per speaker and the customer's trend, with VADER (Hutto & Gilbert 2014; the
 * vader-sentiment port, Apache-2.0): a lexicon with negation ("not good"), intensifiers ("really
 * good") and "but" handling. Its data is bundled in the package: it reads no file and needs no
 * network, so it runs in the core, the CLI and the page alike.
 */
// The package ships no types: the reference brings ours into every project that compiles this file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./vader-sentiment.d.ts" />
import vader from 'vader-sentiment';
import { type Call, type Sentence, plural } from './call';
import { type Measured, unmeasured } from './catalog';
import { firstWords } from './text';
import type { Evidence } from './types';

interface Scored {
  sentence: Sentence;
  compound: number;
}

/** VADER's compound score, -1..1, of each sentence of one side, in call order. */
/** Whether VADER gives a token a valence of its own, remembered across calls (bounded). */
const tokenValence = new Map<string, boolean>();

function hasValence(token: string): boolean {
  let found = tokenValence.get(token);
  if (found === undefined) {
    found = vader.SentimentIntensityAnalyzer.polarity_scores(token).compound !== 0;
    if (tokenValence.size >= 100_000) tokenValence.clear();
    tokenValence.set(token, found);
  }
  return found;
}

/**
 * VADER's compound score of a text. VADER only ever scores words of its lexicon (none of which has
 * a valence of 0): a sentence without one scores exactly 0, so those skip the full, slow analysis.
 * Tokens are split as VADER splits them (on white space, longer than one character).
 */
export function vaderCompound(text: string): number {
  const tokens = text.split(/\s/).filter((token) => token.length > 1);
  if (!tokens.some(hasValence)) return 0;
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

function scoreSentences(call: Call, side: 'rep' | 'customer', memo: Map<string, number>): Scored[] {
  return call.sentences
    .filter((sentence) => sentence.side === side)
    .map((sentence) => {
      // Calls repeat themselves ("Yeah.", "Okay, great."): each text is scored once.
      let compound = memo.get(sentence.text);
      if (compound === undefined) {
        compound = vaderCompound(sentence.text);
        memo.set(sentence.text, compound);
      }
      return { sentence, compound };
    });
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function tone(value: number): string {
  return value >= 0.05 ? 'positive' : value <= -0.05 ? 'negative' : 'neutral';
}

/** The most negative and the most positive lines: what moved the number. */
function extremes(scored: Scored[]): Evidence[] {
  const byScore = [...scored]
    .filter((s) => s.compound !== 0)
    .sort((a, b) => a.compound - b.compound || a.sentence.start - b.sentence.start);
  const picked = [
    ...byScore.slice(0, 3).filter((s) => s.compound < 0),
    ...byScore.slice(-3).filter((s) => s.compound > 0),
  ];
  return [...new Set(picked)]
    .sort((a, b) => a.sentence.start - b.sentence.start)
    .map((s) => ({
      start: s.sentence.start,
      end: s.sentence.end,
      speaker: s.sentence.speaker,
      quote: firstWords(s.sentence.text, 30),
      note: `${s.compound > 0 ? 'Positive' : 'Negative'} (${s.compound.toFixed(2)})`,
    }));
}

export function sentiment(call: Call): Measured[] {
  const memo = new Map<string, number>();
  const rep = scoreSentences(call, 'rep', memo);
  const customer = scoreSentences(call, 'customer', memo);
  const out: Measured[] = [];

  if (rep.length === 0) {
    out.push(
      unmeasured(
        'repSentiment',
        "No speaker is marked as the rep, so the rep's tone cannot be measured.",
      ),
    );
  } else {
    const value = mean(rep.map((s) => s.compound));
    out.push({
      id: 'repSentiment',
      value,
      explanation: `The rep's tone was ${tone(value)} (${value.toFixed(2)} on average over ${plural(rep.length, 'sentence')}).`,
      evidence: extremes(rep),
      tip: `Your tone averaged ${value.toFixed(2)}; name what is going well for the customer as well as the problems.`,
    });
  }

  if (customer.length === 0) {
    out.push(
      unmeasured(
        'customerSentiment',
        "Only the rep is heard, so the customer's sentiment cannot be measured.",
      ),
    );
    out.push(
      unmeasured(
        'customerSentimentTrend',
        "Only the rep is heard, so the customer's trend cannot be measured.",
      ),
    );
    return out;
  }
  const value = mean(customer.map((s) => s.compound));
  out.push({
    id: 'customerSentiment',
    value,
    explanation: `The customer's sentiment was ${tone(value)} (${value.toFixed(2)} on average over ${plural(customer.length, 'sentence')}).`,
    evidence: extremes(customer),
  });

  const first = customer.filter((s) => s.sentence.position < 1 / 3);
  const last = customer.filter((s) => s.sentence.position >= 2 / 3);
  if (first.length === 0 || last.length === 0) {
    out.push(
      unmeasured(
        'customerSentimentTrend',
        `The customer did not speak in both the first and the last third of the call, so there is no trend.`,
      ),
    );
    return out;
  }
  const from = mean(first.map((s) => s.compound));
  const to = mean(last.map((s) => s.compound));
  const trend = to - from;
  out.push({
    id: 'customerSentimentTrend',
    value: trend,
    explanation: `The customer's sentiment went from ${from.toFixed(2)} in the first third to ${to.toFixed(2)} in the last (${trend >= 0 ? '+' : ''}${trend.toFixed(2)})${trend <= -0.1 ? ': the call ended cooler than it started' : trend >= 0.1 ? ': the call warmed up' : ''}.`,
    evidence: extremes(last),
    tip: `The customer's mood dropped by ${Math.abs(trend).toFixed(2)} from the first third to the last; find out what changed before the next call.`,
  });
  return out;
}
