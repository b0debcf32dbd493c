/**
 * Reading handovers: the inbox list and the whole document, with what the signed-in person may do
 * with it. Who may do what is decided here once (`permissions`) and checked again per op by the
 * team server (`src/server/roles.ts`).
 */
import {
  ApiError,
  type HandoverComment,
  type HandoverDocument,
  type HandoverListItem,
  type HandoverSection,
  type HandoverStatus,
  type HandoverVersionSummary,
  type ParsedInput,
} from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import { getUser } from '../team/team';
import { readTemplate, TEMPLATE_SETTING_ID } from './readTemplate';

export const EDITABLE: ReadonlySet<HandoverStatus> = new Set(['draft', 'changes_requested']);
export const DECIDABLE: ReadonlySet<HandoverStatus> = new Set(['submitted', 'in_review']);
export const MANAGERS: readonly Role[] = ['manager', 'admin'];

const LIST_COLUMNS = `
  h.id, h.deal_id AS dealId, d.title AS dealTitle, h.account_id AS accountId,
  coalesce(a.name, da.name) AS accountName, h.author_id AS authorId, au.name AS authorName,
  h.success_owner_id AS successOwnerId, so.name AS successOwnerName, h.status,
  d.value_minor AS valueMinor, d.currency, h.current_version AS currentVersion,
  h.submitted_at AS submittedAt, h.decided_at AS decidedAt, h.created_at AS createdAt,
  max(h.updated_at,
      coalesce((SELECT max(s.updated_at) FROM handover_sections s WHERE s.handover_id = h.id), 0),
      coalesce((SELECT max(c.updated_at) FROM handover_comments c WHERE c.handover_id = h.id), 0))
    AS updatedAt,
  (SELECT json_group_array(s.title) FROM (
     SELECT title FROM handover_sections s
      WHERE s.handover_id = h.id AND s.deleted_at IS NULL AND s.required = 1
        AND trim(s.body, ' ' || char(9, 10, 13)) = ''
      ORDER BY s.position) s) AS missingRequired,
  (SELECT count(*) FROM handover_comments c
    WHERE c.handover_id = h.id AND c.deleted_at IS NULL AND c.resolved_at IS NULL) AS openComments`;

const LIST_FROM = `
  FROM handovers h
  LEFT JOIN deals d ON d.id = h.deal_id
  LEFT JOIN accounts a ON a.id = h.account_id
  LEFT JOIN accounts da ON da.id = d.account_id
  LEFT JOIN users au ON au.id = h.author_id
  LEFT JOIN users so ON so.id = h.success_owner_id`;

/**
 * When the deal was won: its last move into a won stage (accepting the handover moves it on into
 * Onboarding, which clears the deal's own close date), else its close date.
 */
export const WON_AT = `coalesce(
  (SELECT max(m.moved_at) FROM stage_history m JOIN stages ms ON ms.id = m.to_stage_id
    WHERE m.deal_id = d.id AND m.deleted_at IS NULL AND ms.kind = 'won'),
  d.closed_at)`;

type ListRow = Omit<HandoverListItem, 'missingRequired' | 'status'> & {
  status: string;
  missingRequired: string;
};

const STATUSES: readonly HandoverStatus[] = [
  'draft',
  'submitted',
  'in_review',
  'accepted',
  'changes_requested',
];

function toItem(row: ListRow): HandoverListItem {
  let missing: unknown;
  try {
    missing = JSON.parse(row.missingRequired);
  } catch {
    missing = [];
  }
  return {
    ...row,
    // A status written by a newer app version reads as submitted: visible, and not editable.
    status: STATUSES.find((s) => s === row.status) ?? 'submitted',
    missingRequired: Array.isArray(missing) ? missing.filter((t) => typeof t === 'string') : [],
  };
}

export function listHandovers(
  ctx: CoreContext,
  input: ParsedInput<'handover.list'>,
): { items: HandoverListItem[] } {
  const me = currentUserId(ctx) ?? '';
  const where = ['h.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  if (input.scope === 'authored') {
    where.push('h.author_id = ?');
    params.push(me);
  } else if (input.scope === 'owned') {
    where.push('h.success_owner_id = ?');
    params.push(me);
  }
  if (input.status?.length) {
    where.push(`h.status IN (${input.status.map(() => '?').join(', ')})`);
    params.push(...input.status);
  }
  const rows = ctx.store
    .prepare(
      `SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE ${where.join(' AND ')}
        ORDER BY updatedAt DESC, h.id LIMIT ?`,
    )
    .all(...params, input.limit) as ListRow[];
  return { items: rows.map(toItem) };
}

export interface HandoverRow {
  id: string;
  dealId: string | null;
  authorId: string | null;
  successOwnerId: string | null;
  status: HandoverStatus;
  currentVersion: number;
  dealOwnerId: string | null;
}

export function requireHandover(ctx: CoreContext, id: string, field = 'id'): HandoverRow {
  const row = ctx.store
    .prepare(
      `SELECT h.id, h.deal_id AS dealId, h.author_id AS authorId,
              h.success_owner_id AS successOwnerId, h.status,
              h.current_version AS currentVersion, d.owner_id AS dealOwnerId
         FROM handovers h LEFT JOIN deals d ON d.id = h.deal_id
        WHERE h.id = ? AND h.deleted_at IS NULL`,
    )
    .get(id) as (Omit<HandoverRow, 'status'> & { status: string }) | undefined;
  if (!row) throw new ApiError('not_found', `there is no handover with id ${id}`, field);
  return { ...row, status: STATUSES.find((s) => s === row.status) ?? 'submitted' };
}

export interface Permissions {
  me: string | null;
  /** The author, or the owner of the deal. */
  isAuthor: boolean;
  isOwner: boolean;
  isManager: boolean;
  edit: boolean;
  setOwner: boolean;
  submit: boolean;
  review: boolean;
  decide: boolean;
  comment: boolean;
}

export function permissions(ctx: CoreContext, handover: HandoverRow): Permissions {
  const me = currentUserId(ctx);
  const role = me ? getUser(ctx, me)?.role : undefined;
  const isManager = role !== undefined && MANAGERS.includes(role);
  const isAuthor = me !== null && (me === handover.authorId || me === handover.dealOwnerId);
  const isOwner = me !== null && me === handover.successOwnerId;
  const writes = isAuthor || isManager;
  const editable = EDITABLE.has(handover.status);
  return {
    me,
    isAuthor,
    isOwner,
    isManager,
    edit: writes && editable,
    setOwner: writes && (editable || handover.status === 'submitted'),
    submit: writes && editable,
    review: (isOwner || isManager) && handover.status === 'submitted',
    decide: (isOwner || isManager) && DECIDABLE.has(handover.status),
    comment: isAuthor || isOwner || isManager,
  };
}

interface SectionRow {
  id: string;
  sectionId: string;
  position: number;
  title: string;
  body: string;
  required: number;
  updatedAt: number;
}

export function readSections(ctx: CoreContext, handoverId: string): SectionRow[] {
  return ctx.store
    .prepare(
      `SELECT id, section_id AS sectionId, position, title, body, required, updated_at AS updatedAt
         FROM handover_sections
        WHERE handover_id = ? AND deleted_at IS NULL
        ORDER BY position, section_id`,
    )
    .all(handoverId) as SectionRow[];
}

export function toSection(row: SectionRow, guidance: ReadonlyMap<string, string>): HandoverSection {
  const required = row.required !== 0;
  return {
    ...row,
    required,
    guidance: guidance.get(row.sectionId) ?? '',
    missing: required && row.body.trim() === '',
  };
}

export function templateGuidance(ctx: CoreContext): Map<string, string> {
  const row = ctx.store
    .prepare('SELECT value FROM team_settings WHERE id = ? AND deleted_at IS NULL')
    .get(TEMPLATE_SETTING_ID) as { value: string | null } | undefined;
  return new Map(readTemplate(row?.value).template.sections.map((s) => [s.id, s.guidance]));
}

/** In the order written (rowid breaks ties: a decision's comments share one millisecond). */
export function readComments(ctx: CoreContext, handoverId: string): HandoverComment[] {
  return ctx.store
    .prepare(
      `SELECT c.id, c.section_id AS sectionId, c.author_id AS authorId, u.name AS authorName,
              c.body, c.created_at AS createdAt, c.resolved_at AS resolvedAt
         FROM handover_comments c LEFT JOIN users u ON u.id = c.author_id
        WHERE c.handover_id = ? AND c.deleted_at IS NULL
        ORDER BY c.created_at, c.rowid`,
    )
    .all(handoverId) as HandoverComment[];
}

export function getComment(ctx: CoreContext, id: string): HandoverComment & { handoverId: string } {
  const row = ctx.store
    .prepare(
      `SELECT c.id, c.handover_id AS handoverId, c.section_id AS sectionId,
              c.author_id AS authorId, u.name AS authorName, c.body, c.created_at AS createdAt,
              c.resolved_at AS resolvedAt
         FROM handover_comments c LEFT JOIN users u ON u.id = c.author_id
        WHERE c.id = ? AND c.deleted_at IS NULL`,
    )
    .get(id) as (HandoverComment & { handoverId: string }) | undefined;
  if (!row) throw new ApiError('not_found', `there is no comment with id ${id}`, 'commentId');
  return row;
}

function readVersions(ctx: CoreContext, handoverId: string): HandoverVersionSummary[] {
  const rows = ctx.store
    .prepare(
      `SELECT v.number, v.submitted_by AS submittedBy, su.name AS submittedByName,
              coalesce(v.submitted_at, v.created_at) AS submittedAt, v.decision,
              v.decided_at AS decidedAt, du.name AS decidedByName
         FROM handover_versions v
         LEFT JOIN users su ON su.id = v.submitted_by
         LEFT JOIN users du ON du.id = v.decided_by
        WHERE v.handover_id = ? AND v.deleted_at IS NULL
        ORDER BY v.number DESC`,
    )
    .all(handoverId) as (Omit<HandoverVersionSummary, 'decision'> & { decision: string | null })[];
  return rows.map((row) => ({
    ...row,
    decision:
      row.decision === 'accepted' || row.decision === 'changes_requested' ? row.decision : null,
  }));
}

export function getHandover(ctx: CoreContext, id: string): HandoverDocument {
  const handover = requireHandover(ctx, id);
  const row = ctx.store
    .prepare(
      `SELECT ${LIST_COLUMNS}, h.template_version AS templateVersion, h.decided_by AS decidedBy,
              db.name AS decidedByName, d.stage_id AS stageId, st.name AS stageName,
              ${WON_AT} AS wonAt, d.expected_close_at AS expectedCloseAt,
              d.close_reason AS closeReason, coalesce(a.renewal_at, da.renewal_at) AS renewalAt
         ${LIST_FROM}
         LEFT JOIN users db ON db.id = h.decided_by
         LEFT JOIN stages st ON st.id = d.stage_id
        WHERE h.id = ?`,
    )
    .get(id) as ListRow & {
    templateVersion: number;
    decidedBy: string | null;
    decidedByName: string | null;
    stageId: string | null;
    stageName: string | null;
    wonAt: number | null;
    expectedCloseAt: number | null;
    closeReason: string | null;
    renewalAt: number | null;
  };
  const {
    templateVersion,
    decidedBy,
    decidedByName,
    stageId,
    stageName,
    wonAt,
    expectedCloseAt,
    closeReason,
    renewalAt,
    ...item
  } = row;
  const guidance = templateGuidance(ctx);
  const can = permissions(ctx, handover);
  return {
    ...toItem(item),
    templateVersion,
    decidedBy,
    decidedByName,
    deal: { stageId, stageName, wonAt, expectedCloseAt, closeReason, renewalAt },
    sections: readSections(ctx, id).map((s) => toSection(s, guidance)),
    comments: readComments(ctx, id),
    versions: readVersions(ctx, id),
    can: {
      edit: can.edit,
      setOwner: can.setOwner,
      submit: can.submit,
      review: can.review,
      decide: can.decide,
      comment: can.comment,
    },
  };
}
