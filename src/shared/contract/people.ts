import { z } from 'zod';
import {
  AccountHealth,
  AccountRow,
  AccountSummary,
  Consent,
  ContactRow,
  CurrencyCode,
  DealSummary,
  Email,
  Id,
  MinorUnits,
  NonBlank,
  OptionalText,
  PreferredChannel,
  SatisfactionKind,
  SatisfactionResponse,
  TimelineItem,
  Timestamp,
} from '../domain';
import { Limit, Offset, SortDirection, page, type MethodSpec } from './spec';

// ---------------------------------------------------------------------------------------------
// accounts

export const ACCOUNT_SORT_FIELDS = [
  'name',
  'industry',
  'region',
  'employees',
  'lifetimeValue',
  'renewalAt',
  'health',
  'createdAt',
] as const;

export const AccountListInput = z.strictObject({
  /** Name or domain, prefix match; for pickers and the accounts list. */
  query: z.string().trim().max(200).optional(),
  sort: z
    .strictObject({ field: z.enum(ACCOUNT_SORT_FIELDS), direction: SortDirection })
    .default({ field: 'name', direction: 'asc' }),
  offset: Offset,
  limit: Limit(500, 50),
});
export type AccountListInput = z.input<typeof AccountListInput>;

const accountFields = {
  name: NonBlank(200),
  domain: OptionalText(200),
  industry: OptionalText(100),
  employees: z.number().int().min(0).nullable(),
  region: OptionalText(60),
  country: OptionalText(60),
  city: OptionalText(100),
  lifetimeValueMinor: MinorUnits.min(0, { error: 'must not be negative' }),
  currency: CurrencyCode,
  renewalAt: Timestamp.nullable(),
  health: AccountHealth.nullable(),
  ownerId: Id.nullable(),
};

export const AccountCreateInput = z.strictObject(accountFields).partial().required({ name: true });

export const AccountPatch = z
  .strictObject(accountFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one field to change' });

export const AccountDetail = AccountRow.extend({
  contacts: z.array(ContactRow),
  deals: z.array(DealSummary),
  satisfaction: z.object({
    responses: z.array(SatisfactionResponse),
    /** Net Promoter Score over the last 12 months (−100…100), null without answers. */
    nps: z.number().int().nullable(),
    /** Average CSAT over the last 12 months (1…5), null without answers. */
    csat: z.number().nullable(),
  }),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

export const SatisfactionRecordInput = z
  .strictObject({
    accountId: Id,
    contactId: Id.nullable().optional(),
    kind: SatisfactionKind,
    score: z.number().int(),
    comment: OptionalText(2_000).optional(),
    answeredAt: Timestamp.optional(),
  })
  .refine(
    (r) => (r.kind === 'nps' ? r.score >= 0 && r.score <= 10 : r.score >= 1 && r.score <= 5),
    {
      error: 'an NPS answer is 0–10, a CSAT answer 1–5',
      path: ['score'],
    },
  );

// ---------------------------------------------------------------------------------------------
// contacts

export const CONTACT_SORT_FIELDS = ['name', 'account', 'title', 'city', 'createdAt'] as const;

export const ContactListInput = z.strictObject({
  /** Name, email or phone. */
  query: z.string().trim().max(200).optional(),
  accountId: Id.optional(),
  sort: z
    .strictObject({ field: z.enum(CONTACT_SORT_FIELDS), direction: SortDirection })
    .default({ field: 'name', direction: 'asc' }),
  offset: Offset,
  limit: Limit(500, 50),
});
export type ContactListInput = z.input<typeof ContactListInput>;

const contactFields = {
  firstName: z.string().trim().max(100),
  lastName: z.string().trim().max(100),
  email: Email.nullable(),
  phone: OptionalText(50),
  title: OptionalText(120),
  accountId: Id.nullable(),
  city: OptionalText(100),
  country: OptionalText(60),
  /** IANA zone, e.g. Europe/Berlin: calls and follow-ups respect the contact's hours. */
  timeZone: OptionalText(60),
  preferredChannel: PreferredChannel.nullable(),
  consent: Consent,
  ownerId: Id.nullable(),
};

export const ContactCreateInput = z
  .strictObject(contactFields)
  .partial()
  .refine((c) => Boolean(c.firstName || c.lastName), {
    error: 'a contact needs a first or a last name',
    path: ['firstName'],
  });

export const ContactPatch = z
  .strictObject(contactFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one field to change' });

export const ContactDetail = ContactRow.extend({
  deals: z.array(DealSummary),
  timeline: z.array(TimelineItem),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

export const peopleContract = {
  'accounts.list': {
    summary:
      'Accounts, sorted and paged in SQL; with a query, those whose name or domain starts with it.',
    input: AccountListInput,
    output: page(AccountRow),
  },
  'accounts.get': {
    summary: 'An account with its contacts, deals and satisfaction answers.',
    input: z.strictObject({ id: Id }),
    output: AccountDetail,
  },
  'accounts.timeline': {
    summary: "Everything that happened with an account's deals and people, newest first.",
    input: z.strictObject({ id: Id }),
    output: z.array(TimelineItem),
  },
  'accounts.create': {
    summary: 'Create an account (a company).',
    input: AccountCreateInput,
    output: AccountSummary,
  },
  'accounts.update': {
    summary: "Change an account's firmographics, value, renewal date, health or owner.",
    input: z.strictObject({ id: Id, patch: AccountPatch }),
    output: AccountRow,
  },
  'satisfaction.record': {
    summary: 'Record a CSAT or NPS answer for an account.',
    input: SatisfactionRecordInput,
    output: SatisfactionResponse,
  },
  'contacts.list': {
    summary: 'Contacts, filtered, sorted and paged in SQL.',
    input: ContactListInput,
    output: page(ContactRow),
  },
  'contacts.get': {
    summary: 'A contact with their deals and engagement history.',
    input: z.strictObject({ id: Id }),
    output: ContactDetail,
  },
  'contacts.create': {
    summary: 'Create a contact.',
    input: ContactCreateInput,
    output: ContactRow,
  },
  'contacts.update': {
    summary: 'Change some fields of a contact.',
    input: z.strictObject({ id: Id, patch: ContactPatch }),
    output: ContactRow,
  },
} satisfies Record<string, MethodSpec>;
