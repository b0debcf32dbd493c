import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import type { Stage } from '../../../shared/domain';
import styles from './Board.module.css';

const SUGGESTIONS = {
  won: [
    'Best fit for their workflow',
    'Price',
    'Relationship',
    'Product depth',
    'Speed of onboarding',
  ],
  lost: [
    'Price',
    'Went with a competitor',
    'No budget',
    'Timing',
    'No decision',
    'Missing feature',
  ],
} as const;

/** Won and Lost are where the lessons are: the move waits for a reason. */
export function ReasonDialog({
  dealTitle,
  stage,
  onCancel,
  onConfirm,
}: {
  dealTitle: string;
  stage: Stage;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const kind = stage.kind === 'won' ? 'won' : 'lost';
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(`Say why it was ${kind}: the team learns from it.`);
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <Sheet
      title={kind === 'won' ? `Why did we win “${dealTitle}”?` : `Why did we lose “${dealTitle}”?`}
      subtitle={`Moving to ${stage.name}`}
      placement="center"
      onClose={onCancel}
      footer={
        <>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" form="close-reason" variant={kind === 'won' ? 'primary' : 'danger'}>
            Mark as {kind}
          </Button>
        </>
      }
    >
      <form id="close-reason" onSubmit={submit} noValidate className={styles.reasonForm}>
        <TextField
          label="Reason"
          data-autofocus
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.target.value);
            setError(undefined);
          }}
        />
        <div className={styles.suggestions} role="group" aria-label="Common reasons">
          {SUGGESTIONS[kind].map((suggestion) => (
            <button
              key={suggestion}
              type="button"
              className={styles.suggestion}
              onClick={() => setReason(suggestion)}
            >
              {suggestion}
            </button>
          ))}
        </div>
      </form>
    </Sheet>
  );
}
