import { ApiError, type ContactDetail, type ParsedInput } from '../../shared/contract';
import type { ContactRow } from '../../shared/domain';
import { contactDealIds, dealSummaries, timelineFor } from '../activity';
import { currentUserId, type CoreContext } from '../context';
import { requireRow } from '../references';

/** A contact as every list shows it, over `contacts c`, `accounts a` and `users u`. */
export const CONTACT_COLUMNS = `c.id, trim(c.first_name || ' ' || c.last_name) AS name,
  c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.title,
  c.account_id AS accountId, a.name AS accountName, c.city, c.country, c.time_zone AS timeZone,
  c.preferred_channel AS preferredChannel, c.consent, c.consent_at AS consentAt,
  c.owner_id AS ownerId, u.name AS ownerName, c.created_at AS createdAt`;

export const CONTACT_JOINS = `FROM contacts c
  LEFT JOIN accounts a ON a.id = c.account_id
  LEFT JOIN users u ON u.id = c.owner_id`;

const SORT_SQL: Record<ParsedInput<'contacts.list'>['sort']['field'], string> = {
  name: "trim(c.first_name || ' ' || c.last_name) COLLATE NOCASE",
  account: 'a.name COLLATE NOCASE',
  title: 'c.title COLLATE NOCASE',
  city: 'c.city COLLATE NOCASE',
  createdAt: 'c.created_at',
};

const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Phone numbers are typed every which way ("+49 30 1234", "030-1234"): compare digits only. */
const PHONE_DIGITS = `replace(replace(replace(replace(replace(replace(coalesce(c.phone, ''),
  ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')`;

/**
 * Contacts, filtered, sorted and paged in SQL. The query matches anywhere in the name or the
 * email, and in the phone number when it is mostly digits. There is no index for a
 * contains-match, so this scans the contacts (about 15 ms for 30,000 of them).
 */
export function listContacts(
  ctx: CoreContext,
  input: ParsedInput<'contacts.list'>,
): { items: ContactRow[]; total: number } {
  const where = ['c.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  if (input.query) {
    const text = likeContaining(input.query);
    const clauses = [
      `trim(c.first_name || ' ' || c.last_name) LIKE ? ESCAPE '\\'`,
      `c.email LIKE ? ESCAPE '\\'`,
    ];
    params.push(text, text);
    const digits = input.query.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s+().\-/]+$/.test(input.query)) {
      clauses.push(`${PHONE_DIGITS} LIKE ?`);
      params.push(`%${digits}%`);
    }
    where.push(`(${clauses.join(' OR ')})`);
  }
  if (input.accountId) {
    where.push('c.account_id = ?');
    params.push(input.accountId);
  }
  const whereSql = where.join(' AND ');
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const items = ctx.store
    .prepare(
      `SELECT ${CONTACT_COLUMNS} ${CONTACT_JOINS} WHERE ${whereSql}
        ORDER BY ${SORT_SQL[input.sort.field]} ${direction} NULLS LAST, c.id ${direction}
        LIMIT ? OFFSET ?`,
    )
    .all(...params, input.limit, input.offset) as ContactRow[];
  const { total } = ctx.store
    .prepare(`SELECT count(*) AS total FROM contacts c WHERE ${whereSql}`)
    .get(...params) as { total: number };
  return { items, total };
}

export function getContact(ctx: CoreContext, id: string): ContactRow {
  const contact = ctx.store
    .prepare(`SELECT ${CONTACT_COLUMNS} ${CONTACT_JOINS} WHERE c.id = ? AND c.deleted_at IS NULL`)
    .get(id) as ContactRow | undefined;
  if (!contact) throw new ApiError('not_found', `there is no contact with id ${id}`, 'id');
  return contact;
}

/** A contact with the deals they are on and everything that happened with them. */
export function getContactDetail(ctx: CoreContext, id: string): ContactDetail {
  const contact = getContact(ctx, id);
  // One scan for the deal ids serves both the list and the timeline.
  const dealIds = contactDealIds(ctx, id);
  return {
    ...contact,
    deals: dealSummaries(ctx, dealIds),
    timeline: timelineFor(ctx, { dealIds, contactIds: [id], accountId: null }),
  };
}

type ContactFields = ParsedInput<'contacts.create'>;

/** `timeZone` must be a zone the runtime knows, or the contact's local time cannot be shown. */
function checkTimeZone(zone: string | null | undefined, field: string): void {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ApiError(
      'invalid_input',
      `${field}: "${zone}" is not a time zone; use a name such as Europe/Berlin`,
      field,
    );
  }
}

/** One person, one address: a second contact with the same email is refused. */
function checkEmailFree(ctx: CoreContext, email: string, exceptId: string | null, field: string) {
  const other = ctx.store
    .prepare(
      `SELECT id, trim(first_name || ' ' || last_name) AS name FROM contacts
        WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT ?
        LIMIT 1`,
    )
    .get(email, exceptId) as { id: string; name: string } | undefined;
  if (other) {
    throw new ApiError(
      'conflict',
      `${field}: ${email} is already the address of ${other.name || 'another contact'}`,
      field,
    );
  }
}

function checkFields(
  ctx: CoreContext,
  fields: Partial<ContactFields>,
  exceptId: string | null,
  prefix: string,
): void {
  if (fields.accountId) requireRow(ctx.store, 'accounts', fields.accountId, `${prefix}accountId`);
  if (fields.ownerId) requireRow(ctx.store, 'users', fields.ownerId, `${prefix}ownerId`);
  checkTimeZone(fields.timeZone, `${prefix}timeZone`);
  if (fields.email) checkEmailFree(ctx, fields.email, exceptId, `${prefix}email`);
}

/** Blank optional text is stored as NULL, so "no phone" is one thing, not two. */
const orNull = (text: string | null | undefined) => (text ? text : null);

export function createContact(ctx: CoreContext, input: ContactFields): ContactRow {
  const email = input.email?.toLowerCase() ?? null;
  const ownerId = input.ownerId === undefined ? currentUserId(ctx) : input.ownerId;
  checkFields(ctx, { ...input, email, ownerId }, null, '');
  const now = ctx.now();
  const consent = input.consent ?? 'unknown';
  const id = ctx.store.write((w) =>
    w.insert('contacts', {
      first_name: input.firstName ?? '',
      last_name: input.lastName ?? '',
      email,
      phone: orNull(input.phone),
      title: orNull(input.title),
      account_id: input.accountId ?? null,
      city: orNull(input.city),
      country: orNull(input.country),
      time_zone: orNull(input.timeZone),
      preferred_channel: input.preferredChannel ?? null,
      consent,
      // When consent was given or withdrawn is what a data-protection question asks.
      consent_at: consent === 'unknown' ? null : now,
      owner_id: ownerId,
      created_at: now,
    }),
  );
  return getContact(ctx, id);
}

const PATCH_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  title: 'title',
  accountId: 'account_id',
  city: 'city',
  country: 'country',
  timeZone: 'time_zone',
  preferredChannel: 'preferred_channel',
  consent: 'consent',
  ownerId: 'owner_id',
} as const satisfies Record<keyof ParsedInput<'contacts.update'>['patch'], string>;

const OPTIONAL_TEXT = new Set(['phone', 'title', 'city', 'country', 'timeZone']);

export function updateContact(ctx: CoreContext, input: ParsedInput<'contacts.update'>): ContactRow {
  const before = getContact(ctx, input.id);
  const patch = { ...input.patch };
  if (patch.email) patch.email = patch.email.toLowerCase();
  checkFields(ctx, patch, input.id, 'patch.');
  const firstName = patch.firstName ?? before.firstName;
  const lastName = patch.lastName ?? before.lastName;
  if (!firstName && !lastName) {
    const field = patch.firstName !== undefined ? 'patch.firstName' : 'patch.lastName';
    throw new ApiError('invalid_input', `${field}: a contact needs a first or a last name`, field);
  }
  const fields: Record<string, string | number | null> = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
    const value = patch[key as keyof typeof PATCH_COLUMNS];
    if (value === undefined) continue;
    fields[column] = OPTIONAL_TEXT.has(key) ? orNull(value) : value;
  }
  if (patch.consent !== undefined && patch.consent !== before.consent) {
    fields.consent_at = patch.consent === 'unknown' ? null : ctx.now();
  }
  ctx.store.write((w) => w.update('contacts', input.id, fields));
  return getContact(ctx, input.id);
}
