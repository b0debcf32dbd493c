/**
 * Calls: started and ended as they happen (both are synced ops, so other devices see a call
 * live), or logged afterwards; ending one proposes the next follow-up by the team's rules.
 *
 * Methods: calls.start, calls.end, calls.log, calls.list, followUps.create, followUps.list,
 *          followUps.snooze, followUps.done
 * Tables:  calls, follow_ups (touch deals: last activity, next step, soonest follow-up; read
 *          contacts, team, and the team's follow-up rules in team_settings)
 */
import { ApiError, type Call, type ParsedInput } from '../../shared/contract';
import { proposeFollowUp, type FollowUpProposal } from '../../shared/domain/followUpRules';
import { currentUserId, type CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { requireRow } from '../references';
import { teamFollowUpRules } from '../settings';
import {
  completeFollowUp,
  createFollowUp,
  listFollowUps,
  refreshDeal,
  snoozeFollowUp,
} from './followUps';

const CALL_COLUMNS = `id, deal_id AS dealId, contact_id AS contactId, rep_id AS repId, direction,
  phone, started_at AS startedAt, ended_at AS endedAt, disposition, notes, next_step AS nextStep`;

function checkSubject(ctx: CoreContext, input: { dealId?: string; contactId?: string }): void {
  if (input.dealId) requireRow(ctx.store, 'deals', input.dealId, 'dealId');
  if (input.contactId) requireRow(ctx.store, 'contacts', input.contactId, 'contactId');
}

export function getCall(ctx: CoreContext, id: string): Call {
  const call = ctx.store
    .prepare(`SELECT ${CALL_COLUMNS} FROM calls WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as Call | undefined;
  if (!call) throw new ApiError('not_found', `there is no call with id ${id}`, 'id');
  return call;
}

/** A call counts as activity on its deal: the deal stops rotting, and takes the next step. */
function touchDeal(ctx: CoreContext, dealId: string | null, at: number, nextStep?: string): void {
  if (!dealId) return;
  ctx.store.write((w) => {
    const deal = w.get<{ last_activity_at: number }>(
      'SELECT last_activity_at FROM deals WHERE id = ?',
      dealId,
    );
    if (!deal) return;
    w.update('deals', dealId, {
      last_activity_at: Math.max(deal.last_activity_at, at),
      ...(nextStep ? { next_step: nextStep } : {}),
    });
  });
}

export function startCall(ctx: CoreContext, input: ParsedInput<'calls.start'>): Call {
  checkSubject(ctx, input);
  const id = ctx.store.write((w) =>
    w.insert('calls', {
      deal_id: input.dealId ?? null,
      contact_id: input.contactId ?? null,
      rep_id: currentUserId(ctx),
      direction: input.direction,
      phone: input.phone ?? null,
      started_at: ctx.now(),
    }),
  );
  return getCall(ctx, id);
}

/** How many calls in a row, newest first, went unanswered with this deal or contact. */
function unansweredInARow(ctx: CoreContext, call: Call): number {
  const rows = ctx.store
    .prepare(
      `SELECT disposition FROM calls
        WHERE deleted_at IS NULL AND ended_at IS NOT NULL
          AND (deal_id = ? OR contact_id = ?)
        ORDER BY started_at DESC LIMIT 20`,
    )
    .all(call.dealId ?? '', call.contactId ?? '') as { disposition: string | null }[];
  let count = 0;
  for (const row of rows) {
    if (row.disposition !== 'no-answer') break;
    count += 1;
  }
  return count;
}

/** The contact's time zone, else the team's, else UTC. */
function timeZoneFor(
  ctx: CoreContext,
  call: { contactId: string | null; dealId: string | null },
): string {
  const row = ctx.store
    .prepare(
      `SELECT coalesce(
         (SELECT time_zone FROM contacts WHERE id = ?),
         (SELECT c.time_zone FROM deals d JOIN contacts c ON c.id = d.contact_id WHERE d.id = ?),
         (SELECT time_zone FROM team LIMIT 1)) AS tz`,
    )
    .get(call.contactId ?? '', call.dealId ?? '') as { tz: string | null };
  const zone = row.tz ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

export function endCall(
  ctx: CoreContext,
  input: ParsedInput<'calls.end'>,
): { call: Call; proposal: FollowUpProposal } {
  const before = getCall(ctx, input.id);
  if (before.endedAt !== null) {
    throw new ApiError('conflict', 'this call has ended already; log a new one instead', 'id');
  }
  const now = ctx.now();
  ctx.store.write((w) => {
    w.update('calls', input.id, {
      ended_at: now,
      disposition: input.disposition,
      notes: input.notes ?? null,
      next_step: input.nextStep ?? null,
    });
  });
  touchDeal(ctx, before.dealId, now, input.nextStep);
  const call = getCall(ctx, input.id);
  const proposal = proposeFollowUp({
    now,
    timeZone: timeZoneFor(ctx, call),
    rules: teamFollowUpRules(ctx),
    event: {
      kind: 'call',
      disposition: input.disposition,
      unanswered: unansweredInARow(ctx, call),
      nextStepAt: input.nextStepAt ?? null,
    },
  });
  return { call, proposal };
}

/**
 * Speed to lead: a new lead's owner gets its first call planned at once, by the team's new-lead
 * rule (within 5 minutes by default, moved into the working hours of the contact's zone).
 */
export function planFirstCall(
  ctx: CoreContext,
  deal: { id: string; ownerId: string | null; contactId: string | null },
): void {
  if (!deal.ownerId) return;
  const proposal = proposeFollowUp({
    now: ctx.now(),
    timeZone: timeZoneFor(ctx, { dealId: deal.id, contactId: deal.contactId }),
    rules: teamFollowUpRules(ctx),
    event: { kind: 'new-lead' },
  });
  if (proposal.dueAt === null) return;
  ctx.store.write((w) => {
    w.insert('follow_ups', {
      deal_id: deal.id,
      contact_id: deal.contactId,
      owner_id: deal.ownerId,
      due_at: proposal.dueAt,
      kind: 'call',
      title: proposal.reason,
    });
    refreshDeal(w, deal.id);
  });
}

export function logCall(ctx: CoreContext, input: ParsedInput<'calls.log'>): Call {
  checkSubject(ctx, input);
  const id = ctx.store.write((w) =>
    w.insert('calls', {
      deal_id: input.dealId ?? null,
      contact_id: input.contactId ?? null,
      rep_id: currentUserId(ctx),
      direction: input.direction,
      phone: input.phone ?? null,
      started_at: input.startedAt,
      ended_at: input.endedAt,
      disposition: input.disposition,
      notes: input.notes ?? null,
      next_step: input.nextStep ?? null,
    }),
  );
  touchDeal(ctx, input.dealId ?? null, input.endedAt, input.nextStep);
  return getCall(ctx, id);
}

export function listCalls(ctx: CoreContext, input: ParsedInput<'calls.list'>): Call[] {
  const where = ['deleted_at IS NULL'];
  const params: string[] = [];
  if (input.dealId) {
    where.push('deal_id = ?');
    params.push(input.dealId);
  }
  if (input.contactId) {
    where.push('contact_id = ?');
    params.push(input.contactId);
  }
  if (input.repId) {
    where.push('rep_id = ?');
    params.push(input.repId);
  }
  return ctx.store
    .prepare(
      `SELECT ${CALL_COLUMNS} FROM calls WHERE ${where.join(' AND ')}
        ORDER BY started_at DESC, id DESC LIMIT ?`,
    )
    .all(...params, input.limit) as Call[];
}

export const callMethods = (ctx: CoreContext) =>
  ({
    'calls.start': (input) => startCall(ctx, input),
    'calls.end': (input) => endCall(ctx, input),
    'calls.log': (input) => logCall(ctx, input),
    'calls.list': (input) => listCalls(ctx, input),
    'followUps.create': (input) => createFollowUp(ctx, input),
    'followUps.list': (input) => listFollowUps(ctx, input),
    'followUps.snooze': (input) => snoozeFollowUp(ctx, input),
    'followUps.done': (input) => completeFollowUp(ctx, input),
  }) satisfies Partial<Handlers>;
