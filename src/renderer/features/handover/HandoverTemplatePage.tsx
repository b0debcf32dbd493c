import { useQueryClient } from '@tanstack/react-query';
import { CircleAlert, Lock, RotateCcw, TriangleAlert } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { HandoverTemplateState } from '../../../shared/contract/handover';
import { ApiError } from '../../../shared/contract/errors';
import { api, useApiQuery, useUsers } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { Skeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toast';
import { formatRelative } from '../../lib/format';
import { HANDOVER_TEMPLATE_COMMANDS } from './commands';
import {
  errorMessage,
  errorTarget,
  fromTemplateForm,
  LIMITS,
  moveSection,
  PREFILL_TEXT,
  sameTemplate,
  toTemplateForm,
  type ErrorTarget,
  type SectionForm,
  type TemplateErrors,
  type TemplateForm,
} from './templateForm';
import {
  AddSection,
  controlId,
  EditableSection,
  ReadOnlySection,
  sectionLabel,
} from './TemplateSectionItem';
import styles from './HandoverTemplatePage.module.css';

/** `#/settings/handover-template`: the sections every new handover starts with (admins edit). */
export function HandoverTemplatePage() {
  const state = useApiQuery('handover.template', {});
  return (
    <div className={styles.page}>
      {state.isError && !state.data ? (
        <EmptyState tone="danger" icon={<CircleAlert />} title="The template cannot be shown">
          {errorMessage(state.error)}
          <div className={styles.retry}>
            <Button size="sm" onClick={() => void state.refetch()}>
              Try again
            </Button>
          </div>
        </EmptyState>
      ) : !state.data ? (
        <div className={styles.loading} aria-busy aria-label="Loading the handover template">
          <Skeleton height={28} width={240} />
          <Skeleton height={14} width="60%" />
          <Skeleton height={120} />
          <Skeleton height={120} />
          <Skeleton height={120} />
        </div>
      ) : (
        <TemplateEditor state={state.data} />
      )}
    </div>
  );
}

type FocusRequest = { key: string; control: 'up' | 'down' | 'remove' | 'title' } | 'add';

function TemplateEditor({ state }: { state: HandoverTemplateState }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const editable = state.canEdit;
  const [base, setBase] = useState(state);
  const [form, setForm] = useState<TemplateForm>(() => toTemplateForm(state.template));
  const [errors, setErrors] = useState<TemplateErrors>({});
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<SectionForm | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<FocusRequest | null>(null);
  const added = useRef(0);
  const listHeading = useId();

  const dirty = !sameTemplate(form, base.template);
  const isBuiltIn = sameTemplate(form, state.builtIn);
  // A template saved on another laptop shows at once, unless someone is editing here.
  if (state !== base) {
    if (!dirty) setForm(toTemplateForm(state.template));
    setBase(state);
  }

  // Focus follows a section that moved, or goes where a removed one was, once it has rendered.
  useEffect(() => {
    const request = focusNext.current;
    if (!request) return;
    focusNext.current = null;
    const target =
      request === 'add'
        ? document.querySelector<HTMLElement>('[data-add-title]')
        : request.control === 'title'
          ? document.querySelector<HTMLElement>(
              `[data-control="${controlId(request.key, 'title')}"]`,
            )
          : document.getElementById(controlId(request.key, request.control));
    target?.focus();
  });

  const required = form.sections.filter((s) => s.required).length;
  const clearError = (...targets: ErrorTarget[]) =>
    setErrors((current) => {
      const next = { ...current };
      for (const target of targets) delete next[target];
      return next;
    });

  const change = (key: string, patch: Partial<SectionForm>) => {
    setForm((current) => ({
      ...current,
      sections: current.sections.map((s) => (s.key === key ? { ...s, ...patch } : s)),
    }));
    if (patch.title !== undefined) clearError(`${key}:title`, 'sections');
    if (patch.guidance !== undefined) clearError(`${key}:guidance`);
  };

  const move = (index: number, step: -1 | 1) => {
    const section = form.sections[index]!;
    const sections = moveSection(form.sections, index, step);
    if (sections === form.sections) return;
    setForm({ ...form, sections });
    const to = index + step;
    setAnnouncement(
      `Moved ${sectionLabel(section, index)} to position ${to + 1} of ${sections.length}`,
    );
    // At an end its button is disabled: the other one keeps the focus on the section.
    const atEnd = to === 0 || to === sections.length - 1;
    const control = step === -1 ? (atEnd ? 'down' : 'up') : atEnd ? 'up' : 'down';
    focusNext.current = { key: section.key, control };
  };

  const add = (title: string, guidance: string) => {
    added.current += 1;
    const section: SectionForm = {
      key: `new-${added.current}`,
      id: null,
      title,
      guidance,
      required: false,
      prefill: 'none',
    };
    setForm({ ...form, sections: [...form.sections, section] });
    clearError('sections');
    setAnnouncement(
      `Added “${title}” as section ${form.sections.length + 1}. Save the template to use it.`,
    );
  };

  const remove = (section: SectionForm) => {
    const index = form.sections.findIndex((s) => s.key === section.key);
    const sections = form.sections.filter((s) => s.key !== section.key);
    setForm({ ...form, sections });
    setRemoving(null);
    setAnnouncement(`Removed ${sectionLabel(section, index)}. Save the template to apply it.`);
    const next = sections[Math.min(index, sections.length - 1)];
    focusNext.current = next ? { key: next.key, control: 'remove' } : 'add';
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!editable || saving || !dirty) return;
    const keys = form.sections.map((s) => s.key);
    const reserved = [...base.template.sections, ...base.builtIn.sections].map((s) => s.id);
    setSaving(true);
    try {
      const saved = await api.handover.updateTemplate(
        isBuiltIn ? { reset: true } : fromTemplateForm(form, reserved),
      );
      queryClient.setQueryData(['handover.template', {}], saved);
      setBase(saved);
      setForm(toTemplateForm(saved.template));
      setErrors({});
      const count = saved.template.sections.length;
      toast.success(
        `Saved as version ${saved.template.version}: new handovers start with these ${count} sections`,
      );
    } catch (error) {
      const target = error instanceof ApiError ? errorTarget(error.field, keys) : undefined;
      const message = errorMessage(error);
      if (target) setErrors({ [target]: message });
      if (target && target !== 'name' && target !== 'sections') {
        const [key, field] = target.split(':') as [string, 'title' | 'guidance'];
        if (field === 'title') focusNext.current = { key, control: 'title' };
      }
      toast.error(`Not saved: ${message}`);
    } finally {
      setSaving(false);
    }
  };
  useShortcut(HANDOVER_TEMPLATE_COMMANDS.save, () => void save(), {
    whileTyping: true,
    enabled: editable,
  });

  const discard = () => {
    setForm(toTemplateForm(base.template));
    setErrors({});
    setAnnouncement('Changes discarded');
  };
  const reset = () => {
    setForm(toTemplateForm(state.builtIn));
    setErrors({});
    setAnnouncement('The built-in sections are back. Save the template to use them.');
  };

  return (
    <>
      <header className={styles.header}>
        <h1>Handover template</h1>
        <p>
          The sections every new handover starts with, in this order. A deal moved to Won gets a
          draft with these sections, pre-filled where the app knows the answer; required sections
          must be filled in before the handover can be submitted. Handovers already made keep the
          sections they were made with.
        </p>
        <p className={styles.meta}>
          <span className={styles.version}>Version {base.template.version}</span>
          {base.isBuiltIn && <span>the built-in template</span>}
          {base.updatedAt !== null && <span>changed {formatRelative(base.updatedAt)}</span>}
        </p>
      </header>
      {!editable && <ReadOnlyNote />}
      {base.unreadable.length > 0 && (
        <p className={styles.warning} role="note">
          <TriangleAlert size={16} aria-hidden />
          <span>
            Parts of the stored template were written by another version of the app and could not be
            read ({base.unreadable.join(', ')}); they are left out
            {editable ? ' until you save.' : '.'}
          </span>
        </p>
      )}

      <div className={styles.layout}>
        <form
          className={styles.form}
          aria-label="Handover template"
          onSubmit={(event) => void save(event)}
          noValidate
        >
          {editable && (
            <TextField
              label="Template name"
              className={styles.name}
              value={form.name}
              maxLength={LIMITS.title}
              error={errors.name}
              hint="Only shown here: each handover is titled by its deal."
              onChange={(event) => {
                setForm({ ...form, name: event.target.value });
                clearError('name');
              }}
            />
          )}
          <section className={styles.sections} aria-labelledby={listHeading}>
            <div className={styles.listHeader}>
              <h2 id={listHeading}>Sections</h2>
              <span>
                {form.sections.length} {form.sections.length === 1 ? 'section' : 'sections'},{' '}
                {required} required
              </span>
            </div>
            {errors.sections && (
              <p className={styles.listError} role="alert">
                {errors.sections}
              </p>
            )}
            <ol className={styles.list} aria-labelledby={listHeading}>
              {form.sections.map((section, index) =>
                editable ? (
                  <EditableSection
                    key={section.key}
                    section={section}
                    index={index}
                    count={form.sections.length}
                    errors={errors}
                    onChange={(patch) => change(section.key, patch)}
                    onMove={(step) => move(index, step)}
                    onRemove={() => setRemoving(section)}
                  />
                ) : (
                  <ReadOnlySection key={section.key} section={section} index={index} />
                ),
              )}
            </ol>
            {editable && <AddSection full={form.sections.length >= LIMITS.sections} onAdd={add} />}
          </section>

          {editable && (
            <div className={styles.saveBar} data-dirty={dirty || undefined}>
              <Button
                variant="ghost"
                icon={<RotateCcw />}
                disabled={isBuiltIn || saving}
                onClick={reset}
              >
                Reset to the built-in template
              </Button>
              <span className={styles.saveState} aria-live="polite">
                {dirty ? 'Unsaved changes' : 'All changes saved'}
              </span>
              <Button disabled={!dirty || saving} onClick={discard}>
                Discard
              </Button>
              <Button
                type="submit"
                variant="primary"
                busy={saving}
                disabled={!dirty}
                shortcut={keyLabel(HANDOVER_TEMPLATE_COMMANDS.save.keys)}
              >
                Save template
              </Button>
            </div>
          )}
        </form>
        <Outline sections={form.sections} editable={editable} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {removing && (
        <RemoveSection
          section={removing}
          index={form.sections.findIndex((s) => s.key === removing.key)}
          onCancel={() => setRemoving(null)}
          onRemove={() => remove(removing)}
        />
      )}
    </>
  );
}

/** The order at a glance, as a new handover will have it; a click goes to the section. */
function Outline({ sections, editable }: { sections: SectionForm[]; editable: boolean }) {
  const headingId = useId();
  const required = sections.filter((s) => s.required).length;
  const go = (section: SectionForm) => {
    const title = editable
      ? document.querySelector<HTMLElement>(`[data-control="${controlId(section.key, 'title')}"]`)
      : null;
    if (title) title.focus();
    else
      document.getElementById(controlId(section.key, 'item'))?.scrollIntoView({ block: 'center' });
  };
  return (
    <aside className={styles.outline} aria-labelledby={headingId}>
      <h2 id={headingId}>A new handover</h2>
      <p className={styles.outlineIntro}>
        {required === 0
          ? 'No section is required: a handover can be submitted as it is.'
          : `${required} of ${sections.length} sections must be filled in before it is submitted.`}
      </p>
      <ol className={styles.outlineList}>
        {sections.map((section, index) => (
          <li key={section.key}>
            <button type="button" className={styles.outlineItem} onClick={() => go(section)}>
              <span className={styles.outlineNumber}>{index + 1}</span>
              <span className={styles.outlineTitle}>{section.title.trim() || 'Untitled'}</span>
              {section.required && (
                <span className={styles.outlineRequired} title="Required">
                  <span aria-hidden>●</span>
                  <span className="visually-hidden">required</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

function RemoveSection({
  section,
  index,
  onCancel,
  onRemove,
}: {
  section: SectionForm;
  index: number;
  onCancel: () => void;
  onRemove: () => void;
}) {
  return (
    <Sheet
      title={`Remove ${sectionLabel(section, index)}?`}
      placement="center"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel} data-autofocus>
            Keep it
          </Button>
          <Button variant="danger" onClick={onRemove}>
            Remove section
          </Button>
        </>
      }
    >
      <div className={styles.dialogText}>
        <p>
          New handovers will not have this section
          {section.prefill !== 'none'
            ? `, nor its first draft from ${PREFILL_TEXT[section.prefill]}`
            : ''}
          .
        </p>
        <p>
          Handovers already made keep it, with everything written in it. Nothing changes until you
          save the template.
        </p>
      </div>
    </Sheet>
  );
}

function ReadOnlyNote() {
  const users = useUsers();
  const admins = (users.data ?? [])
    .filter((u) => u.active && u.role === 'admin')
    .map((u) => u.name);
  const names =
    admins.length > 1
      ? `${admins.slice(0, -1).join(', ')} or ${admins[admins.length - 1]}`
      : admins[0];
  return (
    <p className={styles.readOnly} role="note">
      <Lock size={15} aria-hidden />
      <span>
        Only admins can change the handover template{names ? ` — ask ${names}` : ''}. These are the
        sections your handovers start with.
      </span>
    </p>
  );
}
