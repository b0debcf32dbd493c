/** Ranges, numbers and words of the lifecycle dashboard: plain functions of their input. */
import type { LifecycleDashboard, LifecycleReasonRow } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { toDateInput } from '../../lib/format';
import { addDays, dayStart } from './dashboardText';

export type LifecycleRangeKind = 'month' | 'quarter' | 'year' | 'custom';

export interface LifecycleRange {
  kind: LifecycleRangeKind;
  /** Local calendar days, `YYYY-MM-DD`, both included. */
  fromDay: string;
  toDay: string;
  /** The query's bounds: the start of the first day to the start of the day after the last. */
  from: number;
  to: number;
}

function range(kind: LifecycleRangeKind, fromDay: string, toDay: string): LifecycleRange {
  return { kind, fromDay, toDay, from: dayStart(fromDay)!, to: dayStart(addDays(toDay, 1))! };
}

/** The first day of the `months`-long period (starting in January) that holds `day`. */
function periodStart(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number);
  const first = Math.floor((m! - 1) / months) * months + 1;
  return `${y}-${String(first).padStart(2, '0')}-01`;
}

/** The last day of the `months`-long period starting on `start`. */
function periodEnd(start: string, months: number): string {
  const [y, m] = start.split('-').map(Number);
  return toDateInput(new Date(y!, m! - 1 + months, 0, 12).getTime());
}

/**
 * The range the URL asks for (`?range=quarter`, `?range=custom&from=…&to=…`) in the user's local
 * days; this month when it asks for nothing or for something that is not a range.
 */
export function lifecycleRangeFromParams(params: URLSearchParams, now: number): LifecycleRange {
  const today = toDateInput(now);
  const kind = params.get('range');
  const months = kind === 'quarter' ? 3 : kind === 'year' ? 12 : null;
  if (months !== null) {
    const start = periodStart(today, months);
    return range(kind as LifecycleRangeKind, start, periodEnd(start, months));
  }
  if (kind === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (dayStart(from) !== null && dayStart(to) !== null) {
      return from <= to ? range('custom', from, to) : range('custom', to, from);
    }
  }
  const start = periodStart(today, 1);
  return range('month', start, periodEnd(start, 1));
}

/** The URL's parameters for a range, keeping the others (the owner). */
export function lifecycleParams(
  params: URLSearchParams,
  kind: LifecycleRangeKind,
  fromDay?: string,
  toDay?: string,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['range', 'from', 'to']) next.delete(key);
  if (kind !== 'month') next.set('range', kind);
  if (kind === 'custom') {
    next.set('from', fromDay ?? '');
    next.set('to', toDay ?? fromDay ?? '');
  }
  return next;
}

/** "80%", or a dash when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** Time in a stage: "45 min", "5 h", "2.5 days", "12 days"; a dash without any. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (hours < 24) return `${Math.round(hours)} h`;
  const days = hours / 24;
  const shown = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  return shown === 1 ? '1 day' : `${shown} days`;
}

/** Amounts in several currencies: "€12.5k · $3k". */
export function formatAmounts(
  amounts: readonly { currency: string; minor: number }[],
  compact = true,
): string {
  if (amounts.length === 0) return '—';
  return amounts.map((a) => formatMoney(a.minor, a.currency, { compact })).join(' · ');
}

/** The value of reason rows summed per currency, the largest first. */
export function totalByCurrency(
  rows: readonly LifecycleReasonRow[],
): { currency: string; minor: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    for (const amount of row.value) {
      totals.set(amount.currency, (totals.get(amount.currency) ?? 0) + amount.minor);
    }
  }
  return [...totals.entries()]
    .map(([currency, minor]) => ({ currency, minor }))
    .sort((a, b) => b.minor - a.minor);
}

/** NPS reads good from 30, fair from 0 and poor below. */
export function npsTone(nps: number | null): 'good' | 'fair' | 'poor' | undefined {
  if (nps === null) return undefined;
  return nps >= 30 ? 'good' : nps >= 0 ? 'fair' : 'poor';
}

/** "+25", "0", "−10": NPS is a signed score. */
export function formatNps(nps: number | null): string {
  if (nps === null) return '—';
  return nps > 0 ? `+${nps}` : nps < 0 ? `−${Math.abs(nps)}` : '0';
}

/** "4.3", one decimal. */
export function formatCsat(csat: number | null): string {
  return csat === null ? '—' : (Math.round(csat * 10) / 10).toFixed(1);
}

/** The funnel in words, for screen readers. */
export function describeFunnel(funnel: LifecycleDashboard['funnel']): string {
  const first = funnel[0];
  const last = funnel[funnel.length - 1];
  if (!first || first.reached === 0) return 'No deals were created in this range.';
  const steps = funnel
    .slice(1)
    .map((step) => `${step.name} ${step.reached} (${formatRate(step.conversionRate)})`)
    .join(', ');
  return (
    `${first.reached} deals created in the range; reached ${steps}. ` +
    `${formatRate(last!.reached / first.reached)} of them were won.`
  );
}
