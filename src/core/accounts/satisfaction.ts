import { ApiError, type AccountDetail, type ParsedInput } from '../../shared/contract';
import type { SatisfactionResponse } from '../../shared/domain';
import type { CoreContext } from '../context';
import { requireRow } from '../references';

/** At most this many answers, newest first: the account page's chart and list. */
const RESPONSE_LIMIT = 500;
/** Answers dated this far ahead are a typo or a wrong clock, not a survey from the future. */
const FUTURE_SLACK_MS = 5 * 60_000;

const RESPONSE_COLUMNS = `r.id, r.account_id AS accountId, r.contact_id AS contactId,
  CASE WHEN c.id IS NULL THEN NULL ELSE trim(c.first_name || ' ' || c.last_name) END AS contactName,
  r.kind, r.score, r.comment, r.answered_at AS answeredAt`;

/** The same moment one calendar year earlier, in UTC. */
function twelveMonthsBefore(now: number): number {
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.getTime();
}

/**
 * NPS = % promoters (9–10) − % detractors (0–6) of the NPS answers; CSAT = the mean of the CSAT
 * answers (1–5). Both over the last 12 months, so they say how the customer feels now.
 */
export function satisfactionOf(ctx: CoreContext, accountId: string): AccountDetail['satisfaction'] {
  const responses = ctx.store
    .prepare(
      `SELECT ${RESPONSE_COLUMNS}
         FROM satisfaction_responses r LEFT JOIN contacts c ON c.id = r.contact_id
        WHERE r.account_id = ? AND r.deleted_at IS NULL
        ORDER BY r.answered_at DESC, r.id DESC
        LIMIT ?`,
    )
    .all(accountId, RESPONSE_LIMIT) as SatisfactionResponse[];
  const totals = ctx.store
    .prepare(
      `SELECT count(*) FILTER (WHERE kind = 'nps') AS answers,
              count(*) FILTER (WHERE kind = 'nps' AND score >= 9) AS promoters,
              count(*) FILTER (WHERE kind = 'nps' AND score <= 6) AS detractors,
              avg(score) FILTER (WHERE kind = 'csat') AS csat
         FROM satisfaction_responses
        WHERE account_id = ? AND answered_at >= ? AND deleted_at IS NULL`,
    )
    .get(accountId, twelveMonthsBefore(ctx.now())) as {
    answers: number;
    promoters: number;
    detractors: number;
    csat: number | null;
  };
  return {
    responses,
    nps:
      totals.answers === 0
        ? null
        : Math.round(((totals.promoters - totals.detractors) * 100) / totals.answers),
    csat: totals.csat == null ? null : Math.round(totals.csat * 100) / 100,
  };
}

export function recordSatisfaction(
  ctx: CoreContext,
  input: ParsedInput<'satisfaction.record'>,
): SatisfactionResponse {
  requireRow(ctx.store, 'accounts', input.accountId, 'accountId');
  if (input.contactId) {
    requireRow(ctx.store, 'contacts', input.contactId, 'contactId');
    const contact = ctx.store
      .prepare('SELECT account_id AS accountId FROM contacts WHERE id = ?')
      .get(input.contactId) as { accountId: string | null };
    if (contact.accountId !== input.accountId) {
      throw new ApiError(
        'invalid_input',
        'contactId: this contact does not work at the account; pick one of its contacts',
        'contactId',
      );
    }
  }
  const now = ctx.now();
  if (input.answeredAt !== undefined && input.answeredAt > now + FUTURE_SLACK_MS) {
    throw new ApiError('invalid_input', 'answeredAt: must not be in the future', 'answeredAt');
  }
  const id = ctx.store.write((w) =>
    w.insert('satisfaction_responses', {
      account_id: input.accountId,
      contact_id: input.contactId ?? null,
      kind: input.kind,
      score: input.score,
      comment: input.comment || null,
      answered_at: input.answeredAt ?? now,
      created_at: now,
    }),
  );
  return ctx.store
    .prepare(
      `SELECT ${RESPONSE_COLUMNS}
         FROM satisfaction_responses r LEFT JOIN contacts c ON c.id = r.contact_id
        WHERE r.id = ?`,
    )
    .get(id) as SatisfactionResponse;
}
