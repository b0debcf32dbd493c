import type { TimelineItem } from '../../shared/domain';
import type { CoreContext } from '../context';
import { reachOf, type Reach, type TimelineScope } from './scope';

/** A timeline is a page people read, not an export: the newest items are what matter. */
export const TIMELINE_LIMIT = 200;

/** One row per item; the columns a kind does not have are NULL. */
interface TimelineRow {
  kind: TimelineItem['kind'];
  id: string;
  at: number;
  dealId: string | null;
  dealTitle: string | null;
  fromStageId: string | null;
  toStageId: string | null;
  body: string | null;
  endedAt: number | null;
  direction: string | null;
  disposition: string | null;
  notes: string | null;
  title: string | null;
  status: string | null;
  byName: string | null;
}

/**
 * The SQL of a timeline. Rows on the scope's deals come through the deal_id indexes
 * (stage_history_deal, notes_deal, calls_deal, follow_ups_deal). Notes, calls and follow-ups on
 * people or on the account itself have no index to use, so the wide variant scans those three
 * tables once each (a few ms at 100,000 deals); a deal's timeline never does.
 */
function timelineSql(wide: boolean): string {
  const onDeals = (alias: string) => `${alias}.deal_id IN scope_deals`;
  const onPeople = (alias: string) =>
    wide ? `(${onDeals(alias)} OR ${alias}.contact_id IN scope_contacts)` : onDeals(alias);
  const notesWhere = wide
    ? `(${onDeals('n')} OR n.contact_id IN scope_contacts OR n.account_id = :accountId)`
    : onDeals('n');
  return `
    WITH scope_deals(id) AS (SELECT value FROM json_each(:dealIds)),
         scope_contacts(id) AS (SELECT value FROM json_each(:contactIds))
    SELECT t.*, d.title AS dealTitle FROM (
      SELECT 'stage' AS kind, h.id, h.moved_at AS at, h.deal_id AS dealId,
             h.from_stage_id AS fromStageId, h.to_stage_id AS toStageId, NULL AS body,
             NULL AS endedAt, NULL AS direction, NULL AS disposition, NULL AS notes,
             NULL AS title, NULL AS status, u.name AS byName
        FROM stage_history h LEFT JOIN users u ON u.id = h.moved_by
       WHERE ${onDeals('h')} AND h.deleted_at IS NULL
      UNION ALL
      SELECT 'note', n.id, n.created_at, n.deal_id, NULL, NULL, n.body,
             NULL, NULL, NULL, NULL, NULL, NULL, u.name
        FROM notes n LEFT JOIN users u ON u.id = n.author_id
       WHERE ${notesWhere} AND n.deleted_at IS NULL
      UNION ALL
      SELECT 'call', c.id, c.started_at, c.deal_id, NULL, NULL, NULL,
             c.ended_at, c.direction, c.disposition, c.notes, NULL, NULL, u.name
        FROM calls c LEFT JOIN users u ON u.id = c.rep_id
       WHERE ${onPeople('c')} AND c.deleted_at IS NULL
      UNION ALL
      SELECT 'followUp', f.id, f.due_at, f.deal_id, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, f.title, f.status, u.name
        FROM follow_ups f LEFT JOIN users u ON u.id = f.owner_id
       WHERE ${onPeople('f')} AND f.deleted_at IS NULL
    ) t
    LEFT JOIN deals d ON d.id = t.dealId
    ORDER BY t.at DESC, t.id DESC
    LIMIT :limit`;
}

function toItem(row: TimelineRow): TimelineItem {
  const base = { id: row.id, at: row.at, dealId: row.dealId, dealTitle: row.dealTitle };
  switch (row.kind) {
    case 'stage':
      return {
        ...base,
        kind: 'stage',
        // A stage move always belongs to a deal: it came in through the deal_id index.
        dealId: row.dealId!,
        fromStageId: row.fromStageId,
        toStageId: row.toStageId ?? '',
        byName: row.byName,
      };
    case 'note':
      return { ...base, kind: 'note', body: row.body ?? '', byName: row.byName };
    case 'call':
      return {
        ...base,
        kind: 'call',
        endedAt: row.endedAt,
        direction: row.direction ?? 'outbound',
        disposition: row.disposition,
        notes: row.notes,
        byName: row.byName,
      };
    case 'followUp':
      return {
        ...base,
        kind: 'followUp',
        title: row.title,
        status: row.status ?? 'open',
        byName: row.byName,
      };
  }
}

/** Items for what a scope reaches, newest first (see `timeline`). */
export function timelineFor(
  ctx: CoreContext,
  reach: Reach,
  limit = TIMELINE_LIMIT,
): TimelineItem[] {
  const wide = reach.contactIds.length > 0 || reach.accountId !== null;
  const rows = ctx.store.prepare(timelineSql(wide)).all({
    dealIds: JSON.stringify(reach.dealIds),
    contactIds: JSON.stringify(reach.contactIds),
    accountId: reach.accountId,
    limit,
  }) as TimelineRow[];
  return rows.map(toItem);
}

/**
 * What happened, newest first, capped at `TIMELINE_LIMIT`: stage moves (with who moved the deal),
 * notes (with their author), calls (with the rep) and follow-ups (with their owner).
 * - a deal: its own items;
 * - a contact: the items of every deal they are on, plus notes, calls and follow-ups on them;
 * - an account: the items of its deals and of its contacts, plus notes on the account.
 * Throws `not_found` naming `id` when the record does not exist.
 */
export function timeline(
  ctx: CoreContext,
  scope: TimelineScope,
  limit = TIMELINE_LIMIT,
): TimelineItem[] {
  return timelineFor(ctx, reachOf(ctx, scope), limit);
}
