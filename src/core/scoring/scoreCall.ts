/**
 * Scoring one call: the team's scorer (the local rules, or the remote model on top of them when
 * the team turned it on) over its transcript, and the score written next to it.
 */
import type { CallScoreOutput } from '../../shared/contract/scoring';
import type { ScoringConfig } from '../../shared/scoring/config';
import { scoreLocally } from '../../shared/scoring/local';
import type { Transcript } from '../../shared/scoring/types';
import type { CoreContext } from '../context';
import { mergeRemoteDimensions, overallOf, scoreRemotely, withSource } from './remote';
import { API_KEY_SECRET, teamRemoteScorer, teamScoringConfig } from './settings';

/** The score the team's scorer gives now (asks the remote model when it is on). */
export async function scoreWithTeamScorer(
  ctx: CoreContext,
  transcript: Transcript,
): Promise<CallScoreOutput> {
  const { config } = teamScoringConfig(ctx);
  const remote = teamRemoteScorer(ctx);
  if (!remote.enabled) return withSource(scoreLocally(transcript, config), 'local');
  return scoreRemotely(transcript, config, {
    endpoint: remote.endpoint,
    model: remote.model,
    timeoutMs: remote.timeoutMs,
    apiKey: await ctx.secrets.get(API_KEY_SECRET),
  });
}

/**
 * A stored score again under another config, without asking the model again: the local rules
 * are recomputed and the model's dimensions (which the config does not change) are kept.
 */
export function rescoreWithConfig(
  transcript: Transcript,
  config: ScoringConfig,
  previous: CallScoreOutput | null,
): CallScoreOutput {
  const local = withSource(scoreLocally(transcript, config), 'local');
  if (previous?.scorer.kind !== 'remote') return local;
  const dimensions = mergeRemoteDimensions(local.dimensions, previous.dimensions);
  return {
    ...local,
    overall: overallOf(dimensions),
    dimensions,
    tips: previous.tips,
    scorer: previous.scorer,
  };
}
