import { ApiError, type ParsedInput } from '../../shared/contract';
import type { Note } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import { requireRow } from '../references';

export function getNote(ctx: CoreContext, id: string): Note {
  const note = ctx.store
    .prepare(
      `SELECT n.id, n.deal_id AS dealId, n.contact_id AS contactId, n.account_id AS accountId,
              n.author_id AS authorId, u.name AS authorName, n.body,
              n.created_at AS createdAt, n.updated_at AS updatedAt
         FROM notes n LEFT JOIN users u ON u.id = n.author_id
        WHERE n.id = ? AND n.deleted_at IS NULL`,
    )
    .get(id) as Note | undefined;
  if (!note) throw new ApiError('not_found', `there is no note with id ${id}`, 'id');
  return note;
}

/**
 * Write a note on a deal, a contact or an account (or several), signed by the current user. A
 * note on a deal is activity: it moves the deal's last activity, so the deal stops rotting.
 */
export function createNote(ctx: CoreContext, input: ParsedInput<'notes.create'>): Note {
  if (input.dealId) requireRow(ctx.store, 'deals', input.dealId, 'dealId');
  if (input.contactId) requireRow(ctx.store, 'contacts', input.contactId, 'contactId');
  if (input.accountId) requireRow(ctx.store, 'accounts', input.accountId, 'accountId');
  const now = ctx.now();
  const id = ctx.store.write((w) => {
    const noteId = w.insert('notes', {
      deal_id: input.dealId ?? null,
      contact_id: input.contactId ?? null,
      account_id: input.accountId ?? null,
      author_id: currentUserId(ctx),
      body: input.body,
      created_at: now,
    });
    if (input.dealId) {
      const deal = w.get<{ last: number }>(
        'SELECT last_activity_at AS last FROM deals WHERE id = ?',
        input.dealId,
      );
      // Never backwards: another device's clock may already have put it later.
      if (deal && deal.last < now) w.update('deals', input.dealId, { last_activity_at: now });
    }
    return noteId;
  });
  return getNote(ctx, id);
}

export function updateNote(ctx: CoreContext, input: ParsedInput<'notes.update'>): Note {
  getNote(ctx, input.id);
  ctx.store.write((w) => w.update('notes', input.id, { body: input.body }));
  return getNote(ctx, input.id);
}

/** A tombstone, so the delete travels to the other devices like any edit. */
export function deleteNote(ctx: CoreContext, input: ParsedInput<'notes.delete'>): { id: string } {
  getNote(ctx, input.id);
  ctx.store.write((w) => w.remove('notes', input.id));
  return { id: input.id };
}
