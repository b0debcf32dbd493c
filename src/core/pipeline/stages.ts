import type { Phase, Stage } from '../../shared/domain';
import type { Store } from '../store/store';

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
