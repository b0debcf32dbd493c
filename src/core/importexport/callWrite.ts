/**
 * From checked call records to calls: each is matched to a contact by phone number (the last
 * nine digits, so +49 30…, 0049 30… and 030… agree) and to that contact's newest open deal; a
 * call already in the workspace (same dialer call id, or same rep, number and start) is skipped
 * and counted, so importing one export twice adds nothing. Imported calls count as activity on
 * their deals, which stop rotting, exactly as a call logged by hand does.
 */
import { newId } from '../../shared/ids';
import type { Fields, Writer } from '../store/writePath';
import type { CallNumber, CallRecord } from './callRows';
import { phoneKey } from './callValues';
import { existing, type Reads, type WriteUnit } from './write';

export interface CallPlanContext {
  now: number;
  /** Who imports: the rep of every call when the file names none. */
  me: string | null;
}

interface DealTouch {
  /** The end of the newest imported call on the deal. */
  at: number;
  nextStep: string | null;
}

export interface CallPlan {
  calls: Fields[];
  touches: Map<string, DealTouch>;
  matchedContacts: number;
  matchedDeals: number;
  duplicates: number;
}

const KEYS_PER_QUERY = 10_000;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += KEYS_PER_QUERY)
    out.push(items.slice(i, i + KEYS_PER_QUERY));
  return out;
}

/**
 * Contacts by the key of their number, for the keys the file has. Contacts keep numbers as people
 * typed them, so each is read and reduced here: one pass over the contacts that have a number.
 */
function contactsByPhone(reads: Reads, keys: ReadonlySet<string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (keys.size === 0) return found;
  const rows = reads.all<{ id: string; phone: string }>(
    `SELECT id, phone FROM contacts
      WHERE deleted_at IS NULL AND phone IS NOT NULL AND phone != ''
      ORDER BY created_at, id`,
  );
  for (const row of rows) {
    // A cell may hold two numbers ("+49 30 1234567 / +49 171 7654321").
    for (const part of row.phone.split(/[/;,]|\s{2,}|\bor\b/)) {
      const key = phoneKey(part);
      if (key === null || !keys.has(key)) continue;
      const list = found.get(key) ?? [];
      if (!list.includes(row.id)) list.push(row.id);
      found.set(key, list);
    }
  }
  return found;
}

/** Each contact's newest open deal (by creation), for the contacts found. */
function openDeals(reads: Reads, contactIds: readonly string[]): Map<string, string> {
  const deals = new Map<string, string>();
  for (const batch of batches(contactIds)) {
    const rows = reads.all<{ contactId: string; id: string }>(
      `SELECT d.contact_id AS contactId, d.id FROM deals d
        WHERE d.contact_id IN (SELECT value FROM json_each(?))
          AND d.deleted_at IS NULL AND d.status = 'open'
        ORDER BY d.created_at DESC, d.id DESC`,
      JSON.stringify(batch),
    );
    for (const row of rows) if (!deals.has(row.contactId)) deals.set(row.contactId, row.id);
  }
  return deals;
}

const sameCallKey = (rep: string | null, key: string | null, startedAt: number) =>
  `${rep ?? ''}|${key ?? ''}|${startedAt}`;

/** Calls already stored that start at one of these moments, as rep|number|start keys. */
function callsAtStarts(reads: Reads, starts: readonly number[]): Set<string> {
  const known = new Set<string>();
  for (const batch of batches([...new Set(starts)])) {
    const rows = reads.all<{ rep: string | null; phone: string | null; at: number }>(
      `SELECT c.rep_id AS rep, c.phone, c.started_at AS at FROM json_each(?) j
         JOIN calls c ON c.started_at = j.value WHERE c.deleted_at IS NULL`,
      JSON.stringify(batch),
    );
    for (const row of rows) known.add(sameCallKey(row.rep, phoneKey(row.phone), row.at));
  }
  return known;
}

const CALLS_BY_EXTERNAL_ID = `SELECT j.value AS key, c.id FROM json_each(?) j
  JOIN calls c ON c.external_id = j.value WHERE c.deleted_at IS NULL`;

export function planCalls(
  records: readonly CallRecord[],
  reads: Reads,
  context: CallPlanContext,
): CallPlan {
  const plan: CallPlan = {
    calls: [],
    touches: new Map(),
    matchedContacts: 0,
    matchedDeals: 0,
    duplicates: 0,
  };
  const keys = new Set<string>();
  for (const record of records) for (const n of record.numbers) if (n.key) keys.add(n.key);
  const byPhone = contactsByPhone(reads, keys);
  const deals = openDeals(reads, [...new Set([...byPhone.values()].flat())]);
  // Of two contacts with one number, the one with an open deal is the one being worked.
  const contactFor = (key: string | null): string | null => {
    const ids = key ? byPhone.get(key) : undefined;
    if (!ids) return null;
    return ids.find((id) => deals.has(id)) ?? ids[0]!;
  };

  const seenIds = new Set(
    existing(
      reads,
      CALLS_BY_EXTERNAL_ID,
      records.flatMap((r) => (r.callId ? [r.callId] : [])),
    ).keys(),
  );
  const seenCalls = callsAtStarts(
    reads,
    records.map((r) => r.startedAt),
  );

  for (const record of records) {
    const rep = record.repId === undefined ? context.me : record.repId;
    let number: CallNumber | undefined = record.numbers[0];
    let direction = record.direction;
    if (direction === null) {
      // The file does not say which way the call went: the number that is a customer's does.
      number = record.numbers.find((n) => contactFor(n.key) !== null) ?? number;
      direction = number?.side === 'from' ? 'inbound' : 'outbound';
    }
    const key = number?.key ?? null;
    const callId = record.callId?.toLowerCase() ?? null;
    const sameCall = sameCallKey(rep, key, record.startedAt);
    if ((callId !== null && seenIds.has(callId)) || seenCalls.has(sameCall)) {
      plan.duplicates += 1;
      continue;
    }
    if (callId !== null) seenIds.add(callId);
    seenCalls.add(sameCall);

    const contactId = contactFor(key);
    const dealId = contactId ? (deals.get(contactId) ?? null) : null;
    if (contactId) plan.matchedContacts += 1;
    if (dealId) {
      plan.matchedDeals += 1;
      const touch = plan.touches.get(dealId);
      if (!touch || record.endedAt >= touch.at) {
        plan.touches.set(dealId, { at: record.endedAt, nextStep: record.nextStep });
      }
    }
    plan.calls.push({
      id: newId(),
      deal_id: dealId,
      contact_id: contactId,
      rep_id: rep,
      direction,
      phone: number?.phone ?? null,
      started_at: record.startedAt,
      ended_at: record.endedAt,
      disposition: record.disposition,
      notes: record.notes,
      next_step: record.nextStep,
      external_id: record.callId,
      created_at: context.now,
    });
  }
  return plan;
}

/** A call counts as activity on its deal (see `touchDeal` in calls/): only a newer one moves it. */
function touchDeals(w: Writer, touches: readonly [string, DealTouch][]): void {
  for (const [dealId, touch] of touches) {
    const deal = w.get<{ last_activity_at: number }>(
      'SELECT last_activity_at FROM deals WHERE id = ?',
      dealId,
    );
    if (!deal || deal.last_activity_at >= touch.at) continue;
    w.update('deals', dealId, {
      last_activity_at: touch.at,
      ...(touch.nextStep ? { next_step: touch.nextStep } : {}),
    });
  }
}

export function callWriteUnits(plan: CallPlan, size: number): WriteUnit[] {
  const units: WriteUnit[] = [];
  for (let i = 0; i < plan.calls.length; i += size) {
    const rows = plan.calls.slice(i, i + size);
    units.push({ rows: rows.length, write: (w) => void w.insertMany('calls', rows) });
  }
  const touches = [...plan.touches];
  for (let i = 0; i < touches.length; i += size) {
    const slice = touches.slice(i, i + size);
    units.push({ rows: slice.length, write: (w) => touchDeals(w, slice) });
  }
  return units;
}

export const plannedCallRows = (plan: CallPlan) => plan.calls.length + plan.touches.size;
