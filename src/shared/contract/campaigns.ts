import { z } from 'zod';
import {
  Campaign,
  CampaignAudience,
  CurrencyCode,
  Id,
  MinorUnits,
  NonBlank,
  OptionalText,
  Timestamp,
} from '../domain';
import { type MethodSpec } from './spec';

const campaignFields = {
  name: NonBlank(120),
  audience: OptionalText(300),
  filter: CampaignAudience,
  offer: OptionalText(500),
  priceMinor: MinorUnits.min(0).nullable(),
  currency: CurrencyCode.nullable(),
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable(),
};

const datesInOrder = (c: { startsAt?: number | null; endsAt?: number | null }) =>
  c.startsAt == null || c.endsAt == null || c.startsAt <= c.endsAt;

export const CampaignCreateInput = z
  .strictObject(campaignFields)
  .partial()
  .required({ name: true })
  .refine(datesInOrder, { error: 'a campaign cannot end before it starts', path: ['endsAt'] });

export const CampaignPatch = z
  .strictObject(campaignFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one field to change' })
  .refine(datesInOrder, { error: 'a campaign cannot end before it starts', path: ['endsAt'] });

export const campaignsContract = {
  'campaigns.list': {
    summary: 'The team’s campaigns: running first, then scheduled, then ended.',
    input: z.strictObject({ includeEnded: z.boolean().default(true) }),
    output: z.array(Campaign),
  },
  'campaigns.create': {
    summary: 'Start or schedule a campaign.',
    input: CampaignCreateInput,
    output: Campaign,
  },
  'campaigns.update': {
    summary: 'Change a campaign.',
    input: z.strictObject({ id: Id, patch: CampaignPatch }),
    output: Campaign,
  },
  'campaigns.delete': {
    summary: 'Remove a campaign.',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id }),
  },
  'campaigns.forDeal': {
    summary: 'Campaigns running now whose audience includes this deal’s account and phase.',
    input: z.strictObject({ dealId: Id }),
    output: z.array(Campaign),
  },
} satisfies Record<string, MethodSpec>;
