/**
 * The scoring config a manager edits: bands, weights, rules, lexicons and competitors. It is
 * stored as JSON and versioned; a call scored with an older version is rescored. A stored config
 * is read field by field: a field that cannot be read falls back to its default and is named.
 */
import { z } from 'zod';

/** Every dimension the local scorer measures. The ids are stable: stored scores refer to them. */
export const DIMENSION_IDS = [
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
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

/** The dimensions scored by a band over their value (the others by rules: see `rules`). */
export const BANDED_DIMENSION_IDS = DIMENSION_IDS.filter(
  (id): id is Exclude<DimensionId, 'nextSteps' | 'pricingDiscussed'> =>
    id !== 'nextSteps' && id !== 'pricingDiscussed',
);
export type BandedDimensionId = (typeof BANDED_DIMENSION_IDS)[number];

/**
 * A piecewise-linear band: `[value, score]` points with rising values. Between two points the
 * score is interpolated; below the first and above the last it stays at their score.
 */
export type Band = [number, number][];

export const OBJECTION_KINDS = ['price', 'timing', 'authority', 'incumbent', 'need'] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];

export interface ScoringRules {
  /** Same-speaker segments closer than this merge into one turn. */
  mergeGapSeconds: number;
  /** A line of at most this many words from the other side ("mm-hmm", "yeah right") is a backchannel. */
  backchannelMaxWords: number;
  /** Next steps are looked for in this final share of the call. */
  nextStepWindow: number;
  /** A rep-initiated price mention in this first share of the call is flagged. */
  earlyPricingWindow: number;
  /** An objection is handled only by an answer this short. */
  maxAnswerSeconds: number;
  /** The score of a "next step" mention without a commitment and a date. */
  nextStepWithoutDateScore: number;
  /** The pricing score when the rep brought up price early; otherwise 100. */
  earlyRepPricingScore: number;
}

export interface ScoringLexicons {
  /** Fillers. "like", "you know", "kind of", "sort of" and "I mean" count only where they are fillers. */
  fillers: string[];
  /** Commitment verbs of a next step (their -s, -ed and -ing forms count too). */
  nextStepVerbs: string[];
  /** Phrases that name a next step on their own. */
  nextStepPhrases: string[];
  /** How a rep acknowledges an objection. */
  acknowledgements: string[];
  objections: Record<ObjectionKind, string[]>;
  /** Words that mean price is being discussed (amounts like "$40" or "300 euros" always count). */
  pricing: string[];
}

export interface ScoringConfig {
  /** Raise it when anything changes: calls scored with another version are rescored. */
  version: number;
  /** How much each dimension counts in the overall score; 0 = shown but not counted. */
  weights: Record<DimensionId, number>;
  bands: Record<BandedDimensionId, Band>;
  rules: ScoringRules;
  lexicons: ScoringLexicons;
  /** Competitor names as people say them ("Salesforce", "HubSpot"). */
  competitors: string[];
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  version: 1,
  weights: {
    talkRatio: 3,
    longestMonologue: 2,
    longestCustomerStory: 1.5,
    interactivity: 0,
    patience: 1,
    interruptions: 0,
    questions: 2,
    openQuestions: 0,
    speechRate: 0.5,
    fillerWords: 0,
    repSentiment: 0,
    customerSentiment: 0,
    customerSentimentTrend: 0,
    nextSteps: 2,
    objectionsHandled: 1.5,
    competitorMentions: 0,
    pricingDiscussed: 0.5,
  },
  bands: {
    // Share of speech: 100 from 38% to 50%, 0 at 20% and at 75% (top reps 43%).
    talkRatio: [
      [0.2, 0],
      [0.38, 100],
      [0.5, 100],
      [0.75, 0],
    ],
    // Seconds: fine up to 150 s, half at 5 min, nothing left at a 9-minute pitch.
    longestMonologue: [
      [150, 100],
      [300, 50],
      [540, 0],
    ],
    // Seconds: about 4 minutes goes with wins, 50 s or less with losses.
    longestCustomerStory: [
      [0, 0],
      [50, 30],
      [120, 70],
      [240, 100],
    ],
    // Switches per minute: no published number, so a wide neutral band (weight 0).
    interactivity: [
      [0.5, 30],
      [2, 100],
      [8, 100],
      [15, 60],
    ],
    // Seconds from the customer's last word to the rep's first: 0.3 s average, 1.5 s top reps.
    patience: [
      [0.2, 0],
      [0.6, 50],
      [1.2, 100],
      [3, 100],
      [6, 50],
    ],
    // Count: no published number, so informational (weight 0).
    interruptions: [
      [1, 100],
      [5, 50],
      [10, 0],
    ],
    // Count: 11–14 per discovery call; fewer gains above.
    questions: [
      [0, 0],
      [6, 50],
      [11, 100],
      [14, 100],
      [25, 60],
    ],
    // Share of questions that are open: no published number (weight 0).
    openQuestions: [
      [0, 20],
      [0.5, 100],
    ],
    // Words per minute: about 173.
    speechRate: [
      [110, 0],
      [145, 80],
      [155, 100],
      [190, 100],
      [215, 50],
      [250, 0],
    ],
    // Per minute of the rep's speech: no effect on outcomes found (weight 0).
    fillerWords: [
      [2, 100],
      [6, 50],
      [12, 0],
    ],
    // VADER compound, -1..1: no benchmark (weight 0).
    repSentiment: [
      [-0.5, 0],
      [0, 60],
      [0.4, 100],
    ],
    customerSentiment: [
      [-0.5, 0],
      [0, 60],
      [0.4, 100],
    ],
    customerSentimentTrend: [
      [-0.5, 0],
      [0, 60],
      [0.3, 100],
    ],
    // Share of objections handled.
    objectionsHandled: [
      [0, 0],
      [1, 100],
    ],
    // Count: won deals had 5–6 mentions in discovery, lost ones 3 (weight 0).
    competitorMentions: [
      [0, 60],
      [3, 80],
      [5, 100],
    ],
  },
  rules: {
    mergeGapSeconds: 1,
    backchannelMaxWords: 2,
    nextStepWindow: 0.2,
    earlyPricingWindow: 0.2,
    maxAnswerSeconds: 60,
    nextStepWithoutDateScore: 60,
    earlyRepPricingScore: 30,
  },
  lexicons: {
    fillers: [
      'um',
      'umm',
      'uh',
      'uhm',
      'uhh',
      'er',
      'erm',
      'like',
      'you know',
      'sort of',
      'kind of',
      'basically',
      'actually',
      'I mean',
    ],
    nextStepVerbs: [
      'send',
      'schedule',
      'book',
      'set up',
      'follow up',
      'circle back',
      'touch base',
      'reconnect',
      'meet',
      'get back to you',
      'calendar invite',
      'call you',
      'talk again',
      'speak again',
      'catch up',
      'look at',
      'go over',
      'go through',
      'walk through',
    ],
    nextStepPhrases: ['next step', 'next steps', 'action item', 'action items'],
    acknowledgements: [
      'I understand',
      'understood',
      'I hear you',
      'makes sense',
      'that makes sense',
      'fair',
      'fair enough',
      "that's fair",
      'good point',
      'great question',
      'I get it',
      'I get that',
      'I see',
      'appreciate',
      "you're right",
      'totally',
      'absolutely',
      'of course',
      'valid',
      'understandable',
      'sounds like',
    ],
    objections: {
      price: [
        'too expensive',
        'expensive',
        'pricey',
        'too much',
        'costs too much',
        'over budget',
        'over our budget',
        'out of our budget',
        'outside our budget',
        'no budget',
        "don't have the budget",
        "don't have budget",
        'budget is frozen',
        'budget is tight',
        'budget is cut',
        'budget freeze',
        'frozen',
        'tight budget',
        'is tight',
        'adds up',
        "can't afford",
        'cannot afford',
        'price is high',
        'price is too high',
        'too high',
        'steep',
        'a lot of money',
        'out of our price range',
        'cheaper',
        'for free',
        'not worth',
      ],
      timing: [
        'not the right time',
        'not a good time',
        'bad time',
        'not right now',
        'not now',
        'maybe next quarter',
        'maybe next year',
        'until next quarter',
        'until next year',
        'wait a quarter',
        'too busy',
        'maybe later',
        'hold off',
        'revisit',
        'in a few months',
        'not ready',
        'wait until',
        'not a priority right now',
        'timing is',
      ],
      authority: [
        'not my decision',
        'not my call',
        'not up to me',
        'my boss',
        'my manager',
        'run it by',
        'check with',
        'talk to my',
        'sign off',
        'approval',
        'procurement',
        'the board',
        'decision maker',
        'above my pay grade',
      ],
      incumbent: [
        'already use',
        'already using',
        'already have',
        'already work with',
        'current vendor',
        'current provider',
        'current solution',
        'current system',
        'current tool',
        'happy with our',
        'happy with what we',
        'locked in',
        'under contract',
        'our contract',
        'switching costs',
        'built our own',
        'in-house',
      ],
      need: [
        "don't need",
        'do not need',
        "don't really need",
        'no need',
        'not interested',
        "don't see the value",
        "don't see the need",
        "don't see the point",
        'not a fit',
        "doesn't fit",
        'not a problem for us',
        'not a priority',
        "we're fine",
        'works fine',
        'we manage fine',
        'not relevant',
      ],
    },
    pricing: [
      'price',
      'prices',
      'pricing',
      'priced',
      'cost',
      'costs',
      'budget',
      'budgets',
      'discount',
      'discounts',
      'per seat',
      'a seat',
      'per user',
      'per month',
      'per year',
      'per license',
      'license fee',
      'subscription fee',
      'quote',
    ],
  },
  competitors: [],
};

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const bandSchema = z
  .array(z.tuple([finite, z.number().min(0).max(100)]))
  .min(2, 'needs at least two points')
  .refine(
    (points) => points.every((point, i) => i === 0 || point[0] > points[i - 1]![0]),
    'point values must rise',
  );

const phraseList = z.array(z.string().trim().min(1).max(200)).max(2000);

const ruleSchemas: Record<keyof ScoringRules, z.ZodType<number>> = {
  mergeGapSeconds: z.number().min(0).max(10),
  backchannelMaxWords: z.number().int().min(0).max(10),
  nextStepWindow: z.number().gt(0).max(1),
  earlyPricingWindow: z.number().min(0).max(1),
  maxAnswerSeconds: z.number().gt(0).max(3600),
  nextStepWithoutDateScore: z.number().min(0).max(100),
  earlyRepPricingScore: z.number().min(0).max(100),
};

/** The strict form, for an editor that saves a whole config at once. */
export const scoringConfigSchema: z.ZodType<ScoringConfig> = z.object({
  version: z.number().int().min(1),
  weights: z.object(
    Object.fromEntries(DIMENSION_IDS.map((id) => [id, z.number().min(0).max(100)])) as Record<
      DimensionId,
      z.ZodNumber
    >,
  ),
  bands: z.object(
    Object.fromEntries(BANDED_DIMENSION_IDS.map((id) => [id, bandSchema])) as Record<
      BandedDimensionId,
      typeof bandSchema
    >,
  ),
  rules: z.object(ruleSchemas),
  lexicons: z.object({
    fillers: phraseList,
    nextStepVerbs: phraseList,
    nextStepPhrases: phraseList,
    acknowledgements: phraseList,
    objections: z.object(
      Object.fromEntries(OBJECTION_KINDS.map((kind) => [kind, phraseList])) as Record<
        ObjectionKind,
        typeof phraseList
      >,
    ),
    pricing: phraseList,
  }),
  competitors: phraseList,
}) as z.ZodType<ScoringConfig>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "is not valid (point values must rise)": what a settings page shows next to the field. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'is not valid';
  const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `is not valid (${issue.message}${where})`;
}

/**
 * Reads a group of fields (`weights`, `bands`…) one by one: each field that is missing or wrong
 * keeps its default and is named in `problems`; unknown fields are named and ignored.
 */
function readGroup<T extends object>(
  raw: unknown,
  defaults: T,
  schemaFor: (key: keyof T & string) => z.ZodType,
  path: string,
  problems: string[],
): T {
  if (raw === undefined) {
    problems.push(`${path} is missing; using the defaults`);
    return structuredClone(defaults);
  }
  if (!isRecord(raw)) {
    problems.push(`${path} is not an object; using the defaults`);
    return structuredClone(defaults);
  }
  const out = {} as T;
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    if (!(key in raw)) {
      problems.push(`${path}.${key} is missing; using the default`);
      out[key] = structuredClone(defaults[key]);
      continue;
    }
    const parsed = schemaFor(key).safeParse(raw[key]);
    if (parsed.success) {
      out[key] = parsed.data as T[typeof key];
    } else {
      problems.push(`${path}.${key} ${describe(parsed.error)}; using the default`);
      out[key] = structuredClone(defaults[key]);
    }
  }
  for (const key of Object.keys(raw)) {
    if (!(key in defaults)) problems.push(`${path}.${key} is not a known setting; ignored`);
  }
  return out;
}

/**
 * A stored config as it can be used: every field that cannot be read falls back to its default
 * (version 1 of this app), and `problems` names each one, so a config written by another app
 * version still scores and the settings page can say what was replaced.
 */
export function readScoringConfig(raw: unknown): { config: ScoringConfig; problems: string[] } {
  const defaults = DEFAULT_SCORING_CONFIG;
  if (!isRecord(raw)) {
    return {
      config: structuredClone(defaults),
      problems: ['the scoring config is not an object; using the defaults'],
    };
  }
  const problems: string[] = [];
  const version = z.number().int().min(1).safeParse(raw.version);
  if (!version.success) {
    problems.push(`version must be a whole number from 1; using ${defaults.version}`);
  }
  const weights = readGroup(
    raw.weights,
    defaults.weights,
    () => z.number().min(0).max(100),
    'weights',
    problems,
  );
  const bands = readGroup(raw.bands, defaults.bands, () => bandSchema, 'bands', problems);
  const rules = readGroup(raw.rules, defaults.rules, (key) => ruleSchemas[key], 'rules', problems);
  const { objections: objectionDefaults, ...plainLexiconDefaults } = defaults.lexicons;
  let lexicons: ScoringLexicons;
  if (isRecord(raw.lexicons)) {
    const { objections: objectionsRaw, ...plainRaw } = raw.lexicons;
    lexicons = {
      ...readGroup(plainRaw, plainLexiconDefaults, () => phraseList, 'lexicons', problems),
      objections: readGroup(
        objectionsRaw,
        objectionDefaults,
        () => phraseList,
        'lexicons.objections',
        problems,
      ),
    };
  } else {
    problems.push(
      `lexicons ${raw.lexicons === undefined ? 'is missing' : 'is not an object'}; using the defaults`,
    );
    lexicons = structuredClone(defaults.lexicons);
  }
  let competitors = defaults.competitors;
  if (raw.competitors !== undefined) {
    const parsed = phraseList.safeParse(raw.competitors);
    if (parsed.success) competitors = parsed.data;
    else problems.push(`competitors ${describe(parsed.error)}; using the default`);
  }
  for (const key of Object.keys(raw)) {
    if (!(key in defaults)) problems.push(`${key} is not a known setting; ignored`);
  }
  return {
    config: {
      version: version.success ? version.data : defaults.version,
      weights,
      bands,
      rules,
      lexicons,
      competitors: [...competitors],
    },
    problems,
  };
}
