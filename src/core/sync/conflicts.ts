import type { SyncConflict } from '../../shared/contract';
import { ApiError } from '../../shared/contract';
import { hlcWall, parseHlc } from '../../shared/hlc';
import { currentUserId, type CoreContext } from '../context';
import type { OpenConflict } from '../store/store';
import { isSyncedTable } from '../store/syncedTables';

/** How a record is named in the inbox, and where its page is. */
const RECORDS: Record<string, { noun: string; label: string; href?: string; hrefSql?: string }> = {
  deals: { noun: 'Deal', label: 'title', href: '/deals/' },
  accounts: { noun: 'Account', label: 'name', href: '/accounts/' },
  contacts: { noun: 'Contact', label: "trim(first_name || ' ' || last_name)", href: '/contacts/' },
  campaigns: { noun: 'Campaign', label: 'name', href: '/campaigns' },
  stages: { noun: 'Stage', label: 'name' },
  users: { noun: 'User', label: 'name' },
  team: { noun: 'Team', label: 'name' },
  notes: { noun: 'Note', label: 'substr(body, 1, 60)' },
  follow_ups: { noun: 'Follow-up', label: 'title' },
  calls: { noun: 'Call', label: "coalesce(notes, '')" },
  // A handover's parts are named with their deal and lead to the handover's page.
  handover_sections: {
    noun: 'Handover section',
    label: `title || coalesce(' of ' || (SELECT d.title FROM handovers h JOIN deals d ON d.id = h.deal_id
                                          WHERE h.id = handover_sections.handover_id), '')`,
    hrefSql: "'/handovers/' || handover_id",
  },
  handover_comments: {
    noun: 'Handover comment',
    label: 'substr(body, 1, 60)',
    hrefSql: "'/handovers/' || handover_id",
  },
  handovers: {
    noun: 'Handover',
    label: '(SELECT d.title FROM deals d WHERE d.id = handovers.deal_id)',
    hrefSql: "'/handovers/' || id",
  },
};

function fieldName(column: string): string {
  const words = column
    .replace(/_minor$/, '')
    .replace(/_at$/, '')
    .replace(/_id$/, '')
    .split('_');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Who made an edit, from its clock's device: the user of that device, or its name. */
function author(ctx: CoreContext, hlc: string): string {
  const device = parseHlc(hlc).device;
  if (device === ctx.store.deviceId) {
    const me = currentUserId(ctx);
    const user = me
      ? (ctx.store.prepare('SELECT name FROM users WHERE id = ?').get(me) as
          { name: string } | undefined)
      : undefined;
    return user ? `${user.name} (this device)` : 'This device';
  }
  const peer = ctx.store
    .prepare('SELECT user_name, name FROM sync_peers WHERE device = ?')
    .get(device) as { user_name: string | null; name: string | null } | undefined;
  return peer?.user_name ?? peer?.name ?? `Device ${device.slice(0, 6)}`;
}

function describe(ctx: CoreContext, conflict: OpenConflict): SyncConflict {
  const kind = RECORDS[conflict.tbl];
  let record = kind ? kind.noun : conflict.tbl;
  let link: string | null = null;
  if (kind && isSyncedTable(conflict.tbl)) {
    const row = ctx.store
      .prepare(
        `SELECT ${kind.label} AS label, ${kind.hrefSql ?? 'NULL'} AS link
           FROM ${conflict.tbl} WHERE id = ?`,
      )
      .get(conflict.row_id) as { label: string | null; link: string | null } | undefined;
    if (row?.label) record = `${kind.noun} “${row.label}”`;
    link = row?.link ?? null;
  }
  return {
    id: conflict.id,
    table: conflict.tbl,
    rowId: conflict.row_id,
    column: conflict.col,
    record,
    field: fieldName(conflict.col),
    href: kind?.href
      ? kind.href.endsWith('/')
        ? `${kind.href}${conflict.row_id}`
        : kind.href
      : link,
    kept: {
      value: conflict.kept_value,
      by: author(ctx, conflict.kept_hlc),
      at: hlcWall(conflict.kept_hlc),
    },
    lost: {
      value: conflict.lost_value,
      by: author(ctx, conflict.lost_hlc),
      at: hlcWall(conflict.lost_hlc),
    },
    detectedAt: conflict.detected_at,
  };
}

export function listConflicts(ctx: CoreContext): SyncConflict[] {
  return ctx.store.openConflicts().map((conflict) => describe(ctx, conflict));
}

/**
 * Settle a conflict with a new edit of the field (the kept value again, or the lost one), so
 * every device that holds it open sees it settled when the edit arrives.
 */
export function resolveConflict(ctx: CoreContext, id: number, keep: 'kept' | 'lost'): void {
  const conflict = ctx.store.openConflicts().find((c) => c.id === id);
  if (!conflict || !isSyncedTable(conflict.tbl)) {
    throw new ApiError(
      'not_found',
      `there is no open conflict ${id}; it may be settled already`,
      'id',
    );
  }
  const table = conflict.tbl;
  const value = keep === 'kept' ? conflict.kept_value : conflict.lost_value;
  ctx.store.write((w) => w.rewrite(table, conflict.row_id, { [conflict.col]: value }));
  ctx.store.markConflictResolved(id, ctx.now());
}
