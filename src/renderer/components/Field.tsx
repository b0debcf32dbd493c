import { Eye, EyeOff } from 'lucide-react';
import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import styles from './Field.module.css';

interface FieldFrameProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (ids: { inputId: string; describedBy: string | undefined }) => ReactNode;
  className?: string;
}

/** Label, control, and a hint or an error underneath, wired for screen readers. */
export function FieldFrame({ label, hint, error, children, className }: FieldFrameProps) {
  const inputId = useId();
  const messageId = useId();
  const describedBy = error || hint ? messageId : undefined;
  return (
    <div className={[styles.field, className].filter(Boolean).join(' ')}>
      <label htmlFor={inputId} className={styles.label}>
        {label}
      </label>
      {children({ inputId, describedBy })}
      {error ? (
        <p id={messageId} className={styles.error} role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: string; hint?: ReactNode; error?: string; className?: string };

export function TextField({
  label,
  hint,
  error,
  className,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ inputId, describedBy }) => (
        <input
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={styles.control}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

/**
 * A secret, such as an access token: hidden as it is typed, with a button that shows it to check
 * a paste. The button's name is its own (`revealLabel`), so it is never found by the field's label.
 */
export function SecretField({
  label,
  hint,
  error,
  className,
  revealLabel = 'Show',
  ...input
}: Common & { revealLabel?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const [shown, setShown] = useState(false);
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ inputId, describedBy }) => (
        <div className={styles.secret}>
          <input
            id={inputId}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            className={[styles.control, styles.secretControl].join(' ')}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            {...input}
            type={shown ? 'text' : 'password'}
          />
          <button
            type="button"
            className={styles.reveal}
            aria-label={revealLabel}
            aria-pressed={shown}
            aria-controls={inputId}
            title={shown ? 'Hide it again' : revealLabel}
            onClick={() => setShown((value) => !value)}
          >
            {shown ? <EyeOff size={16} aria-hidden /> : <Eye size={16} aria-hidden />}
          </button>
        </div>
      )}
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ inputId, describedBy }) => (
        <select
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={[styles.control, styles.select].join(' ')}
          {...select}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ inputId, describedBy }) => (
        <textarea
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={[styles.control, styles.textarea].join(' ')}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
}
