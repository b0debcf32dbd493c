import { ContactCreateInput, type ContactPatch } from '../../../shared/contract';
import type { Consent, ContactRow, PreferredChannel } from '../../../shared/domain';
import type { z } from 'zod';

/** What the contact form edits: strings as the inputs hold them. */
export interface ContactFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  accountId: string | null;
  accountName: string;
  city: string;
  country: string;
  timeZone: string;
  preferredChannel: PreferredChannel | '';
  consent: Consent;
  ownerId: string;
}

export type ContactFormField = keyof ContactFormValues | 'account';

export const CHANNELS: { value: PreferredChannel; label: string }[] = [
  { value: 'call', label: 'Phone call' },
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'Text message' },
  { value: 'chat', label: 'Chat' },
];

export const CONSENTS: { value: Consent; label: string }[] = [
  { value: 'unknown', label: 'Not asked yet' },
  { value: 'granted', label: 'Granted' },
  { value: 'withdrawn', label: 'Withdrawn' },
];

export function emptyContactValues(defaults: Partial<ContactFormValues> = {}): ContactFormValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    title: '',
    accountId: null,
    accountName: '',
    city: '',
    country: '',
    timeZone: '',
    preferredChannel: '',
    consent: 'unknown',
    ownerId: '',
    ...defaults,
  };
}

export function valuesFromContact(contact: ContactRow): ContactFormValues {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    title: contact.title ?? '',
    accountId: contact.accountId,
    accountName: contact.accountName ?? '',
    city: contact.city ?? '',
    country: contact.country ?? '',
    timeZone: contact.timeZone ?? '',
    preferredChannel: contact.preferredChannel ?? '',
    consent: contact.consent,
    ownerId: contact.ownerId ?? '',
  };
}

type ContactFields = z.input<typeof ContactPatch>;

/** Every field as the API takes it; blank text becomes null (the field is cleared). */
function toFields(values: ContactFormValues, accountId: string | null): Required<ContactFields> {
  const text = (value: string) => value.trim() || null;
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: text(values.email),
    phone: text(values.phone),
    title: text(values.title),
    accountId,
    city: text(values.city),
    country: text(values.country),
    timeZone: text(values.timeZone),
    preferredChannel: values.preferredChannel || null,
    consent: values.consent,
    ownerId: values.ownerId || null,
  };
}

export function toCreateInput(
  values: ContactFormValues,
  accountId: string | null,
): z.input<typeof ContactCreateInput> {
  return toFields(values, accountId);
}

/** Only what changed, so two people editing different fields of a contact both keep theirs. */
export function toPatch(
  contact: ContactRow,
  values: ContactFormValues,
  accountId: string | null,
): ContactFields {
  const next = toFields(values, accountId);
  const before = toFields(valuesFromContact(contact), contact.accountId);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ContactFields)[]) {
    if (next[key] !== before[key]) patch[key] = next[key];
  }
  return patch as ContactFields;
}

/** Stands in for an account that will be created on save, so the rest can be checked first. */
const ACCOUNT_TO_BE = '00000000-0000-7000-8000-000000000000';

/**
 * Every problem the contract would report, each next to its field, checked before anything is
 * written: a new account is created only for a contact that will be saved.
 */
export function contactProblems(
  values: ContactFormValues,
): Partial<Record<ContactFormField, string>> {
  const accountId = values.accountId ?? (values.accountName.trim() ? ACCOUNT_TO_BE : null);
  const result = ContactCreateInput.safeParse(toCreateInput(values, accountId));
  const problems: Partial<Record<ContactFormField, string>> = {};
  for (const issue of result.error?.issues ?? []) {
    const field = contactFieldFor(issue.path.join('.'));
    if (field && !problems[field]) problems[field] = issue.message;
  }
  return problems;
}

/** The form field an API error names: `patch.email` → `email`, `accountId` → the account box. */
export function contactFieldFor(apiField: string | undefined): ContactFormField | undefined {
  const name = apiField?.replace(/^patch\./, '');
  if (name === 'accountId') return 'account';
  const fields: readonly string[] = Object.keys(emptyContactValues());
  return name && fields.includes(name) ? (name as ContactFormField) : undefined;
}
