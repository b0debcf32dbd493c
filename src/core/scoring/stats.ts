/**
 * Scores over time and across the team, in SQL over `call_scores` (which carries each call's rep
 * and start, so no join with calls is needed): a rep's (or the team's) weekly average and
 * per-dimension averages, the team's histogram, each rep's average and low scores.
 */
import { TZDate } from '@date-fns/tz';
import { addWeeks, startOfISOWeek } from 'date-fns';
import { ApiError, type MethodOutput, type ParsedInput } from '../../shared/contract';
import { DIMENSION_IDS } from '../../shared/scoring/config';
import type { CoreContext } from '../context';
import { getTeam } from '../team/team';

/**
 * A call scored under this is "low": flagged for coaching on the dashboard and counted per rep.
 * A constant for now (the scoring config has no field for it yet).
 */
export const LOW_SCORE_THRESHOLD = 50;
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

const dimensionOrder = (id: string) => {
  const index = (DIMENSION_IDS as readonly string[]).indexOf(id);
  return index === -1 ? DIMENSION_IDS.length : index;
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
         LEFT JOIN call_scores s
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
  const dimensions = ctx.store
    .prepare(
      `SELECT d.value ->> 'id' AS id, max(d.value ->> 'label') AS label,
              avg(d.value ->> 'score') AS average
         FROM call_scores s, json_each(s.dimensions) d
        WHERE s.call_started_at >= @from AND s.call_started_at < @to
          AND s.deleted_at IS NULL ${rep}
          AND d.value ->> 'score' IS NOT NULL
        GROUP BY 1`,
    )
    .all(params) as { id: string; label: string | null; average: number }[];
  return {
    points: rows.map((row) => ({
      at: row.at,
      calls: row.calls,
      average: row.average === null ? null : round1(row.average),
    })),
    average: calls > 0 ? round1(sum / calls) : null,
    calls,
    dimensions: dimensions
      .map((d) => ({ id: d.id, label: d.label ?? d.id, average: round1(d.average) }))
      .sort((a, b) => dimensionOrder(a.id) - dimensionOrder(b.id) || a.id.localeCompare(b.id)),
  };
}

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
         FROM call_scores s WHERE ${inRange} GROUP BY 1`,
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
         FROM call_scores s LEFT JOIN users u ON u.id = s.rep_id
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
         FROM call_scores s
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
