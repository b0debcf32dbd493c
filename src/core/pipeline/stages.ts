import { ApiError, type ParsedInput } from '../../shared/contract';
import type { Phase, Stage } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import type { Store } from '../store/store';
import type { Writer } from '../store/writePath';
import { requireRole } from '../team/roles';
import { recordStageMove, statusFor, topPosition } from './deals';

export function listPhases(store: Store): Phase[] {
  return store
    .prepare(
      `SELECT id, name, owner, position FROM phases WHERE deleted_at IS NULL ORDER BY position, id`,
    )
    .all() as Phase[];
}

/** Stages in board order: by phase, then by their position within it. */
const STAGE_COLUMNS = `s.id, s.name, s.phase_id AS phaseId, s.position, s.probability,
  s.rotting_days AS rottingDays, s.kind`;

export function listStages(store: Store): Stage[] {
  return store
    .prepare(
      `SELECT ${STAGE_COLUMNS}
         FROM stages s LEFT JOIN phases p ON p.id = s.phase_id
        WHERE s.deleted_at IS NULL
        ORDER BY p.position, s.position, s.id`,
    )
    .all() as Stage[];
}

export function getStage(store: Store, id: string): Stage | undefined {
  return store
    .prepare(`SELECT ${STAGE_COLUMNS} FROM stages s WHERE s.id = ? AND s.deleted_at IS NULL`)
    .get(id) as Stage | undefined;
}

// ---------------------------------------------------------------------------------------------
// Administration: stages are data an admin edits

const ADMIN_ONLY = ['admin'] as const;

function stageOrFail(ctx: CoreContext, id: string, field = 'id'): Stage {
  const stage = getStage(ctx.store, id);
  if (!stage) throw new ApiError('not_found', `there is no stage with id ${id}`, field);
  return stage;
}

function phaseStages(ctx: CoreContext, phaseId: string, w?: Writer): Stage[] {
  const sql = `SELECT ${STAGE_COLUMNS} FROM stages s WHERE s.phase_id = ? AND s.deleted_at IS NULL ORDER BY s.position, s.id`;
  return w ? w.all<Stage>(sql, phaseId) : (ctx.store.prepare(sql).all(phaseId) as Stage[]);
}

export function createStage(ctx: CoreContext, input: ParsedInput<'stages.create'>): Stage {
  requireRole(ctx, ADMIN_ONLY, 'change the pipeline stages');
  const id = ctx.store.write((w) => {
    const siblings = phaseStages(ctx, input.phaseId, w);
    let position: number;
    const anchorIndex = input.afterStageId
      ? siblings.findIndex((s) => s.id === input.afterStageId)
      : -1;
    if (input.afterStageId && anchorIndex < 0) {
      throw new ApiError(
        'invalid_input',
        'stages.create: afterStageId: that stage is not in this phase',
        'afterStageId',
      );
    }
    if (anchorIndex >= 0 && anchorIndex < siblings.length - 1) {
      position = (siblings[anchorIndex]!.position + siblings[anchorIndex + 1]!.position) / 2;
    } else {
      const lastOfPhase = anchorIndex >= 0 ? siblings[anchorIndex]! : siblings[siblings.length - 1];
      position = (lastOfPhase?.position ?? 0) + 1;
    }
    return w.insert('stages', {
      name: input.name,
      phase_id: input.phaseId,
      position,
      probability: input.probability,
      rotting_days: input.rottingDays,
      kind: input.kind,
    });
  });
  return stageOrFail(ctx, id);
}

export function updateStage(ctx: CoreContext, input: ParsedInput<'stages.update'>): Stage {
  requireRole(ctx, ADMIN_ONLY, 'change the pipeline stages');
  const stage = stageOrFail(ctx, input.id);
  const { name, phaseId, probability, rottingDays } = input.patch;
  ctx.store.write((w) => {
    const fields: Record<string, string | number | null> = {};
    if (name !== undefined) fields.name = name;
    if (probability !== undefined) fields.probability = probability;
    if (rottingDays !== undefined) fields.rotting_days = rottingDays;
    if (phaseId !== undefined && phaseId !== stage.phaseId) {
      // A stage that changes phase goes to the end of its new phase.
      const last = phaseStages(ctx, phaseId, w).at(-1);
      fields.phase_id = phaseId;
      fields.position = (last?.position ?? 0) + 1;
    }
    w.update('stages', stage.id, fields);
  });
  return stageOrFail(ctx, stage.id);
}

export function reorderStages(ctx: CoreContext, input: ParsedInput<'stages.reorder'>): Stage[] {
  requireRole(ctx, ADMIN_ONLY, 'change the pipeline stages');
  const current = phaseStages(ctx, input.phaseId);
  const given = new Set(input.stageIds);
  if (
    given.size !== input.stageIds.length ||
    current.length !== given.size ||
    current.some((s) => !given.has(s.id))
  ) {
    throw new ApiError(
      'invalid_input',
      `stages.reorder: stageIds: list every stage of the ${input.phaseId} phase exactly once (${current.map((s) => s.name).join(', ')})`,
      'stageIds',
    );
  }
  ctx.store.write((w) =>
    input.stageIds.forEach((id, index) => w.update('stages', id, { position: index + 1 })),
  );
  return phaseStages(ctx, input.phaseId);
}

export function deleteStage(
  ctx: CoreContext,
  input: ParsedInput<'stages.delete'>,
): { movedDeals: number } {
  requireRole(ctx, ADMIN_ONLY, 'change the pipeline stages');
  const stage = stageOrFail(ctx, input.id);
  const sameKind = listStages(ctx.store).filter((s) => s.kind === stage.kind);
  if (stage.kind !== 'open' && sameKind.length === 1) {
    throw new ApiError(
      'conflict',
      `${stage.name} is the only ${stage.kind} stage; the pipeline needs one`,
    );
  }
  if (stage.kind === 'open' && sameKind.length === 1) {
    throw new ApiError('conflict', `${stage.name} is the last open stage; the pipeline needs one`);
  }
  const { count } = ctx.store
    .prepare('SELECT count(*) AS count FROM deals WHERE stage_id = ? AND deleted_at IS NULL')
    .get(stage.id) as { count: number };
  const target = input.moveDealsTo ? stageOrFail(ctx, input.moveDealsTo, 'moveDealsTo') : undefined;
  if (count > 0 && !target) {
    throw new ApiError(
      'invalid_input',
      `stages.delete: moveDealsTo: ${count} deals are in ${stage.name}; choose the stage they move to`,
      'moveDealsTo',
    );
  }
  if (target?.id === stage.id) {
    throw new ApiError(
      'invalid_input',
      'stages.delete: moveDealsTo: choose another stage',
      'moveDealsTo',
    );
  }
  const now = ctx.now();
  ctx.store.write((w) => {
    if (target && count > 0) {
      const ids = w.all<{ id: string }>(
        'SELECT id FROM deals WHERE stage_id = ? AND deleted_at IS NULL',
        stage.id,
      );
      let top = topPosition(w, target.id);
      for (const { id } of ids) {
        recordStageMove(w, id, stage.id, target.id, now, currentUserId(ctx));
        w.update('deals', id, {
          stage_id: target.id,
          status: statusFor(target.kind),
          position: top,
          stage_entered_at: now,
        });
        top -= 1;
      }
    }
    w.remove('stages', stage.id);
  });
  return { movedDeals: count };
}
