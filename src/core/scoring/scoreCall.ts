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
import {
  API_KEY_ORIGIN_SECRET,
  API_KEY_SECRET,
  originOf,
  teamRemoteScorer,
  teamScoringConfig,
} from './settings';

/** The score the team's scorer gives now (asks the remote model when it is on). */
export async function scoreWithTeamScorer(
  ctx: CoreContext,
  transcript: Transcript,
): Promise<CallScoreOutput> {
  const { config } = teamScoringConfig(ctx);
  const remote = teamRemoteScorer(ctx);
  if (!remote.enabled) return withSource(scoreLocally(transcript, config), 'local');
  const apiKey = await ctx.secrets.get(API_KEY_SECRET);
  const keyOrigin = await ctx.secrets.get(API_KEY_ORIGIN_SECRET);
  const origin = originOf(remote.endpoint);
  if (apiKey !== null && keyOrigin !== origin) {
    // The team's address changed (a synced setting) since this laptop's key was entered: the key
    // goes only where it was entered for.
    return {
      ...withSource(scoreLocally(transcript, config), 'local'),
      fallbackReason:
        `the remote scorer's address is now ${origin ?? remote.endpoint}, and this laptop's API ` +
        `key was entered for ${keyOrigin ?? 'another address'}: enter the key again in Call ` +
        'scoring settings to send calls there',
    };
  }
  return scoreRemotely(transcript, config, {
    endpoint: remote.endpoint,
    model: remote.model,
    timeoutMs: remote.timeoutMs,
    apiKey,
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
