import { z } from 'zod';
import { Id, Timestamp } from '../domain';
import { PresenceState } from './presence';
import { type MethodSpec } from './spec';

/** The numbers of one rep (or the team) over a range. */
export const ActivityNumbers = z.object({
  calls: z.number().int(),
  /** Calls that reached someone (connected, meeting booked). */
  connects: z.number().int(),
  /** connects / calls, 0..1 (0 without calls). */
  connectRate: z.number(),
  /** Time on the phone within the range (a call across its edge counts its part inside). */
  talkTimeMs: z.number().int(),
  /** From a lead's creation to its first call, over the leads created in the range. */
  avgSpeedToLeadMs: z.number().nullable(),
  medianSpeedToLeadMs: z.number().nullable(),
  /** Leads created in the range that nobody has called yet. */
  leadsWaiting: z.number().int(),
  /** Open follow-ups due before now. */
  followUpsOverdue: z.number().int(),
  /** Calls of the range with a score, their average (0..100) and how many scored low. */
  scoredCalls: z.number().int(),
  avgScore: z.number().nullable(),
  lowScores: z.number().int(),
});
export type ActivityNumbers = z.infer<typeof ActivityNumbers>;

export const ActivityDashboard = z.object({
  from: Timestamp,
  to: Timestamp,
  now: Timestamp,
  reps: z.array(
    ActivityNumbers.extend({
      repId: Id,
      repName: z.string(),
      role: z.string(),
      /** On a call right now, since when. */
      onCallSince: Timestamp.nullable(),
      /**
       * From the call itself and the heartbeats of the person's devices: on a call, online (the
       * app open and used), idle (open, unused for 5 minutes), offline (no heartbeat for 90 s).
       */
      presence: PresenceState,
      /** When one of the person's devices was last heard from, if ever. */
      lastSeenAt: Timestamp.nullable(),
    }),
  ),
  team: ActivityNumbers,
  /** A call scored under this is flagged for coaching. */
  lowScoreBelow: z.number(),
  /** Calls and connects per bucket (an hour for a range up to two days, else a day). */
  series: z.object({
    bucketMs: z.number().int(),
    points: z.array(
      z.object({ at: Timestamp, calls: z.number().int(), connects: z.number().int() }),
    ),
  }),
  /** The newest calls of the range, newest first: the live activity feed. */
  feed: z.array(
    z.object({
      callId: Id,
      repName: z.string().nullable(),
      startedAt: Timestamp,
      endedAt: Timestamp.nullable(),
      disposition: z.string().nullable(),
      dealId: Id.nullable(),
      dealTitle: z.string().nullable(),
      contactName: z.string().nullable(),
      /** The call's score (0..100), once it has a transcript. */
      score: z.number().nullable(),
    }),
  ),
  onCall: z.array(
    z.object({
      callId: Id,
      repId: Id.nullable(),
      repName: z.string().nullable(),
      startedAt: Timestamp,
      dealTitle: z.string().nullable(),
      contactName: z.string().nullable(),
    }),
  ),
});
export type ActivityDashboard = z.infer<typeof ActivityDashboard>;

export const dashboardContract = {
  'dashboard.activity': {
    summary: 'Calls, connects, talk time, speed to lead and overdue follow-ups per rep, live.',
    input: z
      .strictObject({ from: Timestamp, to: Timestamp })
      .refine((input) => input.to > input.from, {
        error: 'the range must end after it starts',
        path: ['to'],
      }),
    output: ActivityDashboard,
  },
} satisfies Record<string, MethodSpec>;
