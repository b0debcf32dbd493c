/**
 * From checked records to rows: find the accounts and contacts the file names (contacts by email,
 * accounts by domain and then by name), plan the new rows and the updates, and write them through
 * the write path, a slice at a time. Planning only reads, so a dry run plans and stops there.
 */
import { newId } from '../../shared/ids';
import type { Store } from '../store/store';
import type { Fields, SqlValue, Writer } from '../store/writePath';
import type { AccountRef, ContactRecord, DealRecord } from './validate';
import { nameFromEmail } from './values';

/** Reads that see the rows of the transaction they run in (or the store, for a dry run). */
export interface Reads {
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  all<T>(sql: string, ...params: SqlValue[]): T[];
}

export const storeReads = (store: Store): Reads => ({
  get: <T>(sql: string, ...params: SqlValue[]) =>
    store.prepare(sql).get(...params) as T | undefined,
  all: <T>(sql: string, ...params: SqlValue[]) => store.prepare(sql).all(...params) as T[],
});

export interface PlanContext {
  teamCurrency: string;
  now: number;
  /** Who imports: owner of what the file leaves unowned, and author of the stage moves. */
  me: string | null;
}

/** A deal to create; its row is built when it is written, so 50,000 rows never sit in memory. */
interface PlannedDeal {
  id: string;
  record: DealRecord;
  accountId: string | null;
  contactId: string | null;
  ownerId: string | null;
  position: number;
}

export interface Plan {
  accounts: Fields[];
  contacts: Fields[];
  contactUpdates: { id: string; patch: Record<string, Fields[string]> }[];
  deals: PlannedDeal[];
  created: number;
  updated: number;
  now: number;
  me: string | null;
}

const emptyPlan = (context: PlanContext): Plan => ({
  accounts: [],
  contacts: [],
  contactUpdates: [],
  deals: [],
  created: 0,
  updated: 0,
  now: context.now,
  me: context.me,
});

/** Keys per lookup query: one query through an index instead of one per key. */
const KEYS_PER_QUERY = 10_000;

/** The oldest existing row for each of many keys ("acme.com" → its account id). */
export function existing(reads: Reads, sql: string, keys: Iterable<string>): Map<string, string> {
  const found = new Map<string, string>();
  const list = [...new Set(keys)];
  for (let i = 0; i < list.length; i += KEYS_PER_QUERY) {
    const batch = JSON.stringify(list.slice(i, i + KEYS_PER_QUERY));
    for (const row of reads.all<{ key: string; id: string }>(sql, batch)) {
      const key = row.key.toLowerCase();
      if (!found.has(key)) found.set(key, row.id);
    }
  }
  return found;
}

const ACCOUNTS_BY_DOMAIN = `SELECT j.value AS key, a.id FROM json_each(?) j
  JOIN accounts a ON a.domain = j.value WHERE a.deleted_at IS NULL ORDER BY a.created_at, a.id`;
const ACCOUNTS_BY_NAME = `SELECT j.value AS key, a.id FROM json_each(?) j
  JOIN accounts a ON a.name = j.value COLLATE NOCASE WHERE a.deleted_at IS NULL
  ORDER BY a.created_at, a.id`;
const CONTACTS_BY_EMAIL = `SELECT j.value AS key, c.id FROM json_each(?) j
  JOIN contacts c ON c.email = j.value COLLATE NOCASE WHERE c.deleted_at IS NULL
  ORDER BY c.created_at, c.id`;

/** Finds an account by domain, then by name; plans a new one when neither is known. */
class Accounts {
  private readonly byDomain: Map<string, string>;
  private readonly byName: Map<string, string>;
  /** Accounts created by this import have no contacts to search yet. */
  readonly fresh = new Set<string>();

  constructor(
    reads: Reads,
    refs: Iterable<AccountRef | null>,
    private readonly plan: Plan,
    private readonly currency: string,
  ) {
    const domains: string[] = [];
    const names: string[] = [];
    for (const ref of refs) {
      if (ref?.domain) domains.push(ref.domain);
      if (ref?.name) names.push(ref.name);
    }
    this.byDomain = existing(reads, ACCOUNTS_BY_DOMAIN, domains);
    this.byName = existing(reads, ACCOUNTS_BY_NAME, names);
  }

  resolve(ref: AccountRef, ownerId: string | null): string {
    const domain = ref.domain ?? undefined;
    const name = ref.name?.toLowerCase();
    let id = (domain && this.byDomain.get(domain)) || (name && this.byName.get(name)) || undefined;
    if (!id) {
      id = newId();
      this.fresh.add(id);
      this.plan.accounts.push({
        id,
        name: ref.name ?? ref.domain!,
        domain: ref.domain,
        currency: this.currency,
        owner_id: ownerId,
        created_at: this.plan.now,
      });
    }
    // Later rows naming the same company by either key find this one.
    if (domain) this.byDomain.set(domain, id);
    if (name) this.byName.set(name, id);
    return id;
  }
}

const fullName = (first: string | null, last: string | null) =>
  `${first ?? ''} ${last ?? ''}`.trim().toLowerCase();

// ---------------------------------------------------------------------------------------------
// Deals

export function planDeals(
  records: readonly DealRecord[],
  reads: Reads,
  context: PlanContext,
): Plan {
  const plan = emptyPlan(context);
  const accounts = new Accounts(
    reads,
    records.map((r) => r.account),
    plan,
    context.teamCurrency,
  );
  const contacts = existing(
    reads,
    CONTACTS_BY_EMAIL,
    records.flatMap((r) => (r.contact?.email ? [r.contact.email] : [])),
  );
  const { now, me } = context;

  // New deals go on top of their column, in file order: the first row highest.
  const perStage = new Map<string, { next: number }>();
  for (const record of records) {
    const slot = perStage.get(record.stage.id);
    if (slot) slot.next -= 1;
    else perStage.set(record.stage.id, { next: -1 });
  }
  for (const [stageId, slot] of perStage) {
    const top =
      reads.get<{ top: number | null }>(
        'SELECT min(position) AS top FROM deals WHERE stage_id = ? AND deleted_at IS NULL',
        stageId,
      )?.top ?? 0;
    slot.next += top;
  }

  for (const record of records) {
    const ownerId = record.ownerId === undefined ? me : record.ownerId;
    const accountId = record.account ? accounts.resolve(record.account, ownerId) : null;
    let contactId: string | null = null;
    if (record.contact) {
      const { email, firstName, lastName, phone } = record.contact;
      const key = email ?? `${accountId ?? ''}:${fullName(firstName, lastName)}`;
      contactId = contacts.get(key) ?? null;
      if (!contactId && !email && accountId && !accounts.fresh.has(accountId)) {
        // No address to go by: the person of that name at that company, if there is one.
        contactId =
          reads.get<{ id: string }>(
            `SELECT id FROM contacts WHERE account_id = ? AND deleted_at IS NULL
                AND lower(trim(first_name || ' ' || last_name)) = ? ORDER BY created_at, id LIMIT 1`,
            accountId,
            fullName(firstName, lastName),
          )?.id ?? null;
      }
      if (!contactId) {
        contactId = newId();
        const name = firstName || lastName ? { firstName, lastName } : nameFromEmail(email!);
        plan.contacts.push({
          id: contactId,
          account_id: accountId,
          first_name: name.firstName,
          last_name: name.lastName,
          email,
          phone,
          owner_id: ownerId,
          created_at: now,
        });
      }
      contacts.set(key, contactId);
    }
    const slot = perStage.get(record.stage.id)!;
    plan.deals.push({
      id: newId(),
      record,
      accountId,
      contactId,
      ownerId,
      position: slot.next,
    });
    slot.next += 1;
    plan.created += 1;
  }
  return plan;
}

/** A deal's row: closed deals closed on their close date (or now), open ones entered it now. */
function dealRow(deal: PlannedDeal, now: number): Fields {
  const { record } = deal;
  const closed = record.stage.kind !== 'open';
  const closedAt = closed ? (record.expectedCloseAt ?? now) : null;
  const enteredAt = closedAt ?? now;
  return {
    id: deal.id,
    title: record.title,
    account_id: deal.accountId,
    contact_id: deal.contactId,
    stage_id: record.stage.id,
    owner_id: deal.ownerId,
    value_minor: record.valueMinor,
    currency: record.currency,
    status: record.stage.kind,
    close_reason: record.closeReason,
    closed_at: closedAt,
    expected_close_at: record.expectedCloseAt,
    next_step: record.nextStep,
    source: record.source,
    position: deal.position,
    stage_entered_at: enteredAt,
    last_activity_at: enteredAt,
    created_at: record.createdAt ?? now,
  };
}

/** The first entry of a deal's stage history: where it starts in this workspace. */
function historyRow(deal: PlannedDeal, plan: Plan): Fields {
  const { record } = deal;
  return {
    deal_id: deal.id,
    from_stage_id: null,
    to_stage_id: record.stage.id,
    moved_at: record.stage.kind === 'open' ? plan.now : (record.expectedCloseAt ?? plan.now),
    moved_by: plan.me,
  };
}

// ---------------------------------------------------------------------------------------------
// Contacts

type Patch = Record<string, Fields[string]>;

/** The columns a contact row sets; null (not in the row) leaves the column as it is. */
function contactColumns(record: ContactRecord, accountId: string | null, now: number): Patch {
  const columns: Patch = {
    first_name: record.firstName,
    last_name: record.lastName,
    email: record.email,
    phone: record.phone,
    title: record.title,
    account_id: accountId,
    city: record.city,
    country: record.country,
    time_zone: record.timeZone,
    preferred_channel: record.preferredChannel,
    consent: record.consent,
    // When consent was given or withdrawn is what a data-protection question asks.
    consent_at: record.consent && record.consent !== 'unknown' ? now : null,
    owner_id: record.ownerId ?? null,
  };
  for (const key of Object.keys(columns)) if (columns[key] === null) delete columns[key];
  return columns;
}

export function planContacts(
  records: readonly ContactRecord[],
  reads: Reads,
  context: PlanContext,
): Plan {
  const plan = emptyPlan(context);
  const accounts = new Accounts(
    reads,
    records.map((r) => r.account),
    plan,
    context.teamCurrency,
  );
  const known = existing(
    reads,
    CONTACTS_BY_EMAIL,
    records.flatMap((r) => (r.email ? [r.email] : [])),
  );
  const { now, me } = context;
  const newByEmail = new Map<string, Fields & Patch>();
  const updates = new Map<string, Patch>();

  for (const record of records) {
    const ownerId = record.ownerId === undefined ? me : record.ownerId;
    const accountId = record.account ? accounts.resolve(record.account, ownerId) : null;
    const columns = contactColumns(record, accountId, now);
    const email = record.email;
    const sameFile = email ? newByEmail.get(email) : undefined;
    const match = email && !sameFile ? known.get(email) : undefined;
    if (sameFile) {
      // The same person twice in the file: one contact, the later row filling in.
      Object.assign(sameFile, columns);
      plan.updated += 1;
    } else if (match) {
      if (columns.consent !== undefined) {
        const current = reads.get<{ consent: string }>(
          'SELECT consent FROM contacts WHERE id = ?',
          match,
        );
        // Unchanged consent keeps the moment it was given.
        if (current?.consent === columns.consent) {
          delete columns.consent;
          delete columns.consent_at;
        }
      }
      updates.set(match, { ...updates.get(match), ...columns });
      plan.updated += 1;
    } else {
      const row: Fields & Patch = {
        id: newId(),
        account_id: null,
        first_name: '',
        last_name: '',
        email: null,
        phone: null,
        title: null,
        city: null,
        country: null,
        time_zone: null,
        preferred_channel: null,
        consent: 'unknown',
        consent_at: null,
        owner_id: ownerId,
        created_at: record.createdAt ?? now,
        ...columns,
      };
      plan.contacts.push(row);
      if (email) newByEmail.set(email, row);
      plan.created += 1;
    }
  }
  plan.contactUpdates = [...updates].map(([id, patch]) => ({ id, patch }));
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** A slice of the plan: progress is reported between slices, and row objects die young. */
export interface WriteUnit {
  rows: number;
  write(w: Writer): void;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The plan in the order it must be written: accounts and contacts before the deals on them. */
export function writeUnits(plan: Plan, size: number): WriteUnit[] {
  const units: WriteUnit[] = [];
  for (const rows of chunks(plan.accounts, size)) {
    units.push({ rows: rows.length, write: (w) => void w.insertMany('accounts', rows) });
  }
  for (const rows of chunks(plan.contacts, size)) {
    units.push({ rows: rows.length, write: (w) => void w.insertMany('contacts', rows) });
  }
  for (const updates of chunks(plan.contactUpdates, size)) {
    units.push({
      rows: updates.length,
      write: (w) => updates.forEach(({ id, patch }) => w.update('contacts', id, patch)),
    });
  }
  for (const deals of chunks(plan.deals, size)) {
    units.push({
      rows: deals.length,
      write: (w) => {
        w.insertMany(
          'deals',
          deals.map((deal) => dealRow(deal, plan.now)),
        );
        w.insertMany(
          'stage_history',
          deals.map((deal) => historyRow(deal, plan)),
        );
      },
    });
  }
  return units;
}

export const plannedRows = (plan: Plan) =>
  plan.accounts.length + plan.contacts.length + plan.contactUpdates.length + plan.deals.length;
