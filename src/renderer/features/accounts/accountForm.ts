import type { z } from 'zod';
import type { AccountCreateInput, AccountPatch } from '../../../shared/contract';
import type { AccountHealth, AccountRow } from '../../../shared/domain';
import { currencyDigits, MoneyFormatError, parseMoney } from '../../../shared/money';
import { fromDateInput, toDateInput } from '../../lib/format';

/** What the account form edits: strings as the inputs hold them. */
export interface AccountFormValues {
  name: string;
  domain: string;
  industry: string;
  employees: string;
  region: string;
  country: string;
  city: string;
  lifetimeValue: string;
  currency: string;
  renewal: string;
  health: AccountHealth | '';
  ownerId: string;
}

export type AccountFormField = keyof AccountFormValues;

export const HEALTH: { value: AccountHealth; label: string }[] = [
  { value: 'healthy', label: 'Healthy' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'at_risk', label: 'At risk' },
];

export class AccountFormError extends Error {
  constructor(
    readonly field: AccountFormField,
    message: string,
  ) {
    super(message);
    this.name = 'AccountFormError';
  }
}

export function emptyAccountValues(defaults: Partial<AccountFormValues> = {}): AccountFormValues {
  return {
    name: '',
    domain: '',
    industry: '',
    employees: '',
    region: '',
    country: '',
    city: '',
    lifetimeValue: '',
    currency: 'EUR',
    renewal: '',
    health: '',
    ownerId: '',
    ...defaults,
  };
}

export function valuesFromAccount(account: AccountRow): AccountFormValues {
  const digits = currencyDigits(account.currency);
  return {
    name: account.name,
    domain: account.domain ?? '',
    industry: account.industry ?? '',
    employees: account.employees == null ? '' : String(account.employees),
    region: account.region ?? '',
    country: account.country ?? '',
    city: account.city ?? '',
    lifetimeValue:
      account.lifetimeValueMinor === 0
        ? ''
        : (account.lifetimeValueMinor / 10 ** digits).toFixed(digits).replace(/\.0+$/, ''),
    currency: account.currency,
    renewal: toDateInput(account.renewalAt),
    health: account.health ?? '',
    ownerId: account.ownerId ?? '',
  };
}

type AccountFields = Required<z.input<typeof AccountPatch>>;

/** Every field as the API takes it; throws `AccountFormError` for a number that is not one. */
function toFields(values: AccountFormValues): AccountFields {
  const text = (value: string) => value.trim() || null;
  let employees: number | null = null;
  if (values.employees.trim()) {
    const cleaned = values.employees.replace(/[\s,.']/g, '');
    if (!/^\d+$/.test(cleaned)) {
      throw new AccountFormError('employees', 'A whole number of people, e.g. 250.');
    }
    employees = Number(cleaned);
  }
  let lifetimeValueMinor = 0;
  if (values.lifetimeValue.trim()) {
    try {
      lifetimeValueMinor = parseMoney(values.lifetimeValue, values.currency);
    } catch (error) {
      if (error instanceof MoneyFormatError) {
        throw new AccountFormError('lifetimeValue', error.message);
      }
      throw error;
    }
  }
  return {
    name: values.name.trim(),
    domain: text(values.domain),
    industry: text(values.industry),
    employees,
    region: text(values.region),
    country: text(values.country),
    city: text(values.city),
    lifetimeValueMinor,
    currency: values.currency,
    renewalAt: fromDateInput(values.renewal),
    health: values.health || null,
    ownerId: values.ownerId || null,
  };
}

export function toCreateInput(values: AccountFormValues): z.input<typeof AccountCreateInput> {
  return toFields(values);
}

/** Only what changed, so edits made elsewhere to other fields survive. */
export function toPatch(
  account: AccountRow,
  values: AccountFormValues,
): z.input<typeof AccountPatch> {
  const next = toFields(values);
  const beforeValues = valuesFromAccount(account);
  const before = toFields(beforeValues);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof AccountFields)[]) {
    if (next[key] !== before[key]) patch[key] = next[key];
  }
  // A renewal date compares as the day shown, so one set elsewhere keeps its hour.
  if (values.renewal === beforeValues.renewal) delete patch.renewalAt;
  return patch;
}

/** The form field an API error names: `patch.lifetimeValueMinor` → `lifetimeValue`. */
export function accountFieldFor(apiField: string | undefined): AccountFormField | undefined {
  const name = apiField?.replace(/^patch\./, '');
  if (name === 'lifetimeValueMinor') return 'lifetimeValue';
  if (name === 'renewalAt') return 'renewal';
  const fields: readonly string[] = Object.keys(emptyAccountValues());
  return name && fields.includes(name) ? (name as AccountFormField) : undefined;
}
