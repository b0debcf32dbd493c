import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../../shared/contract/errors';
import { api, queryClient } from '../api';
import { keyLabel, matches, type Command } from '../app/shortcuts';
import { Button } from './Button';
import styles from './NoteComposer.module.css';
import { useToast } from './Toast';

/** Bound on the note's own text box, so several composers can share a page. */
export const NOTE_COMMANDS = {
  add: { keys: 'mod+enter', description: 'Add the note you are typing' },
} satisfies Record<string, Command>;

/** What a note is written on: a deal, a contact or an account. */
export type NoteTarget = { dealId: string } | { contactId: string } | { accountId: string };

/** Every query that shows notes or the activity they belong to. */
const ACTIVITY_VIEWS = new Set([
  'deals.timeline',
  'deals.get',
  'deals.list',
  'contacts.get',
  'accounts.get',
  'accounts.timeline',
]);

/**
 * Refresh the views that show activity. Live queries follow `data.changed` by table, and a note
 * touches views of deals, contacts and accounts at once; this makes the writer's own screen
 * current right away, whatever the table map says.
 */
export function refreshActivityViews(): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => ACTIVITY_VIEWS.has(String(query.queryKey[0])),
  });
}

interface NoteComposerProps {
  target: NoteTarget;
  placeholder?: string;
}

/** A note box for one deal, contact or account; a half-written note never follows to another. */
export function NoteComposer(props: NoteComposerProps) {
  return <Composer key={Object.values(props.target).join()} {...props} />;
}

function Composer({
  target,
  placeholder = 'What happened? What did you learn?',
}: NoteComposerProps) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const toast = useToast();
  const id = useId();
  const hintId = useId();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving || !body.trim()) return;
    setSaving(true);
    setError(undefined);
    try {
      await api.notes.create({ ...target, body });
      setBody('');
      toast.success('Note added');
      await refreshActivityViews();
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      // A field error reads better without the method and field prefix.
      setError(failure instanceof ApiError ? message.replace(/^[\w.]+: [\w.[\]]+: /, '') : message);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches(event.nativeEvent, NOTE_COMMANDS.add.keys)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className={styles.composer} onSubmit={(event) => void submit(event)}>
      <label htmlFor={id} className="visually-hidden">
        Note
      </label>
      <textarea
        id={id}
        className={styles.input}
        value={body}
        rows={body.includes('\n') ? 4 : 2}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={hintId}
        onChange={(event) => {
          setBody(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
      />
      <div className={styles.footer}>
        {error ? (
          <p id={hintId} className={styles.error} role="alert">
            {error}
          </p>
        ) : (
          <p id={hintId} className={styles.hint}>
            Visible to your whole team.
          </p>
        )}
        <Button
          type="submit"
          size="sm"
          variant="primary"
          busy={saving}
          disabled={!body.trim()}
          shortcut={keyLabel(NOTE_COMMANDS.add.keys)}
        >
          Add note
        </Button>
      </div>
    </form>
  );
}
