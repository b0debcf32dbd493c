/**
 * Score trend and distribution against numbers worked out by hand. The team works in Berlin
 * (UTC+1 in March 2025), so weeks start on Monday 00:00 Berlin time, which is Sunday 23:00 UTC.
 */
import { describe, expect, it } from 'vitest';
import {
  DEAL_ID,
  failure,
  idOf,
  scoringTeam,
  transcriptFixture,
  type Person,
  type Team,
} from '../../../tests/helpers/scoringTeam';
import { dimensionScoreSql } from '../store/migrations';
import { TEAM_ID } from '../team/team';

const at = (iso: string) => Date.parse(iso);
/** Mon 3 March 2025 00:00 Berlin … Mon 24 March 00:00 Berlin: three ISO weeks. */
const FROM = at('2025-03-02T23:00:00Z');
const TO = at('2025-03-23T23:00:00Z');
const WEEK = 7 * 86_400_000;

/** A scored call: overall, then the talk ratio's and the question count's scores. */
function scored(
  team: Team,
  rep: Person | null,
  startedAt: string,
  overall: number | null,
  talkRatio: number | null,
  questions: number | null,
): string {
  return team.core.store.write((w) => {
    const id = w.insert('calls', {
      deal_id: DEAL_ID,
      rep_id: rep && idOf(rep),
      started_at: at(startedAt),
      ended_at: at(startedAt) + 60_000,
    });
    w.insert('call_scores', {
      id,
      rep_id: rep && idOf(rep),
      call_started_at: at(startedAt),
      overall,
      dimensions: JSON.stringify([
        { id: 'questions', label: 'Questions asked', score: questions },
        { id: 'talkRatio', label: 'Talk ratio', score: talkRatio },
      ]),
      // As writeScore keeps them: the scored dimensions only.
      dimension_scores: JSON.stringify({
        ...(questions === null ? {} : { questions }),
        ...(talkRatio === null ? {} : { talkRatio }),
      }),
      tips: '[]',
      scorer_kind: 'local',
      config_version: 1,
    });
    return id;
  });
}

async function berlinTeam(): Promise<Team> {
  const team = await scoringTeam();
  team.core.store.write((w) => w.update('team', TEAM_ID, { time_zone: 'Europe/Berlin' }));
  // Outside the range: Sunday 23:59 Berlin before it starts, and after it ends.
  scored(team, 'dana', '2025-03-02T22:59:00Z', 95, 95, 95);
  scored(team, 'alex', '2025-03-25T10:00:00Z', 90, 90, 90);
  // Week 1 (3–9 March)
  scored(team, 'sam', '2025-03-04T10:00:00Z', 80, 90, 70);
  scored(team, 'ray', '2025-03-05T12:00:00Z', 40, 30, 50);
  scored(team, null, '2025-03-06T09:00:00Z', 70, 70, 70);
  // Week 2: Monday 00:30 in Berlin, still Sunday in UTC.
  scored(team, 'sam', '2025-03-09T23:30:00Z', 60, 50, null);
  scored(team, 'ray', '2025-03-12T12:00:00Z', 30, 20, 40);
  scored(team, 'sam', '2025-03-12T09:00:00Z', null, null, null); // nothing could be measured
  // Week 3
  scored(team, 'sam', '2025-03-18T10:00:00Z', 100, 100, 100);
  scored(team, 'ray', '2025-03-19T10:00:00Z', 50, 60, 40);
  scored(team, 'ray', '2025-03-20T10:00:00Z', 49, 40, 58);
  return team;
}

describe('scores.trend', () => {
  it('averages the team’s calls per ISO week of the team’s time zone, and per dimension', async () => {
    const { core } = await berlinTeam();
    expect(await core.call('scores.trend', { from: FROM, to: TO })).toEqual({
      points: [
        { at: FROM, calls: 3, average: 63.3 }, // (80 + 40 + 70) / 3
        { at: FROM + WEEK, calls: 2, average: 45 }, // (60 + 30) / 2
        { at: FROM + 2 * WEEK, calls: 3, average: 66.3 }, // (100 + 50 + 49) / 3
      ],
      calls: 8,
      average: 59.9, // 479 / 8
      dimensions: [
        { id: 'talkRatio', label: 'Talk ratio', average: 57.5 }, // 460 / 8
        { id: 'questions', label: 'Questions asked', average: 61.1 }, // 428 / 7
      ],
    });
  });

  it('follows one rep; a week without calls has no average', async () => {
    const { core } = await berlinTeam();
    const sam = await core.call('scores.trend', { from: FROM, to: TO, repId: idOf('sam') });
    expect(sam).toEqual({
      points: [
        { at: FROM, calls: 1, average: 80 },
        { at: FROM + WEEK, calls: 1, average: 60 },
        { at: FROM + 2 * WEEK, calls: 1, average: 100 },
      ],
      calls: 3,
      average: 80,
      dimensions: [
        { id: 'talkRatio', label: 'Talk ratio', average: 80 }, // (90 + 50 + 100) / 3
        { id: 'questions', label: 'Questions asked', average: 85 }, // (70 + 100) / 2
      ],
    });
    const marcus = await core.call('scores.trend', { from: FROM, to: TO, repId: idOf('marcus') });
    expect(marcus).toEqual({
      points: [0, 1, 2].map((i) => ({ at: FROM + i * WEEK, calls: 0, average: null })),
      calls: 0,
      average: null,
      dimensions: [],
    });
  });

  it('starts its first point on the Monday before a range that starts mid-week, counting from the range', async () => {
    const { core } = await berlinTeam();
    // From Wednesday 5 March 00:00 UTC: Sam's call of the 4th is out, Ray's of the 5th in.
    const trend = await core.call('scores.trend', { from: at('2025-03-05T00:00:00Z'), to: TO });
    expect(trend.points[0]).toEqual({ at: FROM, calls: 2, average: 55 }); // (40 + 70) / 2
    expect(trend.points).toHaveLength(3);
  });

  it('refuses a range that ends before it starts, or spans more than ten years', async () => {
    const { core } = await scoringTeam();
    const backwards = await failure(core.call('scores.trend', { from: TO, to: FROM }));
    expect(backwards).toMatchObject({ code: 'invalid_input', field: 'to' });
    const long = await failure(
      core.call('scores.trend', { from: 0, to: at('2025-01-01T00:00:00Z') }),
    );
    expect(long).toMatchObject({ code: 'invalid_input', field: 'to' });
  });
});

describe('scores.trend over imported calls', () => {
  it('averages the dimensions an import scored, read from the index alone', async () => {
    const team = await scoringTeam();
    const callId = team.logCall('sam', at('2025-03-04T10:00:00Z'));
    const detail = await team.core.call('transcripts.import', {
      callId,
      text: transcriptFixture('teams-call.vtt'),
    });
    const trend = await team.core.call('scores.trend', { from: FROM, to: TO, repId: idOf('sam') });
    expect(trend.dimensions).toEqual(
      detail
        .score!.dimensions.filter((d) => d.score !== null)
        .map((d) => ({ id: d.id, label: d.label, average: d.score })),
    );
    for (const index of ['call_scores_started_dims', 'call_scores_rep_dims']) {
      const plan = team.core.store
        .prepare(
          `EXPLAIN QUERY PLAN SELECT avg(${dimensionScoreSql('talkRatio')}) FROM call_scores
            INDEXED BY ${index}
            WHERE call_started_at >= 0 AND call_started_at < 1 AND deleted_at IS NULL
              ${index === 'call_scores_rep_dims' ? "AND rep_id = 'x'" : ''}`,
        )
        .all() as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toContain(`USING COVERING INDEX ${index}`);
    }
  });

  it('a damaged dimension_scores value (from another version) reads as no score and breaks no write', async () => {
    const team = await scoringTeam();
    scored(team, 'sam', '2025-03-04T10:00:00Z', 80, 90, 70);
    const id = scored(team, 'sam', '2025-03-05T10:00:00Z', 60, 50, 50);
    team.core.store.write((w) =>
      w.update('call_scores', id, { dimension_scores: '{"talkRatio": 5' }),
    );
    const trend = await team.core.call('scores.trend', { from: FROM, to: TO });
    expect(trend.average).toBe(70);
    expect(trend.dimensions).toEqual([
      { id: 'talkRatio', label: 'Talk ratio', average: 90 },
      { id: 'questions', label: 'Questions asked', average: 70 },
    ]);
  });
});

describe('scores.distribution', () => {
  it('counts calls per band of ten, each rep’s average and low calls, and lists the newest low ones', async () => {
    const team = await berlinTeam();
    const result = await team.core.call('scores.distribution', { from: FROM, to: TO });
    expect(result.buckets.map((b) => b.calls)).toEqual([0, 0, 0, 1, 2, 1, 1, 1, 1, 1]);
    expect(result.buckets[0]).toEqual({ from: 0, to: 10, calls: 0 });
    expect(result.buckets[9]).toEqual({ from: 90, to: 100, calls: 1 }); // the 100
    expect(result.lowThreshold).toBe(50);
    expect(result.reps).toEqual([
      // 40, 30, 50, 49: average 42.25; under 50: three (50 is not low)
      { repId: idOf('ray'), repName: 'Ray Rep', calls: 4, average: 42.3, low: 3 },
      { repId: idOf('sam'), repName: 'Sam Rivera', calls: 3, average: 80, low: 0 },
    ]);
    expect(result.lowCalls).toEqual([
      {
        callId: expect.any(String),
        repName: 'Ray Rep',
        dealTitle: 'Harbor Freightways',
        startedAt: at('2025-03-20T10:00:00Z'),
        overall: 49,
      },
      {
        callId: expect.any(String),
        repName: 'Ray Rep',
        dealTitle: 'Harbor Freightways',
        startedAt: at('2025-03-12T12:00:00Z'),
        overall: 30,
      },
      {
        callId: expect.any(String),
        repName: 'Ray Rep',
        dealTitle: 'Harbor Freightways',
        startedAt: at('2025-03-05T12:00:00Z'),
        overall: 40,
      },
    ]);
  });

  it('lists the ten newest low calls only, and names a rep who is not on the team yet', async () => {
    const team = await scoringTeam();
    const ids: string[] = [];
    // Scores 1 … 12 on 3 … 14 March.
    for (let i = 0; i < 12; i++) {
      const day = String(3 + i).padStart(2, '0');
      ids.push(scored(team, 'ray', `2025-03-${day}T10:00:00Z`, i + 1, i + 1, i + 1));
    }
    const stranger = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    team.core.store.write((w) => {
      const startedAt = at('2025-03-15T10:00:00Z');
      const id = w.insert('calls', { rep_id: stranger, started_at: startedAt });
      w.insert('call_scores', {
        id,
        rep_id: stranger,
        call_started_at: startedAt,
        overall: 75,
        dimensions: '[]',
      });
    });
    const result = await team.core.call('scores.distribution', { from: FROM, to: TO });
    expect(result.lowCalls.map((c) => c.callId)).toEqual(ids.slice(2).reverse());
    expect(result.lowCalls.map((c) => c.overall)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(result.reps.find((r) => r.repId === stranger)).toEqual({
      repId: stranger,
      repName: 'Unknown rep',
      calls: 1,
      average: 75,
      low: 0,
    });
  });

  it('is empty for a range without scores', async () => {
    const { core } = await scoringTeam();
    const result = await core.call('scores.distribution', { from: FROM, to: TO });
    expect(result).toEqual({
      buckets: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, calls: 0 })),
      reps: [],
      lowCalls: [],
      lowThreshold: 50,
    });
  });
});
