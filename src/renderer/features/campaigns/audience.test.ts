import { describe, expect, it } from 'vitest';
import type { Campaign, Phase } from '../../../shared/domain';
import { describeAudience, describeTiming } from './audience';
import { toFields, toPatch, valuesFromCampaign } from './campaignForm';

const phases: Phase[] = [
  { id: 'conversion', name: 'Conversion', owner: 'Sales', position: 2 },
  { id: 'retention', name: 'Retention', owner: 'Success', position: 3 },
];
const DAY = 86_400_000;

describe('campaign audience in words', () => {
  it('reads like a sentence for every shape of filter', () => {
    const say = (industries: string[], regions: string[], phaseIds: Phase['id'][]) =>
      describeAudience({ industries, regions, phaseIds }, phases);
    expect(say([], [], [])).toBe('Every customer, at any stage');
    expect(say(['Logistics'], [], [])).toBe('Logistics companies');
    expect(say(['Logistics', 'Retail', 'Energy'], ['EMEA'], [])).toBe(
      'Logistics, Retail or Energy companies in EMEA',
    );
    expect(say([], ['EMEA', 'APAC'], ['conversion'])).toBe(
      'Companies in EMEA or APAC, with deals in Conversion',
    );
    expect(say([], [], ['retention'])).toBe('Any customer with deals in Retention');
  });

  it('says what the dates mean today', () => {
    const now = Date.UTC(2026, 3, 10);
    const campaign = (status: Campaign['status'], startsAt: number | null, endsAt: number | null) =>
      ({ status, startsAt, endsAt }) as Campaign;
    expect(describeTiming(campaign('running', null, now + 4.5 * DAY), now)).toBe('Ends in 5 days');
    expect(describeTiming(campaign('running', null, null), now)).toBe('Until further notice');
    expect(describeTiming(campaign('scheduled', now + DAY / 2, null), now)).toBe('Starts in a day');
    expect(describeTiming(campaign('ended', null, now - 3 * DAY), now)).toBe('Ended 3 days ago');
  });
});

describe('campaign form', () => {
  const campaign: Campaign = {
    id: '0190f2a4-0000-7000-8000-000000000001',
    name: 'Spring',
    audience: null,
    filter: { industries: ['Logistics'], regions: [], phaseIds: [] },
    offer: null,
    priceMinor: 990_000,
    currency: 'EUR',
    startsAt: Date.UTC(2026, 2, 1, 10),
    endsAt: null,
    status: 'running',
  };

  it('sends only what changed, keeping a start hour set elsewhere', () => {
    const values = valuesFromCampaign(campaign, 'EUR');
    expect(values.price).toBe('9900');
    expect(toPatch(campaign, values)).toEqual({});
    expect(toPatch(campaign, { ...values, regionDraft: 'EMEA' })).toEqual({
      filter: { industries: ['Logistics'], regions: ['EMEA'], phaseIds: [] },
    });
    expect(toPatch(campaign, { ...values, price: '' })).toEqual({
      priceMinor: null,
      currency: null,
    });
  });

  it('names the field of a price that is not one and of dates out of order', () => {
    const values = valuesFromCampaign(campaign, 'EUR');
    expect(() => toFields({ ...values, price: '9.999' })).toThrow(/at most 2 decimal places/);
    expect(() => toFields({ ...values, starts: '2026-05-02', ends: '2026-05-01' })).toThrow(
      expect.objectContaining({ field: 'ends' }),
    );
    // One day is a valid campaign: it runs from the start to the end of that day.
    const oneDay = toFields({ ...values, starts: '2026-05-01', ends: '2026-05-01' });
    expect(oneDay.endsAt! - oneDay.startsAt!).toBe(DAY - 1);
  });
});
