import { useQueryClient } from '@tanstack/react-query';
import { Smile } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import type { AccountDetail } from '../../../shared/contract';
import type { SatisfactionKind } from '../../../shared/domain';
import { api } from '../../api';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { formatDate, fromDateInput, toDateInput } from '../../lib/format';
import styles from '../contacts/detail.module.css';
import { useNow } from '../contacts/localTime';
import { SatisfactionChart } from './SatisfactionChart';
import { SCALE, SENTIMENT_WORDS, sentimentOf } from './satisfaction';
import card from './SatisfactionCard.module.css';

const RECENT = 5;

/** CSAT and NPS answers: the chart over time, a form to record one, and the latest answers. */
export function SatisfactionCard({ account }: { account: AccountDetail }) {
  const { responses } = account.satisfaction;
  const [kind, setKind] = useState<SatisfactionKind>(() =>
    responses.length > 0 && responses.every((r) => r.kind === 'csat') ? 'csat' : 'nps',
  );
  const [showAll, setShowAll] = useState(false);
  const headingId = useId();
  const now = useNow();
  const ofKind = responses.filter((r) => r.kind === kind);
  const listed = showAll ? ofKind : ofKind.slice(0, RECENT);

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <div className={styles.cardHeader}>
        <h2 id={headingId} className={styles.cardTitle}>
          <Smile size={15} aria-hidden />
          Satisfaction
        </h2>
        <div className={card.switch} role="group" aria-label="Survey">
          {(['nps', 'csat'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={kind === option}
              onClick={() => setKind(option)}
            >
              {SCALE[option].label}
            </button>
          ))}
        </div>
      </div>
      <SatisfactionChart responses={responses} kind={kind} now={now} />
      <RecordAnswer key={kind} account={account} kind={kind} />
      {ofKind.length > 0 && (
        <div>
          <h3 className={card.subheading}>Latest {SCALE[kind].label} answers</h3>
          <ul className={card.answers}>
            {listed.map((answer) => {
              const sentiment = sentimentOf(answer.kind, answer.score);
              return (
                <li key={answer.id} className={card.answer}>
                  <span
                    className={card.score}
                    data-tone={sentiment}
                    aria-label={`Score ${answer.score} of ${SCALE[answer.kind].max}`}
                  >
                    {answer.score}
                  </span>
                  <div className={card.answerText}>
                    <span>
                      <strong>{SENTIMENT_WORDS[answer.kind][sentiment]}</strong>
                      {' · '}
                      {answer.contactName ?? 'Anonymous'}
                      {' · '}
                      <span className={card.date}>{formatDate(answer.answeredAt)}</span>
                    </span>
                    {answer.comment && <q className={card.comment}>{answer.comment}</q>}
                  </div>
                </li>
              );
            })}
          </ul>
          {ofKind.length > RECENT && (
            <Button size="sm" variant="ghost" onClick={() => setShowAll(!showAll)}>
              {showAll ? 'Show fewer' : `Show all ${ofKind.length}`}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function RecordAnswer({ account, kind }: { account: AccountDetail; kind: SatisfactionKind }) {
  const scale = SCALE[kind];
  const [score, setScore] = useState<number | null>(null);
  const [contactId, setContactId] = useState('');
  const [comment, setComment] = useState('');
  const [date, setDate] = useState(() => toDateInput(Date.now()));
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [saving, setSaving] = useState(false);
  const toast = useToast();
  const queryClient = useQueryClient();
  const scoreLabelId = useId();
  const now = useNow();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score == null) {
      setError({ field: 'score', message: 'Pick the score they gave.' });
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const day = fromDateInput(date);
      // Today's answer carries the current time, so it sorts after this morning's.
      const answeredAt = day == null || date === toDateInput(Date.now()) ? undefined : day;
      await api.satisfaction.record({
        accountId: account.id,
        contactId: contactId || null,
        kind,
        score,
        comment: comment.trim() || null,
        answeredAt,
      });
      toast.success(`${scale.label} answer recorded`);
      setScore(null);
      setComment('');
      await queryClient.invalidateQueries({ queryKey: ['accounts.get'] });
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      const field = failure instanceof ApiError ? failure.field : undefined;
      setError({ field, message: message.replace(/^[\w.]+: [\w.]+: /, '') });
    } finally {
      setSaving(false);
    }
  };

  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  return (
    <form
      className={card.record}
      onSubmit={(e) => void submit(e)}
      aria-label={`Record an ${scale.label} answer`}
    >
      <div className={card.scoreField}>
        <span id={scoreLabelId} className={card.label}>
          {kind === 'nps'
            ? 'How likely are they to recommend us? (0–10)'
            : 'How satisfied are they? (1–5)'}
        </span>
        <div className={card.scores} role="radiogroup" aria-labelledby={scoreLabelId}>
          {scores.map((value) => (
            <label key={value} className={card.scoreOption} data-tone={sentimentOf(kind, value)}>
              <input
                type="radio"
                name={`score-${kind}`}
                value={value}
                checked={score === value}
                onChange={() => {
                  setScore(value);
                  setError(undefined);
                }}
              />
              <span>{value}</span>
            </label>
          ))}
        </div>
      </div>
      <div className={card.recordFields}>
        <SelectField
          label="Who answered"
          value={contactId}
          error={error?.field === 'contactId' ? error.message : undefined}
          onChange={(e) => setContactId(e.target.value)}
        >
          <option value="">Not recorded</option>
          {account.contacts.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contact.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Answered on"
          type="date"
          value={date}
          max={toDateInput(now)}
          error={error?.field === 'answeredAt' ? error.message : undefined}
          onChange={(e) => setDate(e.target.value)}
        />
        <TextField
          className={card.wide}
          label="Comment"
          value={comment}
          placeholder="What they said, in their words"
          error={error?.field === 'comment' ? error.message : undefined}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className={card.recordFooter}>
        {error && !['contactId', 'answeredAt', 'comment'].includes(error.field ?? '') && (
          <p className={card.error} role="alert">
            {error.message}
          </p>
        )}
        <Button type="submit" variant="primary" size="sm" busy={saving}>
          Record answer
        </Button>
      </div>
    </form>
  );
}
