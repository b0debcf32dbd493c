/**
 * Exports: the deals of a view (the table's filters and sort) or the contacts, as CSV with human
 * column names, money as decimal amounts and dates in ISO. The column names are ones the importer
 * recognises, so an export imports again as it is.
 */
import Papa from 'papaparse';
import type { ParsedInput } from '../../shared/contract';
import type { CoreContext } from '../context';
import { dealWhere } from '../pipeline/dealFilters';
import { dealOrderBy } from '../pipeline/deals';
import { formatAmount } from './amounts';
import { formatDay, formatMoment } from './dates';

export interface ExportResult {
  filename: string;
  csv: string;
  rows: number;
}

/**
 * A cell a spreadsheet would run as a formula gets a leading quote (the importer takes it off).
 * Phone numbers such as "+49 30 1234" and plain negative numbers are left alone: they are not
 * formulas, and people read these files.
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s()./-]*$))/;

/** A byte-order mark, so that Excel reads the file as UTF-8 and shows "—" and "ü" as they are. */
const BOM = '\ufeff';

function toCsv(fields: string[], data: (string | number)[][]): string {
  return BOM + Papa.unparse({ fields, data }, { escapeFormulae: FORMULA, newline: '\r\n' });
}

/** "deals-2026-11-23.csv", in the local calendar of the machine the core runs on. */
function filename(kind: string, now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${kind}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.csv`;
}

interface DealExportRow {
  title: string;
  valueMinor: number;
  currency: string;
  stage: string | null;
  status: string;
  ownerName: string | null;
  ownerEmail: string | null;
  account: string | null;
  accountDomain: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  expectedCloseAt: number | null;
  source: string | null;
  nextStep: string | null;
  closeReason: string | null;
  createdAt: number;
}

const DEAL_HEADERS = [
  'Title',
  'Value',
  'Currency',
  'Stage',
  'Status',
  'Owner',
  'Owner email',
  'Account',
  'Account domain',
  'Contact',
  'Contact email',
  'Contact phone',
  'Expected close date',
  'Source',
  'Next step',
  'Close reason',
  'Created',
];

export function exportDeals(ctx: CoreContext, input: ParsedInput<'export.deals'>): ExportResult {
  const now = ctx.now();
  const where = dealWhere(ctx, input.filters, now);
  const statement = ctx.store.prepare(
    `SELECT d.title, d.value_minor AS valueMinor, d.currency, s.name AS stage, d.status,
            u.name AS ownerName, u.email AS ownerEmail, a.name AS account, a.domain AS accountDomain,
            CASE WHEN c.id IS NULL THEN NULL ELSE trim(c.first_name || ' ' || c.last_name) END AS contactName,
            c.email AS contactEmail, c.phone AS contactPhone, d.expected_close_at AS expectedCloseAt,
            d.source, d.next_step AS nextStep, d.close_reason AS closeReason, d.created_at AS createdAt
       FROM deals d
       LEFT JOIN accounts a ON a.id = d.account_id
       LEFT JOIN contacts c ON c.id = d.contact_id
       LEFT JOIN users u ON u.id = d.owner_id
       LEFT JOIN stages s ON s.id = d.stage_id
      WHERE ${where.sql}
      ORDER BY ${dealOrderBy(input.sort)}`,
  );
  const data: string[][] = [];
  for (const row of statement.all(...where.params) as DealExportRow[]) {
    data.push([
      row.title,
      formatAmount(row.valueMinor, row.currency),
      row.currency,
      row.stage ?? '',
      row.status,
      row.ownerName ?? '',
      row.ownerEmail ?? '',
      row.account ?? '',
      row.accountDomain ?? '',
      row.contactName ?? '',
      row.contactEmail ?? '',
      row.contactPhone ?? '',
      formatDay(row.expectedCloseAt),
      row.source ?? '',
      row.nextStep ?? '',
      row.closeReason ?? '',
      formatMoment(row.createdAt),
    ]);
  }
  return { filename: filename('deals', now), csv: toCsv(DEAL_HEADERS, data), rows: data.length };
}

interface ContactExportRow {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  account: string | null;
  accountDomain: string | null;
  city: string | null;
  country: string | null;
  timeZone: string | null;
  preferredChannel: string | null;
  consent: string;
  ownerName: string | null;
  ownerEmail: string | null;
  createdAt: number;
}

const CONTACT_HEADERS = [
  'First name',
  'Last name',
  'Email',
  'Phone',
  'Job title',
  'Account',
  'Account domain',
  'City',
  'Country',
  'Time zone',
  'Preferred channel',
  'Consent',
  'Owner',
  'Owner email',
  'Created',
];

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The same contacts the contacts list shows for a query: by name or email, or phone digits. */
function contactWhere(input: ParsedInput<'export.contacts'>): { sql: string; params: string[] } {
  const where = ['c.deleted_at IS NULL'];
  const params: string[] = [];
  if (input.query) {
    const clauses = [
      `trim(c.first_name || ' ' || c.last_name) LIKE ? ESCAPE '\\'`,
      `c.email LIKE ? ESCAPE '\\'`,
    ];
    params.push(escapeLike(input.query), escapeLike(input.query));
    const digits = input.query.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s+().\-/]+$/.test(input.query)) {
      clauses.push(
        `replace(replace(replace(replace(replace(replace(coalesce(c.phone, ''), ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '') LIKE ?`,
      );
      params.push(`%${digits}%`);
    }
    where.push(`(${clauses.join(' OR ')})`);
  }
  if (input.accountId) {
    where.push('c.account_id = ?');
    params.push(input.accountId);
  }
  return { sql: where.join(' AND '), params };
}

export function exportContacts(
  ctx: CoreContext,
  input: ParsedInput<'export.contacts'>,
): ExportResult {
  const where = contactWhere(input);
  const statement = ctx.store.prepare(
    `SELECT c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.title,
            a.name AS account, a.domain AS accountDomain, c.city, c.country, c.time_zone AS timeZone,
            c.preferred_channel AS preferredChannel, c.consent, u.name AS ownerName,
            u.email AS ownerEmail, c.created_at AS createdAt
       FROM contacts c
       LEFT JOIN accounts a ON a.id = c.account_id
       LEFT JOIN users u ON u.id = c.owner_id
      WHERE ${where.sql}
      ORDER BY trim(c.first_name || ' ' || c.last_name) COLLATE NOCASE, c.id`,
  );
  const data: string[][] = [];
  for (const row of statement.all(...where.params) as ContactExportRow[]) {
    data.push([
      row.firstName,
      row.lastName,
      row.email ?? '',
      row.phone ?? '',
      row.title ?? '',
      row.account ?? '',
      row.accountDomain ?? '',
      row.city ?? '',
      row.country ?? '',
      row.timeZone ?? '',
      row.preferredChannel ?? '',
      row.consent,
      row.ownerName ?? '',
      row.ownerEmail ?? '',
      formatMoment(row.createdAt),
    ]);
  }
  return {
    filename: filename('contacts', ctx.now()),
    csv: toCsv(CONTACT_HEADERS, data),
    rows: data.length,
  };
}
