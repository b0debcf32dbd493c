import { ApiError } from '../../shared/contract';
import type { DealSummary } from '../../shared/domain';
import type { CoreContext } from '../context';

/** Whose activity: one deal, one contact (their deals and themselves), or one account. */
export type TimelineScope = { dealId: string } | { contactId: string } | { accountId: string };

/** The records a scope reaches: its deals, its people, and the account itself. */
export interface Reach {
  dealIds: string[];
  contactIds: string[];
  accountId: string | null;
}

/** Detail pages list at most this many deals: open ones first, then the most recently active. */
export const DEAL_LIST_LIMIT = 200;

function requireLive(ctx: CoreContext, table: 'deals' | 'contacts' | 'accounts', id: string) {
  const noun = { deals: 'deal', contacts: 'contact', accounts: 'account' }[table];
  const row = ctx.store
    .prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`)
    .get(id);
  // Every method that takes a scope names its record `id` in the contract.
  if (!row) throw new ApiError('not_found', `there is no ${noun} with id ${id}`, 'id');
}

/**
 * The deals a contact is on. There is no index on deals.contact_id, so this scans the deals table
 * (about 15 ms for 100,000 deals). `+deleted_at` keeps SQLite from walking a partial index instead,
 * which is ten times slower. Going through the contact's account would be instant, but would lose
 * the deals of a contact who changed companies: their history with us.
 */
export function contactDealIds(ctx: CoreContext, contactId: string): string[] {
  return ctx.store
    .prepare(`SELECT id FROM deals d WHERE d.contact_id = ? AND +d.deleted_at IS NULL`)
    .all(contactId)
    .map((row) => (row as { id: string }).id);
}

/** An account's deals, through the deals_account index. */
export function accountDealIds(ctx: CoreContext, accountId: string): string[] {
  return ctx.store
    .prepare(`SELECT id FROM deals WHERE account_id = ? AND deleted_at IS NULL`)
    .all(accountId)
    .map((row) => (row as { id: string }).id);
}

export function accountContactIds(ctx: CoreContext, accountId: string): string[] {
  return ctx.store
    .prepare(`SELECT id FROM contacts WHERE account_id = ? AND deleted_at IS NULL`)
    .all(accountId)
    .map((row) => (row as { id: string }).id);
}

/** Resolve a scope to what it reaches; throws `not_found` (field `id`) for a missing record. */
export function reachOf(ctx: CoreContext, scope: TimelineScope): Reach {
  if ('dealId' in scope) {
    requireLive(ctx, 'deals', scope.dealId);
    return { dealIds: [scope.dealId], contactIds: [], accountId: null };
  }
  if ('contactId' in scope) {
    requireLive(ctx, 'contacts', scope.contactId);
    return {
      dealIds: contactDealIds(ctx, scope.contactId),
      contactIds: [scope.contactId],
      accountId: null,
    };
  }
  requireLive(ctx, 'accounts', scope.accountId);
  return {
    dealIds: accountDealIds(ctx, scope.accountId),
    contactIds: accountContactIds(ctx, scope.accountId),
    accountId: scope.accountId,
  };
}

/** Deals as detail pages list them: open first, then by last activity, newest first. */
export function dealSummaries(
  ctx: CoreContext,
  dealIds: readonly string[],
  limit = DEAL_LIST_LIMIT,
): DealSummary[] {
  if (dealIds.length === 0) return [];
  return ctx.store
    .prepare(
      `SELECT d.id, d.title, d.stage_id AS stageId, d.status, d.value_minor AS valueMinor,
              d.currency, u.name AS ownerName, d.last_activity_at AS lastActivityAt
         FROM deals d LEFT JOIN users u ON u.id = d.owner_id
        WHERE d.id IN (SELECT value FROM json_each(?)) AND d.deleted_at IS NULL
        ORDER BY d.status = 'open' DESC, d.last_activity_at DESC, d.id
        LIMIT ?`,
    )
    .all(JSON.stringify(dealIds), limit) as DealSummary[];
}
