import type { DealCreateInput, DealPatch } from '../../../shared/contract';
import type { Deal } from '../../../shared/domain';
import { parseMoney } from '../../../shared/money';
import { fromDateInput, fromDateTimeInput, toDateInput, toDateTimeInput } from '../../lib/format';

/** What the deal form edits: strings as the inputs hold them. */
export interface DealFormValues {
  title: string;
  accountId: string | null;
  accountName: string;
  stageId: string;
  ownerId: string;
  value: string;
  currency: string;
  expectedClose: string;
  nextStep: string;
  followUp: string;
  closeReason: string;
}

export type DealFormField = keyof DealFormValues | 'account';

export const CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CAD',
  'AUD',
  'JPY',
  'SGD',
];

export function valuesFromDeal(deal: Deal): DealFormValues {
  return {
    title: deal.title,
    accountId: deal.accountId,
    accountName: deal.accountName ?? '',
    stageId: deal.stageId,
    ownerId: deal.ownerId ?? '',
    value: deal.valueMinor === 0 ? '' : formatAmountInput(deal.valueMinor, deal.currency),
    currency: deal.currency,
    expectedClose: toDateInput(deal.expectedCloseAt),
    nextStep: deal.nextStep ?? '',
    followUp: toDateTimeInput(deal.followUpAt),
    closeReason: deal.closeReason ?? '',
  };
}

export function emptyValues(defaults: {
  stageId: string;
  ownerId: string;
  currency: string;
}): DealFormValues {
  return {
    title: '',
    accountId: null,
    accountName: '',
    expectedClose: '',
    nextStep: '',
    followUp: '',
    closeReason: '',
    value: '',
    ...defaults,
  };
}

function formatAmountInput(minor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits).replace(/\.0+$/, '');
}

export class FormError extends Error {
  constructor(
    readonly field: DealFormField,
    message: string,
  ) {
    super(message);
  }
}

/** The deal's fields as the API takes them; throws `FormError` for an amount it cannot read. */
function apiFields(values: DealFormValues, accountId: string | null) {
  let valueMinor = 0;
  if (values.value.trim()) {
    try {
      valueMinor = parseMoney(values.value, values.currency);
    } catch (error) {
      throw new FormError('value', (error as Error).message);
    }
  }
  return {
    title: values.title,
    accountId,
    stageId: values.stageId,
    ownerId: values.ownerId || null,
    valueMinor,
    currency: values.currency,
    expectedCloseAt: fromDateInput(values.expectedClose),
    nextStep: values.nextStep.trim() || null,
    followUpAt: fromDateTimeInput(values.followUp),
    closeReason: values.closeReason.trim() || null,
  };
}

export function toCreateInput(values: DealFormValues, accountId: string | null): DealCreateInput {
  return apiFields(values, accountId);
}

/** Only the fields that changed, so two people editing different fields do not overwrite each other. */
export function toPatch(deal: Deal, values: DealFormValues, accountId: string | null): DealPatch {
  const next = apiFields(values, accountId);
  const before: Record<keyof typeof next, unknown> = {
    title: deal.title,
    accountId: deal.accountId,
    stageId: deal.stageId,
    ownerId: deal.ownerId,
    valueMinor: deal.valueMinor,
    currency: deal.currency,
    expectedCloseAt: deal.expectedCloseAt,
    nextStep: deal.nextStep,
    followUpAt: deal.followUpAt,
    closeReason: deal.closeReason,
  };
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== before[key]) patch[key] = next[key];
  }
  return patch as DealPatch;
}

const API_TO_FORM: Record<string, DealFormField> = {
  title: 'title',
  accountId: 'account',
  stageId: 'stageId',
  ownerId: 'ownerId',
  valueMinor: 'value',
  currency: 'currency',
  expectedCloseAt: 'expectedClose',
  nextStep: 'nextStep',
  followUpAt: 'followUp',
  closeReason: 'closeReason',
};

/** `patch.valueMinor` → `value`: which input an API error belongs under. */
export function formFieldFor(apiField: string | undefined): DealFormField | undefined {
  if (!apiField) return undefined;
  return API_TO_FORM[apiField.replace(/^patch\./, '')];
}

/** `current` with each field the user left as it was in `previous` taken from `next`. */
export function mergeUntouched<T extends object>(current: T, previous: T, next: T): T {
  const merged = { ...current };
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (current[key] === previous[key]) merged[key] = next[key];
  }
  return merged;
}
