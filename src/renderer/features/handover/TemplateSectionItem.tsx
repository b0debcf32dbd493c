import { ArrowDown, ArrowUp, Plus, Sparkles, Trash2 } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { Button } from '../../components/Button';
import { FieldFrame } from '../../components/Field';
import { LIMITS, PREFILL_TEXT, type SectionForm, type TemplateErrors } from './templateForm';
import styles from './HandoverTemplatePage.module.css';

/** How a section is named on its buttons and in announcements. */
export const sectionLabel = (section: SectionForm, index: number) =>
  section.title.trim() ? `“${section.title.trim()}”` : `section ${index + 1}`;

/** The ids of a section's controls, so focus can follow a section that moved. */
export const controlId = (key: string, control: 'up' | 'down' | 'remove' | 'title' | 'item') =>
  `template-section-${key}-${control}`;

function PrefillLine({ section }: { section: SectionForm }) {
  return (
    <p className={styles.prefill} data-none={section.prefill === 'none' || undefined}>
      <Sparkles size={13} aria-hidden />
      {section.prefill === 'none' ? (
        <span>
          {section.id === null ? 'New: starts empty' : 'Starts empty: nothing pre-filled'}
        </span>
      ) : (
        <span>Pre-filled from {PREFILL_TEXT[section.prefill]}</span>
      )}
    </p>
  );
}

/** One section as everyone sees it: what a handover made from the template starts with. */
export function ReadOnlySection({ section, index }: { section: SectionForm; index: number }) {
  return (
    <li
      id={controlId(section.key, 'item')}
      className={styles.item}
      aria-label={`Section ${index + 1}: ${section.title}`}
    >
      <span className={styles.number} aria-hidden>
        {index + 1}
      </span>
      <div className={styles.fields}>
        <div className={styles.readTitle}>
          <h3>{section.title}</h3>
          {section.required ? (
            <span className={styles.requiredPill}>Required</span>
          ) : (
            <span className={styles.optionalPill}>Optional</span>
          )}
        </div>
        {section.guidance ? (
          <p className={styles.guidanceText}>{section.guidance}</p>
        ) : (
          <p className={styles.guidanceText} data-none>
            No guidance for the author.
          </p>
        )}
        <PrefillLine section={section} />
      </div>
    </li>
  );
}

interface EditableSectionProps {
  section: SectionForm;
  index: number;
  count: number;
  errors: TemplateErrors;
  onChange: (patch: Partial<Pick<SectionForm, 'title' | 'guidance' | 'required'>>) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

/** One section in the admin's editor: title, guidance, required; moved and removed by button. */
export function EditableSection({
  section,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: EditableSectionProps) {
  const label = sectionLabel(section, index);
  const requiredId = useId();
  const titleError = errors[`${section.key}:title`];
  const guidanceError = errors[`${section.key}:guidance`];
  return (
    <li
      className={styles.item}
      data-new={section.id === null || undefined}
      data-invalid={titleError || guidanceError ? true : undefined}
      aria-label={`Section ${index + 1}: ${section.title.trim() || 'untitled'}`}
    >
      <div className={styles.order}>
        <Button
          id={controlId(section.key, 'up')}
          size="sm"
          variant="ghost"
          icon={<ArrowUp />}
          aria-label={`Move ${label} up`}
          title="Move up"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        />
        <span className={styles.number} aria-hidden>
          {index + 1}
        </span>
        <Button
          id={controlId(section.key, 'down')}
          size="sm"
          variant="ghost"
          icon={<ArrowDown />}
          aria-label={`Move ${label} down`}
          title="Move down"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        />
      </div>
      <div className={styles.fields}>
        <div className={styles.titleRow}>
          <FieldFrame label="Title" error={titleError} className={styles.titleField}>
            {({ inputId, describedBy }) => (
              <input
                id={inputId}
                // The id the focus moves to after an error: the field's own id is React's.
                data-control={controlId(section.key, 'title')}
                className={styles.control}
                value={section.title}
                maxLength={LIMITS.title}
                aria-invalid={titleError ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => onChange({ title: event.target.value })}
              />
            )}
          </FieldFrame>
          <div className={styles.switch}>
            <input
              id={requiredId}
              type="checkbox"
              role="switch"
              checked={section.required}
              onChange={(event) => onChange({ required: event.target.checked })}
            />
            <label htmlFor={requiredId}>Required</label>
          </div>
        </div>
        <FieldFrame
          label="Guidance for the author"
          error={guidanceError}
          hint={
            section.guidance.length > LIMITS.guidance - 60
              ? `${section.guidance.length} of ${LIMITS.guidance} characters`
              : undefined
          }
        >
          {({ inputId, describedBy }) => (
            <textarea
              id={inputId}
              className={`${styles.control} ${styles.guidance}`}
              rows={1}
              value={section.guidance}
              maxLength={LIMITS.guidance}
              placeholder="One line: what a good answer holds"
              aria-invalid={guidanceError ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => onChange({ guidance: event.target.value })}
            />
          )}
        </FieldFrame>
        <PrefillLine section={section} />
      </div>
      <Button
        id={controlId(section.key, 'remove')}
        className={styles.remove}
        size="sm"
        variant="ghost"
        icon={<Trash2 />}
        aria-label={`Remove ${label}`}
        title={count === 1 ? 'A handover needs at least one section' : 'Remove the section'}
        disabled={count === 1}
        onClick={onRemove}
      />
    </li>
  );
}

/** Add a section at the end: a title and a line of guidance; it starts empty in new handovers. */
export function AddSection({
  full,
  onAdd,
}: {
  full: boolean;
  onAdd: (title: string, guidance: string) => void;
}) {
  const [title, setTitle] = useState('');
  const [guidance, setGuidance] = useState('');
  const headingId = useId();
  const add = () => {
    if (!title.trim() || full) return;
    onAdd(title.trim(), guidance.trim());
    setTitle('');
    setGuidance('');
  };
  // Enter adds the section (inside the template's form it would save the template instead).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    add();
  };
  return (
    <div className={styles.add} role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>Add a section</h3>
      <p className={styles.addHint}>
        {full
          ? `A template holds at most ${LIMITS.sections} sections: remove one to add another.`
          : 'It goes at the end (move it from there) and starts empty in new handovers.'}
      </p>
      <div className={styles.addFields}>
        <FieldFrame label="New section title" className={styles.titleField}>
          {({ inputId }) => (
            <input
              id={inputId}
              className={styles.control}
              data-add-title
              value={title}
              maxLength={LIMITS.title}
              placeholder="Security review"
              disabled={full}
              onChange={(event) => setTitle(event.target.value)}
              onKeyDown={onKeyDown}
            />
          )}
        </FieldFrame>
        <FieldFrame label="Its guidance" className={styles.addGuidance}>
          {({ inputId }) => (
            <input
              id={inputId}
              className={styles.control}
              value={guidance}
              maxLength={LIMITS.guidance}
              placeholder="Who signed off on security, and what is still open"
              disabled={full}
              onChange={(event) => setGuidance(event.target.value)}
              onKeyDown={onKeyDown}
            />
          )}
        </FieldFrame>
        <Button icon={<Plus />} disabled={!title.trim() || full} onClick={add}>
          Add section
        </Button>
      </div>
    </div>
  );
}
