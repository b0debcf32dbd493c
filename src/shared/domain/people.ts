import { z } from 'zod';
import { Id, Timestamp } from './basics';
import { DealSummary } from './pipeline';

// ---------------------------------------------------------------------------------------------
// Accounts: the companies deals are sold to, renewed and grown

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

export const AccountRow = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employees: z.number().int().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  lifetimeValueMinor: z.number().int(),
  currency: z.string(),
  renewalAt: Timestamp.nullable(),
  health: AccountHealth.nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  openDeals: z.number().int(),
  createdAt: Timestamp,
});
export type AccountRow = z.infer<typeof AccountRow>;

export const SatisfactionKind = z.enum(['csat', 'nps']);
export type SatisfactionKind = z.infer<typeof SatisfactionKind>;

export const SatisfactionResponse = z.object({
  id: Id,
  accountId: Id,
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  kind: SatisfactionKind,
  /** NPS 0–10, CSAT 1–5. */
  score: z.number().int(),
  comment: z.string().nullable(),
  answeredAt: Timestamp,
});
export type SatisfactionResponse = z.infer<typeof SatisfactionResponse>;

// ---------------------------------------------------------------------------------------------
// Contacts: the people, with what a personal approach needs

export const PreferredChannel = z.enum(['call', 'email', 'sms', 'chat']);
export type PreferredChannel = z.infer<typeof PreferredChannel>;

export const Consent = z.enum(['granted', 'withdrawn', 'unknown']);
export type Consent = z.infer<typeof Consent>;

export const ContactRow = z.object({
  id: Id,
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  timeZone: z.string().nullable(),
  preferredChannel: PreferredChannel.nullable(),
  consent: Consent,
  consentAt: Timestamp.nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  createdAt: Timestamp,
});
export type ContactRow = z.infer<typeof ContactRow>;

export { DealSummary };
