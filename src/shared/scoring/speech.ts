/** How the rep speaks: questions, open questions, speech rate and filler words. */
import { type Call, type Sentence, percent, plural } from './call';
import { type Measured, MAX_EVIDENCE } from './catalog';
import { missing } from './conversation';
import { firstWords, normalise } from './text';
import type { Evidence } from './types';

// Words a question may open with after a discourse marker ("So, what…", "Okay and how…").
const LEAD =
  /^(?:(?:so|and|but|okay|ok|well|right|now|alright|great|cool|yeah|yes|um|uh|just|then|also|oh|and so)[\s,]+)*/;
const AUX =
  "(?:is|are|was|were|do|does|did|can|could|would|will|should|shall|may|might|have|has|had|isn't|aren't|wasn't|don't|doesn't|didn't|can't|won't|wouldn't|couldn't|shouldn't|haven't|hasn't)";
const SUBJECT =
  '(?:you|we|i|they|he|she|it|that|this|there|your|the|anyone|anybody|someone|everyone|our|their|those|these|any|a)';
const WH_QUESTION = new RegExp(
  `^(?:what|why|how|when|where|who|whom|whose|which)(?:'s|'re|'d|\\s+${AUX}\\b|\\s+(?:many|much|long|often|else|exactly|specifically|kind|sort|type|about|if|would|could|happens|makes|made|brought|led|got|gets|comes|came|matters)\\b)`,
);
const YES_NO_QUESTION = new RegExp(`^${AUX}\\s+${SUBJECT}\\b`);
const PROMPT =
  /^(?:tell me|walk me through|talk me through|help me understand|describe|explain|i'm curious|i am curious|i was wondering|i wonder|curious)\b/;
/** Statements that open like questions ("Which is why we built it."). */
const NOT_A_QUESTION = /^(?:which is why|what's more|what is more|how about that)\b/;
const OPEN =
  /^(?:what|why|how(?!\s+(?:many|much|long|often|old|far|soon)\b)|tell me|walk me through|talk me through|help me understand|describe|explain|i'm curious|i am curious|curious|in what way)/;

/** Whether a sentence asks something: it ends in "?" or opens like a question. */
export function questionKind(text: string): 'open' | 'closed' | null {
  const bare = normalise(text).replace(LEAD, '');
  const asked = /\?["')\]]*$/.test(text.trim());
  const opens =
    !NOT_A_QUESTION.test(bare) &&
    (WH_QUESTION.test(bare) || YES_NO_QUESTION.test(bare) || PROMPT.test(bare));
  if (!asked && !opens) return null;
  // "Before I show anything, what made you look…?": the question may follow a lead-in clause.
  const clauses = bare.split(/,\s*/).map((clause) => clause.replace(LEAD, ''));
  return clauses.some((clause) => OPEN.test(clause)) ? 'open' : 'closed';
}

function repQuestions(call: Call): { sentence: Sentence; kind: 'open' | 'closed' }[] {
  const out: { sentence: Sentence; kind: 'open' | 'closed' }[] = [];
  for (const sentence of call.sentences) {
    if (sentence.side !== 'rep') continue;
    const kind = questionKind(sentence.text);
    if (kind !== null) out.push({ sentence, kind });
  }
  return out;
}

function sentenceEvidence(sentence: Sentence, note?: string): Evidence {
  return {
    start: sentence.start,
    end: sentence.end,
    speaker: sentence.speaker,
    quote: firstWords(sentence.text, 30),
    ...(note === undefined ? {} : { note }),
  };
}

export function questions(call: Call): Measured {
  const why = missing(call, 'questions', 'questions', { rep: true });
  if (why) return why;
  const asked = repQuestions(call);
  const open = asked.filter((q) => q.kind === 'open').length;
  const count = asked.length;
  return {
    id: 'questions',
    value: count,
    explanation:
      count === 0
        ? 'The rep asked no questions; discovery calls that win have 11–14.'
        : `The rep asked ${plural(count, 'question')}, ${open} of them open; discovery calls that win have 11–14.`,
    evidence: asked
      .slice(0, MAX_EVIDENCE)
      .map((q) =>
        sentenceEvidence(q.sentence, q.kind === 'open' ? 'Open question' : 'Closed question'),
      ),
    tip:
      count > 14
        ? `You asked ${count} questions; past 14 a call starts to feel like an interrogation. Follow up on the answers instead of moving to the next question.`
        : `You asked ${plural(count, 'question')}; discovery calls that win have 11–14. Prepare five open questions ("what", "how", "tell me about") before the call.`,
    praise: `You asked ${count} questions, right in the 11–14 range of winning discovery calls.`,
  };
}

export function openQuestions(call: Call): Measured {
  const why = missing(call, 'openQuestions', 'the share of open questions', { rep: true });
  if (why) return why;
  const asked = repQuestions(call);
  if (asked.length === 0) {
    return {
      id: 'openQuestions',
      value: null,
      explanation: 'The rep asked no questions, so there is no share of open ones.',
      evidence: [],
    };
  }
  const open = asked.filter((q) => q.kind === 'open');
  const share = open.length / asked.length;
  return {
    id: 'openQuestions',
    value: share,
    explanation: `${open.length} of the rep's ${plural(asked.length, 'question')} ${open.length === 1 ? 'was' : 'were'} open (what, how, why, tell me): ${percent(share)}.`,
    evidence: open.slice(0, MAX_EVIDENCE).map((q) => sentenceEvidence(q.sentence, 'Open question')),
    tip: `Only ${percent(share)} of your questions were open; turn "Do you use…?" into "How do you handle…?" so the customer tells you more.`,
  };
}

export function speechRate(call: Call): Measured {
  const why = missing(call, 'speechRate', 'the speech rate', { times: true, rep: true });
  if (why) return why;
  const lasting = call.lasting.filter((s) => s.side === 'rep');
  const words = lasting.reduce((sum, s) => sum + s.words, 0);
  const seconds = call.repSeconds;
  const wpm = words / (seconds / 60);
  const rated = lasting
    .filter((s) => s.end - s.start >= 10 && s.words >= 20)
    .map((s) => ({ segment: s, wpm: s.words / ((s.end - s.start) / 60) }))
    .sort((a, b) => b.wpm - a.wpm || a.segment.start - b.segment.start);
  const fastest = rated[0];
  return {
    id: 'speechRate',
    value: wpm,
    explanation: `The rep spoke ${Math.round(wpm)} words a minute (${words} words in ${Math.round(seconds)} s of speech); about 173 is easy to follow.`,
    evidence:
      fastest === undefined
        ? []
        : [
            {
              start: fastest.segment.start,
              end: fastest.segment.end,
              speaker: fastest.segment.speaker,
              quote: firstWords(fastest.segment.text, 18),
              note: `Fastest stretch: ${Math.round(fastest.wpm)} words a minute`,
            },
          ],
    tip:
      wpm > 173
        ? `You spoke ${Math.round(wpm)} words a minute; about 173 is easiest to follow. Slow down, above all when you answer an objection.`
        : `You spoke ${Math.round(wpm)} words a minute, slower than the 173 of top reps; shorter sentences keep the energy up.`,
    praise: `Your pace of ${Math.round(wpm)} words a minute is easy to follow.`,
  };
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|\.{2,}|[,;:!?…—–-]|\./gu;
const PAUSE = new Set([',', '…', '—', '–', '-', ';', ':', '...']);
const HESITATIONS = new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm']);
/** "I like", "we'd like", "don't like": the verb, never a filler. */
const LIKE_AS_VERB = new Set([
  'i',
  'you',
  'we',
  'they',
  'he',
  'she',
  "i'd",
  "you'd",
  "we'd",
  "they'd",
  'would',
  'do',
  "don't",
  'does',
  "doesn't",
  'did',
  "didn't",
  'to',
  'really',
  'also',
  'might',
  'will',
  'may',
  'could',
  'should',
]);
/** "what kind of", "that sort of": the noun, never a filler. */
const KIND_AS_NOUN = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'what',
  'which',
  'any',
  'some',
  'every',
  'each',
  'one',
  'same',
  'different',
  'other',
  'another',
  'all',
  'no',
  'right',
  'wrong',
  'whatever',
  'new',
]);

function isWord(token: string | undefined): token is string {
  return token !== undefined && /[\p{L}\p{N}]/u.test(token);
}

const fillerIndexes = new WeakMap<readonly string[], Map<string, string[][]>>();

/** The fillers' words by their first word, built once per lexicon. */
function fillerIndex(fillers: readonly string[]): Map<string, string[][]> {
  let byFirst = fillerIndexes.get(fillers);
  if (byFirst === undefined) {
    byFirst = new Map();
    for (const filler of fillers) {
      const words = normalise(filler).split(' ');
      const list = byFirst.get(words[0]!) ?? [];
      list.push(words);
      byFirst.set(words[0]!, list);
    }
    fillerIndexes.set(fillers, byFirst);
  }
  return byFirst;
}

/**
 * The fillers in a text. "like", "you know", "I mean", "kind of" and "sort of" count only where
 * they are fillers: "like" set off by a pause or after "um" (not "I like it", "tools like X");
 * "you know" set off on both sides (not "do you know"); "I mean" opening a clause or before a
 * pause (not "what I mean is"); "kind of" / "sort of" not after "what", "a", "that"…
 */
export function findFillers(text: string, fillers: readonly string[]): string[] {
  const tokens = normalise(text).match(TOKEN) ?? [];
  const byFirst = fillerIndex(fillers);
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirst.get(tokens[i]!);
    if (candidates === undefined) continue;
    for (const words of candidates) {
      if (!words.every((word, k) => tokens[i + k] === word)) continue;
      const phrase = words.join(' ');
      const before = tokens[i - 1];
      const after = tokens[i + words.length];
      const clauseStart = before === undefined || !isWord(before);
      const pauseAfter = after === undefined || !isWord(after);
      let counts = true;
      if (phrase === 'like') {
        counts =
          (after !== undefined &&
            PAUSE.has(after) &&
            !(isWord(before) && LIKE_AS_VERB.has(before))) ||
          (before !== undefined && HESITATIONS.has(before));
      } else if (phrase === 'you know') {
        counts = (clauseStart || HESITATIONS.has(before!)) && pauseAfter;
      } else if (phrase === 'i mean') {
        counts =
          (after !== undefined && PAUSE.has(after)) ||
          (clauseStart && !['it', 'that', 'to', 'what', 'business'].includes(after ?? ''));
      } else if (phrase === 'kind of' || phrase === 'sort of') {
        counts = !(isWord(before) && KIND_AS_NOUN.has(before));
      }
      if (counts) {
        found.push(phrase);
        i += words.length - 1;
        break;
      }
    }
  }
  return found;
}

export function fillerWords(call: Call): Measured {
  const why = missing(call, 'fillerWords', 'filler words', { times: true, rep: true });
  if (why) return why;
  const seconds = call.repSeconds;
  let count = 0;
  const evidence: Evidence[] = [];
  const tally = new Map<string, number>();
  for (const sentence of call.sentences) {
    if (sentence.side !== 'rep') continue;
    const found = findFillers(sentence.text, call.config.lexicons.fillers);
    if (found.length === 0) continue;
    count += found.length;
    for (const filler of found) tally.set(filler, (tally.get(filler) ?? 0) + 1);
    if (evidence.length < MAX_EVIDENCE) {
      evidence.push(sentenceEvidence(sentence, `Fillers: ${found.join(', ')}`));
    }
  }
  const perMinute = count / (seconds / 60);
  const top = [...tally.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([filler, n]) => `"${filler}" ${n}×`)
    .join(', ');
  return {
    id: 'fillerWords',
    value: perMinute,
    explanation:
      count === 0
        ? 'The rep used no filler words.'
        : `The rep used ${plural(count, 'filler')} (${top}): ${perMinute.toFixed(1)} per minute of speech. Informational: fillers have shown no effect on outcomes.`,
    evidence,
    tip: `You used ${perMinute.toFixed(1)} fillers a minute (${top}); a short silent pause works better than "um".`,
  };
}

/** Exposed for the moments rules: is a rep turn asking something? */
export function asksQuestion(text: string): boolean {
  const pieces = text.split(/(?<=[.!?…])\s+/);
  return pieces.some((piece) => questionKind(piece) !== null);
}
