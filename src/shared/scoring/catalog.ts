/**
 * What each dimension is called, how its value reads and what it is judged against, with the
 * source of the benchmark (the vendor studies in shared/reference/call-scoring.md). Where nobody
 * has published a number, the benchmark says so and the default weight is 0.
 */
import type { DimensionId } from './config';
import type { Evidence, ScoreDimension } from './types';

export interface DimensionInfo {
  label: string;
  unit: ScoreDimension['unit'];
  benchmark: { target: string; source: string };
}

const GONG_TALK =
  'Gong Labs, 25,537 calls (gong.io/resources/labs/talk-to-listen-conversion-ratio)';
const GONG_PATIENCE = 'Gong Labs, 67,149 calls (as cited by breakintotechsales.com)';
const NO_NUMBER = 'No published number: compare with your team';

export const DIMENSIONS: Record<DimensionId, DimensionInfo> = {
  talkRatio: {
    label: 'Talk ratio',
    unit: 'percent',
    benchmark: {
      target: 'Top reps talk 43% of the time (43:57); average reps 65–75%',
      source: GONG_TALK,
    },
  },
  longestMonologue: {
    label: 'Longest monologue',
    unit: 'seconds',
    benchmark: {
      target: 'At most 2½ minutes (company overview ≤ 2 min, pitch ≤ 9 min)',
      source: 'Gong Labs, 121,828 meetings',
    },
  },
  longestCustomerStory: {
    label: 'Longest customer story',
    unit: 'seconds',
    benchmark: {
      target: 'About 4 minutes goes with won deals; 50 s or less with lost ones',
      source: 'Gong, 257,967 calls (lemonly.com infographic)',
    },
  },
  interactivity: {
    label: 'Interactivity',
    unit: 'perMinute',
    benchmark: {
      target: 'Speaker switches per minute. Gong shows it but publishes no number',
      source: NO_NUMBER,
    },
  },
  patience: {
    label: 'Patience',
    unit: 'seconds',
    benchmark: {
      target: 'Top reps pause about 1.5 s before answering; average reps 0.3 s',
      source: GONG_PATIENCE,
    },
  },
  interruptions: {
    label: 'Interruptions',
    unit: 'count',
    benchmark: {
      target: 'Fewer is better; Revenue.io tracks them but publishes no number',
      source: NO_NUMBER,
    },
  },
  questions: {
    label: 'Questions asked',
    unit: 'count',
    benchmark: {
      target: '11–14 questions in a discovery call; fewer gains above that',
      source: 'Gong, 1M+ meetings (Gong deck on slideshare)',
    },
  },
  openQuestions: {
    label: 'Open questions',
    unit: 'percent',
    benchmark: {
      target: 'Open questions (what, how, why, tell me) get customers talking',
      source: NO_NUMBER,
    },
  },
  speechRate: {
    label: 'Speech rate',
    unit: 'wpm',
    benchmark: {
      target: 'About 173 words a minute; reps speed up to ~188 on a fumbled objection',
      source: 'Gong Labs (as cited by cuepitch.com)',
    },
  },
  fillerWords: {
    label: 'Filler words',
    unit: 'perMinute',
    benchmark: {
      target: 'Informational: no effect on outcomes was found',
      source: 'Gong, ~500,000 calls (as cited by business2community.com)',
    },
  },
  repSentiment: {
    label: 'Rep tone',
    unit: 'score',
    benchmark: { target: 'VADER sentiment, −1 to 1; no benchmark', source: NO_NUMBER },
  },
  customerSentiment: {
    label: 'Customer sentiment',
    unit: 'score',
    benchmark: { target: 'VADER sentiment, −1 to 1; no benchmark', source: NO_NUMBER },
  },
  customerSentimentTrend: {
    label: 'Customer sentiment trend',
    unit: 'score',
    benchmark: {
      target: 'Last third of the call minus the first third; no benchmark',
      source: NO_NUMBER,
    },
  },
  nextSteps: {
    label: 'Next steps set',
    unit: 'boolean',
    benchmark: {
      target: 'A commitment with a date before the call ends; no published rate',
      source: 'Gong detects next steps (help.gong.io "Points of interest")',
    },
  },
  objectionsHandled: {
    label: 'Objections handled',
    unit: 'percent',
    benchmark: {
      target: 'Acknowledge or ask, and keep the answer under a minute',
      source: 'Top reps pause, stay short and ask (Gong Labs, 67,149 calls)',
    },
  },
  competitorMentions: {
    label: 'Competitor mentions',
    unit: 'count',
    benchmark: {
      target:
        'Won deals: 5–6 mentions in discovery vs 3 in lost ones; late mentions are a red flag',
      source: 'Chorus 2020 report, 5M calls; early mentions +49% conversion (Gong)',
    },
  },
  pricingDiscussed: {
    label: 'Pricing discussed',
    unit: 'boolean',
    benchmark: {
      target: 'Establish value before pricing: no rep-led price talk in the first 20%',
      source: 'Gong deck (slideshare)',
    },
  },
};

/** What one dimension's rule found, before the config turns it into a scored dimension. */
export interface Measured {
  id: DimensionId;
  value: number | null;
  explanation: string;
  evidence: Evidence[];
  /** Rule-scored dimensions set their score; banded ones leave it to the band. */
  score?: number;
  /** The coaching sentence for this call, should this dimension be among the weakest. */
  tip?: string;
  /** The sentence that praises it, should everything else be fine. */
  praise?: string;
}

/** Not measured: a null value and why. */
export function unmeasured(id: DimensionId, explanation: string): Measured {
  return { id, value: null, explanation, evidence: [] };
}

/** Evidence lists stay readable and small enough to store with each call. */
export const MAX_EVIDENCE = 40;
