import { useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import type { Phase, Stage } from '../../../shared/domain';
import { api, useAppInfo, useStages } from '../../api';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { StageOptions } from '../../components/StageOptions';
import { useToast } from '../../components/Toast';
import styles from './StagesPage.module.css';

function message(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^[\w.]+: [\w.]+: /, '') : String(error);
}

/** Pipeline stages are data: an admin renames, reorders and tunes them per lifecycle phase. */
export function StagesPage() {
  const { phases, stages } = useStages();
  const info = useAppInfo();
  const isAdmin = info.data?.currentUser?.role === 'admin';
  const [deleting, setDeleting] = useState<Stage | null>(null);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1>Pipeline stages</h1>
        <p>
          The board shows one column per stage, grouped by lifecycle phase. Probability weights the
          pipeline value; a deal with no activity for longer than its stage’s rotting days is
          flagged.
        </p>
        {!isAdmin && (
          <p className={styles.readOnly} role="note">
            Only admins can change the stages. You can see them here.
          </p>
        )}
      </header>
      {phases.map((phase) => (
        <PhaseCard
          key={phase.id}
          phase={phase}
          stages={stages.filter((s) => s.phaseId === phase.id)}
          editable={isAdmin}
          onDelete={setDeleting}
        />
      ))}
      {deleting && <DeleteStage stage={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

function useSave() {
  const toast = useToast();
  const queryClient = useQueryClient();
  return async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: ['stages.list'] });
      if (done) toast.success(done);
      return true;
    } catch (error) {
      toast.error(message(error));
      return false;
    }
  };
}

function PhaseCard({
  phase,
  stages,
  editable,
  onDelete,
}: {
  phase: Phase;
  stages: Stage[];
  editable: boolean;
  onDelete: (stage: Stage) => void;
}) {
  const save = useSave();
  const [name, setName] = useState('');
  const [probability, setProbability] = useState('');

  const move = (index: number, step: -1 | 1) => {
    const order = stages.map((s) => s.id);
    const [moved] = order.splice(index, 1);
    order.splice(index + step, 0, moved!);
    void save(() => api.stages.reorder({ phaseId: phase.id, stageIds: order }));
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await save(
      () => api.stages.create({ name, phaseId: phase.id, probability: Number(probability || 0) }),
      `Added ${name.trim()} to ${phase.name}`,
    );
    if (ok) {
      setName('');
      setProbability('');
    }
  };

  return (
    <section className={styles.phase} data-phase={phase.id} aria-labelledby={`phase-${phase.id}`}>
      <header className={styles.phaseHeader}>
        <h2 id={`phase-${phase.id}`}>{phase.name}</h2>
        <span>{phase.owner}</span>
      </header>
      <div role="table" aria-label={`${phase.name} stages`} className={styles.table}>
        <div role="row" className={`${styles.row} ${styles.headRow}`}>
          <span role="columnheader">Stage</span>
          <span role="columnheader">Probability</span>
          <span role="columnheader">Rotting after</span>
          <span role="columnheader" className="visually-hidden">
            Actions
          </span>
        </div>
        {stages.map((stage, index) => (
          <div role="row" key={stage.id} className={styles.row}>
            <span role="cell">
              <input
                aria-label={`Name of ${stage.name}`}
                defaultValue={stage.name}
                disabled={!editable}
                onBlur={(e) => {
                  const value = e.target.value.trim();
                  if (value && value !== stage.name)
                    void save(() => api.stages.update({ id: stage.id, patch: { name: value } }));
                }}
              />
              {stage.kind !== 'open' && (
                <span className={styles.kind}>{stage.kind === 'won' ? 'Won' : 'Lost'}</span>
              )}
            </span>
            <span role="cell" className={styles.number}>
              <input
                aria-label={`Probability of ${stage.name}, percent`}
                type="number"
                min={0}
                max={100}
                defaultValue={stage.probability}
                disabled={!editable}
                onBlur={(e) => {
                  const value = Number(e.target.value);
                  if (value !== stage.probability)
                    void save(() =>
                      api.stages.update({ id: stage.id, patch: { probability: value } }),
                    );
                }}
              />
              %
            </span>
            <span role="cell" className={styles.number}>
              <input
                aria-label={`Rotting days of ${stage.name}`}
                type="number"
                min={1}
                placeholder="never"
                defaultValue={stage.rottingDays ?? ''}
                disabled={!editable || stage.kind !== 'open'}
                onBlur={(e) => {
                  const value = e.target.value ? Number(e.target.value) : null;
                  if (value !== stage.rottingDays)
                    void save(() =>
                      api.stages.update({ id: stage.id, patch: { rottingDays: value } }),
                    );
                }}
              />
              days
            </span>
            <span role="cell" className={styles.actions}>
              <Button
                size="sm"
                variant="ghost"
                icon={<ArrowUp />}
                aria-label={`Move ${stage.name} up`}
                disabled={!editable || index === 0}
                onClick={() => move(index, -1)}
              />
              <Button
                size="sm"
                variant="ghost"
                icon={<ArrowDown />}
                aria-label={`Move ${stage.name} down`}
                disabled={!editable || index === stages.length - 1}
                onClick={() => move(index, 1)}
              />
              <Button
                size="sm"
                variant="ghost"
                icon={<Trash2 />}
                aria-label={`Delete ${stage.name}`}
                disabled={!editable}
                onClick={() => onDelete(stage)}
              />
            </span>
          </div>
        ))}
      </div>
      {editable && (
        <form
          className={styles.add}
          onSubmit={(event) => void add(event)}
          aria-label={`Add a stage to ${phase.name}`}
        >
          <input
            aria-label="New stage name"
            placeholder="New stage"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <input
            aria-label="New stage probability, percent"
            type="number"
            min={0}
            max={100}
            placeholder="%"
            value={probability}
            onChange={(e) => setProbability(e.target.value)}
          />
          <Button type="submit" size="sm" icon={<Plus />} disabled={!name.trim()}>
            Add stage
          </Button>
        </form>
      )}
    </section>
  );
}

function DeleteStage({ stage, onClose }: { stage: Stage; onClose: () => void }) {
  const { phases, stages } = useStages();
  const save = useSave();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string>();
  const remove = async () => {
    try {
      const { movedDeals } = await api.stages.delete({
        id: stage.id,
        moveDealsTo: target || undefined,
      });
      await save(
        async () => {},
        movedDeals ? `Deleted ${stage.name}; ${movedDeals} deals moved` : `Deleted ${stage.name}`,
      );
      onClose();
    } catch (failure) {
      setError(failure instanceof ApiError ? message(failure) : String(failure));
    }
  };
  return (
    <Sheet
      title={`Delete ${stage.name}?`}
      placement="center"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void remove()}>
            Delete stage
          </Button>
        </>
      }
    >
      <SelectField
        label="Move its deals to"
        value={target}
        error={error}
        onChange={(e) => setTarget(e.target.value)}
        hint="Needed when the stage still has deals."
      >
        <option value="">—</option>
        <StageOptions phases={phases} stages={stages.filter((s) => s.id !== stage.id)} />
      </SelectField>
    </Sheet>
  );
}
