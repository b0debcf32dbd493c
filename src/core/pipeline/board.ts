import type { ParsedInput } from '../../shared/contract';
import { DAY_MS, type BoardColumn, type DealCard, type MoneyTotal } from '../../shared/domain';
import type { CoreContext } from '../context';
import { dealWhere, type DealFilterInput } from './dealFilters';
import { listStages } from './stages';

type CardRow = Omit<DealCard, 'rotting'> & { rotting: number };

/** A card's fields; `rotting` follows `isRotting` in src/shared/domain (first parameter: now). */
const CARD_SQL = `
  SELECT d.id, d.title, d.stage_id AS stageId, a.name AS accountName, d.value_minor AS valueMinor,
         d.currency, d.owner_id AS ownerId, u.name AS ownerName, d.status,
         d.follow_up_at AS followUpAt, d.last_activity_at AS lastActivityAt, d.position,
         (d.status = 'open' AND st.rotting_days IS NOT NULL
          AND d.last_activity_at < ? - st.rotting_days * ${DAY_MS}) AS rotting
    FROM deals d
    JOIN stages st ON st.id = d.stage_id
    LEFT JOIN accounts a ON a.id = d.account_id
    LEFT JOIN users u ON u.id = d.owner_id`;

function toCard(row: CardRow): DealCard {
  return { ...row, rotting: row.rotting === 1 };
}

/** One page of a column, in board order (position, then id). */
export function columnCards(
  ctx: CoreContext,
  stageId: string,
  filters: DealFilterInput,
  offset: number,
  limit: number,
  now = ctx.now(),
): DealCard[] {
  const where = dealWhere(ctx, filters, now);
  const rows = ctx.store
    .prepare(
      `${CARD_SQL} WHERE d.stage_id = ? AND ${where.sql}
        ORDER BY d.position, d.id LIMIT ? OFFSET ?`,
    )
    .all(now, stageId, ...where.params, limit, offset) as CardRow[];
  return rows.map(toCard);
}

/**
 * The board in one call: every stage's count and totals (per currency: sum and weighted by the
 * stage's probability) from one GROUP BY, and the first cards of each column from the
 * (stage_id, position) index. It never loads every deal.
 */
export function loadBoard(
  ctx: CoreContext,
  input: ParsedInput<'board.load'>,
): { columns: BoardColumn[]; now: number } {
  const now = ctx.now();
  const where = dealWhere(ctx, input.filters, now);
  const sums = ctx.store
    .prepare(
      // Grouped straight off the (stage_id, currency, value_minor) index, no join: a stage's
      // probability is the same for all its deals, so it weighs the sum once per group.
      `SELECT d.stage_id AS stageId, d.currency, count(*) AS count, sum(d.value_minor) AS valueMinor,
              CAST(round(sum(d.value_minor) * (
                SELECT st.probability FROM stages st WHERE st.id = d.stage_id) / 100.0) AS INTEGER)
                AS weightedMinor
         FROM deals d
        WHERE ${where.sql}
        GROUP BY d.stage_id, d.currency`,
    )
    .all(...where.params) as ({ stageId: string; count: number } & MoneyTotal)[];

  const byStage = new Map<string, { count: number; totals: MoneyTotal[] }>();
  for (const { stageId, count, ...total } of sums) {
    const entry = byStage.get(stageId) ?? { count: 0, totals: [] };
    entry.count += count;
    entry.totals.push(total);
    byStage.set(stageId, entry);
  }
  const stages = listStages(ctx.store);
  const visible = input.filters.stageIds?.length ? new Set(input.filters.stageIds) : null;
  const columns = stages.map((stage): BoardColumn => {
    const entry = byStage.get(stage.id);
    const skip = !entry || (visible !== null && !visible.has(stage.id));
    return {
      stageId: stage.id,
      count: entry?.count ?? 0,
      totals: (entry?.totals ?? []).sort((a, b) => b.valueMinor - a.valueMinor),
      cards: skip ? [] : columnCards(ctx, stage.id, input.filters, 0, input.cardsPerColumn, now),
    };
  });
  return { columns, now };
}
