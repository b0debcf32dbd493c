/**
 * What a handover's first draft is written from: the deal, its account, contacts, notes, calls,
 * stage moves and, where issue 7's tables exist, the calls' scores and transcripts. Read through
 * a `Reader` so that the draft made when a deal is won reads inside the same transaction.
 */
import type { SqlValue } from '../store/writePath';

export interface Reader {
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  all<T>(sql: string, ...params: SqlValue[]): T[];
}

export interface DealFacts {
  deal: {
    id: string;
    title: string;
    valueMinor: number;
    currency: string;
    closedAt: number | null;
    expectedCloseAt: number | null;
    nextStep: string | null;
    closeReason: string | null;
    createdAt: number;
    ownerName: string | null;
    contactId: string | null;
  };
  account: {
    id: string;
    name: string;
    industry: string | null;
    employees: number | null;
    region: string | null;
    country: string | null;
    city: string | null;
    renewalAt: number | null;
  } | null;
  campaign: {
    name: string;
    offer: string | null;
    priceMinor: number | null;
    currency: string | null;
  } | null;
  contacts: {
    id: string;
    name: string;
    title: string | null;
    email: string | null;
    phone: string | null;
    preferredChannel: string | null;
  }[];
  notes: { id: string; body: string; createdAt: number; authorName: string | null }[];
  calls: {
    id: string;
    startedAt: number;
    endedAt: number | null;
    disposition: string | null;
    notes: string | null;
    nextStep: string | null;
    repName: string | null;
    contactName: string | null;
    /** From call_scores, when the call was scored. */
    score: number | null;
    evidence: { dimension: string; start: number; speaker: string; quote: string; note?: string }[];
    /** From call_transcripts: who said what, with the rep's speaker named. */
    segments: { speaker: string; start: number; text: string; isRep: boolean }[];
  }[];
  stageMoves: { stageName: string; movedAt: number }[];
  /** For dates in the text: the team's time zone (UTC if none). */
  timeZone: string;
}

const tableExists = (reader: Reader, name: string) =>
  reader.get<{ x: number }>(
    "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?",
    name,
  ) !== undefined;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Evidence of the dimensions a handover cares about, read leniently (the JSON comes by sync). */
const EVIDENCE_OF = new Set(['nextSteps', 'objectionsHandled']);

function readEvidence(raw: string | null): DealFacts['calls'][number]['evidence'] {
  const dimensions = parseJson(raw);
  if (!Array.isArray(dimensions)) return [];
  const found: DealFacts['calls'][number]['evidence'] = [];
  for (const dimension of dimensions) {
    if (!isObject(dimension) || typeof dimension.id !== 'string') continue;
    if (!EVIDENCE_OF.has(dimension.id) || !Array.isArray(dimension.evidence)) continue;
    for (const item of dimension.evidence) {
      if (!isObject(item) || typeof item.quote !== 'string' || typeof item.start !== 'number') {
        continue;
      }
      found.push({
        dimension: dimension.id,
        start: item.start,
        speaker: typeof item.speaker === 'string' ? item.speaker : '',
        quote: item.quote,
        ...(typeof item.note === 'string' ? { note: item.note } : {}),
      });
    }
  }
  return found;
}

function readSegments(
  raw: string | null,
  repSpeaker: string | null,
): DealFacts['calls'][number]['segments'] {
  const segments = parseJson(raw);
  if (!Array.isArray(segments)) return [];
  return segments.flatMap((segment) =>
    isObject(segment) &&
    typeof segment.speaker === 'string' &&
    typeof segment.start === 'number' &&
    typeof segment.text === 'string'
      ? [
          {
            speaker: segment.speaker,
            start: segment.start,
            text: segment.text,
            isRep: segment.speaker === repSpeaker,
          },
        ]
      : [],
  );
}

export function readDealFacts(reader: Reader, dealId: string): DealFacts | null {
  const deal = reader.get<
    DealFacts['deal'] & { accountId: string | null; campaignId: string | null }
  >(
    `SELECT d.id, d.title, d.value_minor AS valueMinor, d.currency, d.closed_at AS closedAt,
            d.expected_close_at AS expectedCloseAt, d.next_step AS nextStep,
            d.close_reason AS closeReason, d.created_at AS createdAt, u.name AS ownerName,
            d.contact_id AS contactId, d.account_id AS accountId, d.campaign_id AS campaignId
       FROM deals d LEFT JOIN users u ON u.id = d.owner_id
      WHERE d.id = ? AND d.deleted_at IS NULL`,
    dealId,
  );
  if (!deal) return null;
  const { accountId, campaignId, ...dealFields } = deal;
  const account = accountId
    ? (reader.get<NonNullable<DealFacts['account']>>(
        `SELECT id, name, industry, employees, region, country, city, renewal_at AS renewalAt
           FROM accounts WHERE id = ? AND deleted_at IS NULL`,
        accountId,
      ) ?? null)
    : null;
  const campaign = campaignId
    ? (reader.get<NonNullable<DealFacts['campaign']>>(
        `SELECT name, offer, price_minor AS priceMinor, currency
           FROM campaigns WHERE id = ? AND deleted_at IS NULL`,
        campaignId,
      ) ?? null)
    : null;
  // The deal's contact first, then the account's people.
  const contacts = reader.all<DealFacts['contacts'][number]>(
    `SELECT id, trim(first_name || ' ' || last_name) AS name, title, email, phone,
            preferred_channel AS preferredChannel
       FROM contacts
      WHERE deleted_at IS NULL AND (id = ? OR (account_id IS NOT NULL AND account_id = ?))
      ORDER BY id = ? DESC, last_name COLLATE NOCASE, first_name COLLATE NOCASE
      LIMIT 25`,
    deal.contactId,
    accountId,
    deal.contactId,
  );
  // The deal's notes, and notes on its account or contact that name no other deal.
  const notes = reader.all<DealFacts['notes'][number]>(
    `SELECT n.id, n.body, n.created_at AS createdAt, u.name AS authorName
       FROM notes n LEFT JOIN users u ON u.id = n.author_id
      WHERE n.deleted_at IS NULL
        AND (n.deal_id = ?
             OR (n.deal_id IS NULL AND n.account_id IS NOT NULL AND n.account_id = ?)
             OR (n.deal_id IS NULL AND n.contact_id IS NOT NULL AND n.contact_id = ?))
      ORDER BY n.created_at, n.id
      LIMIT 200`,
    dealId,
    accountId,
    deal.contactId,
  );
  const scored = tableExists(reader, 'call_scores');
  const transcribed = tableExists(reader, 'call_transcripts');
  const calls = reader
    .all<{
      id: string;
      startedAt: number;
      endedAt: number | null;
      disposition: string | null;
      notes: string | null;
      nextStep: string | null;
      repName: string | null;
      contactName: string | null;
      score: number | null;
      dimensions: string | null;
      segments: string | null;
      repSpeaker: string | null;
    }>(
      `SELECT c.id, c.started_at AS startedAt, c.ended_at AS endedAt, c.disposition, c.notes,
              c.next_step AS nextStep, u.name AS repName,
              nullif(trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')), '')
                AS contactName,
              ${scored ? 's.overall' : 'NULL'} AS score,
              ${scored ? 's.dimensions' : 'NULL'} AS dimensions,
              ${transcribed ? 't.segments' : 'NULL'} AS segments,
              ${transcribed ? 't.rep_speaker' : 'NULL'} AS repSpeaker
         FROM calls c
         LEFT JOIN users u ON u.id = c.rep_id
         LEFT JOIN contacts k ON k.id = c.contact_id
         ${scored ? 'LEFT JOIN call_scores s ON s.id = c.id AND s.deleted_at IS NULL' : ''}
         ${transcribed ? 'LEFT JOIN call_transcripts t ON t.id = c.id AND t.deleted_at IS NULL' : ''}
        WHERE c.deal_id = ? AND c.deleted_at IS NULL
        ORDER BY c.started_at, c.id
        LIMIT 100`,
      dealId,
    )
    .map(({ dimensions, segments, repSpeaker, ...call }) => ({
      ...call,
      evidence: readEvidence(dimensions),
      segments: readSegments(segments, repSpeaker),
    }));
  const stageMoves = reader.all<DealFacts['stageMoves'][number]>(
    `SELECT coalesce(s.name, '') AS stageName, h.moved_at AS movedAt
       FROM stage_history h LEFT JOIN stages s ON s.id = h.to_stage_id
      WHERE h.deal_id = ? AND h.deleted_at IS NULL
      ORDER BY h.moved_at, h.id`,
    dealId,
  );
  const team = reader.get<{ tz: string | null }>(
    'SELECT time_zone AS tz FROM team WHERE deleted_at IS NULL LIMIT 1',
  );
  return {
    deal: dealFields,
    account,
    campaign,
    contacts,
    notes,
    calls,
    stageMoves,
    timeZone: validZone(team?.tz) ?? 'UTC',
  };
}

function validZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
