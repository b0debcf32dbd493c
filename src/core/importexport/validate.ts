/**
 * Checking rows: every cell of every row is read against the mapping, the pipeline and the team,
 * and each problem is reported with its line, column and a sentence a sales person understands.
 * Rows that pass become records for the write step; nothing here touches the database.
 */
import {
  ApiError,
  type ImportField,
  type ImportKind,
  type ImportMapping,
  type ImportRepChoices,
  type ImportRowError,
} from '../../shared/contract';
import type { Stage } from '../../shared/domain';
import { CallRows, type CallRecord, type Cells } from './callRows';
import { fieldLabel } from './fields';
import { OwnerFinder, StageFinder, type TeamMember } from './finders';
import type { ParsedCsv } from './parse';
import { fieldsOf } from './recognise';
import { decimalMarkOf, readAmount, readCurrency, type DecimalMark } from './amounts';
import { dayOrderOf, readDate, type DayOrder } from './dates';
import {
  Bad,
  quote,
  readChannel,
  readConsent,
  readDomain,
  readEmail,
  readStatus,
  readTimeZone,
  splitName,
  unescapeCell,
} from './values';

export type { CallRecord, TeamMember };

/** What checking needs to know about the workspace. */
export interface CheckContext {
  kind: ImportKind;
  teamCurrency: string;
  /** The zone times without an offset are read in: the team's, or the one chosen for the file. */
  teamZone: string | null;
  now: number;
  stages: readonly Stage[];
  users: readonly TeamMember[];
  /** Calls: who the dialer's users are, as the person importing said. */
  reps: ImportRepChoices;
}

export interface AccountRef {
  name: string | null;
  domain: string | null;
}

export interface DealRecord {
  line: number;
  title: string;
  valueMinor: number;
  currency: string;
  stage: Stage;
  /** Undefined: not given, the importing user owns it. */
  ownerId: string | undefined;
  account: AccountRef | null;
  contact: {
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
  } | null;
  expectedCloseAt: number | null;
  source: string | null;
  nextStep: string | null;
  closeReason: string | null;
  createdAt: number | null;
}

/** Null and undefined both mean "not in this row": an update never blanks a field. */
export interface ContactRecord {
  line: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  account: AccountRef | null;
  city: string | null;
  country: string | null;
  timeZone: string | null;
  preferredChannel: 'call' | 'email' | 'sms' | 'chat' | null;
  consent: 'granted' | 'withdrawn' | 'unknown' | null;
  ownerId: string | undefined;
  createdAt: number | null;
}

const TEXT_LIMITS: Partial<Record<ImportField, number>> = {
  title: 200,
  nextStep: 500,
  source: 100,
  lostReason: 500,
  account: 200,
  accountDomain: 200,
  contactName: 200,
  contactPhone: 50,
  name: 200,
  firstName: 100,
  lastName: 100,
  phone: 50,
  city: 100,
  country: 60,
  timeZone: 60,
  fromNumber: 50,
  toNumber: 50,
  rep: 200,
  notes: 5000,
  callId: 200,
};

const NOUN: Record<ImportKind, string> = {
  deals: 'a deal',
  contacts: 'a contact',
  calls: 'a call',
};

// ---------------------------------------------------------------------------------------------
// The mapping

/** Field → column index, after checking the mapping against the file and the kind. */
export function resolveMapping(
  kind: ImportKind,
  headers: readonly string[],
  mapping: ImportMapping,
): Map<ImportField, number> {
  const allowed = new Set<string>(fieldsOf(kind));
  const columns = new Map<ImportField, number>();
  const noun = NOUN[kind];
  for (const [header, field] of Object.entries(mapping)) {
    if (field === null) continue;
    const index = headers.indexOf(header);
    const fail = (message: string) =>
      new ApiError('invalid_input', `import.run: mapping: ${message}`, 'mapping');
    if (index < 0) throw fail(`the file has no column ${quote(header)}`);
    if (!allowed.has(field)) throw fail(`${quote(field)} is not a field of ${noun}`);
    const other = columns.get(field as ImportField);
    if (other !== undefined) {
      throw fail(
        `${fieldLabel(kind, field as ImportField)} is mapped from two columns, ${quote(headers[other]!)} and ${quote(header)}; choose one`,
      );
    }
    columns.set(field as ImportField, index);
  }
  const named =
    kind === 'deals'
      ? columns.has('title')
      : kind === 'calls'
        ? columns.has('startedAt')
        : ['name', 'firstName', 'lastName'].some((f) => columns.has(f as ImportField));
  if (!named) {
    const what =
      kind === 'deals'
        ? 'map a column to Title: every deal needs one'
        : kind === 'calls'
          ? 'map a column to Started: every call needs the moment it began'
          : 'map a column to Full name, or to First name and Last name: every contact needs a name';
    throw new ApiError('invalid_input', `import.run: mapping: ${what}`, 'mapping');
  }
  return columns;
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface CheckResult<R> {
  records: R[];
  errors: ImportRowError[];
  /** Rows with at least one error. */
  failed: number;
}

/** Checks rows one at a time, so the caller can report progress and yield between slices. */
export class RowChecker {
  readonly result: CheckResult<DealRecord | ContactRecord | CallRecord> = {
    records: [],
    errors: [],
    failed: 0,
  };
  private readonly calls: CallRows | undefined;
  private readonly stages: StageFinder;
  private readonly owners: OwnerFinder;
  private readonly decimal: DecimalMark | undefined;
  private readonly dayOrders = new Map<ImportField, DayOrder>();
  private rowErrors = 0;
  private line = 0;

  constructor(
    private readonly context: CheckContext,
    private readonly csv: ParsedCsv,
    private readonly columns: Map<ImportField, number>,
  ) {
    this.stages = new StageFinder(context.stages);
    this.owners = new OwnerFinder(context.users);
    const valueColumn = columns.get('value');
    this.decimal =
      valueColumn === undefined
        ? undefined
        : decimalMarkOf(csv.rows.map((row) => row[valueColumn]!));
    // Americans write month first; a column that shows 31/03 somewhere settles it either way.
    const fallback: DayOrder = context.teamCurrency === 'USD' ? 'mdy' : 'dmy';
    for (const field of ['expectedCloseAt', 'createdAt'] as const) {
      const index = columns.get(field);
      if (index !== undefined) {
        this.dayOrders.set(
          field,
          dayOrderOf(
            csv.rows.map((row) => row[index]!),
            fallback,
          ),
        );
      }
    }
    if (context.kind === 'calls') {
      const cells: Cells = {
        text: (row, field) => this.text(row, field),
        read: (row, field, read) => this.read(row, field, read),
        fail: (field, message) => this.fail(field, message),
        problems: () => this.rowErrors,
      };
      this.calls = new CallRows(
        {
          users: context.users,
          zone: context.teamZone ?? 'UTC',
          now: context.now,
          fallbackOrder: fallback,
          reps: context.reps,
        },
        csv,
        columns,
        cells,
      );
    }
  }

  get total(): number {
    return this.csv.rows.length;
  }

  check(index: number): void {
    const row = this.csv.rows[index]!;
    this.line = this.csv.lines[index]!;
    this.rowErrors = 0;
    const problem = this.csv.problems.get(index);
    if (problem) {
      this.fail(null, problem);
    } else {
      const { kind } = this.context;
      const record =
        kind === 'deals'
          ? this.deal(row)
          : kind === 'contacts'
            ? this.contact(row)
            : this.calls!.read(row, this.line);
      if (this.rowErrors === 0 && record) this.result.records.push(record);
    }
    if (this.rowErrors > 0) this.result.failed += 1;
  }

  private fail(field: ImportField | null, message: string): void {
    const column = field === null ? null : (this.csv.headers[this.columns.get(field)!] ?? null);
    this.result.errors.push({ line: this.line, field, column, message });
    this.rowErrors += 1;
  }

  /** The trimmed text of a mapped cell, or null when unmapped or blank; too long is an error. */
  private text(row: string[], field: ImportField): string | null {
    const index = this.columns.get(field);
    if (index === undefined) return null;
    const value = unescapeCell(row[index]!.trim());
    if (value === '') return null;
    const limit = field === 'title' && this.context.kind === 'contacts' ? 120 : TEXT_LIMITS[field];
    if (limit !== undefined && value.length > limit) {
      this.fail(
        field,
        `${fieldLabel(this.context.kind, field)} is ${value.length} characters long; at most ${limit} fit`,
      );
      return null;
    }
    return value;
  }

  /** A cell read by `read`: its value, null when blank, or null after reporting why it is bad. */
  private read<T>(row: string[], field: ImportField, read: (text: string) => T | Bad): T | null {
    const text = this.text(row, field);
    if (text === null) return null;
    const value = read(text);
    if (value instanceof Bad) {
      this.fail(field, value.message);
      return null;
    }
    return value;
  }

  private date(row: string[], field: 'expectedCloseAt' | 'createdAt'): number | null {
    const label = fieldLabel(this.context.kind, field);
    const order = this.dayOrders.get(field) ?? 'dmy';
    const at = this.read(row, field, (text) => readDate(text, label, order, this.context.teamZone));
    if (at !== null && field === 'createdAt' && at > this.context.now + 86_400_000) {
      this.fail(field, `${label} ${quote(this.text(row, field) ?? '')} is in the future`);
      return null;
    }
    return at;
  }

  private owner(row: string[]): string | undefined {
    return this.read(row, 'owner', (text) => this.owners.find(text)) ?? undefined;
  }

  private account(row: string[]): AccountRef | null {
    const name = this.text(row, 'account');
    const domain = this.read(row, 'accountDomain', (text) => readDomain(text, 'Account domain'));
    return name || domain ? { name, domain } : null;
  }

  private missing(field: ImportField, what: string): void {
    this.fail(field, `${fieldLabel(this.context.kind, field)} is empty: ${what}`);
  }

  private deal(row: string[]): DealRecord | null {
    const { teamCurrency } = this.context;
    const title = this.text(row, 'title');
    if (title === null && this.rowErrors === 0) this.missing('title', 'every deal needs a title');

    const currencyCell = this.read(row, 'currency', (text) => readCurrency(text, teamCurrency));
    let currency = currencyCell ?? teamCurrency;
    let valueMinor = 0;
    const valueText = this.text(row, 'value');
    if (valueText !== null) {
      const amount = readAmount(valueText, currency, teamCurrency, this.decimal);
      if (amount instanceof Bad) this.fail('value', amount.message);
      else if (amount.currency && currencyCell && amount.currency !== currencyCell) {
        this.fail(
          'value',
          `Value ${quote(valueText)} is in ${amount.currency}, but the currency column says ${currencyCell}`,
        );
      } else {
        valueMinor = amount.minor;
        currency = amount.currency ?? currency;
      }
    }

    const status = this.read(row, 'status', readStatus);
    const stageText = this.text(row, 'stage');
    let stage: Stage | undefined;
    if (stageText !== null) {
      const found = this.stages.find(stageText);
      if (found instanceof Bad) this.fail('stage', found.message);
      else stage = found;
    }
    // Pipedrive keeps the stage a deal was won or lost in, next to its status: the status decides.
    if (status === 'won' || status === 'lost') {
      const closed = status === 'won' ? this.stages.won : this.stages.lost;
      if (stage?.kind !== status) stage = closed;
      if (!stage)
        this.fail('status', `Status ${quote(status)}: the pipeline has no ${status} stage`);
    } else if (status === 'open' && stage && stage.kind !== 'open') {
      this.fail(
        'status',
        `Status ${quote('open')} does not fit stage ${quote(stage.name)}, which closes a deal`,
      );
    }
    stage ??= stageText === null ? this.stages.firstOpen : undefined;
    if (!stage && this.rowErrors === 0) this.fail('stage', 'the pipeline has no open stage');

    const ownerId = this.owner(row);
    const account = this.account(row);
    const contactName = this.text(row, 'contactName');
    const contactEmail = this.read(row, 'contactEmail', (text) => readEmail(text, 'Contact email'));
    const contactPhone = this.text(row, 'contactPhone');
    if (contactPhone && !contactName && !contactEmail) {
      this.fail(
        'contactPhone',
        'Contact phone is given, but no contact name or email to attach it to',
      );
    }
    const expectedCloseAt = this.date(row, 'expectedCloseAt');
    const createdAt = this.date(row, 'createdAt');
    const source = this.text(row, 'source');
    const nextStep = this.text(row, 'nextStep');
    const closeReason = this.text(row, 'lostReason');

    if (this.rowErrors > 0 || !stage || title === null) return null;
    const name = contactName ? splitName(contactName) : null;
    return {
      line: this.line,
      title,
      valueMinor,
      currency,
      stage,
      ownerId,
      account,
      contact:
        name || contactEmail
          ? {
              firstName: name?.firstName ?? '',
              lastName: name?.lastName ?? '',
              email: contactEmail,
              phone: contactPhone,
            }
          : null,
      expectedCloseAt,
      source,
      nextStep,
      closeReason,
      createdAt,
    };
  }

  private contact(row: string[]): ContactRecord | null {
    const full = this.text(row, 'name');
    const split = full ? splitName(full) : null;
    const firstName = this.text(row, 'firstName') ?? split?.firstName ?? null;
    const lastName = this.text(row, 'lastName') ?? split?.lastName ?? null;
    if (!firstName && !lastName && this.rowErrors === 0) {
      const field = this.columns.has('name')
        ? 'name'
        : this.columns.has('firstName')
          ? 'firstName'
          : 'lastName';
      this.fail(field, `${fieldLabel('contacts', field)} is empty: every contact needs a name`);
    }
    if (firstName && firstName.length > 100)
      this.fail('name', `First name is ${firstName.length} characters long; at most 100 fit`);
    if (lastName && lastName.length > 100)
      this.fail('name', `Last name is ${lastName.length} characters long; at most 100 fit`);
    const email = this.read(row, 'email', (text) => readEmail(text));
    const phone = this.text(row, 'phone');
    const title = this.text(row, 'title');
    const account = this.account(row);
    const city = this.text(row, 'city');
    const country = this.text(row, 'country');
    const timeZone = this.read(row, 'timeZone', readTimeZone);
    const preferredChannel = this.read(row, 'preferredChannel', readChannel);
    const consent = this.read(row, 'consent', readConsent);
    const ownerId = this.owner(row);
    const createdAt = this.date(row, 'createdAt');
    if (this.rowErrors > 0) return null;
    return {
      line: this.line,
      firstName,
      lastName,
      email,
      phone,
      title,
      account,
      city,
      country,
      timeZone,
      preferredChannel,
      consent,
      ownerId,
      createdAt,
    };
  }
}
