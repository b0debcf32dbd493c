import { ApiError, type ParsedInput } from '../../shared/contract';
import type { Deal } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import { draftHandoverAtWon } from '../handover/draft';
import { requireRow } from '../references';
import type { Fields, Writer } from '../store/writePath';
import { enterStage, getDeal, requireReason, requireStage, topPosition } from './deals';

/** Below this gap two positions are too close to split again: the column is renumbered. */
const MIN_GAP = 1e-7;
const SPACING = 1024;

/** Spread a column's positions out again, keeping its order. Rare: only after many splits of one gap. */
function renumber(w: Writer, stageId: string): void {
  const ids = w.all<{ id: string }>(
    'SELECT id FROM deals WHERE stage_id = ? AND deleted_at IS NULL ORDER BY position, id',
    stageId,
  );
  ids.forEach(({ id }, index) => w.update('deals', id, { position: (index + 1) * SPACING }));
}

/**
 * Where a card dropped after `afterId` and/or before `beforeId` goes. The neighbours the client
 * saw may have moved meanwhile, and a filtered board shows only some cards; so the real gap is
 * read from the column as it is now.
 */
function positionBetween(
  w: Writer,
  stageId: string,
  movingId: string,
  afterId?: string | null,
  beforeId?: string | null,
): number {
  const positionOf = (id: string, field: string) => {
    const row = w.get<{ position: number; stageId: string }>(
      'SELECT position, stage_id AS stageId FROM deals WHERE id = ? AND deleted_at IS NULL',
      id,
    );
    if (!row || row.stageId !== stageId) {
      throw new ApiError(
        'invalid_input',
        `deals.move: ${field}: that deal is not in the target stage`,
        field,
      );
    }
    return row.position;
  };
  const next = (position: number) =>
    w.get<{ position: number }>(
      'SELECT position FROM deals WHERE stage_id = ? AND deleted_at IS NULL AND id <> ? AND position > ? ORDER BY position LIMIT 1',
      stageId,
      movingId,
      position,
    )?.position ?? null;
  const previous = (position: number) =>
    w.get<{ position: number }>(
      'SELECT position FROM deals WHERE stage_id = ? AND deleted_at IS NULL AND id <> ? AND position < ? ORDER BY position DESC LIMIT 1',
      stageId,
      movingId,
      position,
    )?.position ?? null;

  let low: number | null;
  let high: number | null;
  if (afterId && afterId !== movingId) {
    low = positionOf(afterId, 'afterId');
    high = next(low);
  } else if (beforeId && beforeId !== movingId) {
    high = positionOf(beforeId, 'beforeId');
    low = previous(high);
  } else {
    return topPosition(w, stageId);
  }
  if (low === null) return high! - SPACING;
  if (high === null) return low + SPACING;
  if (high - low > MIN_GAP) return (low + high) / 2;
  renumber(w, stageId);
  return positionBetween(w, stageId, movingId, afterId, beforeId);
}

/** Move a deal on the board: to a stage (recorded in its history) and a place in the column. */
export function moveDeal(ctx: CoreContext, input: ParsedInput<'deals.move'>): Deal {
  const deal = getDeal(ctx, input.id);
  const stage = requireStage(ctx, input.stageId, 'stageId');
  const changesStage = stage.id !== deal.stageId;
  if (changesStage) requireReason(stage, input.reason, 'reason', 'deals.move');
  const now = ctx.now();
  ctx.store.write((w) => {
    const fields: Fields = {
      ...(changesStage ? enterStage(w, ctx, deal, stage, input.reason, now) : {}),
      position: positionBetween(w, stage.id, deal.id, input.afterId, input.beforeId),
    };
    w.update('deals', deal.id, fields);
    if (changesStage && stage.kind === 'won') {
      draftHandoverAtWon(w, deal.id, currentUserId(ctx), now);
    }
  });
  return getDeal(ctx, deal.id);
}

/** A new owner or stage for many deals, in one transaction: all or nothing. */
export function bulkUpdateDeals(
  ctx: CoreContext,
  input: ParsedInput<'deals.bulkUpdate'>,
): { updated: number } {
  const { ownerId, stageId, reason } = input.patch;
  if (ownerId) requireRow(ctx.store, 'users', ownerId, 'patch.ownerId');
  const stage = stageId ? requireStage(ctx, stageId, 'patch.stageId') : undefined;
  if (stage) requireReason(stage, reason, 'patch.reason', 'deals.bulkUpdate');
  const now = ctx.now();
  const ids = [...new Set(input.ids)];
  return ctx.store.write((w) => {
    const deals = w.all<{ id: string; stageId: string; closeReason: string | null }>(
      `SELECT id, stage_id AS stageId, close_reason AS closeReason FROM deals
        WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
      JSON.stringify(ids),
    );
    if (deals.length !== ids.length) {
      const found = new Set(deals.map((d) => d.id));
      const missing = ids.find((id) => !found.has(id));
      throw new ApiError(
        'invalid_input',
        `deals.bulkUpdate: ids: there is no deal with id ${missing}`,
        'ids',
      );
    }
    let top = stage ? topPosition(w, stage.id) : 0;
    let updated = 0;
    for (const deal of deals) {
      const fields: Record<string, Fields[string]> = {};
      if (ownerId !== undefined) fields.owner_id = ownerId;
      if (stage && stage.id !== deal.stageId) {
        Object.assign(fields, enterStage(w, ctx, deal, stage, reason, now), { position: top });
        top -= 1;
      }
      if (w.update('deals', deal.id, fields).length > 0) updated += 1;
      if (stage?.kind === 'won' && stage.id !== deal.stageId) {
        draftHandoverAtWon(w, deal.id, currentUserId(ctx), now);
      }
    }
    return { updated };
  });
}
