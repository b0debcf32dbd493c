import { ApiError, type FollowUp, type ParsedInput } from '../../shared/contract';
import { currentUserId, type CoreContext } from '../context';
import { requireRow } from '../references';
import type { Writer } from '../store/writePath';

const COLUMNS = `f.id, f.deal_id AS dealId, f.contact_id AS contactId, f.owner_id AS ownerId,
  f.due_at AS dueAt, f.kind, f.title, f.status, f.done_at AS doneAt, d.title AS dealTitle,
  nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') AS contactName,
  coalesce(c.time_zone, dc.time_zone) AS contactTimeZone`;
const FROM = `FROM follow_ups f LEFT JOIN deals d ON d.id = f.deal_id
  LEFT JOIN contacts c ON c.id = f.contact_id LEFT JOIN contacts dc ON dc.id = d.contact_id`;

export function getFollowUp(ctx: CoreContext, id: string): FollowUp {
  const row = ctx.store
    .prepare(`SELECT ${COLUMNS} ${FROM} WHERE f.id = ? AND f.deleted_at IS NULL`)
    .get(id) as FollowUp | undefined;
  if (!row) throw new ApiError('not_found', `there is no follow-up with id ${id}`, 'id');
  return row;
}

/** A deal shows its soonest open follow-up (the dot on its card). */
export function refreshDeal(w: Writer, dealId: string | null): void {
  if (!dealId) return;
  const next = w.get<{ due: number | null }>(
    `SELECT min(due_at) AS due FROM follow_ups
      WHERE deal_id = ? AND status = 'open' AND deleted_at IS NULL`,
    dealId,
  );
  if (w.get('SELECT 1 AS x FROM deals WHERE id = ?', dealId)) {
    w.update('deals', dealId, { follow_up_at: next?.due ?? null });
  }
}

export function createFollowUp(ctx: CoreContext, input: ParsedInput<'followUps.create'>): FollowUp {
  if (input.dealId) requireRow(ctx.store, 'deals', input.dealId, 'dealId');
  if (input.contactId) requireRow(ctx.store, 'contacts', input.contactId, 'contactId');
  const id = ctx.store.write((w) => {
    const id = w.insert('follow_ups', {
      deal_id: input.dealId ?? null,
      contact_id: input.contactId ?? null,
      owner_id: currentUserId(ctx),
      due_at: input.dueAt,
      kind: input.kind,
      title: input.title ?? null,
    });
    refreshDeal(w, input.dealId ?? null);
    return id;
  });
  return getFollowUp(ctx, id);
}

export function listFollowUps(ctx: CoreContext, input: ParsedInput<'followUps.list'>): FollowUp[] {
  const mine = input.scope === 'mine';
  return ctx.store
    .prepare(
      `SELECT ${COLUMNS} ${FROM}
        WHERE f.status = 'open' AND f.deleted_at IS NULL ${mine ? 'AND f.owner_id = ?' : ''}
        ORDER BY f.due_at, f.id LIMIT ?`,
    )
    .all(...(mine ? [currentUserId(ctx) ?? ''] : []), input.limit) as FollowUp[];
}

function change(ctx: CoreContext, id: string, patch: Record<string, string | number | null>) {
  const before = getFollowUp(ctx, id);
  ctx.store.write((w) => {
    w.update('follow_ups', id, patch);
    refreshDeal(w, before.dealId);
  });
  return getFollowUp(ctx, id);
}

export const snoozeFollowUp = (ctx: CoreContext, input: ParsedInput<'followUps.snooze'>) =>
  change(ctx, input.id, { due_at: input.until });

export const completeFollowUp = (ctx: CoreContext, input: ParsedInput<'followUps.done'>) =>
  change(ctx, input.id, { status: 'done', done_at: ctx.now() });
