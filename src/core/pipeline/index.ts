/**
 * Pipeline: the lifecycle phases and stages, the deals that move through them, and the board.
 *
 * Methods: stages.list, stages.create, stages.update, stages.reorder, stages.delete,
 *          board.load, board.cards,
 *          deals.list, deals.get, deals.create, deals.update, deals.move, deals.bulkUpdate
 * Tables:  phases, stages, deals, stage_history
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { columnCards, loadBoard } from './board';
import { createDeal, getDealDetail, listDeals, updateDeal } from './deals';
import { bulkUpdateDeals, moveDeal } from './moves';
import {
  createStage,
  deleteStage,
  listPhases,
  listStages,
  reorderStages,
  updateStage,
} from './stages';

export const pipelineMethods = (ctx: CoreContext) =>
  ({
    'stages.list': () => ({ phases: listPhases(ctx.store), stages: listStages(ctx.store) }),
    'stages.create': (input) => createStage(ctx, input),
    'stages.update': (input) => updateStage(ctx, input),
    'stages.reorder': (input) => reorderStages(ctx, input),
    'stages.delete': (input) => deleteStage(ctx, input),
    'board.load': (input) => loadBoard(ctx, input),
    'board.cards': (input) => ({
      cards: columnCards(ctx, input.stageId, input.filters, input.offset, input.limit),
    }),
    'deals.list': (input) => listDeals(ctx, input),
    'deals.get': (input) => getDealDetail(ctx, input.id),
    'deals.create': (input) => createDeal(ctx, input),
    'deals.update': (input) => updateDeal(ctx, input),
    'deals.move': (input) => moveDeal(ctx, input),
    'deals.bulkUpdate': (input) => bulkUpdateDeals(ctx, input),
  }) satisfies Partial<Handlers>;

export { ensureDefaultPipeline, DEFAULT_STAGES, defaultStageId } from './defaults';
