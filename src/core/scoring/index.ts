/**
 * Call transcripts and scores.
 *
 * Methods: calls.get, transcripts.import, transcripts.setRep, calls.rescore, scoring.settings,
 *          scoring.update, scores.trend, scores.distribution
 * Tables:  call_transcripts, call_scores (both keyed by the call's id); the settings rows
 *          'scoring-config' and 'remote-scorer' of team_settings; reads calls, users, deals,
 *          contacts. The remote scorer's API key lives in the device's secret store, never in
 *          the database.
 */
import { ApiError, type MethodOutput, type ParsedInput } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { requireRole } from '../team/roles';
import { getUser } from '../team/team';
import { getCallDetail, importTranscript, rescoreCall, setTranscriptRep } from './callTranscripts';
import { Rescorer } from './rescore';
import {
  API_KEY_ORIGIN_SECRET,
  API_KEY_SECRET,
  changeScoringConfig,
  checkScoringConfig,
  originOf,
  SCORING_SETTING_IDS,
  teamRemoteScorer,
  teamScoringConfig,
  writeSetting,
} from './settings';
import { scoreDistribution, scoreTrend } from './stats';

export { LOW_SCORE_THRESHOLD } from './stats';

const EDITORS: readonly Role[] = ['manager', 'admin'];

async function scoringSettings(ctx: CoreContext): Promise<MethodOutput<'scoring.settings'>> {
  const { config, problems } = teamScoringConfig(ctx);
  const me = currentUserId(ctx);
  const role = me ? getUser(ctx, me)?.role : undefined;
  return {
    config: config as unknown as Record<string, unknown>,
    configVersion: config.version,
    problems,
    remote: { ...teamRemoteScorer(ctx), hasKey: (await ctx.secrets.get(API_KEY_SECRET)) !== null },
    canEdit: role !== undefined && EDITORS.includes(role),
  };
}

/**
 * The config and the remote scorer are the team's (managers and admins). The API key is this
 * device's own: anyone may give their laptop one, since it changes nothing for the others.
 */
async function updateScoring(
  ctx: CoreContext,
  rescorer: Rescorer,
  input: ParsedInput<'scoring.update'>,
): Promise<MethodOutput<'scoring.update'>> {
  if (input.config !== undefined || input.remote !== undefined) {
    requireRole(ctx, EDITORS, 'change how calls are scored');
  }
  const current = teamScoringConfig(ctx).config;
  // Checked before anything is saved: a refused config leaves the rest unchanged too.
  if (input.config !== undefined) checkScoringConfig(input.config, current.version + 1);
  if (input.apiKey !== undefined) {
    const key = input.apiKey?.trim() || null;
    // Bound to the address in effect (or set in this very change): a synced change of the
    // address later does not take this laptop's key along.
    const origin = originOf(input.remote?.endpoint ?? teamRemoteScorer(ctx).endpoint);
    try {
      await ctx.secrets.set(API_KEY_ORIGIN_SECRET, key === null ? null : origin);
      await ctx.secrets.set(API_KEY_SECRET, key);
    } catch (error) {
      throw new ApiError(
        'unavailable',
        `the API key could not be kept on this device: ${(error as Error).message}`,
        'apiKey',
      );
    }
  }
  if (input.remote !== undefined) {
    const stored = teamRemoteScorer(ctx);
    const next = { ...input.remote, endpoint: input.remote.endpoint.replace(/\/+$/, '') };
    if (JSON.stringify(stored) !== JSON.stringify({ ...stored, ...next })) {
      writeSetting(ctx, SCORING_SETTING_IDS.remote, next);
    }
  }
  if (input.config === undefined) return { configVersion: current.version, rescored: 0 };
  const { version, changed } = changeScoringConfig(ctx, input.config);
  return { configVersion: version, rescored: changed ? await rescorer.run() : 0 };
}

export const scoringMethods = (ctx: CoreContext) => {
  const rescorer = new Rescorer(ctx);
  setImmediate(() => {
    if (ctx.store.db.open) rescorer.resume();
  });
  return {
    'calls.get': (input) => getCallDetail(ctx, input.id),
    'transcripts.import': (input) => importTranscript(ctx, input),
    'transcripts.setRep': (input) => setTranscriptRep(ctx, input),
    'calls.rescore': (input) => rescoreCall(ctx, input.id),
    'scoring.settings': () => scoringSettings(ctx),
    'scoring.update': (input) => updateScoring(ctx, rescorer, input),
    'scores.trend': (input) => scoreTrend(ctx, input),
    'scores.distribution': (input) => scoreDistribution(ctx, input),
  } satisfies Partial<Handlers>;
};
