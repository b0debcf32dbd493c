import { CalendarClock, Check, PhoneOff, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CallDisposition } from '../../../shared/domain/followUpRules';
import { api } from '../../api';
import { keyLabel } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { formatDateTime, fromDateTimeInput, toDateTimeInput } from '../../lib/format';
import { callStore, useActiveCall, type ActiveCall } from './callStore';
import {
  ASKS_NEXT_STEP,
  DISPOSITION_LABELS,
  DISPOSITIONS,
  DISPOSITION_TONES,
  describeWhen,
  formatDuration,
} from './callText';
import { CALL_COMMANDS } from './commands';
import styles from './CallPanel.module.css';

/** The docked call panel, shown while a call is in progress or being wrapped up. */
export function CallDock() {
  const active = useActiveCall();
  // Keyed by call: a new call starts from the first step.
  return active ? <CallPanel key={active.call.id} active={active} /> : null;
}

type Step =
  | { name: 'talking' }
  | { name: 'outcome' }
  | { name: 'next-step'; disposition: CallDisposition }
  | { name: 'proposal'; disposition: CallDisposition; dueAt: number | null; reason: string };

function useNow(intervalMs: number, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, running]);
  return now;
}

function CallPanel({ active }: { active: ActiveCall }) {
  const { call, subject } = active;
  const toast = useToast();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const [step, setStep] = useState<Step>({ name: 'talking' });
  const [notes, setNotes] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [nextStepAt, setNextStepAt] = useState('');
  const [endedAt, setEndedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000, endedAt === null);
  const elapsed = formatDuration((endedAt ?? now) - call.startedAt);

  // Each step puts focus where the next keystroke belongs.
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [step.name]);

  const close = () => callStore.set(null);

  const end = async (disposition: CallDisposition) => {
    setBusy(true);
    try {
      const result = await api.calls.end({
        id: call.id,
        disposition,
        notes: notes.trim() || undefined,
        nextStep: nextStep.trim() || undefined,
        nextStepAt: fromDateTimeInput(nextStepAt) ?? undefined,
      });
      setEndedAt(result.call.endedAt ?? now);
      setStep({ name: 'proposal', disposition, ...result.proposal });
    } catch (error) {
      toast.error(`The call could not be saved: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  // A next step typed for one outcome must not ride along with another.
  const backToOutcome = () => {
    setNextStep('');
    setNextStepAt('');
    setStep({ name: 'outcome' });
  };

  const pick = (disposition: CallDisposition) => {
    if (busy) return;
    if (ASKS_NEXT_STEP.has(disposition)) setStep({ name: 'next-step', disposition });
    else void end(disposition);
  };

  const plan = async (dueAt: number, title: string) => {
    setBusy(true);
    try {
      await api.followUps.create({
        dealId: subject.dealId,
        contactId: subject.contactId,
        dueAt,
        kind: 'call',
        title,
      });
      toast.success(`Follow-up planned: ${describeWhen(dueAt)}`);
      close();
    } catch (error) {
      toast.error(`The follow-up could not be planned: ${(error as Error).message}`);
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const typing = (event.target as HTMLElement).matches('input, textarea, select');
    if (step.name === 'talking' && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setStep({ name: 'outcome' });
    } else if (step.name === 'outcome' && !typing && /^[1-7]$/.test(event.key)) {
      event.preventDefault();
      pick(DISPOSITIONS[Number(event.key) - 1]!.value);
    } else if (step.name === 'outcome' && event.key === 'Escape') {
      event.preventDefault();
      setStep({ name: 'talking' });
    } else if (step.name === 'next-step' && event.key === 'Escape') {
      event.preventDefault();
      backToOutcome();
    }
  };

  const stepLabel =
    step.name === 'talking'
      ? 'On the call'
      : step.name === 'proposal'
        ? 'Call saved'
        : 'How did it go?';

  return (
    <div
      ref={panel}
      className={styles.panel}
      role="dialog"
      aria-labelledby={titleId}
      data-step={step.name}
      onKeyDown={onKeyDown}
    >
      <header className={styles.header}>
        <span className={styles.live} data-live={endedAt === null || undefined} aria-hidden />
        <div className={styles.who}>
          <h2 id={titleId} className={styles.title}>
            Call with {subject.name}
          </h2>
          <p className={styles.subtitle}>
            {[subject.dealTitle, subject.phone].filter(Boolean).join(' · ') || stepLabel}
          </p>
        </div>
        <span
          className={styles.timer}
          role="timer"
          aria-label={`Call time ${elapsed}`}
          data-ended={endedAt !== null || undefined}
        >
          {elapsed}
        </span>
      </header>

      {step.name === 'talking' && (
        <div className={styles.body}>
          <label className={styles.label} htmlFor={`${titleId}-notes`}>
            Notes
          </label>
          <textarea
            id={`${titleId}-notes`}
            data-autofocus
            className={styles.notes}
            rows={5}
            value={notes}
            placeholder="What did they say? Budget, timing, who decides…"
            onChange={(event) => setNotes(event.target.value)}
          />
          <div className={styles.footer}>
            <Button
              variant="danger"
              icon={<PhoneOff />}
              shortcut={keyLabel(CALL_COMMANDS.end.keys)}
              onClick={() => setStep({ name: 'outcome' })}
            >
              End call
            </Button>
          </div>
        </div>
      )}

      {step.name === 'outcome' && (
        <div className={styles.body}>
          <p className={styles.question} id={`${titleId}-outcome`}>
            How did it go? <span className={styles.hint}>Press 1–7</span>
          </p>
          <div className={styles.outcomes} role="group" aria-labelledby={`${titleId}-outcome`}>
            {DISPOSITIONS.map((d, index) => (
              <button
                key={d.value}
                type="button"
                className={styles.outcome}
                data-tone={DISPOSITION_TONES[d.value]}
                data-autofocus={index === 0 || undefined}
                disabled={busy}
                aria-keyshortcuts={d.key}
                onClick={() => pick(d.value)}
              >
                <kbd aria-hidden>{d.key}</kbd>
                {d.label}
              </button>
            ))}
          </div>
          <div className={styles.footer}>
            <Button variant="ghost" size="sm" onClick={() => setStep({ name: 'talking' })}>
              Back to the call
            </Button>
          </div>
        </div>
      )}

      {step.name === 'next-step' && (
        <form
          className={styles.body}
          onSubmit={(event) => {
            event.preventDefault();
            void end(step.disposition);
          }}
        >
          <p className={styles.question}>
            <span className={styles.badge} data-tone={DISPOSITION_TONES[step.disposition]}>
              {DISPOSITION_LABELS[step.disposition]}
            </span>
            What happens next?
          </p>
          <label className={styles.label} htmlFor={`${titleId}-next`}>
            Next step
          </label>
          <input
            id={`${titleId}-next`}
            data-autofocus
            className={styles.input}
            value={nextStep}
            maxLength={500}
            placeholder="e.g. Send the proposal, demo for the CFO"
            onChange={(event) => setNextStep(event.target.value)}
          />
          <label className={styles.label} htmlFor={`${titleId}-when`}>
            When they named it <span className={styles.hint}>(optional)</span>
          </label>
          <input
            id={`${titleId}-when`}
            type="datetime-local"
            className={styles.input}
            value={nextStepAt}
            onChange={(event) => setNextStepAt(event.target.value)}
          />
          <div className={styles.footer}>
            <Button variant="ghost" size="sm" onClick={backToOutcome}>
              Back
            </Button>
            <Button type="submit" variant="primary" busy={busy} shortcut="Enter">
              Save call
            </Button>
          </div>
        </form>
      )}

      {step.name === 'proposal' && (
        <Proposal
          step={step}
          busy={busy}
          onPlan={(dueAt) => void plan(dueAt, step.reason)}
          onSkip={close}
        />
      )}
    </div>
  );
}

function Proposal({
  step,
  busy,
  onPlan,
  onSkip,
}: {
  step: Extract<Step, { name: 'proposal' }>;
  busy: boolean;
  onPlan: (dueAt: number) => void;
  onSkip: () => void;
}) {
  const id = useId();
  const [changing, setChanging] = useState(false);
  const [custom, setCustom] = useState(() =>
    toDateTimeInput(step.dueAt ?? Date.now() + 86_400_000),
  );
  const customAt = fromDateTimeInput(custom);
  const changeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (changing) changeRef.current?.focus();
  }, [changing]);

  return (
    <div
      className={styles.body}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        if (changing) setChanging(false);
        else onSkip();
      }}
    >
      <p className={styles.saved}>
        <Check size={14} aria-hidden />
        Saved as <strong>{DISPOSITION_LABELS[step.disposition]}</strong>
      </p>
      <section className={styles.proposal} aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className={styles.proposalTitle}>
          <CalendarClock size={15} aria-hidden />
          {step.dueAt === null ? 'No follow-up proposed' : 'Proposed follow-up'}
        </h3>
        {step.dueAt !== null && (
          <p className={styles.when} title={formatDateTime(step.dueAt)}>
            {describeWhen(step.dueAt)}
          </p>
        )}
        <p className={styles.reason}>{step.reason}</p>
      </section>
      {changing ? (
        <form
          className={styles.change}
          onSubmit={(event) => {
            event.preventDefault();
            if (customAt !== null) onPlan(customAt);
          }}
        >
          <label className={styles.label} htmlFor={`${id}-at`}>
            Follow up at
          </label>
          <input
            ref={changeRef}
            id={`${id}-at`}
            type="datetime-local"
            className={styles.input}
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
          />
          <div className={styles.footer}>
            <Button variant="ghost" size="sm" onClick={() => setChanging(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" busy={busy} disabled={customAt === null}>
              Plan for {customAt === null ? '…' : describeWhen(customAt)}
            </Button>
          </div>
        </form>
      ) : (
        <div className={styles.footer}>
          <Button
            variant="ghost"
            size="sm"
            icon={<X />}
            data-autofocus={step.dueAt === null || undefined}
            shortcut={keyLabel(CALL_COMMANDS.noFollowUp.keys)}
            onClick={onSkip}
          >
            No follow-up
          </Button>
          <Button size="sm" onClick={() => setChanging(true)}>
            {step.dueAt === null ? 'Pick a time' : 'Change time'}
          </Button>
          {step.dueAt !== null && (
            <Button
              variant="primary"
              data-autofocus
              busy={busy}
              shortcut="Enter"
              onClick={() => onPlan(step.dueAt!)}
            >
              Plan it
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
