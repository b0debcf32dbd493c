import type { ParsedInput } from '../../shared/contract';
import { DAY_MS } from '../../shared/domain';
import type { CoreContext } from '../context';
import { DEAL_TEXT_FILTER, toFtsQuery } from '../search';
import { listStages } from './stages';

export type DealFilterInput = ParsedInput<'deals.list'>['filters'];
export type SqlParam = string | number;

/** `IN (?, ?, ?)`: explicit placeholders let SQLite's planner see how many values there are. */
function inList(values: readonly SqlParam[], params: SqlParam[]): string {
  params.push(...values);
  return `IN (${values.map(() => '?').join(', ')})`;
}

/**
 * The WHERE clause for a set of deal filters, over `deals d`. The board, the table, exports and
 * bulk edits all select deals with it, so they always agree on which deals a view holds.
 */
export function dealWhere(
  ctx: CoreContext,
  filters: DealFilterInput,
  now: number,
): { sql: string; params: SqlParam[] } {
  const where = ['d.deleted_at IS NULL'];
  const params: SqlParam[] = [];
  const fts = filters.query ? toFtsQuery(filters.query) : null;
  if (fts) {
    ctx.search.catchUp();
    where.push(DEAL_TEXT_FILTER);
    params.push(fts);
  }
  if (filters.ownerIds && filters.ownerIds.length > 0) {
    const ids = filters.ownerIds.filter((id): id is string => id !== null);
    const unassigned = filters.ownerIds.includes(null);
    const clauses = [];
    if (ids.length > 0) clauses.push(`d.owner_id ${inList(ids, params)}`);
    if (unassigned) clauses.push('d.owner_id IS NULL');
    where.push(`(${clauses.join(' OR ')})`);
  }
  // A phase is its stages; stage and phase filters together keep the stages in both.
  let stageIds: string[] | undefined = filters.stageIds?.length ? [...filters.stageIds] : undefined;
  if (filters.phaseIds && filters.phaseIds.length > 0) {
    const phases = new Set<string>(filters.phaseIds);
    const inPhases = listStages(ctx.store)
      .filter((stage) => phases.has(stage.phaseId))
      .map((stage) => stage.id);
    stageIds = stageIds ? stageIds.filter((id) => inPhases.includes(id)) : inPhases;
  }
  if (stageIds) where.push(stageIds.length > 0 ? `d.stage_id ${inList(stageIds, params)}` : '0');
  if (filters.status) {
    where.push('d.status = ?');
    params.push(filters.status);
  }
  if (filters.minValueMinor !== undefined) {
    where.push('d.value_minor >= ?');
    params.push(filters.minValueMinor);
  }
  if (filters.maxValueMinor !== undefined) {
    where.push('d.value_minor <= ?');
    params.push(filters.maxValueMinor);
  }
  if (filters.rottingOnly) {
    // The rule of `isRotting` in src/shared/domain.
    where.push(`d.status = 'open' AND d.last_activity_at < ? - (
      SELECT st.rotting_days FROM stages st WHERE st.id = d.stage_id) * ${DAY_MS}`);
    params.push(now);
  }
  if (filters.followUpDueBefore !== undefined) {
    where.push('d.follow_up_at IS NOT NULL AND d.follow_up_at < ?');
    params.push(filters.followUpDueBefore);
  }
  if (filters.accountId) {
    where.push('d.account_id = ?');
    params.push(filters.accountId);
  }
  if (filters.contactId) {
    where.push('d.contact_id = ?');
    params.push(filters.contactId);
  }
  return { sql: where.join(' AND '), params };
}
