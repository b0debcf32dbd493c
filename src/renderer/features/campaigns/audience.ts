import type { Campaign, CampaignAudience, Phase } from '../../../shared/domain';

/** "A", "A or B", "A, B or C". */
function either(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * The filter in words, for people who did not write it: "Logistics or Retail companies in EMEA,
 * with deals in Conversion".
 */
export function describeAudience(filter: CampaignAudience, phases: readonly Phase[]): string {
  const { industries, regions, phaseIds } = filter;
  if (industries.length + regions.length + phaseIds.length === 0) {
    return 'Every customer, at any stage';
  }
  const phaseNames = phaseIds.map((id) => phases.find((p) => p.id === id)?.name ?? id);
  const who =
    industries.length > 0
      ? `${either(industries)} companies`
      : regions.length > 0
        ? 'Companies'
        : 'Any customer';
  const where = regions.length > 0 ? ` in ${either(regions)}` : '';
  const comma = industries.length + regions.length > 0 ? ',' : '';
  const when = phaseNames.length > 0 ? `${comma} with deals in ${either(phaseNames)}` : '';
  return `${who}${where}${when}`;
}

export interface AudienceChip {
  kind: 'industry' | 'region' | 'phase';
  label: string;
  /** For phases, to colour the chip like the phase's stages. */
  phaseId?: Phase['id'];
}

export function audienceChips(filter: CampaignAudience, phases: readonly Phase[]): AudienceChip[] {
  return [
    ...filter.industries.map((label) => ({ kind: 'industry' as const, label })),
    ...filter.regions.map((label) => ({ kind: 'region' as const, label })),
    ...filter.phaseIds.map((id) => ({
      kind: 'phase' as const,
      label: phases.find((p) => p.id === id)?.name ?? id,
      phaseId: id,
    })),
  ];
}

const DAY = 86_400_000;

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "1 Mar – 30 Apr 2026", "From 1 Mar 2026", "Until 30 Apr 2026", "Ongoing". */
export function formatRange(startsAt: number | null, endsAt: number | null): string {
  if (startsAt == null && endsAt == null) return 'Ongoing';
  if (startsAt == null) return `Until ${longDate.format(endsAt!)}`;
  if (endsAt == null) return `From ${longDate.format(startsAt)}`;
  const sameYear = new Date(startsAt).getFullYear() === new Date(endsAt).getFullYear();
  return `${(sameYear ? shortDate : longDate).format(startsAt)} – ${longDate.format(endsAt)}`;
}

function inDays(ms: number): string {
  const days = Math.ceil(ms / DAY);
  return days <= 1 ? 'a day' : `${days} days`;
}

/** What the dates mean today: "ends in 5 days", "starts tomorrow", "ended 12 days ago". */
export function describeTiming(campaign: Campaign, now: number): string {
  const { status, startsAt, endsAt } = campaign;
  if (status === 'scheduled' && startsAt != null) return `Starts in ${inDays(startsAt - now)}`;
  if (status === 'ended' && endsAt != null) {
    const days = Math.floor((now - endsAt) / DAY);
    return days < 1 ? 'Ended today' : `Ended ${days === 1 ? 'a day' : `${days} days`} ago`;
  }
  if (endsAt == null) return 'Until further notice';
  return `Ends in ${inDays(endsAt - now)}`;
}

export const STATUS_LABELS: Record<Campaign['status'], string> = {
  running: 'Running',
  scheduled: 'Scheduled',
  ended: 'Ended',
};
