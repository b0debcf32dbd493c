import { z } from 'zod';
import { Id, Timestamp } from '../domain';
import { type MethodSpec } from './spec';

/** An amount of one currency, in integer minor units. */
const Amount = z.object({ currency: z.string(), minor: z.number().int() });

/** Deals closed (or churned) for one reason: how many, and their value per currency. */
const ReasonRow = z.object({
  /** The close reason as typed; null when none was given. */
  reason: z.string().nullable(),
  deals: z.number().int(),
  value: z.array(Amount),
});
export type LifecycleReasonRow = z.infer<typeof ReasonRow>;

/**
 * One stage of the pipeline, in board order. The cohort is the deals that entered the stage in
 * the range (a deal that entered it twice counts once); what they did next is followed up to now.
 */
const StageNumbers = z.object({
  stageId: Id,
  name: z.string(),
  phaseId: z.string(),
  kind: z.enum(['open', 'won', 'lost']),
  /** Deals that entered the stage in the range (created in it included). */
  entered: z.number().int(),
  /** Of those, the deals that later reached a stage further along the board (not a lost one). */
  movedOn: z.number().int(),
  /** movedOn / entered, 0..1; null for a lost stage or when nothing entered. */
  conversionRate: z.number().nullable(),
  /**
   * Time in the stage per deal, over the stays that began in the range (a deal's stays in the
   * stage added up). A deal still in the stage counts its time so far; in a won or lost stage,
   * where a closed deal rests for good, only stays that ended count. Null without any.
   */
  medianTimeMs: z.number().nullable(),
  avgTimeMs: z.number().nullable(),
});
export type LifecycleStageNumbers = z.infer<typeof StageNumbers>;

export const LifecycleDashboard = z.object({
  from: Timestamp,
  to: Timestamp,
  now: Timestamp,
  stages: z.array(StageNumbers),
  /**
   * The sales funnel from the first stage to Won, over the deals created in the range: how many
   * reached each stage or one beyond it by now (a skipped stage counts as passed; a deal in
   * Retention or Loyalty has reached Won; a lost deal reached the stage it was lost from).
   */
  funnel: z.array(
    z.object({
      stageId: Id,
      name: z.string(),
      reached: z.number().int(),
      /** reached / the previous step's reached, 0..1; null for the first step or after zero. */
      conversionRate: z.number().nullable(),
    }),
  ),
  /** Deals closed in the range (won or lost as a sale; churned customers are not sales). */
  won: z.object({ deals: z.number().int(), byReason: z.array(ReasonRow) }),
  lost: z.object({ deals: z.number().int(), byReason: z.array(ReasonRow) }),
  /** won / (won + lost) over the deals closed in the range; null when none closed. */
  winRate: z.number().nullable(),
  /**
   * Pipeline velocity per currency: (open deals × win rate × average won deal value) / average
   * sales cycle in days, all four of that currency: open deals are those in a stage before Won
   * now; win rate, won value and cycle (creation to win) come from the deals closed in the
   * range. Null when the currency has no deal won in the range.
   */
  velocity: z.array(
    z.object({
      currency: z.string(),
      openDeals: z.number().int(),
      winRate: z.number().nullable(),
      avgWonValueMinor: z.number().nullable(),
      avgCycleDays: z.number().nullable(),
      /** Minor units of expected won value per day. */
      perDayMinor: z.number().nullable(),
    }),
  ),
  /**
   * Accounts whose renewal date falls in the range. Churned: one of its deals had been won (it
   * reached Won, Retention or Loyalty) and is lost now. Renewed: not churned, the date has passed,
   * and it still has a live customer deal (in Won, Retention or Loyalty). Open: the others (the
   * date is ahead, or nothing says yet); atRisk counts the open ones whose health is at risk.
   */
  renewals: z.object({
    due: z.number().int(),
    renewed: z.number().int(),
    churned: z.number().int(),
    open: z.number().int(),
    atRisk: z.number().int(),
    /** renewed / (renewed + churned), 0..1; null before either. */
    renewalRate: z.number().nullable(),
  }),
  /** Customers lost in the range: won deals moved to a lost stage, by the reason given. */
  churn: z.object({
    accounts: z.number().int(),
    deals: z.number().int(),
    byReason: z.array(ReasonRow),
  }),
  /**
   * Survey answers given in the range. NPS = % promoters (9–10) − % detractors (0–6) of the NPS
   * answers, rounded to a whole number; CSAT = the mean of the CSAT answers (1–5).
   */
  satisfaction: z.object({
    nps: z.number().int().nullable(),
    npsAnswers: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    csat: z.number().nullable(),
    csatAnswers: z.number().int(),
    /** Per week from the range's start (per several weeks over long ranges: see bucketMs). */
    bucketMs: z.number().int(),
    trend: z.array(
      z.object({
        at: Timestamp,
        nps: z.number().int().nullable(),
        npsAnswers: z.number().int(),
        csat: z.number().nullable(),
        csatAnswers: z.number().int(),
      }),
    ),
  }),
});
export type LifecycleDashboard = z.infer<typeof LifecycleDashboard>;

export const lifecycleContract = {
  'dashboard.lifecycle': {
    summary:
      'Conversion between stages, time in stage, velocity, won and lost by reason, renewals, churn and satisfaction.',
    input: z
      .strictObject({
        from: Timestamp,
        to: Timestamp,
        /** Only this owner's deals and accounts (and the answers of those accounts). */
        ownerId: Id.optional(),
      })
      .refine((input) => input.to > input.from, {
        error: 'the range must end after it starts',
        path: ['to'],
      }),
    output: LifecycleDashboard,
  },
} satisfies Record<string, MethodSpec>;
