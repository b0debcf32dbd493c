/**
 * Scores over time and across the team, in SQL over `call_scores` (which carries each call's rep
 * and start, so no join with calls is needed): a rep's (or the team's) weekly average and
 * per-dimension averages, the team's histogram, each rep's average and low scores.
 */
import { TZDate } from '@date-fns/tz';
import { addWeeks, startOfISOWeek } from 'date-fns';
import { ApiError, type MethodOutput, type ParsedInput } from '../../shared/contract';
import { DIMENSIONS } from '../../shared/scoring/catalog';
import type { DimensionId } from '../../shared/scoring/config';
import { LOW_SCORE } from '../../shared/scoring/low';
import type { CoreContext } from '../context';
import { dimensionScoreSql, INDEXED_SCORE_DIMENSIONS } from '../store/migrations';
import { getTeam } from '../team/team';
import { DISCOVERY_QUALITY_LABEL } from './remote';

/**
 * A call scored under this is "low": the same threshold as the live dashboard's. A constant for
 * now (the scoring config has no field for it yet).
 */
export const LOW_SCORE_THRESHOLD = LOW_SCORE;
/** The newest low calls the distribution lists. */
const LOW_CALLS = 10;
/** A trend has one point per week: ten years at most. */
const MAX_WEEKS = 530;

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The team's time zone (weeks start on its Mondays), or UTC. */
function teamZone(ctx: CoreContext): string {
  const zone = getTeam(ctx)?.timeZone;
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** ISO weeks (Monday 00:00 in `zone`) that overlap [from, to), each clipped to the range. */
function isoWeeks(from: number, to: number, zone: string) {
  const weeks: { at: number; lo: number; hi: number }[] = [];
  let start = startOfISOWeek(new TZDate(from, zone));
  while (start.getTime() < to) {
    const next = addWeeks(start, 1);
    weeks.push({
      at: start.getTime(),
      lo: Math.max(from, start.getTime()),
      hi: Math.min(to, next.getTime()),
    });
    if (weeks.length > MAX_WEEKS) {
      throw new ApiError('invalid_input', 'a score trend covers ten years at most', 'to');
    }
    start = next;
  }
  return weeks;
}

const DIMENSION_LABELS: Record<(typeof INDEXED_SCORE_DIMENSIONS)[number], string> = {
  ...(Object.fromEntries(
    Object.entries(DIMENSIONS).map(([id, info]) => [id, info.label]),
  ) as Record<DimensionId, string>),
  discoveryQuality: DISCOVERY_QUALITY_LABEL,
};

export function scoreTrend(
  ctx: CoreContext,
  input: ParsedInput<'scores.trend'>,
): MethodOutput<'scores.trend'> {
  const weeks = isoWeeks(input.from, input.to, teamZone(ctx));
  const rep = input.repId === undefined ? '' : 'AND s.rep_id = @rep';
  const params = { from: input.from, to: input.to, rep: input.repId ?? null };
  const rows = ctx.store
    .prepare(
      `WITH weeks AS (
         SELECT value ->> 'at' AS at, value ->> 'lo' AS lo, value ->> 'hi' AS hi
           FROM json_each(@weeks))
       SELECT w.at AS at, count(s.overall) AS calls, avg(s.overall) AS average
         FROM weeks w
         LEFT JOIN call_scores s INDEXED BY ${input.repId === undefined ? 'call_scores_started' : 'call_scores_rep_started'}
           ON s.call_started_at >= w.lo AND s.call_started_at < w.hi
          AND s.deleted_at IS NULL AND s.overall IS NOT NULL ${rep}
        GROUP BY w.at ORDER BY w.at`,
    )
    .all({ ...params, weeks: JSON.stringify(weeks) }) as {
    at: number;
    calls: number;
    average: number | null;
  }[];
  let calls = 0;
  let sum = 0;
  for (const row of rows) {
    calls += row.calls;
    sum += (row.average ?? 0) * row.calls;
  }
  // Every dimension's average in one pass over a covering index (no JSON parsed per score).
  const averages = ctx.store
    .prepare(
      `SELECT ${INDEXED_SCORE_DIMENSIONS.map((id, i) => `avg(${dimensionScoreSql(id)}) AS d${i}`).join(', ')}
         FROM call_scores s INDEXED BY ${input.repId === undefined ? 'call_scores_started_dims' : 'call_scores_rep_dims'}
        WHERE s.call_started_at >= @from AND s.call_started_at < @to
          AND s.deleted_at IS NULL ${rep}`,
    )
    .get(params) as Record<string, number | null>;
  const dimensions = INDEXED_SCORE_DIMENSIONS.flatMap((id, i) => {
    const average = averages[`d${i}`];
    return average == null ? [] : [{ id, label: DIMENSION_LABELS[id], average: round1(average) }];
  });
  return {
    points: rows.map((row) => ({
      at: row.at,
      calls: row.calls,
      average: row.average === null ? null : round1(row.average),
    })),
    average: calls > 0 ? round1(sum / calls) : null,
    calls,
    dimensions,
  };
}

/**
 * Scores by time with their overall and rep: the planner would otherwise take the wider index of
 * dimension scores, which lacks the overall, and read every row (100,000 scores: 8× slower).
 */
const COVERING = 'INDEXED BY call_scores_started';

export function scoreDistribution(
  ctx: CoreContext,
  input: ParsedInput<'scores.distribution'>,
): MethodOutput<'scores.distribution'> {
  const params = { from: input.from, to: input.to, low: LOW_SCORE_THRESHOLD };
  const inRange = `s.call_started_at >= @from AND s.call_started_at < @to
    AND s.deleted_at IS NULL AND s.overall IS NOT NULL`;
  const counts = ctx.store
    .prepare(
      `SELECT min(CAST(s.overall / 10 AS INTEGER), 9) AS bucket, count(*) AS calls
         FROM call_scores s ${COVERING} WHERE ${inRange} GROUP BY 1`,
    )
    .all(params) as { bucket: number; calls: number }[];
  const buckets = Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i * 10 + 10,
    calls: 0,
  }));
  for (const { bucket, calls } of counts) buckets[Math.max(0, bucket)]!.calls += calls;
  const reps = ctx.store
    .prepare(
      `SELECT s.rep_id AS repId, coalesce(nullif(u.name, ''), 'Unknown rep') AS repName,
              count(*) AS calls, avg(s.overall) AS average, sum(s.overall < @low) AS low
         FROM call_scores s ${COVERING} LEFT JOIN users u ON u.id = s.rep_id
        WHERE ${inRange} AND s.rep_id IS NOT NULL
        GROUP BY s.rep_id ORDER BY 2 COLLATE NOCASE, 1`,
    )
    .all(params) as {
    repId: string;
    repName: string;
    calls: number;
    average: number;
    low: number;
  }[];
  const lowCalls = ctx.store
    .prepare(
      `SELECT s.id AS callId, nullif(u.name, '') AS repName, nullif(d.title, '') AS dealTitle,
              s.call_started_at AS startedAt, s.overall AS overall
         FROM call_scores s ${COVERING}
         LEFT JOIN users u ON u.id = s.rep_id
         LEFT JOIN calls c ON c.id = s.id
         LEFT JOIN deals d ON d.id = c.deal_id
        WHERE ${inRange} AND s.overall < @low
        ORDER BY s.call_started_at DESC, s.id LIMIT ${LOW_CALLS}`,
    )
    .all(params) as MethodOutput<'scores.distribution'>['lowCalls'];
  return {
    buckets,
    reps: reps.map((rep) => ({ ...rep, average: round1(rep.average) })),
    lowCalls,
    lowThreshold: LOW_SCORE_THRESHOLD,
  };
}
