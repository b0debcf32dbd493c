import { ApiError, type ParsedInput } from '../../shared/contract';
import {
  CampaignAudience,
  campaignStatus,
  type Campaign,
  type CampaignStatus,
} from '../../shared/domain';
import type { CoreContext } from '../context';
import { teamCurrency } from '../team/team';

interface CampaignRow extends Omit<Campaign, 'filter' | 'status'> {
  filter: string | null;
}

const COLUMNS = `id, name, audience, audience_filter AS filter, offer, price_minor AS priceMinor,
  currency, starts_at AS startsAt, ends_at AS endsAt`;

const ANY_AUDIENCE: CampaignAudience = { industries: [], regions: [], phaseIds: [] };
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 100;

/**
 * The stored filter. It arrives by sync like any field, so a value this version cannot read
 * counts as "anyone" rather than breaking the whole list.
 */
function parseAudience(json: string | null): CampaignAudience {
  if (!json) return ANY_AUDIENCE;
  try {
    const parsed = CampaignAudience.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : ANY_AUDIENCE;
  } catch {
    return ANY_AUDIENCE;
  }
}

function toCampaign(row: CampaignRow, now: number): Campaign {
  return { ...row, filter: parseAudience(row.filter), status: campaignStatus(row, now) };
}

/** Trimmed, blanks dropped, each value once ("EMEA" and "emea" are one region). */
function cleanValues(values: string[], field: string): string[] {
  const seen = new Set<string>();
  const clean: string[] = [];
  values.forEach((raw, i) => {
    const value = raw.trim();
    if (value.length > MAX_VALUE_LENGTH) {
      throw new ApiError(
        'invalid_input',
        `${field}[${i}]: at most ${MAX_VALUE_LENGTH} characters`,
        `${field}[${i}]`,
      );
    }
    if (!value || seen.has(value.toLowerCase())) return;
    seen.add(value.toLowerCase());
    clean.push(value);
  });
  if (clean.length > MAX_VALUES) {
    throw new ApiError('invalid_input', `${field}: at most ${MAX_VALUES} values`, field);
  }
  return clean;
}

function cleanAudience(filter: CampaignAudience, prefix: string): CampaignAudience {
  return {
    industries: cleanValues(filter.industries, `${prefix}filter.industries`),
    regions: cleanValues(filter.regions, `${prefix}filter.regions`),
    phaseIds: [...new Set(filter.phaseIds)],
  };
}

const ORDER: Record<CampaignStatus, number> = { running: 0, scheduled: 1, ended: 2 };

/**
 * Running first (ending soonest first: those are the offers to quote now), then scheduled
 * (starting soonest first), then ended (most recent first).
 */
function compareCampaigns(a: Campaign, b: Campaign): number {
  const byStatus = ORDER[a.status] - ORDER[b.status];
  if (byStatus !== 0) return byStatus;
  const key = (c: Campaign) =>
    c.status === 'running'
      ? (c.endsAt ?? Number.MAX_SAFE_INTEGER)
      : c.status === 'scheduled'
        ? (c.startsAt ?? 0)
        : -(c.endsAt ?? 0);
  return key(a) - key(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** A team has tens of campaigns, not thousands: sorting by derived status happens here. */
export function listCampaigns(ctx: CoreContext, input: ParsedInput<'campaigns.list'>): Campaign[] {
  const now = ctx.now();
  const rows = ctx.store
    .prepare(`SELECT ${COLUMNS} FROM campaigns WHERE deleted_at IS NULL`)
    .all() as CampaignRow[];
  return rows
    .map((row) => toCampaign(row, now))
    .filter((campaign) => input.includeEnded || campaign.status !== 'ended')
    .sort(compareCampaigns);
}

export function getCampaign(ctx: CoreContext, id: string): Campaign {
  const row = ctx.store
    .prepare(`SELECT ${COLUMNS} FROM campaigns WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as CampaignRow | undefined;
  if (!row) throw new ApiError('not_found', `there is no campaign with id ${id}`, 'id');
  return toCampaign(row, ctx.now());
}

export function createCampaign(ctx: CoreContext, input: ParsedInput<'campaigns.create'>): Campaign {
  const filter = cleanAudience(input.filter ?? ANY_AUDIENCE, '');
  const id = ctx.store.write((w) =>
    w.insert('campaigns', {
      name: input.name,
      audience: input.audience || null,
      audience_filter: JSON.stringify(filter),
      offer: input.offer || null,
      price_minor: input.priceMinor ?? null,
      // A price means nothing without its currency: the team's, unless another is given.
      currency: input.currency ?? (input.priceMinor != null ? teamCurrency(ctx) : null),
      starts_at: input.startsAt ?? null,
      ends_at: input.endsAt ?? null,
      created_at: ctx.now(),
    }),
  );
  return getCampaign(ctx, id);
}

export function updateCampaign(ctx: CoreContext, input: ParsedInput<'campaigns.update'>): Campaign {
  const before = getCampaign(ctx, input.id);
  const { patch } = input;
  const startsAt = patch.startsAt !== undefined ? patch.startsAt : before.startsAt;
  const endsAt = patch.endsAt !== undefined ? patch.endsAt : before.endsAt;
  // The contract checks the dates it is given; here they meet the dates already stored.
  if (startsAt != null && endsAt != null && endsAt < startsAt) {
    const field = patch.endsAt !== undefined ? 'patch.endsAt' : 'patch.startsAt';
    throw new ApiError('invalid_input', `${field}: a campaign cannot end before it starts`, field);
  }
  const fields: Record<string, string | number | null> = {};
  if (patch.name !== undefined) fields.name = patch.name;
  if (patch.audience !== undefined) fields.audience = patch.audience || null;
  if (patch.filter !== undefined)
    fields.audience_filter = JSON.stringify(cleanAudience(patch.filter, 'patch.'));
  if (patch.offer !== undefined) fields.offer = patch.offer || null;
  if (patch.priceMinor !== undefined) fields.price_minor = patch.priceMinor;
  if (patch.currency !== undefined) fields.currency = patch.currency;
  else if (patch.priceMinor != null && before.currency == null) fields.currency = teamCurrency(ctx);
  if (patch.startsAt !== undefined) fields.starts_at = patch.startsAt;
  if (patch.endsAt !== undefined) fields.ends_at = patch.endsAt;
  ctx.store.write((w) => w.update('campaigns', input.id, fields));
  return getCampaign(ctx, input.id);
}

export function deleteCampaign(ctx: CoreContext, id: string): { id: string } {
  getCampaign(ctx, id);
  ctx.store.write((w) => w.remove('campaigns', id));
  return { id };
}

/** Empty means anyone; otherwise the value must be one of the list, whatever its case. */
function allows(list: readonly string[], value: string | null): boolean {
  if (list.length === 0) return true;
  const wanted = value?.trim().toLowerCase();
  return Boolean(wanted) && list.some((item) => item.trim().toLowerCase() === wanted);
}

/**
 * Campaigns running now whose audience takes this deal: its account's industry and region and
 * its stage's lifecycle phase. So a rep sees the offer that applies before quoting a price.
 */
export function campaignsForDeal(ctx: CoreContext, dealId: string): Campaign[] {
  const deal = ctx.store
    .prepare(
      `SELECT a.industry, a.region, st.phase_id AS phaseId
         FROM deals d
         LEFT JOIN accounts a ON a.id = d.account_id AND a.deleted_at IS NULL
         LEFT JOIN stages st ON st.id = d.stage_id
        WHERE d.id = ? AND d.deleted_at IS NULL`,
    )
    .get(dealId) as
    { industry: string | null; region: string | null; phaseId: string | null } | undefined;
  if (!deal) throw new ApiError('not_found', `there is no deal with id ${dealId}`, 'dealId');
  return listCampaigns(ctx, { includeEnded: false }).filter(
    (campaign) =>
      campaign.status === 'running' &&
      allows(campaign.filter.industries, deal.industry) &&
      allows(campaign.filter.regions, deal.region) &&
      allows(campaign.filter.phaseIds, deal.phaseId),
  );
}
