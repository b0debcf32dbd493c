/**
 * The local scorer: deterministic rules over a transcript, no network, the same result in the
 * core, the CLI and the page. Each dimension carries its value, its score on the configured band,
 * the benchmark and its source, one sentence on this call and the quotes behind it.
 */
import { scoreOnBand } from './bands';
import { prepareCall } from './call';
import { DIMENSIONS, type Measured } from './catalog';
import {
  BANDED_DIMENSION_IDS,
  type BandedDimensionId,
  DEFAULT_SCORING_CONFIG,
  DIMENSION_IDS,
  type ScoringConfig,
} from './config';
import {
  interactivity,
  interruptions,
  longestCustomerStory,
  longestMonologue,
  patience,
  talkRatio,
} from './conversation';
import { competitorMentions, nextSteps, objectionsHandled, pricingDiscussed } from './moments';
import { sentiment } from './sentiment';
import { fillerWords, openQuestions, questions, speechRate } from './speech';
import type { CallScore, ScoreDimension, Transcript } from './types';

/** Raise it when a rule changes what the local scorer computes: stored scores are then stale. */
export const LOCAL_SCORER_VERSION = '1';

const isBanded = (id: string): id is BandedDimensionId =>
  (BANDED_DIMENSION_IDS as readonly string[]).includes(id);

/** The weakest weighted dimensions with a tip, weakest (and weightiest) first; 2–4 sentences. */
function pickTips(dimensions: ScoreDimension[], measured: Map<string, Measured>): string[] {
  const weighted = dimensions.filter((d) => d.score !== null && d.weight > 0);
  const weak = weighted
    .filter((d) => d.score! < 75 && measured.get(d.id)?.tip !== undefined)
    .sort((a, b) => a.score! - b.score! || b.weight - a.weight || a.id.localeCompare(b.id))
    .slice(0, 4)
    .map((d) => measured.get(d.id)!.tip!);
  if (weak.length >= 2) return weak;
  const strong = weighted
    .filter((d) => d.score! >= 75 && measured.get(d.id)?.praise !== undefined)
    .sort((a, b) => b.weight - a.weight || b.score! - a.score! || a.id.localeCompare(b.id))
    .slice(0, 2 - weak.length)
    .map((d) => measured.get(d.id)!.praise!);
  return [...weak, ...strong];
}

/**
 * Scores a call. An empty transcript (no words) gets every dimension null, overall null and no
 * tips; a transcript without times gets its time-based dimensions null ("the transcript has no
 * times") and is scored on the rest.
 */
export function scoreLocally(
  transcript: Transcript,
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): CallScore {
  const call = prepareCall(transcript, config);
  const measured = new Map<string, Measured>();
  if (call.totalWords === 0) {
    for (const id of DIMENSION_IDS) {
      measured.set(id, {
        id,
        value: null,
        explanation: 'The transcript has no speech, so there is nothing to score.',
        evidence: [],
      });
    }
  } else {
    for (const result of [
      talkRatio(call),
      longestMonologue(call),
      longestCustomerStory(call),
      interactivity(call),
      patience(call),
      interruptions(call),
      questions(call),
      openQuestions(call),
      speechRate(call),
      fillerWords(call),
      ...sentiment(call),
      nextSteps(call),
      objectionsHandled(call),
      competitorMentions(call),
      pricingDiscussed(call),
    ]) {
      measured.set(result.id, result);
    }
  }

  const dimensions: ScoreDimension[] = DIMENSION_IDS.map((id) => {
    const result = measured.get(id)!;
    const info = DIMENSIONS[id];
    let score: number | null = null;
    if (result.value !== null) {
      score =
        result.score !== undefined
          ? Math.round(result.score)
          : isBanded(id)
            ? scoreOnBand(config.bands[id], result.value)
            : null;
    }
    return {
      id,
      label: info.label,
      value: result.value,
      unit: info.unit,
      score,
      weight: config.weights[id],
      benchmark: info.benchmark,
      explanation: result.explanation,
      evidence: result.evidence,
    };
  });

  let sum = 0;
  let weights = 0;
  for (const dimension of dimensions) {
    if (dimension.score === null || dimension.weight <= 0) continue;
    sum += dimension.score * dimension.weight;
    weights += dimension.weight;
  }

  return {
    overall: weights > 0 ? Math.round(sum / weights) : null,
    dimensions,
    tips: pickTips(dimensions, measured),
    scorer: { kind: 'local', name: 'Local rules', version: LOCAL_SCORER_VERSION },
    configVersion: config.version,
  };
}
