import {
  Bold,
  CircleAlert,
  Eye,
  Heading,
  Info,
  Italic,
  Link2,
  List,
  ListOrdered,
  MessageSquarePlus,
  TriangleAlert,
} from 'lucide-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { HandoverComment, HandoverSection } from '../../../shared/contract';
import { CommentThread } from './CommentThread';
import { prefixLines, wrapSelection, type TextEdit } from './handoverText';
import { Markdown } from './Markdown';
import { SaveIndicator } from './SaveIndicator';
import { useSectionDraft } from './useSectionDraft';
import styles from './SectionCard.module.css';

/** What the document page may ask of a section: save now, its text, take the cursor. */
export interface SectionHandle {
  flush: () => Promise<void>;
  current: () => string;
  focus: () => void;
  togglePreview: () => void;
}

export function sectionDomId(sectionId: string) {
  return `handover-section-${sectionId}`;
}

/** One section of the handover: guidance, the Markdown (write or preview), and its comments. */
export function SectionCard({
  handoverId,
  number,
  section,
  editable,
  canComment,
  comments,
  highlightMissing,
  register,
}: {
  handoverId: string;
  number: number;
  section: HandoverSection;
  editable: boolean;
  canComment: boolean;
  comments: HandoverComment[];
  /** After a refused submit: empty required sections call for attention. */
  highlightMissing: boolean;
  register: (sectionId: string, handle: SectionHandle | null) => void;
}) {
  const titleId = useId();
  const guidanceId = useId();
  const draft = useSectionDraft(handoverId, section.sectionId, section.body);
  const [previewing, setPreviewing] = useState(!editable);
  // Sent back for changes (or submitted) while open: show the editor (or the text) again.
  const [wasEditable, setWasEditable] = useState(editable);
  if (wasEditable !== editable) {
    setWasEditable(editable);
    setPreviewing(!editable);
  }
  const [composing, setComposing] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const showPreview = previewing || !editable;
  const missing = section.required && draft.text.trim() === '';

  const { flush, current } = draft;
  useEffect(() => {
    register(section.sectionId, {
      flush,
      current,
      focus: () => {
        setPreviewing(false);
        requestAnimationFrame(() => textarea.current?.focus());
      },
      togglePreview: () => setPreviewing((value) => !value),
    });
    return () => register(section.sectionId, null);
  }, [register, section.sectionId, flush, current]);

  const apply = (edit: (current: TextEdit) => TextEdit) => {
    const field = textarea.current;
    if (!field) return;
    const next = edit({
      value: field.value,
      selectionStart: field.selectionStart,
      selectionEnd: field.selectionEnd,
    });
    draft.change(next.value);
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(next.selectionStart, next.selectionEnd);
    });
  };

  const openComments = comments.filter((c) => c.resolvedAt === null).length;

  return (
    <section
      id={sectionDomId(section.sectionId)}
      className={styles.card}
      aria-labelledby={titleId}
      data-missing={missing || undefined}
      data-attention={(missing && highlightMissing) || undefined}
      data-comments={openComments > 0 || undefined}
    >
      <header className={styles.header}>
        <span className={styles.number} aria-hidden>
          {number}
        </span>
        <div className={styles.titles}>
          <h2 id={titleId} className={styles.title}>
            {section.title}
          </h2>
          <div className={styles.tags}>
            {section.required && <span className={styles.required}>Required</span>}
            {missing && (
              <span className={styles.missingTag} role={highlightMissing ? 'alert' : undefined}>
                <TriangleAlert size={12} aria-hidden />
                Missing
              </span>
            )}
            {openComments > 0 && (
              <span className={styles.commentTag}>
                {openComments} open {openComments === 1 ? 'comment' : 'comments'}
              </span>
            )}
          </div>
        </div>
        <div className={styles.headerActions}>
          {editable && <SaveIndicator state={draft.state} savedAt={draft.savedAt} />}
          {canComment && (
            <IconButton
              label={`Comment on ${section.title}`}
              onClick={() => setComposing(true)}
              pressed={composing}
            >
              <MessageSquarePlus size={15} />
            </IconButton>
          )}
          {editable && (
            <button
              type="button"
              className={styles.previewToggle}
              aria-pressed={previewing}
              title={previewing ? 'Back to writing' : 'See it as the reader will'}
              onClick={() => setPreviewing((value) => !value)}
            >
              <Eye size={14} aria-hidden />
              Preview
            </button>
          )}
        </div>
      </header>

      {section.guidance && (
        <p id={guidanceId} className={styles.guidance}>
          <Info size={13} aria-hidden />
          {section.guidance}
        </p>
      )}

      {showPreview ? (
        <div className={styles.preview}>
          {draft.text.trim() ? (
            <Markdown text={draft.text} />
          ) : (
            <p className={styles.emptyText}>
              {section.required
                ? 'Not written yet — required before submitting.'
                : 'Nothing written.'}
            </p>
          )}
        </div>
      ) : (
        <div className={styles.editor}>
          <div
            className={styles.toolbar}
            role="toolbar"
            aria-label={`Formatting: ${section.title}`}
          >
            <IconButton label="Bold" onClick={() => apply((e) => wrapSelection(e, '**'))}>
              <Bold size={14} />
            </IconButton>
            <IconButton label="Italic" onClick={() => apply((e) => wrapSelection(e, '_'))}>
              <Italic size={14} />
            </IconButton>
            <IconButton label="Heading" onClick={() => apply((e) => prefixLines(e, '### '))}>
              <Heading size={14} />
            </IconButton>
            <span className={styles.toolbarGap} />
            <IconButton label="Bulleted list" onClick={() => apply((e) => prefixLines(e, '- '))}>
              <List size={14} />
            </IconButton>
            <IconButton label="Numbered list" onClick={() => apply((e) => prefixLines(e, '1. '))}>
              <ListOrdered size={14} />
            </IconButton>
            <IconButton
              label="Link"
              onClick={() => apply((e) => wrapSelection(e, '[', '](https://)'))}
            >
              <Link2 size={14} />
            </IconButton>
            <span className={styles.hint}>Markdown</span>
          </div>
          <textarea
            ref={textarea}
            className={styles.textarea}
            aria-labelledby={titleId}
            aria-describedby={section.guidance ? guidanceId : undefined}
            aria-invalid={(missing && highlightMissing) || undefined}
            aria-required={section.required || undefined}
            value={draft.text}
            placeholder={section.guidance || 'Write in Markdown'}
            spellCheck
            onChange={(event) => draft.change(event.target.value)}
            onBlur={() => void draft.flush().catch(() => undefined)}
          />
        </div>
      )}
      {draft.error && (
        <p className={styles.saveError} role="alert">
          <CircleAlert size={13} aria-hidden /> Not saved: {draft.error}
        </p>
      )}

      {(comments.length > 0 || composing) && (
        <CommentThread
          handoverId={handoverId}
          sectionId={section.sectionId}
          about={section.title}
          comments={comments}
          canComment={canComment}
          composing={composing}
          onComposingChange={setComposing}
        />
      )}
    </section>
  );
}

export function IconButton({
  label,
  onClick,
  pressed,
  children,
}: {
  label: string;
  onClick: () => void;
  pressed?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={styles.iconButton}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
