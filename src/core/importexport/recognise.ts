/**
 * Which column is which: whose export a file is (Pipedrive, HubSpot, a dialer's call log or
 * anything else) and the field each column most likely holds, from the header names those
 * products write and the plain names people type ("Company", "E-mail", "Amount").
 */
import {
  CALL_IMPORT_FIELDS,
  CONTACT_IMPORT_FIELDS,
  DEAL_IMPORT_FIELDS,
  type ImportField,
  type ImportKind,
  type ImportMapping,
  type ImportSource,
} from '../../shared/contract';
import { CALL_HEADERS, detectCallSource } from './callHeaders';

export type { ImportSource };
export type DealField = (typeof DEAL_IMPORT_FIELDS)[number];
export type ContactField = (typeof CONTACT_IMPORT_FIELDS)[number];

const FIELDS: Record<ImportKind, readonly ImportField[]> = {
  deals: DEAL_IMPORT_FIELDS,
  contacts: CONTACT_IMPORT_FIELDS,
  calls: CALL_IMPORT_FIELDS,
};

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return FIELDS[kind];
}

/** Lower case, no accents, one space, no "*" that marks required columns in templates. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/[*:]+\s*$/, '')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/**
 * Header names per field, best first: when two columns claim one field, the one earlier in its
 * list wins ("Owner email" over "Owner", "Deal - Organization" over "Organization - Name").
 * Pipedrive writes "<Entity> - <Field>"; HubSpot writes its property labels.
 */
// prettier-ignore
const DEAL_HEADERS: Record<DealField, readonly string[]> = {
  title: ['title', 'deal - title', 'deal name', 'deal title', 'deal', 'name', 'opportunity name', 'opportunity', 'subject'],
  value: ['value', 'deal - value', 'amount', 'deal value', 'deal amount', 'amount in company currency', 'deal size', 'price', 'revenue'],
  currency: ['currency', 'deal - currency', 'deal - currency of value', 'currency of value', 'deal currency code', 'currency code'],
  stage: ['stage', 'deal - stage', 'deal stage', 'deal - stage (pipeline)', 'pipeline stage', 'sales stage'],
  status: ['status', 'deal - status', 'deal status', 'outcome', 'state'],
  owner: ['owner email', 'owner', 'deal - owner', 'deal owner', 'hubspot owner', 'sales rep', 'rep', 'assigned to', 'salesperson', 'user'],
  account: ['account', 'deal - organization', 'organization', 'organisation', 'company', 'associated company', 'associated company (primary)', 'organization - name', 'company name', 'account name', 'customer', 'client'],
  accountDomain: ['account domain', 'domain', 'company domain', 'company domain name', 'organization - website', 'website', 'website url'],
  contactName: ['contact', 'deal - contact person', 'contact person', 'person - name', 'associated contact', 'contact name', 'person'],
  contactEmail: ['contact email', 'person - email', 'person - email - work', 'person - email (work)', 'email', 'e-mail', 'email address'],
  contactPhone: ['contact phone', 'person - phone', 'person - phone - work', 'person - phone (work)', 'phone', 'phone number', 'telephone'],
  expectedCloseAt: ['expected close date', 'deal - expected close date', 'close date', 'expected close', 'closing date', 'close by'],
  source: ['source', 'deal - source', 'lead source', 'deal - lead source', 'deal - source channel', 'deal - source origin', 'source channel', 'deal source', 'original source'],
  nextStep: ['next step', 'deal - next step', 'next steps'],
  lostReason: ['close reason', 'lost reason', 'deal - lost reason', 'closed lost reason', 'loss reason', 'reason lost', 'won/lost reason'],
  createdAt: ['created', 'created at', 'deal - deal created', 'deal - creation date', 'deal - add time', 'create date', 'creation date', 'date created', 'created on', 'created date'],
};

// prettier-ignore
const CONTACT_HEADERS: Record<ContactField, readonly string[]> = {
  name: ['name', 'person - name', 'full name', 'contact name', 'contact', 'person'],
  firstName: ['first name', 'person - first name', 'firstname', 'given name', 'forename'],
  lastName: ['last name', 'person - last name', 'lastname', 'surname', 'family name'],
  email: ['email', 'person - email', 'person - email - work', 'person - email (work)', 'e-mail', 'email address', 'work email', 'person - email - home', 'person - email (home)'],
  phone: ['phone', 'person - phone', 'person - phone - work', 'person - phone (work)', 'phone number', 'mobile phone number', 'mobile', 'mobile phone', 'telephone', 'work phone', 'person - phone - mobile', 'person - phone (mobile)'],
  title: ['title', 'job title', 'person - job title', 'position', 'role'],
  account: ['account', 'company', 'company name', 'person - organization', 'organization', 'organisation', 'organization name', 'associated company', 'associated company (primary)', 'organization - name', 'account name', 'employer'],
  accountDomain: ['account domain', 'company domain', 'company domain name', 'domain', 'website', 'website url', 'organization - website'],
  city: ['city', 'person - city', 'town'],
  country: ['country', 'country/region', 'person - country', 'country region'],
  timeZone: ['time zone', 'timezone', 'person - time zone'],
  preferredChannel: ['preferred channel', 'channel', 'preferred contact method', 'contact preference'],
  consent: ['consent', 'marketing consent', 'email consent', 'gdpr consent', 'opt in', 'opt-in'],
  owner: ['owner email', 'owner', 'contact owner', 'person - owner', 'hubspot owner', 'assigned to'],
  createdAt: ['created', 'created at', 'create date', 'person - person created', 'person - creation date', 'person - add time', 'creation date', 'date created', 'created on', 'created date'],
};

function dictionary(
  table: Partial<Record<ImportField, readonly string[]>>,
): Map<string, { field: ImportField; rank: number }> {
  const map = new Map<string, { field: ImportField; rank: number }>();
  for (const [field, names] of Object.entries(table) as [ImportField, readonly string[]][]) {
    names.forEach((name, rank) => {
      if (!map.has(name)) map.set(name, { field, rank });
    });
  }
  return map;
}

const DICTIONARIES = {
  deals: dictionary(DEAL_HEADERS),
  contacts: dictionary(CONTACT_HEADERS),
  calls: dictionary(CALL_HEADERS),
};

/** Pipedrive's entity prefix that belongs to each kind of file. */
const OWN_PREFIX: Record<ImportKind, string> = {
  deals: 'deal - ',
  contacts: 'person - ',
  calls: 'call - ',
};

function candidate(kind: ImportKind, header: string): { field: ImportField; rank: number } | null {
  const dictionary = DICTIONARIES[kind];
  const name = normaliseHeader(header);
  const exact = dictionary.get(name);
  if (exact) return exact;
  // "Deal - Probability"-style names we do not list, or a label suffix: "Email (Work)".
  const withoutPrefix = name.startsWith(OWN_PREFIX[kind])
    ? name.slice(OWN_PREFIX[kind].length)
    : null;
  const withoutLabel = name.replace(
    /\s*(?:\((?:work|home|mobile|other|primary|utc|gmt|local time|local)\)|- (?:work|home|mobile|other))$/,
    '',
  );
  for (const alternative of [withoutPrefix, withoutLabel]) {
    const found = alternative !== null && alternative !== name && dictionary.get(alternative);
    if (found) return { field: found.field, rank: found.rank + 100 };
  }
  return null;
}

const HUBSPOT_HEADERS = new Set([
  'record id',
  'deal name',
  'deal stage',
  'deal owner',
  'contact owner',
  'associated company',
  'associated company (primary)',
  'associated contact',
  'create date',
  'close date',
  'pipeline',
  'lifecycle stage',
  'country/region',
  'phone number',
  'job title',
  'last activity date',
  'lead status',
  'closed lost reason',
  'amount in company currency',
]);

/** Whose export this is, from the header names only those products write. */
export function detectSource(headers: readonly string[], kind?: ImportKind): ImportSource {
  const names = headers.map(normaliseHeader);
  if (kind === 'calls') return detectCallSource(names);
  const pipedrive = names.filter((name) =>
    /^(deal|person|organization|organisation|lead|activity|product|note) - /.test(name),
  ).length;
  if (pipedrive >= 2) return 'pipedrive';
  const hubspot = names.filter((name) => HUBSPOT_HEADERS.has(name)).length;
  if (hubspot >= 3 || (hubspot >= 2 && names.includes('record id'))) return 'hubspot';
  return 'generic';
}

/** The suggested mapping: each column to its most likely field, each field to one column. */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const best = new Map<ImportField, { header: string; rank: number }>();
  for (const header of headers) {
    const found = candidate(kind, header);
    if (!found) continue;
    const current = best.get(found.field);
    if (!current || found.rank < current.rank) best.set(found.field, { header, rank: found.rank });
  }
  // A lone "Time" column holds the whole moment, not the time of a date found elsewhere.
  const time = best.get('startTime');
  if (time && !best.has('startedAt')) {
    best.delete('startTime');
    best.set('startedAt', time);
  }
  const mapping: ImportMapping = {};
  for (const header of headers) mapping[header] = null;
  for (const [field, { header }] of best) mapping[header] = field;
  return mapping;
}
