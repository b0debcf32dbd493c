/**
 * Campaigns: what is running, for whom, until when, at what price.
 *
 * Methods: campaigns.list, campaigns.create, campaigns.update, campaigns.delete, campaigns.forDeal
 * Tables:  campaigns
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const campaignMethods = (ctx: CoreContext) => {
  void ctx;
  return {
    'campaigns.list': notImplemented('campaigns.list'),
    'campaigns.create': notImplemented('campaigns.create'),
    'campaigns.update': notImplemented('campaigns.update'),
    'campaigns.delete': notImplemented('campaigns.delete'),
    'campaigns.forDeal': notImplemented('campaigns.forDeal'),
  } satisfies Partial<Handlers>;
};
