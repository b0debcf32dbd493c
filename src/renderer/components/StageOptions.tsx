import type { Phase, Stage } from '../../shared/domain';

/** The pipeline as <option>s grouped by lifecycle phase, for every stage picker. */
export function StageOptions({
  phases,
  stages,
  detailed = false,
}: {
  phases: readonly Phase[];
  stages: readonly Stage[];
  /** Show the phase's owning team and each stage's win probability. */
  detailed?: boolean;
}) {
  return phases.map((phase) => (
    <optgroup key={phase.id} label={detailed ? `${phase.name} · ${phase.owner}` : phase.name}>
      {stages
        .filter((stage) => stage.phaseId === phase.id)
        .map((stage) => (
          <option key={stage.id} value={stage.id}>
            {detailed ? `${stage.name} (${stage.probability}%)` : stage.name}
          </option>
        ))}
    </optgroup>
  ));
}
