/**
 * The manager's live numbers, from SQL over the synced tables: every device computes them from
 * the ops it has, so they are as fresh as the sync (no hourly report).
 *
 * Methods: dashboard.activity
 * Tables:  reads calls, deals, follow_ups, users, presence
 */
import type { ActivityDashboard, ActivityNumbers, ParsedInput } from '../../shared/contract';
import { LONGEST_CALL_MS, personPresence } from '../../shared/domain/presence';
import { LOW_SCORE } from '../../shared/scoring/low';
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
const CONNECTED = `('connected', 'meeting-booked')`;

interface Totals {
  calls: number;
  connects: number;
  talkTimeMs: number;
  speeds: number[];
  leadsWaiting: number;
  followUpsOverdue: number;
  scored: number;
  scoreSum: number;
  lowScores: number;
}

const empty = (): Totals => ({
  calls: 0,
  connects: 0,
  talkTimeMs: 0,
  speeds: [],
  leadsWaiting: 0,
  followUpsOverdue: 0,
  scored: 0,
  scoreSum: 0,
  lowScores: 0,
});

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function numbers(t: Totals): ActivityNumbers {
  return {
    calls: t.calls,
    connects: t.connects,
    connectRate: t.calls > 0 ? t.connects / t.calls : 0,
    talkTimeMs: t.talkTimeMs,
    avgSpeedToLeadMs:
      t.speeds.length > 0 ? t.speeds.reduce((sum, s) => sum + s, 0) / t.speeds.length : null,
    medianSpeedToLeadMs: median(t.speeds),
    leadsWaiting: t.leadsWaiting,
    followUpsOverdue: t.followUpsOverdue,
    scoredCalls: t.scored,
    avgScore: t.scored > 0 ? t.scoreSum / t.scored : null,
    lowScores: t.lowScores,
  };
}

export function activityDashboard(
  ctx: CoreContext,
  input: ParsedInput<'dashboard.activity'>,
): ActivityDashboard {
  const { from, to } = input;
  const now = ctx.now();
  const byRep = new Map<string, Totals>();
  const team = empty();
  const of = (rep: string | null) => {
    const key = rep ?? '';
    let totals = byRep.get(key);
    if (!totals) {
      totals = empty();
      byRep.set(key, totals);
    }
    return totals;
  };

  // Calls started in a stretch of the range, and their time on the phone until the range ends
  // (or now, for a call still running); a call that began before the range counts its part
  // inside. Summed stretch by stretch and rep by rep, each an index range read from a covering
  // index, with plain sums and filters (a week of a big team is 80,000 calls: a GROUP BY sorted
  // them all, and a function call per row cost more than reading them).
  const cap = Math.min(to, now);
  const IN_RANGE = `count(*) AS calls,
    count(*) FILTER (WHERE disposition IN ${CONNECTED}) AS connects,
    coalesce(sum(ended_at - started_at)
      FILTER (WHERE ended_at <= @cap AND ended_at >= started_at), 0)
    + coalesce(sum(@cap - started_at)
      FILTER (WHERE (ended_at IS NULL OR ended_at > @cap) AND started_at < @cap), 0) AS talk`;
  const BEFORE = `0 AS calls, 0 AS connects,
    coalesce(sum(max(0, min(coalesce(ended_at, @now), @cap) - @from)), 0) AS talk`;
  type CallStats = { calls: number; connects: number; talk: number };
  const stretch = (columns: string) =>
    ctx.store.prepare(
      `SELECT ${columns} FROM calls INDEXED BY calls_started
        WHERE deleted_at IS NULL AND started_at >= @start AND started_at < @end`,
    );
  const ofRep = (columns: string) =>
    ctx.store.prepare(
      `SELECT ${columns} FROM calls INDEXED BY calls_rep_time
        WHERE rep_id = @rep AND deleted_at IS NULL AND started_at >= @start AND started_at < @end`,
    );
  const [inStretch, beforeStretch] = [stretch(IN_RANGE), stretch(BEFORE)];
  const [repInRange, repBefore] = [ofRep(IN_RANGE), ofRep(BEFORE)];
  const add = (totals: Totals, stats: CallStats) => {
    totals.calls += stats.calls;
    totals.connects += stats.connects;
    totals.talkTimeMs += stats.talk;
  };
  const earliest = from - LONGEST_CALL_MS;
  add(team, beforeStretch.get({ from, now, cap, start: earliest, end: from }) as CallStats);

  // Calls and connects per hour (per day beyond two days), for the charts; their sum is the team's.
  const bucketMs = to - from <= 2 * 86_400_000 ? 3_600_000 : 86_400_000;
  const points = Array.from({ length: Math.ceil((to - from) / bucketMs) }, (_, slot) => {
    const start = from + slot * bucketMs;
    const stats = inStretch.get({ cap, start, end: Math.min(to, start + bucketMs) }) as CallStats;
    add(team, stats);
    return { at: start, calls: stats.calls, connects: stats.connects };
  });

  // Speed to lead: from each lead created in the range to its first call.
  const leads = ctx.store
    .prepare(
      `SELECT d.owner_id AS rep, d.created_at AS created,
              (SELECT min(c.started_at) FROM calls c
                WHERE c.deal_id = d.id AND c.deleted_at IS NULL AND c.started_at >= d.created_at)
                AS firstCall
         FROM deals d
        WHERE d.deleted_at IS NULL AND d.created_at >= ? AND d.created_at < ?`,
    )
    .all(from, to) as { rep: string | null; created: number; firstCall: number | null }[];
  for (const lead of leads) {
    for (const totals of [of(lead.rep), team]) {
      if (lead.firstCall === null) totals.leadsWaiting += 1;
      else totals.speeds.push(lead.firstCall - lead.created);
    }
  }

  const overdue = ctx.store
    .prepare(
      `SELECT owner_id AS rep, count(*) AS n FROM follow_ups
        WHERE status = 'open' AND deleted_at IS NULL AND due_at < ?
        GROUP BY owner_id`,
    )
    .all(now) as { rep: string | null; n: number }[];
  for (const row of overdue) {
    of(row.rep).followUpsOverdue += row.n;
    team.followUpsOverdue += row.n;
  }

  // Call scores of the calls started in the range (a call scored later counts when it is scored).
  const scores = ctx.store
    .prepare(
      `SELECT rep_id AS rep, count(*) AS n, sum(overall) AS total,
              count(*) FILTER (WHERE overall < @low) AS low
         FROM call_scores INDEXED BY call_scores_started
        WHERE deleted_at IS NULL AND call_started_at >= @from AND call_started_at < @to
              AND overall IS NOT NULL
        GROUP BY rep_id`,
    )
    .all({ from, to, low: LOW_SCORE }) as {
    rep: string | null;
    n: number;
    total: number;
    low: number;
  }[];
  for (const row of scores) {
    for (const totals of [of(row.rep), team]) {
      totals.scored += row.n;
      totals.scoreSum += row.total;
      totals.lowScores += row.low;
    }
  }

  const onCall = ctx.store
    .prepare(
      `SELECT c.id AS callId, c.rep_id AS repId, u.name AS repName, c.started_at AS startedAt,
              d.title AS dealTitle,
              nullif(trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')), '')
                AS contactName
         FROM calls c
         LEFT JOIN users u ON u.id = c.rep_id
         LEFT JOIN deals d ON d.id = c.deal_id
         LEFT JOIN contacts k ON k.id = c.contact_id
        WHERE c.deleted_at IS NULL AND c.ended_at IS NULL AND c.started_at > ?
        ORDER BY c.started_at`,
    )
    .all(now - LONGEST_CALL_MS) as ActivityDashboard['onCall'];

  const feed = ctx.store
    .prepare(
      `SELECT c.id AS callId, u.name AS repName, c.started_at AS startedAt, c.ended_at AS endedAt,
              c.disposition, c.deal_id AS dealId, d.title AS dealTitle, s.overall AS score,
              nullif(trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')), '')
                AS contactName
         FROM (SELECT rowid AS r FROM calls INDEXED BY calls_started
                WHERE deleted_at IS NULL AND started_at >= ? AND started_at < ?
                ORDER BY started_at DESC LIMIT 30) newest
         JOIN calls c ON c.rowid = newest.r
         LEFT JOIN users u ON u.id = c.rep_id
         LEFT JOIN deals d ON d.id = c.deal_id
         LEFT JOIN contacts k ON k.id = c.contact_id
         LEFT JOIN call_scores s ON s.id = c.id AND s.deleted_at IS NULL
        ORDER BY c.started_at DESC, c.id DESC`,
    )
    .all(from, to) as ActivityDashboard['feed'];

  const users = ctx.store
    .prepare(
      `SELECT id, name, role FROM users WHERE deleted_at IS NULL AND active = 1
        ORDER BY name COLLATE NOCASE, id`,
    )
    .all() as { id: string; name: string; role: string }[];
  for (const user of users) {
    const inRange = repInRange.get({ cap, rep: user.id, start: from, end: to }) as CallStats;
    const before = repBefore.get({ from, now, cap, rep: user.id, start: earliest, end: from });
    for (const stats of [inRange, before as CallStats]) {
      if (stats.calls > 0 || stats.talk > 0) add(of(user.id), stats);
    }
  }
  // Heartbeats of every device, this one's too: who is online or idle, and since when unseen.
  const beats = new Map<string, { state: string; heardAt: number }[]>();
  for (const row of ctx.store
    .prepare(
      `SELECT user_id AS userId, status AS state, heard_at AS heardAt FROM presence
        WHERE user_id IS NOT NULL`,
    )
    .all() as { userId: string; state: string; heardAt: number }[]) {
    beats.set(row.userId, [...(beats.get(row.userId) ?? []), row]);
  }
  const reps = users
    .filter((user) => user.role === 'rep' || byRep.has(user.id))
    .map((user) => {
      const onCallSince = onCall.find((call) => call.repId === user.id)?.startedAt ?? null;
      const seen = personPresence(beats.get(user.id) ?? [], now);
      return {
        repId: user.id,
        repName: user.name,
        role: user.role,
        onCallSince,
        // The call itself is synced data: it says "on a call" even before a heartbeat does.
        presence: onCallSince !== null ? ('on-call' as const) : seen.state,
        lastSeenAt: seen.lastSeenAt,
        ...numbers(byRep.get(user.id) ?? empty()),
      };
    });
  return {
    from,
    to,
    now,
    reps,
    team: numbers(team),
    lowScoreBelow: LOW_SCORE,
    series: { bucketMs, points },
    feed,
    onCall,
  };
}

export const metricsMethods = (ctx: CoreContext) =>
  ({
    'dashboard.activity': (input) => activityDashboard(ctx, input),
  }) satisfies Partial<Handlers>;
