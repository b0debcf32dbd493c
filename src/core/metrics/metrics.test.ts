import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { createCore } from '../createCore';

/**
 * A hand-computed day. The manager looks at Monday 2026-11-30 in New York (UTC-5): the range is
 * 05:00Z Monday to 05:00Z Tuesday; "now" is Tuesday 00:10 New York, just after the day.
 *
 * Rita: call 1 09:00–09:10 connected (10 min); call 2 11:00–11:01 no answer (1 min); call 3
 * Sunday 23:50 → Monday 00:20, started before the day: not a call of Monday, but its 20 minutes
 * after midnight are Monday's talk time; call 4 Monday 23:55 → Tuesday 00:05, meeting booked: a
 * Monday call with 5 minutes on Monday. Rita: 3 calls, 2 connects, 36 minutes.
 * Ray: call 5 13:00–13:30 busy (30 min); call 6 started 23:50 and still running: 10 minutes of
 * it are Monday's. Ray: 2 calls, 0 connects, 40 minutes, on a call since 23:50.
 * Leads created Monday: A (Rita) 08:50, first call 09:00 → 10 min; B (Rita) 10:58, first call
 * 11:00 → 2 min; C (Ray) 12:00, not called yet. Lead D was created on Sunday: not Monday's.
 * Follow-ups: Rita's due Monday 14:00 (overdue), due Tuesday 09:00 (not), done (not).
 */
const ny = (iso: string) => Date.parse(`${iso}-05:00`);
const MIN = 60_000;

describe('the activity dashboard', () => {
  it('counts calls, connects, talk time across midnight, speed to lead and overdue follow-ups', async () => {
    const now = ny('2026-12-01T00:10:00');
    const core = createCore({ dbPath: tempDbPath(), now: () => now });
    const [rita, ray] = [
      '0190f2a4-0000-7000-8000-00000000a001',
      '0190f2a4-0000-7000-8000-00000000a002',
    ];
    const [a, b, c, d] = [1, 2, 3, 4].map((n) => `0190f2a4-0000-7000-8000-00000000d00${n}`) as [
      string,
      string,
      string,
      string,
    ];
    core.store.write((w) => {
      w.insert('users', { id: rita, name: 'Rita Rep', email: 'rita@x.example', role: 'rep' });
      w.insert('users', { id: ray, name: 'Ray Rep', email: 'ray@x.example', role: 'rep' });
      w.insert('deals', {
        id: a,
        title: 'A',
        owner_id: rita,
        created_at: ny('2026-11-30T08:50:00'),
      });
      w.insert('deals', {
        id: b,
        title: 'B',
        owner_id: rita,
        created_at: ny('2026-11-30T10:58:00'),
      });
      w.insert('deals', {
        id: c,
        title: 'C',
        owner_id: ray,
        created_at: ny('2026-11-30T12:00:00'),
      });
      w.insert('deals', {
        id: d,
        title: 'D',
        owner_id: ray,
        created_at: ny('2026-11-29T12:00:00'),
      });
      const call = (
        rep: string,
        deal: string | null,
        start: string,
        end: string | null,
        disposition: string | null,
      ) =>
        w.insert('calls', {
          rep_id: rep,
          deal_id: deal,
          started_at: ny(start),
          ended_at: end === null ? null : ny(end),
          disposition,
        });
      call(rita, a, '2026-11-30T09:00:00', '2026-11-30T09:10:00', 'connected');
      call(rita, b, '2026-11-30T11:00:00', '2026-11-30T11:01:00', 'no-answer');
      call(rita, null, '2026-11-29T23:50:00', '2026-11-30T00:20:00', 'connected');
      call(rita, null, '2026-11-30T23:55:00', '2026-12-01T00:05:00', 'meeting-booked');
      call(ray, null, '2026-11-30T13:00:00', '2026-11-30T13:30:00', 'busy');
      call(ray, d, '2026-11-30T23:50:00', null, null);
      w.insert('follow_ups', { owner_id: rita, due_at: ny('2026-11-30T14:00:00') });
      w.insert('follow_ups', { owner_id: rita, due_at: ny('2026-12-01T09:00:00') });
      w.insert('follow_ups', { owner_id: rita, due_at: ny('2026-11-30T08:00:00'), status: 'done' });
    });

    const board = await core.call('dashboard.activity', {
      from: ny('2026-11-30T00:00:00'),
      to: ny('2026-12-01T00:00:00'),
    });
    const byName = Object.fromEntries(board.reps.map((r) => [r.repName, r]));
    expect(byName['Rita Rep']).toMatchObject({
      calls: 3,
      connects: 2,
      connectRate: 2 / 3,
      talkTimeMs: 36 * MIN,
      avgSpeedToLeadMs: 6 * MIN,
      medianSpeedToLeadMs: 6 * MIN,
      leadsWaiting: 0,
      followUpsOverdue: 1,
      onCallSince: null,
    });
    expect(byName['Ray Rep']).toMatchObject({
      calls: 2,
      connects: 0,
      connectRate: 0,
      talkTimeMs: 40 * MIN,
      avgSpeedToLeadMs: null,
      leadsWaiting: 1,
      followUpsOverdue: 0,
      onCallSince: ny('2026-11-30T23:50:00'),
    });
    expect(board.team).toMatchObject({
      calls: 5,
      connects: 2,
      connectRate: 0.4,
      talkTimeMs: 76 * MIN,
      avgSpeedToLeadMs: 6 * MIN,
      leadsWaiting: 1,
      followUpsOverdue: 1,
    });
    expect(board.onCall).toEqual([
      expect.objectContaining({
        repName: 'Ray Rep',
        dealTitle: 'D',
        startedAt: ny('2026-11-30T23:50:00'),
      }),
    ]);
    // Charts: calls per hour of the New York day (09:00 is hour 9; 23:50 and 23:55 are hour 23).
    expect(board.series.bucketMs).toBe(3_600_000);
    expect(board.series.points).toHaveLength(24);
    const hours = board.series.points
      .map((p, hour) => [hour, p.calls, p.connects])
      .filter(([, calls]) => calls! > 0);
    expect(hours).toEqual([
      [9, 1, 1],
      [11, 1, 0],
      [13, 1, 0],
      [23, 2, 1],
    ]);
    // The feed, newest first.
    expect(board.feed.map((f) => f.startedAt)).toEqual([
      ny('2026-11-30T23:55:00'),
      ny('2026-11-30T23:50:00'),
      ny('2026-11-30T13:00:00'),
      ny('2026-11-30T11:00:00'),
      ny('2026-11-30T09:00:00'),
    ]);
    await expect(core.call('dashboard.activity', { from: 10, to: 10 })).rejects.toMatchObject({
      field: 'to',
    });
    core.close();
  });

  it('averages the call scores of the range per rep and team, and flags low ones in the feed', async () => {
    const now = ny('2026-11-30T18:00:00');
    const core = createCore({ dbPath: tempDbPath(), now: () => now });
    const rita = '0190f2a4-0000-7000-8000-00000000a001';
    const ray = '0190f2a4-0000-7000-8000-00000000a002';
    const call = (n: number) => `0190f2a4-0000-7000-8000-00000000c00${n}`;
    // Rita: calls at 09:00 (scored 80), 10:00 (scored 40: low), 11:00 (no transcript yet).
    // Ray: 12:00 (scored 20: low). A score of Sunday's call is not Monday's.
    // Rita: 2 scored, average 60, 1 low; Ray: 1, 20, 1; team: 3 scored, (80+40+20)/3, 2 low.
    core.store.write((w) => {
      w.insert('users', { id: rita, name: 'Rita Rep', email: 'rita@x.example', role: 'rep' });
      w.insert('users', { id: ray, name: 'Ray Rep', email: 'ray@x.example', role: 'rep' });
      const calls: [number, string, string, number | null][] = [
        [1, rita, '2026-11-30T09:00:00', 80],
        [2, rita, '2026-11-30T10:00:00', 40],
        [3, rita, '2026-11-30T11:00:00', null],
        [4, ray, '2026-11-30T12:00:00', 20],
        [5, ray, '2026-11-29T12:00:00', 10],
      ];
      for (const [n, rep, at, overall] of calls) {
        const started = ny(at);
        w.insert('calls', {
          id: call(n),
          rep_id: rep,
          started_at: started,
          ended_at: started + 5 * MIN,
          disposition: 'connected',
        });
        if (overall !== null) {
          w.insert('call_scores', {
            id: call(n),
            rep_id: rep,
            call_started_at: started,
            overall,
          });
        }
      }
    });
    const board = await core.call('dashboard.activity', {
      from: ny('2026-11-30T00:00:00'),
      to: ny('2026-12-01T00:00:00'),
    });
    const byName = Object.fromEntries(board.reps.map((r) => [r.repName, r]));
    expect(byName['Rita Rep']).toMatchObject({ scoredCalls: 2, avgScore: 60, lowScores: 1 });
    expect(byName['Ray Rep']).toMatchObject({ scoredCalls: 1, avgScore: 20, lowScores: 1 });
    expect(board.team).toMatchObject({ scoredCalls: 3, lowScores: 2 });
    expect(board.team.avgScore).toBeCloseTo(140 / 3, 10);
    expect(board.lowScoreBelow).toBe(50);
    expect(board.feed.map((f) => [f.callId, f.score])).toEqual([
      [call(4), 20],
      [call(3), null],
      [call(2), 40],
      [call(1), 80],
    ]);
    core.close();
  });
});
