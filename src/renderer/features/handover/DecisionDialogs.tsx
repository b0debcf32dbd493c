import { CircleCheck, MessageSquare, Undo2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { HandoverDocument } from '../../../shared/contract';
import { api } from '../../api';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { formatDate } from '../../lib/format';
import styles from './HandoverPage.module.css';

/**
 * Send the handover back: the open comments go with the request, and one more on the whole
 * handover may be added here. The core refuses a request with nothing to act on.
 */
export function RequestChangesDialog({
  doc,
  onClose,
  onDone,
}: {
  doc: HandoverDocument;
  onClose: () => void;
  onDone: (doc: HandoverDocument) => void;
}) {
  const open = doc.comments.filter((c) => c.resolvedAt === null);
  const titles = new Map(doc.sections.map((s) => [s.sectionId, s.title]));
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (open.length === 0 && !body.trim()) {
      setError('Say what needs to change, or comment on a section first.');
      return;
    }
    setBusy(true);
    try {
      const next = await api.handover.decide({
        id: doc.id,
        decision: 'requestChanges',
        comments: body.trim() ? [{ sectionId: null, body: body.trim() }] : [],
      });
      onDone(next);
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };
  return (
    <Sheet
      title="Request changes"
      subtitle={`${doc.authorName ?? 'The author'} is told at once and can submit a new version.`}
      placement="center"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="request-changes"
            variant="primary"
            icon={<Undo2 />}
            busy={busy}
          >
            Request changes
          </Button>
        </>
      }
    >
      <form
        id="request-changes"
        className={styles.dialogForm}
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        {open.length > 0 ? (
          <div>
            <p className={styles.dialogLead}>
              {open.length === 1 ? 'This comment goes' : `These ${open.length} comments go`} with
              your request:
            </p>
            <ul className={styles.dialogComments}>
              {open.map((comment) => (
                <li key={comment.id}>
                  <MessageSquare size={13} aria-hidden />
                  <span>
                    <strong>
                      {comment.sectionId
                        ? (titles.get(comment.sectionId) ?? comment.sectionId)
                        : 'Whole handover'}
                      :
                    </strong>{' '}
                    {comment.body}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className={styles.dialogLead}>
            No open comments yet. Say what needs to change, or close this and comment on the
            sections themselves.
          </p>
        )}
        <TextAreaField
          label={
            open.length > 0 ? 'Anything else? (on the whole handover)' : 'What needs to change'
          }
          data-autofocus
          rows={4}
          value={body}
          error={error}
          onChange={(event) => {
            setBody(event.target.value);
            setError(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </form>
    </Sheet>
  );
}

/** Accepting moves the customer into Retention: say so before it happens. */
export function AcceptDialog({
  doc,
  onClose,
  onDone,
}: {
  doc: HandoverDocument;
  onClose: () => void;
  onDone: (doc: HandoverDocument) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = doc.comments.filter((c) => c.resolvedAt === null).length;
  const accept = async () => {
    setBusy(true);
    try {
      onDone(await api.handover.decide({ id: doc.id, decision: 'accept' }));
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };
  return (
    <Sheet
      title={`Accept version ${doc.currentVersion}?`}
      placement="center"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="primary"
            icon={<CircleCheck />}
            busy={busy}
            data-autofocus
            onClick={() => void accept()}
          >
            Accept handover
          </Button>
        </>
      }
    >
      <div className={styles.dialogForm}>
        <ul className={styles.consequences}>
          <li>
            <strong>{doc.dealTitle ?? 'The deal'}</strong> moves to Onboarding: the customer is in
            Retention, and yours.
          </li>
          <li>
            You get a renewal reminder 60 days before{' '}
            {doc.deal.renewalAt ? formatDate(doc.deal.renewalAt) : 'the renewal date'}.
          </li>
          <li>{doc.authorName ?? 'The author'} is told the handover was accepted.</li>
        </ul>
        {open > 0 && (
          <p className={styles.dialogWarning}>
            {open === 1 ? 'One comment is' : `${open} comments are`} still open; they stay on the
            handover.
          </p>
        )}
        {error && (
          <p className={styles.dialogError} role="alert">
            {error}
          </p>
        )}
      </div>
    </Sheet>
  );
}
