/**
 * Moments that phrase rules find: next steps, objections and how they were answered, competitor
 * mentions and pricing. Sentiment lexicons miss these ("the budget is frozen" scores 0 in VADER),
 * so each has its own lexicon in the config.
 */
import { type Call, type Sentence, clock, duration, percent, plural, when } from './call';
import { type Measured, MAX_EVIDENCE, unmeasured } from './catalog';
import { OBJECTION_KINDS, type ObjectionKind, type ScoringConfig } from './config';
import { asksQuestion } from './speech';
import { firstWords, matchAll, normalise, phrasePattern } from './text';
import type { Evidence } from './types';

const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
/** A day, a date or a time: what turns "let's talk again" into a next step. */
const DATE = new RegExp(
  [
    '\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs)s?\\b',
    "\\b(?:tomorrow|today|tonight|later today|this (?:morning|afternoon|evening)|(?:next|this) (?:week|month)|end of (?:the )?(?:day|week|month)|eod|eow|first thing|o'clock|noon)\\b",
    '\\b(?:in|within) (?:a|an|one|two|three|four|five|six|a couple of|a few|\\d+) (?:days?|weeks?|months?)\\b',
    `\\b${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH}\\b`,
    '\\bthe \\d{1,2}(?:st|nd|rd|th)\\b',
    '\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b',
    '\\b\\d{1,2}(?::\\d{2})? ?(?:am|pm|a\\.m\\.|p\\.m\\.)',
    '\\b\\d{1,2}:\\d{2}\\b',
  ].join('|'),
  'i',
);
/** "$40", "€1,200", "40k dollars", "300 euros". */
const AMOUNT =
  /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:k|m|thousand|million)?\s?(?:dollars|euros|pounds|usd|eur|gbp|bucks)\b/i;

interface Patterns {
  nextStepVerbs: RegExp | null;
  nextStepPhrases: RegExp | null;
  acknowledgements: RegExp | null;
  objections: [ObjectionKind, RegExp | null][];
  pricing: RegExp | null;
  competitors: { name: string; pattern: RegExp | null }[];
}

const compiled = new WeakMap<ScoringConfig, Patterns>();

/** The config's lexicons as patterns, compiled once per config. */
function patterns(config: ScoringConfig): Patterns {
  let found = compiled.get(config);
  if (found === undefined) {
    const { lexicons } = config;
    found = {
      nextStepVerbs: phrasePattern(lexicons.nextStepVerbs, true),
      nextStepPhrases: phrasePattern(lexicons.nextStepPhrases),
      acknowledgements: phrasePattern(lexicons.acknowledgements),
      objections: OBJECTION_KINDS.map((kind) => [kind, phrasePattern(lexicons.objections[kind])]),
      pricing: phrasePattern(lexicons.pricing),
      competitors: [...new Set(config.competitors.map((name) => name.trim()))]
        .filter((name) => name !== '')
        .map((name) => ({ name, pattern: phrasePattern([name]) })),
    };
    compiled.set(config, found);
  }
  return found;
}

function has(pattern: RegExp | null, text: string): boolean {
  if (pattern === null) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function evidence(sentence: Sentence, note: string, words = 30): Evidence {
  return {
    start: sentence.start,
    end: sentence.end,
    speaker: sentence.speaker,
    quote: firstWords(sentence.text, words),
    note,
  };
}

const KIND_LABEL: Record<ObjectionKind, string> = {
  price: 'Price',
  timing: 'Timing',
  authority: 'Authority',
  incumbent: 'Incumbent',
  need: 'Need',
};

export function nextSteps(call: Call): Measured {
  const { nextStepVerbs, nextStepPhrases } = patterns(call.config);
  const from = 1 - call.config.rules.nextStepWindow;
  const dated: Evidence[] = [];
  const named: Evidence[] = [];
  const sentences = call.sentences;
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    if (sentence.position < from) continue;
    const text = normalise(sentence.text);
    if (has(nextStepVerbs, text)) {
      // The date may come in the answer: "Shall we book a follow-up?" "Tuesday at 10 works."
      const next = sentences[i + 1];
      if (DATE.test(text)) {
        dated.push(evidence(sentence, 'Next step with a date'));
        continue;
      }
      if (next !== undefined && DATE.test(normalise(next.text))) {
        dated.push(evidence(sentence, 'Next step'), evidence(next, 'Its date'));
        i++;
        continue;
      }
    }
    if (has(nextStepPhrases, text)) named.push(evidence(sentence, 'Next step named, no date'));
  }
  const window = `the last ${percent(call.config.rules.nextStepWindow)} of the call`;
  const first = dated[0] ?? named[0];
  const at = (e: Evidence) => (call.hasTimes ? ` at ${clock(e.start)},` : '');
  if (dated.length > 0) {
    return {
      id: 'nextSteps',
      value: 1,
      score: 100,
      explanation: `A next step with a date was agreed${at(first!)} in ${window}.`,
      evidence: [...dated, ...named].sort((a, b) => a.start - b.start).slice(0, MAX_EVIDENCE),
      praise: 'You ended with a dated next step: the deal keeps moving.',
    };
  }
  if (named.length > 0) {
    return {
      id: 'nextSteps',
      value: 1,
      score: call.config.rules.nextStepWithoutDateScore,
      explanation: `A next step was mentioned${at(first!)} in ${window}, but without a commitment and a date.`,
      evidence: named.slice(0, MAX_EVIDENCE),
      tip: 'You talked about next steps but set no date; before hanging up, agree on a day and a time and send the invite while you are still on the call.',
    };
  }
  return {
    id: 'nextSteps',
    value: 0,
    score: 0,
    explanation: `No next step was set in ${window}: nobody committed to send, schedule or book something by a date.`,
    evidence: [],
    tip: 'The call ended without a next step; before hanging up, book the next meeting (a day, a time, who sends the invite).',
  };
}

interface Answer {
  start: number;
  end: number;
  speaker: string;
  text: string;
  words: number;
}

/**
 * The rep's next turn after segment `index`: the first rep segment after it (skipping the rep's
 * backchannels while the customer is still talking), with the same speaker's segments that follow.
 */
function answerAfter(call: Call, index: number): { key: number; answer: Answer } | null {
  const { backchannelMaxWords, mergeGapSeconds } = call.config.rules;
  const segments = call.segments;
  const asked = segments[index]!;
  let k = index + 1;
  for (; k < segments.length; k++) {
    const segment = segments[k]!;
    if (segment.side !== 'rep') continue;
    const backchannel =
      call.hasTimes && segment.words <= backchannelMaxWords && segment.start < asked.end;
    if (!backchannel) break;
  }
  const first = segments[k];
  if (first === undefined) return null;
  const answer: Answer = { ...first };
  for (let n = k + 1; n < segments.length; n++) {
    const segment = segments[n]!;
    if (segment.speaker !== first.speaker) break;
    if (call.hasTimes && segment.start - answer.end >= mergeGapSeconds) break;
    answer.end = Math.max(answer.end, segment.end);
    answer.text += ` ${segment.text}`;
    answer.words += segment.words;
  }
  return { key: k, answer };
}

export function objectionsHandled(call: Call): Measured {
  const why =
    call.customerWords === 0
      ? unmeasured(
          'objectionsHandled',
          'Only the rep is heard, so there are no customer objections to look for.',
        )
      : call.repWords === 0
        ? unmeasured(
            'objectionsHandled',
            'No speaker is marked as the rep, so answers to objections cannot be judged.',
          )
        : null;
  if (why) return why;
  const { acknowledgements, objections } = patterns(call.config);
  const { maxAnswerSeconds } = call.config.rules;
  // Without times, an answer's length is estimated at 173 words a minute.
  const maxAnswerWords = Math.round((maxAnswerSeconds * 173) / 60);
  const seen = new Set<string>();
  const found: {
    kind: ObjectionKind;
    sentence: Sentence;
    handled: boolean;
    answer: Evidence | null;
    reason: string;
  }[] = [];
  for (const sentence of call.sentences) {
    if (sentence.side !== 'customer') continue;
    const text = normalise(sentence.text);
    for (const [kind, pattern] of objections) {
      if (!has(pattern, text)) continue;
      const reply = answerAfter(call, sentence.segment);
      // One objection of a kind per rep answer: "Too expensive. The budget is frozen." is one.
      const key = `${kind}:${reply?.key ?? 'none'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (reply === null) {
        found.push({
          kind,
          sentence,
          handled: false,
          answer: null,
          reason: 'the rep did not answer',
        });
        continue;
      }
      const { answer } = reply;
      const acknowledged = has(acknowledgements, normalise(answer.text));
      const asked = asksQuestion(answer.text);
      const seconds = answer.end - answer.start;
      const short = call.hasTimes ? seconds <= maxAnswerSeconds : answer.words <= maxAnswerWords;
      const length = call.hasTimes ? duration(seconds) : `${answer.words}-word`;
      const did = [acknowledged ? 'acknowledged' : '', asked ? 'asked a question' : '']
        .filter(Boolean)
        .join(' and ');
      const handled = (acknowledged || asked) && short;
      const reason = handled
        ? `${did}, in ${call.hasTimes ? length : `${answer.words} words`}`
        : !short
          ? `the answer ran ${call.hasTimes ? length : `${answer.words} words`}`
          : `the ${length} answer neither acknowledged it nor asked a question`;
      found.push({
        kind,
        sentence,
        handled,
        reason,
        answer: {
          start: answer.start,
          end: answer.end,
          speaker: answer.speaker,
          quote: firstWords(answer.text, 30),
          note: handled ? `Answer: ${reason}` : `Answer, not handling it: ${reason}`,
        },
      });
    }
  }
  if (found.length === 0) {
    return unmeasured(
      'objectionsHandled',
      'The customer raised no objection (price, timing, authority, incumbent or need).',
    );
  }
  const handled = found.filter((o) => o.handled).length;
  const share = handled / found.length;
  const evidenceList: Evidence[] = [];
  for (const objection of found) {
    if (evidenceList.length >= MAX_EVIDENCE) break;
    evidenceList.push(evidence(objection.sentence, `${KIND_LABEL[objection.kind]} objection`));
    if (objection.answer !== null) evidenceList.push(objection.answer);
  }
  const missed = found.find((o) => !o.handled);
  const kinds = [...new Set(found.map((o) => o.kind))].join(', ');
  return {
    id: 'objectionsHandled',
    value: share,
    explanation: `The rep handled ${handled} of ${plural(found.length, 'objection')} (${kinds})${missed === undefined ? '' : `; the ${missed.kind} objection ${when(call, missed.sentence)} was not handled: ${missed.reason}`}.`,
    evidence: evidenceList,
    tip:
      missed === undefined
        ? undefined
        : `Your answer to the ${missed.kind} objection ${when(call, missed.sentence)} fell short: ${missed.reason}. Acknowledge it ("that's fair"), then ask what is behind it, in under a minute.`,
    praise: `You handled every objection: acknowledged or asked, and kept it short.`,
  };
}

function phase(position: number): 'early' | 'middle' | 'late' {
  return position < 1 / 3 ? 'early' : position < 2 / 3 ? 'middle' : 'late';
}

export function competitorMentions(call: Call): Measured {
  const { competitors } = patterns(call.config);
  if (competitors.length === 0) {
    return unmeasured(
      'competitorMentions',
      'No competitors are configured; a manager can list them in the scoring settings.',
    );
  }
  const mentions: { name: string; sentence: Sentence; count: number }[] = [];
  for (const sentence of call.sentences) {
    const text = normalise(sentence.text);
    for (const { name, pattern } of competitors) {
      const count = matchAll(pattern, text).length;
      if (count > 0) mentions.push({ name, sentence, count });
    }
  }
  const total = mentions.reduce((sum, m) => sum + m.count, 0);
  if (total === 0) {
    return {
      id: 'competitorMentions',
      value: 0,
      explanation: `No competitor was mentioned (${competitors.map((c) => c.name).join(', ')}).`,
      evidence: [],
    };
  }
  const bySide = { rep: 0, customer: 0 };
  const byPhase = { early: 0, middle: 0, late: 0 };
  for (const m of mentions) {
    bySide[m.sentence.side] += m.count;
    byPhase[phase(m.sentence.position)] += m.count;
  }
  const names = [...new Set(mentions.map((m) => m.name))].join(', ');
  const first = mentions[0]!;
  const late = phase(first.sentence.position) === 'late';
  return {
    id: 'competitorMentions',
    value: total,
    explanation: `${names} came up ${plural(total, 'time')} (customer ${bySide.customer}, rep ${bySide.rep}; early ${byPhase.early}, middle ${byPhase.middle}, late ${byPhase.late}), first ${when(call, first.sentence)}${late ? ': a first mention this late is a red flag' : ''}.`,
    evidence: mentions
      .slice(0, MAX_EVIDENCE)
      .map((m, i) =>
        evidence(
          m.sentence,
          `${m.name}: ${m.sentence.side}, ${phase(m.sentence.position)}${i === 0 ? (late ? ' (first mention, late: a red flag)' : ' (first mention)') : ''}`,
        ),
      ),
    tip: late
      ? `${first.name} first came up only ${when(call, first.sentence)}; ask about the alternatives they consider early in the call.`
      : undefined,
  };
}

export function pricingDiscussed(call: Call): Measured {
  const { pricing } = patterns(call.config);
  const mentions = call.sentences.filter((sentence) => {
    const text = normalise(sentence.text);
    return has(pricing, text) || AMOUNT.test(text);
  });
  if (mentions.length === 0) {
    return {
      id: 'pricingDiscussed',
      value: 0,
      score: 100,
      explanation: 'Price, cost or budget did not come up.',
      evidence: [],
    };
  }
  const first = mentions[0]!;
  const windowShare = call.config.rules.earlyPricingWindow;
  const early = first.side === 'rep' && first.position < windowShare;
  const by = first.side === 'rep' ? 'the rep' : 'the customer';
  return {
    id: 'pricingDiscussed',
    value: 1,
    score: early ? call.config.rules.earlyRepPricingScore : 100,
    explanation: early
      ? `The rep brought up pricing ${when(call, first)}, within the first ${percent(windowShare)} of the call, before value was established.`
      : `Pricing first came up ${when(call, first)}, raised by ${by} (${plural(mentions.length, 'sentence')} about price, cost or budget).`,
    evidence: mentions
      .slice(0, 6)
      .map((sentence, i) =>
        evidence(
          sentence,
          i === 0 ? `First price mention, by ${by}${early ? ' (early)' : ''}` : 'Price mention',
        ),
      ),
    tip: early
      ? `You brought up pricing ${when(call, first)}, before establishing value; let the customer describe the problem and its cost first.`
      : undefined,
    praise: early ? undefined : 'Pricing came up only after the problem was on the table.',
  };
}
