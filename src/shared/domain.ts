/**
 * The domain as every side sees it: the lifecycle model, roles, and the shapes of the records the
 * API returns. Schemas are the source of truth; the types are inferred from them.
 */
import { z } from 'zod';
import { isCurrencyCode } from './money';

// ---------------------------------------------------------------------------------------------
// Building blocks

export const Id = z.uuid({ error: 'expected an id (a UUID)' });
/** UTC milliseconds since the epoch. */
export const Timestamp = z.number().int().nonnegative();
export const MinorUnits = z
  .number()
  .int({ error: 'expected an amount in minor units (an integer)' });
export const CurrencyCode = z
  .string()
  .refine(isCurrencyCode, { error: 'expected an ISO 4217 currency code such as EUR or USD' });
export const Email = z.email({ error: 'expected an email address' });
export const NonBlank = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` });
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` })
    .nullable();

// ---------------------------------------------------------------------------------------------
// Team

export const Role = z.enum(['rep', 'manager', 'success', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  title: z.string().nullable(),
  timeZone: z.string().nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

export const TeamSettings = z.object({
  name: z.string(),
  defaultCurrency: z.string(),
  timeZone: z.string().nullable(),
});
export type TeamSettings = z.infer<typeof TeamSettings>;

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
// Accounts, contacts, deals

export const AccountHealth = z.enum(['healthy', 'neutral', 'at_risk']);
export type AccountHealth = z.infer<typeof AccountHealth>;

export const AccountSummary = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const ContactSummary = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  accountId: Id.nullable(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

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
