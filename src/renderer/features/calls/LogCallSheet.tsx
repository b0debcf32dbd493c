import { useId, useState } from 'react';
import type { CallDisposition } from '../../../shared/domain/followUpRules';
import { api } from '../../api';
import { Button } from '../../components/Button';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { useToast } from '../../components/Toast';
import { fromDateTimeInput, toDateTimeInput } from '../../lib/format';
import { DISPOSITIONS } from './callText';
import styles from './CallHistory.module.css';

/** Record a call made earlier (from a mobile, a desk phone): back-dated, with its outcome. */
export function LogCallSheet({
  subject,
  onClose,
}: {
  subject: { dealId?: string; contactId?: string; phone?: string | null; name: string };
  onClose: () => void;
}) {
  const toast = useToast();
  const formId = useId();
  const [startedAt, setStartedAt] = useState(() => toDateTimeInput(Date.now() - 30 * 60_000));
  const [minutes, setMinutes] = useState('5');
  const [disposition, setDisposition] = useState<CallDisposition>('connected');
  const [notes, setNotes] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [errors, setErrors] = useState<{ startedAt?: string; minutes?: string }>({});
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const start = fromDateTimeInput(startedAt);
    const duration = Number(minutes.replace(',', '.'));
    const found: typeof errors = {};
    if (start === null) found.startedAt = 'When was the call?';
    else if (start > Date.now()) found.startedAt = 'A past call cannot be in the future';
    if (!Number.isFinite(duration) || duration < 0 || duration > 600) {
      found.minutes = 'Minutes from 0 to 600';
    }
    setErrors(found);
    if (start === null || Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await api.calls.log({
        dealId: subject.dealId,
        contactId: subject.contactId,
        phone: subject.phone ?? undefined,
        startedAt: start,
        endedAt: start + Math.round(duration * 60_000),
        disposition,
        notes: notes.trim() || undefined,
        nextStep: nextStep.trim() || undefined,
      });
      toast.success('Call logged');
      onClose();
    } catch (error) {
      toast.error(`The call could not be logged: ${(error as Error).message}`);
      setSaving(false);
    }
  };

  return (
    <Sheet
      title="Log a past call"
      subtitle={`With ${subject.name}`}
      placement="center"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={saving}>
            Log call
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className={styles.logForm}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className={styles.logRow}>
          <TextField
            label="When"
            type="datetime-local"
            data-autofocus
            value={startedAt}
            error={errors.startedAt}
            onChange={(event) => setStartedAt(event.target.value)}
          />
          <TextField
            label="Minutes"
            inputMode="decimal"
            value={minutes}
            error={errors.minutes}
            onChange={(event) => setMinutes(event.target.value)}
          />
        </div>
        <SelectField
          label="Outcome"
          value={disposition}
          onChange={(event) => setDisposition(event.target.value as CallDisposition)}
        >
          {DISPOSITIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label="Notes"
          rows={4}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
        />
        <TextField
          label="Next step"
          value={nextStep}
          maxLength={500}
          onChange={(event) => setNextStep(event.target.value)}
        />
      </form>
    </Sheet>
  );
}
