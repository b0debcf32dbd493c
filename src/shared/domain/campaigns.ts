import { z } from 'zod';
import { Id, Timestamp } from './basics';
import { PhaseId } from './pipeline';

// ---------------------------------------------------------------------------------------------
// Campaigns: what is running, for whom, until when, at what price

/** Who a campaign is for. Empty lists mean "any"; all given lists must match. */
export const CampaignAudience = z.object({
  industries: z.array(z.string()),
  regions: z.array(z.string()),
  phaseIds: z.array(PhaseId),
});
export type CampaignAudience = z.infer<typeof CampaignAudience>;

export const CampaignStatus = z.enum(['scheduled', 'running', 'ended']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const Campaign = z.object({
  id: Id,
  name: z.string(),
  /** In words, for people: "Logistics companies in EMEA renewing this quarter". */
  audience: z.string().nullable(),
  filter: CampaignAudience,
  offer: z.string().nullable(),
  priceMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable(),
  status: CampaignStatus,
});
export type Campaign = z.infer<typeof Campaign>;

export function campaignStatus(
  campaign: { startsAt: number | null; endsAt: number | null },
  now: number,
): CampaignStatus {
  if (campaign.startsAt != null && campaign.startsAt > now) return 'scheduled';
  if (campaign.endsAt != null && campaign.endsAt < now) return 'ended';
  return 'running';
}
