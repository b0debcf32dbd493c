import { CheckCheck, RotateCcw } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import type { HandoverComment } from '../../../shared/contract';
import { api } from '../../api';
import { keyLabel } from '../../app/shortcuts';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { formatDateTime, formatRelative } from '../../lib/format';
import { HANDOVER_DOCUMENT_COMMANDS } from './commands';
import styles from './CommentThread.module.css';

/**
 * The comments on one section (or on the whole handover), oldest first, each resolvable; and a
 * box to add one. Ctrl/⌘+Enter posts what is being written.
 */
export function CommentThread({
  handoverId,
  sectionId,
  about,
  comments,
  canComment,
  composing,
  onComposingChange,
  variant = 'section',
}: {
  handoverId: string;
  sectionId: string | null;
  /** What the comments are on, for names: a section's title, or "the whole handover". */
  about: string;
  comments: HandoverComment[];
  canComment: boolean;
  composing: boolean;
  onComposingChange: (composing: boolean) => void;
  variant?: 'section' | 'document';
}) {
  const listId = useId();
  const toast = useToast();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const post = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim()) {
      setError('Write the comment first.');
      return;
    }
    setBusy(true);
    try {
      await api.handover.comment({ id: handoverId, sectionId, body });
      setBody('');
      setError(null);
      onComposingChange(false);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const resolve = async (comment: HandoverComment, resolved: boolean) => {
    try {
      await api.handover.resolveComment({ commentId: comment.id, resolved });
      toast.success(resolved ? 'Comment resolved' : 'Comment opened again');
    } catch (caught) {
      toast.error((caught as Error).message);
    }
  };

  return (
    <div className={styles.thread} data-variant={variant}>
      {comments.length > 0 && (
        <ol className={styles.list} id={listId} aria-label={`Comments on ${about}`}>
          {comments.map((comment) => {
            const name = comment.authorName ?? 'Someone';
            const resolved = comment.resolvedAt !== null;
            return (
              <li
                key={comment.id}
                className={styles.comment}
                data-resolved={resolved || undefined}
                aria-label={`${name}: ${comment.body}${resolved ? ' (resolved)' : ''}`}
              >
                <Avatar name={name} size={24} />
                <div className={styles.content}>
                  <div className={styles.meta}>
                    <strong>{name}</strong>
                    <time
                      dateTime={new Date(comment.createdAt).toISOString()}
                      title={formatDateTime(comment.createdAt)}
                    >
                      {formatRelative(comment.createdAt)}
                    </time>
                    {resolved && <span className={styles.resolvedTag}>Resolved</span>}
                  </div>
                  <p className={styles.body}>{comment.body}</p>
                </div>
                {canComment && (
                  <button
                    type="button"
                    className={styles.resolve}
                    onClick={() => void resolve(comment, !resolved)}
                    aria-label={`${resolved ? 'Reopen' : 'Resolve'} ${name}’s comment`}
                  >
                    {resolved ? (
                      <RotateCcw size={13} aria-hidden />
                    ) : (
                      <CheckCheck size={13} aria-hidden />
                    )}
                    {resolved ? 'Reopen' : 'Resolve'}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {canComment &&
        (composing ? (
          <form className={styles.composer} onSubmit={(event) => void post(event)}>
            <textarea
              className={styles.input}
              aria-label={`Comment on ${about}`}
              placeholder={
                variant === 'document'
                  ? 'A comment on the whole handover…'
                  : 'What should change here? Be specific.'
              }
              value={body}
              autoFocus
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setBody(event.target.value);
                setError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                  event.preventDefault();
                  void post();
                }
                if (event.key === 'Escape' && !body) {
                  event.preventDefault();
                  onComposingChange(false);
                }
              }}
            />
            {error && (
              <p className={styles.error} role="alert">
                {error}
              </p>
            )}
            <div className={styles.composerActions}>
              <Button size="sm" variant="ghost" onClick={() => onComposingChange(false)}>
                Cancel
              </Button>
              <Button
                size="sm"
                variant="primary"
                type="submit"
                busy={busy}
                shortcut={keyLabel(HANDOVER_DOCUMENT_COMMANDS.submit.keys)}
              >
                Comment
              </Button>
            </div>
          </form>
        ) : (
          comments.length > 0 && (
            <button type="button" className={styles.reply} onClick={() => onComposingChange(true)}>
              Reply…
            </button>
          )
        ))}
    </div>
  );
}
