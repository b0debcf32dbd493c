/**
 * Campaigns: what is running, for whom, until when, at what price. The audience is a filter
 * (industries, regions, lifecycle phases; empty lists mean anyone), the status follows the dates.
 *
 * Methods: campaigns.list, campaigns.create, campaigns.update, campaigns.delete, campaigns.forDeal
 * Tables:  campaigns
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import {
  campaignsForDeal,
  createCampaign,
  deleteCampaign,
  listCampaigns,
  updateCampaign,
} from './campaigns';

export const campaignMethods = (ctx: CoreContext) =>
  ({
    'campaigns.list': (input) => listCampaigns(ctx, input),
    'campaigns.create': (input) => createCampaign(ctx, input),
    'campaigns.update': (input) => updateCampaign(ctx, input),
    'campaigns.delete': (input) => deleteCampaign(ctx, input.id),
    'campaigns.forDeal': (input) => campaignsForDeal(ctx, input.dealId),
  }) satisfies Partial<Handlers>;
