/**
 * Pipeline: the lifecycle phases and stages, the deals that move through them, the board, and
 * the notes written on deals.
 *
 * Methods: stages.list, stages.create, stages.update, stages.reorder, stages.delete,
 *          board.load, board.cards,
 *          deals.list, deals.get, deals.timeline, deals.create, deals.update, deals.move,
 *          deals.bulkUpdate, notes.create, notes.update, notes.delete
 * Tables:  phases, stages, deals, stage_history, notes
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';
import { createDeal, getDealDetail, listDeals, updateDeal } from './deals';
import { listPhases, listStages } from './stages';

export const pipelineMethods = (ctx: CoreContext) =>
  ({
    'stages.list': () => ({ phases: listPhases(ctx.store), stages: listStages(ctx.store) }),
    'stages.create': notImplemented('stages.create'),
    'stages.update': notImplemented('stages.update'),
    'stages.reorder': notImplemented('stages.reorder'),
    'stages.delete': notImplemented('stages.delete'),
    'board.load': notImplemented('board.load'),
    'board.cards': notImplemented('board.cards'),
    'deals.list': (input) => listDeals(ctx, input),
    'deals.get': (input) => getDealDetail(ctx, input.id),
    'deals.timeline': notImplemented('deals.timeline'),
    'deals.create': (input) => createDeal(ctx, input),
    'deals.update': (input) => updateDeal(ctx, input),
    'deals.move': notImplemented('deals.move'),
    'deals.bulkUpdate': notImplemented('deals.bulkUpdate'),
    'notes.create': notImplemented('notes.create'),
    'notes.update': notImplemented('notes.update'),
    'notes.delete': notImplemented('notes.delete'),
  }) satisfies Partial<Handlers>;

export { ensureDefaultPipeline, DEFAULT_STAGES, defaultStageId } from './defaults';
