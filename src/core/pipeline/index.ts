/**
 * Pipeline: the lifecycle phases and stages, and the deals that move through them.
 *
 * Methods: stages.list, deals.list, deals.get, deals.create, deals.update
 * Tables:  phases, stages, deals, stage_history
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { createDeal, getDealDetail, listDeals, updateDeal } from './deals';
import { listPhases, listStages } from './stages';

export const pipelineMethods = (ctx: CoreContext) =>
  ({
    'stages.list': () => ({ phases: listPhases(ctx.store), stages: listStages(ctx.store) }),
    'deals.list': (input) => listDeals(ctx, input),
    'deals.get': (input) => getDealDetail(ctx, input.id),
    'deals.create': (input) => createDeal(ctx, input),
    'deals.update': (input) => updateDeal(ctx, input),
  }) satisfies Partial<Handlers>;

export { ensureDefaultPipeline, DEFAULT_STAGES, defaultStageId } from './defaults';
