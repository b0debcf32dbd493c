import {
  ApiError,
  type DealPage,
  type DealSortField,
  type ParsedInput,
} from '../../shared/contract';
import type {
  Deal,
  DealDetail,
  DealStatus,
  Stage,
  StageKind,
  StageMove,
} from '../../shared/domain';
import { planFirstCall } from '../calls';
import { currentUserId, type CoreContext } from '../context';
import { draftHandoverAtWon } from '../handover/draft';
import { requireRow } from '../references';
import type { Fields, Writer } from '../store/writePath';
import { teamCurrency } from '../team/team';
import { dealWhere } from './dealFilters';
import { getStage, listStages } from './stages';

const DEAL_COLUMNS = `
  d.id, d.title, d.account_id AS accountId, a.name AS accountName, d.contact_id AS contactId,
  CASE WHEN c.id IS NULL THEN NULL ELSE trim(c.first_name || ' ' || c.last_name) END AS contactName,
  d.stage_id AS stageId, d.owner_id AS ownerId, u.name AS ownerName,
  d.value_minor AS valueMinor, d.currency, d.status, d.close_reason AS closeReason,
  d.expected_close_at AS expectedCloseAt, d.next_step AS nextStep, d.follow_up_at AS followUpAt,
  d.source, d.stage_entered_at AS stageEnteredAt, d.last_activity_at AS lastActivityAt,
  d.created_at AS createdAt, d.updated_at AS updatedAt`;

const DEAL_JOINS = `
  FROM deals d
  LEFT JOIN accounts a ON a.id = d.account_id
  LEFT JOIN contacts c ON c.id = d.contact_id
  LEFT JOIN users u ON u.id = d.owner_id`;

/** Sorts on the deal's own columns, each backed by an index. */
const OWN_SORT: Partial<Record<DealSortField, string>> = {
  title: 'd.title COLLATE NOCASE',
  value: 'd.value_minor',
  expectedCloseAt: 'd.expected_close_at',
  followUpAt: 'd.follow_up_at',
  lastActivityAt: 'd.last_activity_at',
  createdAt: 'd.created_at',
  updatedAt: 'd.updated_at',
};

/** Sorts on names in other tables: read from the derived `deal_sort` keys and their indexes. */
const KEYED_SORT: Partial<Record<DealSortField, string>> = {
  account: 'k.account COLLATE NOCASE',
  contact: 'k.contact COLLATE NOCASE',
  owner: 'k.owner COLLATE NOCASE',
  stage: 'k.stage',
};

/** `ORDER BY` for a sort: empty values last either way, ties broken by id for stable paging. */
export function dealOrderBy(sort: ParsedInput<'deals.list'>['sort']): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const keyed = KEYED_SORT[sort.field];
  if (keyed) return `${keyed} ${direction}, k.deal_id ${direction}`;
  return `${OWN_SORT[sort.field]} ${direction} NULLS LAST, d.id ${direction}`;
}

/** A sort by a related name walks `deal_sort` in index order (kept current first). */
function keyedSource(ctx: CoreContext): string {
  ctx.search.catchUp();
  return 'FROM deal_sort k CROSS JOIN deals d ON d.id = k.deal_id';
}

/**
 * The ids of the deals a filter selects, in a sort's order (a page of them, or all with
 * `limit` -1). The table, exports and bulk edits share it.
 */
export function dealIdsInOrder(
  ctx: CoreContext,
  where: { sql: string; params: (string | number)[] },
  sort: ParsedInput<'deals.list'>['sort'],
  limit = -1,
  offset = 0,
): string[] {
  const source = KEYED_SORT[sort.field] ? keyedSource(ctx) : 'FROM deals d';
  return ctx.store
    .prepare(
      `SELECT d.id ${source} WHERE ${where.sql} ORDER BY ${dealOrderBy(sort)} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...where.params, limit, offset) as string[];
}

/**
 * One page of deals: the ids of the page first (filter and sort in SQL, on indexes, without
 * joining names onto every match), then the page's rows with their names.
 */
export function listDeals(ctx: CoreContext, input: ParsedInput<'deals.list'>): DealPage {
  const where = dealWhere(ctx, input.filters, ctx.now());
  const ids = dealIdsInOrder(ctx, where, input.sort, input.limit, input.offset);
  const rows = ctx.store
    .prepare(`SELECT ${DEAL_COLUMNS} ${DEAL_JOINS} WHERE d.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Deal[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const { total } = ctx.store
    .prepare(`SELECT count(*) AS total FROM deals d WHERE ${where.sql}`)
    .get(...where.params) as { total: number };
  return { items: ids.flatMap((id) => byId.get(id) ?? []), total };
}

export function getDeal(ctx: CoreContext, id: string): Deal {
  const deal = ctx.store
    .prepare(`SELECT ${DEAL_COLUMNS} ${DEAL_JOINS} WHERE d.id = ? AND d.deleted_at IS NULL`)
    .get(id) as Deal | undefined;
  if (!deal) throw new ApiError('not_found', `there is no deal with id ${id}`, 'id');
  return deal;
}

export function getDealDetail(ctx: CoreContext, id: string): DealDetail {
  const deal = getDeal(ctx, id);
  const stageHistory = ctx.store
    .prepare(
      `SELECT id, from_stage_id AS fromStageId, to_stage_id AS toStageId, moved_at AS movedAt,
              moved_by AS movedBy
         FROM stage_history WHERE deal_id = ? AND deleted_at IS NULL
        ORDER BY moved_at, id`,
    )
    .all(id) as StageMove[];
  return { ...deal, stageHistory };
}

export function statusFor(kind: StageKind): DealStatus {
  return kind === 'won' ? 'won' : kind === 'lost' ? 'lost' : 'open';
}

export function requireStage(ctx: CoreContext, stageId: string, field: string) {
  const stage = getStage(ctx.store, stageId);
  if (!stage)
    throw new ApiError('invalid_input', `${field}: there is no stage with id ${stageId}`, field);
  return stage;
}

function checkReferences(
  ctx: CoreContext,
  refs: { accountId?: string | null; contactId?: string | null; ownerId?: string | null },
  prefix: string,
): void {
  if (refs.accountId) requireRow(ctx.store, 'accounts', refs.accountId, `${prefix}accountId`);
  if (refs.contactId) requireRow(ctx.store, 'contacts', refs.contactId, `${prefix}contactId`);
  if (refs.ownerId) requireRow(ctx.store, 'users', refs.ownerId, `${prefix}ownerId`);
}

/** Top of the column: new and moved deals are what the rep looks at next. */
export function topPosition(w: Writer, stageId: string): number {
  const row = w.get<{ top: number | null }>(
    'SELECT min(position) AS top FROM deals WHERE stage_id = ? AND deleted_at IS NULL',
    stageId,
  );
  return (row?.top ?? 0) - 1;
}

/** A row of the deal's stage history, made when it moved (`id`: a new one unless given). */
export function recordStageMove(
  w: Writer,
  dealId: string,
  from: string | null,
  to: string,
  at: number,
  by: string | null,
  id?: string,
): void {
  w.insert('stage_history', {
    id,
    deal_id: dealId,
    from_stage_id: from,
    to_stage_id: to,
    moved_at: at,
    moved_by: by,
    created_at: at,
  });
}

/**
 * The fields that change when a deal enters another stage: status and close time follow the
 * stage's kind, the clock of time-in-stage restarts, and it counts as activity.
 */
export function enterStage(
  w: Writer,
  ctx: CoreContext,
  deal: Pick<Deal, 'id' | 'stageId' | 'closeReason'>,
  stage: Stage,
  reason: string | null | undefined,
  now: number,
): Fields {
  const status = statusFor(stage.kind);
  recordStageMove(w, deal.id, deal.stageId, stage.id, now, currentUserId(ctx));
  return {
    stage_id: stage.id,
    status,
    closed_at: status === 'open' ? null : now,
    close_reason: status === 'open' ? deal.closeReason : (reason?.trim() ?? deal.closeReason),
    stage_entered_at: now,
    last_activity_at: now,
  };
}

export function requireReason(
  stage: Stage,
  reason: string | null | undefined,
  field: string,
  method: string,
): void {
  if (stage.kind !== 'open' && !reason?.trim()) {
    throw new ApiError(
      'invalid_input',
      `${method}: ${field}: say why the deal was ${stage.kind === 'won' ? 'won' : 'lost'} to move it to ${stage.name}`,
      field,
    );
  }
}

export function createDeal(ctx: CoreContext, input: ParsedInput<'deals.create'>): Deal {
  const stage = input.stageId
    ? requireStage(ctx, input.stageId, 'stageId')
    : listStages(ctx.store).find((s) => s.kind === 'open');
  if (!stage) throw new ApiError('conflict', 'the pipeline has no open stage to put a new deal in');
  const me = currentUserId(ctx);
  const ownerId = input.ownerId === undefined ? me : input.ownerId;
  checkReferences(ctx, { ...input, ownerId }, '');
  const now = ctx.now();
  const status = statusFor(stage.kind);
  const id = ctx.store.write((w) => {
    const dealId = w.insert('deals', {
      title: input.title,
      account_id: input.accountId ?? null,
      contact_id: input.contactId ?? null,
      stage_id: stage.id,
      owner_id: ownerId,
      value_minor: input.valueMinor,
      currency: input.currency ?? teamCurrency(ctx),
      status,
      close_reason: input.closeReason ?? null,
      closed_at: status === 'open' ? null : now,
      expected_close_at: input.expectedCloseAt ?? null,
      next_step: input.nextStep ?? null,
      follow_up_at: input.followUpAt ?? null,
      source: input.source ?? null,
      position: topPosition(w, stage.id),
      stage_entered_at: now,
      last_activity_at: now,
      created_at: now,
    });
    recordStageMove(w, dealId, null, stage.id, now, me);
    if (stage.kind === 'won') draftHandoverAtWon(w, dealId, me, now);
    return dealId;
  });
  // A new lead without a follow-up: its first call, by the team's rule, when asked.
  if (
    input.planFirstCall &&
    input.followUpAt == null &&
    LEAD_PHASES.has(stage.phaseId) &&
    status === 'open'
  ) {
    planFirstCall(ctx, { id, ownerId, contactId: input.contactId ?? null });
  }
  return getDeal(ctx, id);
}

/** Deals created in these phases are new leads. */
const LEAD_PHASES: ReadonlySet<string> = new Set(['reach', 'acquisition']);

const PATCH_COLUMNS = {
  title: 'title',
  accountId: 'account_id',
  contactId: 'contact_id',
  stageId: 'stage_id',
  ownerId: 'owner_id',
  valueMinor: 'value_minor',
  currency: 'currency',
  expectedCloseAt: 'expected_close_at',
  nextStep: 'next_step',
  followUpAt: 'follow_up_at',
  source: 'source',
  closeReason: 'close_reason',
} as const satisfies Record<keyof ParsedInput<'deals.update'>['patch'], string>;

export function updateDeal(ctx: CoreContext, input: ParsedInput<'deals.update'>): Deal {
  const before = getDeal(ctx, input.id);
  const { patch } = input;
  checkReferences(ctx, patch, 'patch.');
  const stage =
    patch.stageId !== undefined && patch.stageId !== before.stageId
      ? requireStage(ctx, patch.stageId, 'patch.stageId')
      : undefined;
  const reason = patch.closeReason !== undefined ? patch.closeReason : before.closeReason;
  if (stage) requireReason(stage, reason, 'patch.closeReason', 'deals.update');
  const now = ctx.now();
  ctx.store.write((w) => {
    const fields: Record<string, Fields[string]> = {};
    for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[key as keyof typeof PATCH_COLUMNS];
      if (value !== undefined) fields[column] = value;
    }
    if (stage)
      Object.assign(fields, enterStage(w, ctx, before, stage, reason, now), {
        position: topPosition(w, stage.id),
      });
    w.update('deals', input.id, fields);
    if (stage?.kind === 'won') draftHandoverAtWon(w, input.id, currentUserId(ctx), now);
  });
  return getDeal(ctx, input.id);
}
