import { X } from 'lucide-react';
import { useId } from 'react';
import styles from './ChipsField.module.css';

interface ChipsFieldProps {
  label: string;
  values: readonly string[];
  draft: string;
  onChange: (values: string[], draft: string) => void;
  suggestions?: readonly string[];
  placeholder?: string;
  hint?: string;
  error?: string;
}

/**
 * A list of short values as chips: type one and press Enter (or a comma) to add it, Backspace in
 * the empty box removes the last. What is typed but not added yet stays in `draft`.
 */
export function ChipsField({
  label,
  values,
  draft,
  onChange,
  suggestions = [],
  placeholder,
  hint,
  error,
}: ChipsFieldProps) {
  const inputId = useId();
  const listId = useId();
  const messageId = useId();
  const add = (raw: string) => {
    const value = raw.trim();
    if (!value) return onChange([...values], '');
    const known = values.some((v) => v.toLowerCase() === value.toLowerCase());
    onChange(known ? [...values] : [...values, value], '');
  };
  return (
    <div className={styles.field}>
      <label htmlFor={inputId} className={styles.label}>
        {label}
      </label>
      <div className={styles.box} data-invalid={error ? true : undefined}>
        <ul className={styles.chips} aria-label={`${label}: chosen`}>
          {values.map((value) => (
            <li key={value} className={styles.chip}>
              {value}
              <button
                type="button"
                aria-label={`Remove ${value}`}
                onClick={() =>
                  onChange(
                    values.filter((v) => v !== value),
                    draft,
                  )
                }
              >
                <X size={11} />
              </button>
            </li>
          ))}
        </ul>
        <input
          id={inputId}
          className={styles.input}
          list={listId}
          value={draft}
          autoComplete="off"
          placeholder={values.length === 0 ? placeholder : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const text = event.target.value;
            // A comma completes the value, and so does picking a suggestion (which browsers
            // report as a replacement of the text rather than typing).
            const native = event.nativeEvent as InputEvent;
            const picked =
              suggestions.includes(text) &&
              (!('inputType' in native) || native.inputType === 'insertReplacementText');
            if (text.endsWith(',')) add(text.slice(0, -1));
            else if (picked) add(text);
            else onChange([...values], text);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && draft.trim()) {
              event.preventDefault();
              add(draft);
            } else if (event.key === 'Backspace' && !draft && values.length > 0) {
              onChange(values.slice(0, -1), '');
            }
          }}
          onBlur={() => draft.trim() && add(draft)}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.some((v) => v.toLowerCase() === s.toLowerCase()))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      </div>
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
