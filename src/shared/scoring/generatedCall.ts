/**
 * Made-up sales calls for invariants, benchmarks and the demo data: a rep and one or more customers taking
 * turns of realistic length (a few words to a couple of minutes), with questions, fillers,
 * objections, prices, competitor names and next steps sprinkled in. Same seed, same call.
 */
import type { Transcript, TranscriptSegment } from './types';

/** Mulberry32: a small seeded generator, so a failing call can be made again from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Lines with {slots}, filled at random so that a long call rarely says the same sentence twice.
const REP_LINES = [
  'What does your {topic} process look like today?',
  'How do you handle {topic} at the moment?',
  'Tell me more about the team that runs {topic}.',
  'Do you use a {tool} for {topic}?',
  'So, um, the way we usually set up {topic} is with a short pilot of {n} weeks.',
  'That makes sense, I hear you.',
  'Our customers typically see results in {topic} within {n} weeks, you know, once the data is in.',
  'I can send you the proposal by {day} at {n} am.',
  'Let us schedule a follow-up for next {day}.',
  'The price is {n}0 dollars per seat per month, and we can discuss a discount for annual terms.',
  'Basically, it connects to your {tool} and logs every {topic} call.',
  'Why did you start looking at {topic} now?',
  'Compared to Salesforce, we are kind of lighter to run for {topic}.',
  'Is that something your manager would need to sign off on?',
  'Great question, and I think the answer depends on the size of the {topic} team.',
  'Actually, let me show you the {topic} dashboard, it is the part managers like most.',
];

const CUSTOMER_LINES = [
  'Yeah.',
  'Mm-hmm.',
  'Right.',
  'We mostly work out of spreadsheets for {topic} and it is getting painful as the team grows.',
  'Honestly, it is too expensive for us right now, the budget is frozen.',
  'We already use HubSpot for most of the {topic} work.',
  'This is not the right time, maybe next quarter.',
  'I would need to run it by my boss before we commit.',
  'That sounds really great, I love how simple the {topic} board looks.',
  'Our biggest problem is that {topic} falls through the cracks and nobody notices for {n} days.',
  'We looked at Salesforce last year but it felt heavy for a team of {n}.',
  'How much does it cost per user?',
  'Sure, {day} at {n} pm works for us.',
  'I am not sure we really need another {tool}, to be honest.',
];

const SLOTS: Record<string, readonly string[]> = {
  topic: [
    'onboarding',
    'renewals',
    'follow-up',
    'pipeline',
    'forecasting',
    'handover',
    'outreach',
    'reporting',
    'lead routing',
    'billing',
    'support',
    'training',
  ],
  tool: ['CRM', 'dialer', 'spreadsheet', 'ticketing tool', 'phone system', 'calendar'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  n: ['2', '3', '4', '5', '6', '8', '9', '10', '11', '12'],
};

const VOCABULARY = (
  'and the team we process data customers really so our last quarter sales reps managers ' +
  'calls notes weekly report numbers goals accounts region growth targets leads contacts ' +
  'handover onboarding renewals board meeting review budget plan tool workflow email'
).split(' ');

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function sentence(random: () => number, lines: readonly string[]): string {
  return pick(random, lines).replace(/\{(\w+)\}/g, (_, slot: string) => pick(random, SLOTS[slot]!));
}

/** A sentence of plain talk with no question, objection or filler in it. */
function chatter(random: () => number): string {
  const words = Array.from({ length: 4 + Math.floor(random() * 10) }, () =>
    pick(random, VOCABULARY),
  );
  return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
}

export interface GeneratedCallOptions {
  seed: number;
  minutes: number;
  /** Customer-side speakers; 1 by default. */
  customers?: number;
  /** Seconds of overlap allowed between turns (interruptions); 0.6 by default. */
  overlap?: number;
}

/**
 * About 150 words a minute of conversation (9,000 words an hour): the rep talks in turns of
 * 3–35 s (now and then a 2–3 minute pitch), customers in turns of 2–35 s or a short "yeah", with
 * pauses of -0.6..2 s between turns (a negative pause is an interruption).
 */
export function generateCall(options: GeneratedCallOptions): Transcript {
  const random = seededRandom(options.seed);
  const customers = Array.from({ length: options.customers ?? 1 }, (_, i) => `Customer ${i + 1}`);
  const overlap = options.overlap ?? 0.6;
  const segments: TranscriptSegment[] = [];
  const end = options.minutes * 60;
  let t = random() * 2;
  let repTurn = true;
  while (t < end) {
    const speaker = repTurn ? 'Rep' : customers[Math.floor(random() * customers.length)]!;
    const lines = repTurn ? REP_LINES : CUSTOMER_LINES;
    const long = repTurn && random() < 0.04;
    const seconds = repTurn
      ? long
        ? 100 + random() * 80
        : 3 + random() * 32
      : random() < 0.25
        ? 0.5 + random()
        : 2 + random() * 33;
    const wordsPerSecond = 2.4 + random() * 0.5;
    const target = Math.max(1, Math.round(seconds * wordsPerSecond));
    const parts: string[] = [];
    let words = 0;
    while (words < target) {
      const piece = words === 0 || random() < 0.5 ? sentence(random, lines) : chatter(random);
      parts.push(piece);
      words += piece.split(/\s+/).length;
      if (seconds < 2) break;
    }
    // A diariser cuts a turn into utterances of one to three sentences at short pauses.
    let turnEnd = t;
    for (let i = 0; i < parts.length;) {
      const take = 1 + Math.floor(random() * 3);
      const text = parts.slice(i, i + take).join(' ');
      i += take;
      const duration = Math.max(0.4, text.split(/\s+/).length / wordsPerSecond);
      segments.push({
        speaker,
        role: speaker === 'Rep' ? 'rep' : 'customer',
        start: Number(turnEnd.toFixed(2)),
        end: Number((turnEnd + duration).toFixed(2)),
        text,
      });
      turnEnd = segments.at(-1)!.end + (i < parts.length ? 0.2 + random() * 0.6 : 0);
    }
    const lastStart = segments.at(-1)!.start;
    t = Math.max(turnEnd + (random() * (2 + overlap) - overlap), lastStart + 0.1);
    repTurn = !repTurn || random() < 0.1;
  }
  return {
    format: 'deepgram',
    speakers: ['Rep', ...customers],
    repSpeaker: 'Rep',
    timed: true,
    segments,
  };
}
