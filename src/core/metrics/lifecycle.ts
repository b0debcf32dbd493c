/**
 * Lifecycle metrics: the numbers the customer-lifecycle literature tracks at each stage, from SQL
 * over the local store (so they are as fresh as the sync).
 *
 * Methods: dashboard.lifecycle
 * Tables:  reads stages, phases, deals, stage_history, accounts, satisfaction_responses
 *
 * The rules, in one place (the contract's doc comments say the same to its readers):
 * - Board order is the stages' order on the board: by phase, then by position.
 * - The Won stage is the first stage of kind `won` in board order. Stages before it that are
 *   open make the sales funnel; the stages after it that are not lost (Retention, Loyalty) are
 *   where customers live. A "customer stage" is the Won stage or one of those.
 * - A sale is won in the range when the deal entered a won stage in the range and is now in a
 *   customer stage or a lost one (a deal dragged onto Won by mistake and back is not a sale).
 *   A deal lost in the range is a lost sale when it had never been in a customer stage before,
 *   and churn when it had; either way it must still be lost now.
 * - The close reason is the deal's current one (stage history keeps no reasons); a deal won and
 *   then lost as a customer counts as won without a reason, since its reason now says why it left.
 */
import type { LifecycleDashboard, LifecycleReasonRow, ParsedInput } from '../../shared/contract';
import type { Stage } from '../../shared/domain';
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { listStages } from '../pipeline/stages';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** More trend points than this and a point covers several weeks. */
const MAX_TREND_POINTS = 104;

/** A stage's place in the rules above. */
interface StageOrder {
  id: string;
  kind: Stage['kind'];
  /** The stage's step in the sales funnel (post-Won stages count as Won); null for lost. */
  fidx: number | null;
  /** The Won stage and the customer stages after it. */
  customer: boolean;
  /** The open stages before Won: the pipeline. */
  pipeline: boolean;
}

function stageOrder(stages: readonly Stage[]) {
  const wonIdx = stages.findIndex((s) => s.kind === 'won');
  const firstWon = wonIdx < 0 ? stages.length : wonIdx;
  const funnel = stages.filter((s, i) => (s.kind === 'open' && i < firstWon) || i === wonIdx);
  const order: StageOrder[] = stages.map((stage, idx) => {
    const step = funnel.indexOf(stage);
    const customer = wonIdx >= 0 && idx >= wonIdx && stage.kind !== 'lost';
    return {
      id: stage.id,
      kind: stage.kind,
      fidx: step >= 0 ? step : customer ? funnel.length - 1 : null,
      customer,
      pipeline: stage.kind === 'open' && idx < firstWon,
    };
  });
  return { order, funnel };
}

/**
 * SQL over stage ids without a join: a dozen stages become CASE expressions and IN lists over
 * bound parameters (@s0, @s1, …), which SQLite evaluates per row far faster than a lookup.
 */
class StageSql {
  readonly params: Record<string, string> = {};
  constructor(private readonly order: readonly StageOrder[]) {
    order.forEach((stage, i) => (this.params[`s${i}`] = stage.id));
  }
  /** `column`'s stage mapped to a number (NULL for the stages `value` leaves out). */
  map(column: string, value: (stage: StageOrder, idx: number) => number | null): string {
    const whens = this.order.map((stage, i) => {
      const v = value(stage, i);
      return v === null ? '' : ` WHEN @s${i} THEN ${v}`;
    });
    return `CASE ${column}${whens.join('')} ELSE NULL END`;
  }
  /** The board index of `column`'s stage. */
  idx(column: string): string {
    return this.map(column, (_, i) => i);
  }
  /** `(@s3, @s7)`: the ids of the stages that match. */
  ids(match: (stage: StageOrder) => boolean): string {
    const ids = this.order.flatMap((stage, i) => (match(stage) ? [`@s${i}`] : []));
    return `(${ids.join(', ') || 'NULL'})`;
  }
  /** `(3, 7)`: the board indexes of the stages that match. */
  indexes(match: (stage: StageOrder) => boolean): string {
    const indexes = this.order.flatMap((stage, i) => (match(stage) ? [i] : []));
    return `(${indexes.join(', ') || '-1'})`;
  }
}

interface Params {
  from: number;
  to: number;
  now: number;
  owner?: string;
}

/** Only the rows of the owner asked for (nothing when all owners are asked for). */
const ownerClause = (params: Params, column = 'd.owner_id') =>
  params.owner === undefined ? '' : `AND ${column} = @owner`;

/**
 * `column` names a live deal (of the owner asked for). Without an owner, the few deleted deals are
 * left out through their own small index instead of looking up every deal.
 */
const dealFilter = (params: Params, column: string) =>
  params.owner === undefined
    ? `${column} NOT IN (SELECT id FROM deals INDEXED BY deals_deleted WHERE deleted_at IS NOT NULL)`
    : `${column} IN (SELECT id FROM deals WHERE owner_id = @owner AND deleted_at IS NULL)`;

/** Packs a later move's time and stage index into one number: time × SLOTS + index. */
const SLOTS = 1024;

function stageNumbers(ctx: CoreContext, sql: StageSql, params: Params) {
  // Each entry into a stage in the range, with when the deal left the stage (its next move) and
  // the furthest non-lost stage it reached afterwards, both from one look at its later moves
  // (packed into one number: SQLite runs a scalar subquery once per column that uses it).
  const nonLost = sql.map('x.to_stage_id', (s, i) => (s.kind === 'lost' ? null : i));
  return ctx.store
    .prepare(
      `WITH e AS MATERIALIZED (
         SELECT e.deal_id AS deal, ${sql.idx('e.to_stage_id')} AS idx, e.moved_at AS at,
                (SELECT min(x.moved_at) * ${SLOTS} + coalesce(max(${nonLost}), ${SLOTS - 1})
                   FROM stage_history x INDEXED BY stage_history_path
                  WHERE x.deal_id = e.deal_id AND x.moved_at > e.moved_at
                    AND x.deleted_at IS NULL) AS later
           FROM stage_history e INDEXED BY stage_history_moved
          WHERE e.to_stage_id IN ${sql.ids(() => true)} AND e.moved_at >= @from
                AND e.moved_at < @to AND e.deleted_at IS NULL
                AND ${dealFilter(params, 'e.deal_id')}),
       per AS (
         SELECT idx, deal,
                max(coalesce(later % ${SLOTS} > idx AND later % ${SLOTS} < ${SLOTS - 1}, 0))
                  AS moved_on,
                sum(CASE WHEN later IS NOT NULL THEN later / ${SLOTS} - at
                         WHEN idx NOT IN ${sql.indexes((s) => s.kind !== 'open')}
                           THEN max(0, @now - at) END) AS dur
           FROM e WHERE idx IS NOT NULL
          GROUP BY idx, deal)
       SELECT idx, count(*) AS entered, sum(moved_on) AS movedOn, avg(dur) AS avgTime,
              median(dur) AS medianTime
         FROM per GROUP BY idx`,
    )
    .all({ ...params, ...sql.params }) as {
    idx: number;
    entered: number;
    movedOn: number;
    avgTime: number | null;
    medianTime: number | null;
  }[];
}

function funnelReach(ctx: CoreContext, sql: StageSql, params: Params) {
  // For each deal created in the range, the furthest funnel step it reached: through its history
  // or where it is now (a deal imported without history still counts).
  const step = (column: string) => sql.map(column, (s) => s.fidx);
  return ctx.store
    .prepare(
      `SELECT reached, count(*) AS deals FROM (
         SELECT max(coalesce(${step('d.stage_id')}, -1),
                    coalesce((SELECT max(${step('h.to_stage_id')})
                                FROM stage_history h INDEXED BY stage_history_path
                               WHERE h.deal_id = d.id AND h.deleted_at IS NULL), -1)) AS reached
           FROM deals d INDEXED BY deals_created_stage
          WHERE d.deleted_at IS NULL AND d.created_at >= @from AND d.created_at < @to
                ${ownerClause(params)})
        GROUP BY reached`,
    )
    .all({ ...params, ...sql.params }) as { reached: number; deals: number }[];
}

type Outcome = 'won' | 'lost' | 'churn';

function closes(ctx: CoreContext, sql: StageSql, params: Params) {
  // Deals that entered a won or lost stage in the range, sorted into sales won, sales lost and
  // churned customers, then summed per reason and currency.
  const won = sql.ids((s) => s.kind === 'won');
  const lost = sql.ids((s) => s.kind === 'lost');
  const customer = sql.ids((s) => s.customer);
  return ctx.store
    .prepare(
      `WITH ev AS (
         SELECT h.deal_id AS deal, h.to_stage_id IN ${won} AS won, min(h.moved_at) AS at
           FROM stage_history h INDEXED BY stage_history_moved
          WHERE h.to_stage_id IN ${sql.ids((s) => s.kind !== 'open')}
            AND h.moved_at >= @from AND h.moved_at < @to AND h.deleted_at IS NULL
          GROUP BY h.deal_id, 2),
       c AS (
         SELECT CASE
                  WHEN ev.won THEN
                    CASE WHEN d.stage_id IN ${customer} OR d.stage_id IN ${lost} THEN 'won' END
                  WHEN d.stage_id NOT IN ${lost} THEN NULL
                  WHEN EXISTS (SELECT 1 FROM stage_history x INDEXED BY stage_history_path
                                WHERE x.deal_id = ev.deal AND x.moved_at <= ev.at
                                  AND x.deleted_at IS NULL AND x.to_stage_id IN ${customer})
                    THEN 'churn'
                  ELSE 'lost'
                END AS outcome,
                d.account_id AS account,
                -- A won deal lost since carries the reason it was lost for, not why it was won.
                CASE WHEN ev.won AND d.stage_id IN ${lost} THEN NULL ELSE d.close_reason END
                  AS reason,
                d.currency,
                d.value_minor AS value, ev.at - d.created_at AS cycle
           FROM ev JOIN deals d ON d.id = ev.deal AND d.deleted_at IS NULL ${ownerClause(params)})
       SELECT outcome, reason, currency, count(*) AS deals, sum(value) AS value,
              sum(cycle) AS cycle, json_group_array(DISTINCT account) AS accounts
         FROM c WHERE outcome IS NOT NULL
        GROUP BY outcome, reason, currency`,
    )
    .all({ ...params, ...sql.params }) as {
    outcome: Outcome;
    reason: string | null;
    currency: string;
    deals: number;
    value: number;
    cycle: number;
    accounts: string;
  }[];
}

function openDeals(ctx: CoreContext, sql: StageSql, params: Params) {
  return ctx.store
    .prepare(
      `SELECT d.currency, count(*) AS deals FROM deals d INDEXED BY deals_stage_currency
        WHERE d.deleted_at IS NULL AND d.stage_id IN ${sql.ids((s) => s.pipeline)}
              ${ownerClause(params)}
        GROUP BY d.currency`,
    )
    .all({ ...params, ...sql.params }) as { currency: string; deals: number }[];
}

function renewals(ctx: CoreContext, sql: StageSql, params: Params): LifecycleDashboard['renewals'] {
  const customer = sql.ids((s) => s.customer);
  const row = ctx.store
    .prepare(
      `WITH due AS (
         SELECT a.renewal_at AS at, a.health,
                EXISTS (SELECT 1 FROM deals d
                         WHERE d.account_id = a.id AND d.deleted_at IS NULL
                           AND d.stage_id IN ${sql.ids((s) => s.kind === 'lost')}
                           AND EXISTS (SELECT 1 FROM stage_history h
                                        WHERE h.deal_id = d.id AND h.deleted_at IS NULL
                                          AND h.to_stage_id IN ${customer})) AS churned,
                EXISTS (SELECT 1 FROM deals d
                         WHERE d.account_id = a.id AND d.deleted_at IS NULL
                           AND d.stage_id IN ${customer}) AS live
           FROM accounts a
          WHERE a.deleted_at IS NULL AND a.renewal_at >= @from AND a.renewal_at < @to
                ${ownerClause(params, 'a.owner_id')}),
       sorted AS (
         SELECT health, CASE WHEN churned THEN 'churned'
                             WHEN at <= @now AND live THEN 'renewed'
                             ELSE 'open' END AS state
           FROM due)
       SELECT count(*) AS due,
              coalesce(sum(state = 'renewed'), 0) AS renewed,
              coalesce(sum(state = 'churned'), 0) AS churned,
              coalesce(sum(state = 'open'), 0) AS open,
              coalesce(sum(state = 'open' AND health = 'at_risk'), 0) AS atRisk
         FROM sorted`,
    )
    .get({ ...params, ...sql.params }) as Omit<LifecycleDashboard['renewals'], 'renewalRate'>;
  const decided = row.renewed + row.churned;
  return { ...row, renewalRate: decided > 0 ? row.renewed / decided : null };
}

const npsOf = (answers: number, promoters: number, detractors: number) =>
  answers === 0 ? null : Math.round(((promoters - detractors) * 100) / answers);

function satisfaction(ctx: CoreContext, params: Params): LifecycleDashboard['satisfaction'] {
  const weeks = Math.ceil((params.to - params.from) / WEEK);
  const bucketMs = WEEK * Math.max(1, Math.ceil(weeks / MAX_TREND_POINTS));
  const rows = ctx.store
    .prepare(
      `SELECT CAST((r.answered_at - @from) / @bucket AS INTEGER) AS slot, r.kind,
              count(*) AS answers, sum(r.score >= 9) AS promoters, sum(r.score <= 6) AS detractors,
              sum(r.score) AS total
         FROM satisfaction_responses r
         ${params.owner === undefined ? '' : 'JOIN accounts a ON a.id = r.account_id'}
        WHERE r.deleted_at IS NULL AND r.answered_at >= @from AND r.answered_at < @to
          AND r.kind IN ('nps', 'csat') ${ownerClause(params, 'a.owner_id')}
        GROUP BY slot, r.kind`,
    )
    .all({ ...params, bucket: bucketMs }) as {
    slot: number;
    kind: 'nps' | 'csat';
    answers: number;
    promoters: number;
    detractors: number;
    total: number;
  }[];
  const trend = Array.from({ length: Math.ceil((params.to - params.from) / bucketMs) }, (_, i) => ({
    at: params.from + i * bucketMs,
    nps: null as number | null,
    npsAnswers: 0,
    csat: null as number | null,
    csatAnswers: 0,
  }));
  const nps = { answers: 0, promoters: 0, detractors: 0 };
  const csat = { answers: 0, total: 0 };
  for (const row of rows) {
    const point = trend[row.slot]!;
    if (row.kind === 'nps') {
      point.npsAnswers = row.answers;
      point.nps = npsOf(row.answers, row.promoters, row.detractors);
      nps.answers += row.answers;
      nps.promoters += row.promoters;
      nps.detractors += row.detractors;
    } else {
      point.csatAnswers = row.answers;
      point.csat = row.total / row.answers;
      csat.answers += row.answers;
      csat.total += row.total;
    }
  }
  return {
    nps: npsOf(nps.answers, nps.promoters, nps.detractors),
    npsAnswers: nps.answers,
    promoters: nps.promoters,
    passives: nps.answers - nps.promoters - nps.detractors,
    detractors: nps.detractors,
    csat: csat.answers > 0 ? csat.total / csat.answers : null,
    csatAnswers: csat.answers,
    bucketMs,
    trend,
  };
}

/** Reason rows, most deals first; each reason's value per currency, the largest first. */
function byReason(rows: ReturnType<typeof closes>): LifecycleReasonRow[] {
  const reasons = new Map<string | null, LifecycleReasonRow>();
  for (const row of rows) {
    let entry = reasons.get(row.reason);
    if (!entry) {
      entry = { reason: row.reason, deals: 0, value: [] };
      reasons.set(row.reason, entry);
    }
    entry.deals += row.deals;
    entry.value.push({ currency: row.currency, minor: row.value });
  }
  return [...reasons.values()]
    .map((entry) => ({ ...entry, value: entry.value.sort((a, b) => b.minor - a.minor) }))
    .sort(
      (a, b) =>
        b.deals - a.deals ||
        (a.reason === null ? 1 : b.reason === null ? -1 : a.reason.localeCompare(b.reason)),
    );
}

export function lifecycleDashboard(
  ctx: CoreContext,
  input: ParsedInput<'dashboard.lifecycle'>,
): LifecycleDashboard {
  const stages = listStages(ctx.store);
  const { order, funnel } = stageOrder(stages);
  const sql = new StageSql(order);
  const params: Params = {
    from: input.from,
    to: input.to,
    now: ctx.now(),
    ...(input.ownerId === undefined ? {} : { owner: input.ownerId }),
  };

  const perStage = new Map(stageNumbers(ctx, sql, params).map((row) => [row.idx, row]));
  const stageRows = stages.map((stage, idx) => {
    const row = perStage.get(idx);
    const entered = row?.entered ?? 0;
    const movedOn = row?.movedOn ?? 0;
    return {
      stageId: stage.id,
      name: stage.name,
      phaseId: stage.phaseId,
      kind: stage.kind,
      entered,
      movedOn,
      conversionRate: stage.kind === 'lost' || entered === 0 ? null : movedOn / entered,
      medianTimeMs: row?.medianTime ?? null,
      avgTimeMs: row?.avgTime ?? null,
    };
  });

  // reached[k]: deals whose furthest step is k or beyond.
  const reach = funnelReach(ctx, sql, params);
  const funnelRows = funnel.map((stage, step) => ({
    stageId: stage.id,
    name: stage.name,
    reached: reach.filter((r) => r.reached >= step).reduce((sum, r) => sum + r.deals, 0),
    conversionRate: null as number | null,
  }));
  funnelRows.forEach((row, step) => {
    const before = funnelRows[step - 1];
    row.conversionRate = before && before.reached > 0 ? row.reached / before.reached : null;
  });

  const closed = closes(ctx, sql, params);
  const of = (outcome: Outcome) => closed.filter((row) => row.outcome === outcome);
  const count = (rows: typeof closed) => rows.reduce((sum, row) => sum + row.deals, 0);
  const won = of('won');
  const lost = of('lost');
  const churned = of('churn');
  const wonDeals = count(won);
  const lostDeals = count(lost);

  const currencies = new Map<
    string,
    { open: number; won: number; lost: number; value: number; cycle: number }
  >();
  const currency = (code: string) => {
    let entry = currencies.get(code);
    if (!entry) {
      entry = { open: 0, won: 0, lost: 0, value: 0, cycle: 0 };
      currencies.set(code, entry);
    }
    return entry;
  };
  for (const row of openDeals(ctx, sql, params)) currency(row.currency).open += row.deals;
  for (const row of won) {
    const entry = currency(row.currency);
    entry.won += row.deals;
    entry.value += row.value;
    entry.cycle += row.cycle;
  }
  for (const row of lost) currency(row.currency).lost += row.deals;
  const velocity = [...currencies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, c]) => {
      if (c.won === 0) {
        return {
          currency: code,
          openDeals: c.open,
          winRate: c.lost > 0 ? 0 : null,
          avgWonValueMinor: null,
          avgCycleDays: null,
          perDayMinor: null,
        };
      }
      const winRate = c.won / (c.won + c.lost);
      const avgWonValueMinor = c.value / c.won;
      const avgCycleDays = c.cycle / c.won / DAY;
      // A cycle under a day (a deal created as won) counts as one day.
      const perDayMinor = Math.round(
        (c.open * winRate * avgWonValueMinor) / Math.max(1, avgCycleDays),
      );
      return {
        currency: code,
        openDeals: c.open,
        winRate,
        avgWonValueMinor: Math.round(avgWonValueMinor),
        avgCycleDays,
        perDayMinor,
      };
    });

  const churnedAccounts = new Set<string>();
  for (const row of churned) {
    for (const account of JSON.parse(row.accounts) as (string | null)[]) {
      if (account) churnedAccounts.add(account);
    }
  }

  return {
    from: input.from,
    to: input.to,
    now: params.now,
    stages: stageRows,
    funnel: funnelRows,
    won: { deals: wonDeals, byReason: byReason(won) },
    lost: { deals: lostDeals, byReason: byReason(lost) },
    winRate: wonDeals + lostDeals > 0 ? wonDeals / (wonDeals + lostDeals) : null,
    velocity,
    renewals: renewals(ctx, sql, params),
    churn: { accounts: churnedAccounts.size, deals: count(churned), byReason: byReason(churned) },
    satisfaction: satisfaction(ctx, params),
  };
}

export const lifecycleMethods = (ctx: CoreContext) =>
  ({
    'dashboard.lifecycle': (input) => lifecycleDashboard(ctx, input),
  }) satisfies Partial<Handlers>;
