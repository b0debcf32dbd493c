import type { PhaseId, StageKind } from '../../shared/domain';
import { derivedId } from '../../shared/ids';
import type { Store } from '../store/store';
import type { Fields } from '../store/writePath';

export interface DefaultPhase {
  id: PhaseId;
  name: string;
  owner: string;
}

/** The customer lifecycle, not only the sales funnel (DESIGN.md §2). */
export const DEFAULT_PHASES: readonly DefaultPhase[] = [
  { id: 'reach', name: 'Reach', owner: 'Marketing' },
  { id: 'acquisition', name: 'Acquisition', owner: 'Sales' },
  { id: 'conversion', name: 'Conversion', owner: 'Sales' },
  { id: 'retention', name: 'Retention', owner: 'Success' },
  { id: 'loyalty', name: 'Loyalty', owner: 'Success + Marketing' },
];

export interface DefaultStage {
  key: string;
  name: string;
  phaseId: PhaseId;
  probability: number;
  rottingDays: number | null;
  kind: StageKind;
}

export const DEFAULT_STAGES: readonly DefaultStage[] = [
  {
    key: 'new-lead',
    name: 'New lead',
    phaseId: 'reach',
    probability: 5,
    rottingDays: 2,
    kind: 'open',
  },
  {
    key: 'contacted',
    name: 'Contacted',
    phaseId: 'acquisition',
    probability: 10,
    rottingDays: 7,
    kind: 'open',
  },
  {
    key: 'qualified',
    name: 'Qualified',
    phaseId: 'acquisition',
    probability: 25,
    rottingDays: 14,
    kind: 'open',
  },
  {
    key: 'demo',
    name: 'Demo',
    phaseId: 'acquisition',
    probability: 40,
    rottingDays: 14,
    kind: 'open',
  },
  {
    key: 'proposal',
    name: 'Proposal',
    phaseId: 'conversion',
    probability: 60,
    rottingDays: 14,
    kind: 'open',
  },
  {
    key: 'negotiation',
    name: 'Negotiation',
    phaseId: 'conversion',
    probability: 80,
    rottingDays: 21,
    kind: 'open',
  },
  {
    key: 'won',
    name: 'Won',
    phaseId: 'conversion',
    probability: 100,
    rottingDays: null,
    kind: 'won',
  },
  {
    key: 'lost',
    name: 'Lost',
    phaseId: 'conversion',
    probability: 0,
    rottingDays: null,
    kind: 'lost',
  },
  {
    key: 'onboarding',
    name: 'Onboarding',
    phaseId: 'retention',
    probability: 100,
    rottingDays: 30,
    kind: 'open',
  },
  {
    key: 'active',
    name: 'Active',
    phaseId: 'retention',
    probability: 100,
    rottingDays: 90,
    kind: 'open',
  },
  {
    key: 'renewal-due',
    name: 'Renewal due',
    phaseId: 'retention',
    probability: 100,
    rottingDays: 14,
    kind: 'open',
  },
  {
    key: 'advocate',
    name: 'Advocate',
    phaseId: 'loyalty',
    probability: 100,
    rottingDays: null,
    kind: 'open',
  },
];

/** Fixed ids: every device seeds the same stages, so joining a workspace does not duplicate them. */
export function defaultStageId(key: string): string {
  return derivedId('stage', key);
}

/** Every device writes the defaults with identical values, so their ops agree field by field. */
const DEFAULTS_CREATED_AT = 0;

/**
 * The rows of the default pipeline exactly as every device writes them (the sync server accepts
 * these, and only these, with the built-in defaults' clock).
 */
export function defaultPipelineRows(): {
  phases: (Fields & { id: string })[];
  stages: (Fields & { id: string })[];
} {
  return {
    phases: DEFAULT_PHASES.map((phase, position) => ({
      id: phase.id,
      name: phase.name,
      owner: phase.owner,
      position,
      created_at: DEFAULTS_CREATED_AT,
    })),
    stages: DEFAULT_STAGES.map((stage, position) => ({
      id: defaultStageId(stage.key),
      name: stage.name,
      phase_id: stage.phaseId,
      position,
      probability: stage.probability,
      rotting_days: stage.rottingDays,
      kind: stage.kind,
      created_at: DEFAULTS_CREATED_AT,
    })),
  };
}

/** Insert whichever default phases and stages this database lacks; a no-op once they exist. */
export function ensureDefaultPipeline(store: Store): void {
  const hasPhase = store.prepare('SELECT 1 FROM phases WHERE id = ?');
  const hasStage = store.prepare('SELECT 1 FROM stages WHERE id = ?');
  const rows = defaultPipelineRows();
  const missingPhases = rows.phases.filter((p) => !hasPhase.get(p.id));
  const missingStages = rows.stages.filter((s) => !hasStage.get(s.id));
  if (missingPhases.length === 0 && missingStages.length === 0) return;
  store.write((w) => {
    for (const phase of missingPhases) w.insertDefault('phases', phase);
    for (const stage of missingStages) w.insertDefault('stages', stage);
  });
}
