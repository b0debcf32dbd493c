import { z } from 'zod';
import { Id, Timestamp } from './basics';

// ---------------------------------------------------------------------------------------------
// The lifecycle model

export const PhaseId = z.enum(['reach', 'acquisition', 'conversion', 'retention', 'loyalty']);
export type PhaseId = z.infer<typeof PhaseId>;

export const Phase = z.object({
  id: PhaseId,
  name: z.string(),
  /** The team that owns the phase: marketing, sales, success. */
  owner: z.string(),
  position: z.number(),
});
export type Phase = z.infer<typeof Phase>;

/** `won` and `lost` close a deal; every other stage is `open`. */
export const StageKind = z.enum(['open', 'won', 'lost']);
export type StageKind = z.infer<typeof StageKind>;

export const Stage = z.object({
  id: Id,
  name: z.string(),
  phaseId: PhaseId,
  position: z.number(),
  /** Win probability in percent, for weighted pipeline value. */
  probability: z.number().int().min(0).max(100),
  /** A deal with no activity for longer than this is rotting; null: never. */
  rottingDays: z.number().int().positive().nullable(),
  kind: StageKind,
});
export type Stage = z.infer<typeof Stage>;

// ---------------------------------------------------------------------------------------------
// Deals

export const DealStatus = z.enum(['open', 'won', 'lost']);
export type DealStatus = z.infer<typeof DealStatus>;

export const Deal = z.object({
  id: Id,
  title: z.string(),
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  stageId: Id,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  valueMinor: z.number().int(),
  currency: z.string(),
  status: DealStatus,
  closeReason: z.string().nullable(),
  expectedCloseAt: Timestamp.nullable(),
  nextStep: z.string().nullable(),
  followUpAt: Timestamp.nullable(),
  source: z.string().nullable(),
  stageEnteredAt: Timestamp,
  lastActivityAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Deal = z.infer<typeof Deal>;

export const StageMove = z.object({
  id: Id,
  fromStageId: Id.nullable(),
  toStageId: Id,
  movedAt: Timestamp,
  movedBy: Id.nullable(),
});
export type StageMove = z.infer<typeof StageMove>;

export const DealDetail = Deal.extend({
  stageHistory: z.array(StageMove),
});
export type DealDetail = z.infer<typeof DealDetail>;

/** What a board card shows; `rotting` is computed in SQL by the rule of `isRotting`. */
export const DealCard = z.object({
  id: Id,
  title: z.string(),
  stageId: Id,
  accountName: z.string().nullable(),
  valueMinor: z.number().int(),
  currency: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  status: DealStatus,
  followUpAt: Timestamp.nullable(),
  lastActivityAt: Timestamp,
  position: z.number(),
  rotting: z.boolean(),
});
export type DealCard = z.infer<typeof DealCard>;

/** Money in one currency: the sum of values and the probability-weighted sum. */
export const MoneyTotal = z.object({
  currency: z.string(),
  valueMinor: z.number().int(),
  weightedMinor: z.number().int(),
});
export type MoneyTotal = z.infer<typeof MoneyTotal>;

export const BoardColumn = z.object({
  stageId: Id,
  count: z.number().int(),
  /** One entry per currency among the column's deals, largest first. */
  totals: z.array(MoneyTotal),
  /** The first cards, in board order; the rest are paged with `board.cards`. */
  cards: z.array(DealCard),
});
export type BoardColumn = z.infer<typeof BoardColumn>;

/** A deal as other records list it. */
export const DealSummary = z.object({
  id: Id,
  title: z.string(),
  stageId: Id,
  status: DealStatus,
  valueMinor: z.number().int(),
  currency: z.string(),
  ownerName: z.string().nullable(),
  lastActivityAt: Timestamp,
});
export type DealSummary = z.infer<typeof DealSummary>;

export { DAY_MS, followUpState, isRotting, type FollowUpState } from './rules';
