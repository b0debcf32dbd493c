import type { z } from 'zod';
import type { CampaignCreateInput, CampaignPatch } from '../../../shared/contract';
import type { Campaign, PhaseId } from '../../../shared/domain';
import { currencyDigits, MoneyFormatError, parseMoney } from '../../../shared/money';
import { fromDateInput, toDateInput } from '../../lib/format';

/** What the campaign form edits: strings as the inputs hold them. */
export interface CampaignFormValues {
  name: string;
  audience: string;
  industries: string[];
  /** Typed into the chips box but not yet added: saved too, so nothing typed is lost. */
  industryDraft: string;
  regions: string[];
  regionDraft: string;
  phaseIds: PhaseId[];
  offer: string;
  price: string;
  currency: string;
  starts: string;
  ends: string;
}

export type CampaignFormField =
  | 'name'
  | 'audience'
  | 'industries'
  | 'regions'
  | 'phaseIds'
  | 'offer'
  | 'price'
  | 'currency'
  | 'starts'
  | 'ends';

export class CampaignFormError extends Error {
  constructor(
    readonly field: CampaignFormField,
    message: string,
  ) {
    super(message);
    this.name = 'CampaignFormError';
  }
}

export const INDUSTRY_SUGGESTIONS = [
  'Software',
  'Logistics',
  'Manufacturing',
  'Retail',
  'Healthcare',
  'Financial services',
  'Education',
  'Hospitality',
  'Energy',
  'Media',
];
export const REGION_SUGGESTIONS = ['EMEA', 'AMER', 'APAC', 'LATAM'];

export function emptyCampaignValues(currency: string): CampaignFormValues {
  return {
    name: '',
    audience: '',
    industries: [],
    industryDraft: '',
    regions: [],
    regionDraft: '',
    phaseIds: [],
    offer: '',
    price: '',
    currency,
    starts: toDateInput(Date.now()),
    ends: '',
  };
}

function amountText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits).replace(/\.0+$/, '');
}

export function valuesFromCampaign(
  campaign: Campaign,
  fallbackCurrency: string,
): CampaignFormValues {
  const currency = campaign.currency ?? fallbackCurrency;
  return {
    name: campaign.name,
    audience: campaign.audience ?? '',
    industries: campaign.filter.industries,
    industryDraft: '',
    regions: campaign.filter.regions,
    regionDraft: '',
    phaseIds: campaign.filter.phaseIds,
    offer: campaign.offer ?? '',
    price: campaign.priceMinor == null ? '' : amountText(campaign.priceMinor, currency),
    currency,
    starts: toDateInput(campaign.startsAt),
    ends: toDateInput(campaign.endsAt),
  };
}

/** Chips plus whatever is still typed in the box. */
function withDraft(values: string[], draft: string): string[] {
  const typed = draft.trim();
  return typed && !values.some((v) => v.toLowerCase() === typed.toLowerCase())
    ? [...values, typed]
    : values;
}

/** A campaign starts at the beginning of its first day and runs to the end of its last. */
function startOfDay(value: string): number | null {
  const noon = fromDateInput(value);
  return noon == null ? null : noon - 12 * 3_600_000;
}

function endOfDay(value: string): number | null {
  const noon = fromDateInput(value);
  return noon == null ? null : noon + 12 * 3_600_000 - 1;
}

type CampaignFields = Required<z.input<typeof CampaignPatch>>;

/** Every field as the API takes it; throws `CampaignFormError` for a price that is not one. */
export function toFields(values: CampaignFormValues): CampaignFields {
  let priceMinor: number | null = null;
  if (values.price.trim()) {
    try {
      priceMinor = parseMoney(values.price, values.currency);
    } catch (error) {
      if (error instanceof MoneyFormatError) throw new CampaignFormError('price', error.message);
      throw error;
    }
  }
  const startsAt = startOfDay(values.starts);
  const endsAt = endOfDay(values.ends);
  if (startsAt != null && endsAt != null && endsAt < startsAt) {
    throw new CampaignFormError('ends', 'A campaign cannot end before it starts.');
  }
  return {
    name: values.name.trim(),
    audience: values.audience.trim() || null,
    filter: {
      industries: withDraft(values.industries, values.industryDraft),
      regions: withDraft(values.regions, values.regionDraft),
      phaseIds: values.phaseIds,
    },
    offer: values.offer.trim() || null,
    priceMinor,
    currency: priceMinor == null ? null : values.currency,
    startsAt,
    endsAt,
  };
}

export function toCreateInput(values: CampaignFormValues): z.input<typeof CampaignCreateInput> {
  return toFields(values);
}

/** Only what changed. */
export function toPatch(
  campaign: Campaign,
  values: CampaignFormValues,
): z.input<typeof CampaignPatch> {
  const next = toFields(values);
  const beforeValues = valuesFromCampaign(campaign, values.currency);
  const before = toFields(beforeValues);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof CampaignFields)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key];
  }
  // Dates compare as the days shown: a campaign written elsewhere at 10:00 keeps its hour.
  if (values.starts === beforeValues.starts) delete patch.startsAt;
  if (values.ends === beforeValues.ends) delete patch.endsAt;
  return patch;
}

/** The form field an API error names: `patch.filter.industries[2]` → `industries`. */
export function campaignFieldFor(apiField: string | undefined): CampaignFormField | undefined {
  const name = apiField?.replace(/^patch\./, '').replace(/\[\d+\]$/, '');
  const map: Record<string, CampaignFormField> = {
    name: 'name',
    audience: 'audience',
    'filter.industries': 'industries',
    'filter.regions': 'regions',
    'filter.phaseIds': 'phaseIds',
    offer: 'offer',
    priceMinor: 'price',
    currency: 'currency',
    startsAt: 'starts',
    endsAt: 'ends',
  };
  return name ? map[name] : undefined;
}
