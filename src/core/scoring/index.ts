/**
 * Call transcripts and scores.
 *
 * Methods: calls.get, transcripts.import, transcripts.setRep, calls.rescore, scoring.settings,
 *          scoring.update, scores.trend, scores.distribution
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const scoringMethods = (_ctx: CoreContext) =>
  ({
    'calls.get': notImplemented('calls.get'),
    'transcripts.import': notImplemented('transcripts.import'),
    'transcripts.setRep': notImplemented('transcripts.setRep'),
    'calls.rescore': notImplemented('calls.rescore'),
    'scoring.settings': notImplemented('scoring.settings'),
    'scoring.update': notImplemented('scoring.update'),
    'scores.trend': notImplemented('scores.trend'),
    'scores.distribution': notImplemented('scores.distribution'),
  }) satisfies Partial<Handlers>;
