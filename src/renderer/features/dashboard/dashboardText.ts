/** Ranges, numbers and words of the activity dashboard: plain functions of their input. */
import { formatRelative, toDateInput } from '../../lib/format';

export type RangeKind = 'today' | 'week' | 'custom';

export interface DayRange {
  kind: RangeKind;
  /** Local calendar days, `YYYY-MM-DD`, both included. */
  fromDay: string;
  toDay: string;
  /** The query's bounds: the start of the first day to the start of the day after the last. */
  from: number;
  to: number;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight starting `YYYY-MM-DD`, or null. */
export function dayStart(day: string): number | null {
  if (!DAY_RE.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y!, m! - 1, d!);
  return toDateInput(date.getTime()) === day ? date.getTime() : null;
}

/** The local day `offset` days after `day` (DST-safe: counts calendar days). */
export function addDays(day: string, offset: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return toDateInput(new Date(y!, m! - 1, d! + offset, 12).getTime());
}

/** Monday of the week of `day`. */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = new Date(y!, m! - 1, d!, 12).getDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function range(kind: RangeKind, fromDay: string, toDay: string): DayRange {
  return { kind, fromDay, toDay, from: dayStart(fromDay)!, to: dayStart(addDays(toDay, 1))! };
}

/**
 * The range the URL asks for (`?range=week`, `?range=custom&from=…&to=…`), in the user's local
 * days; today when it asks for nothing or for something that is not a range.
 */
export function rangeFromParams(params: URLSearchParams, now: number): DayRange {
  const today = toDateInput(now);
  const kind = params.get('range');
  if (kind === 'week') return range('week', weekStart(today), addDays(weekStart(today), 6));
  if (kind === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (dayStart(from) !== null && dayStart(to) !== null) {
      return from <= to ? range('custom', from, to) : range('custom', to, from);
    }
  }
  return range('today', today, today);
}

export function paramsForRange(
  kind: RangeKind,
  fromDay?: string,
  toDay?: string,
): Record<string, string> {
  if (kind === 'today') return {};
  if (kind === 'week') return { range: 'week' };
  return { range: 'custom', from: fromDay ?? '', to: toDay ?? fromDay ?? '' };
}

/** "0 %" … "100 %", whole percent. */
export function formatPercent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** Talk time as `h:mm`. */
export function formatTalkTime(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Speed to lead in words: "under a minute", "4 min", "2 h 5 min", "3 days". */
export function formatSpeed(ms: number | null): string {
  if (ms == null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.round(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/** `mm:ss` of a running call (`h:mm:ss` past an hour). */
export function formatTimer(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  const rest = `${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** A bucket's label on the chart axis: "14:00" for hours, "Mon 12" for days. */
export function bucketLabel(at: number, bucketMs: number): string {
  if (bucketMs < 86_400_000) {
    return new Intl.DateTimeFormat(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(at);
  }
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' }).format(at);
}

/** The chart's data in words, for screen readers. */
export function describeSeries(
  points: { at: number; calls: number; connects: number }[],
  bucketMs: number,
): string {
  const unit = bucketMs < 86_400_000 ? 'hour' : 'day';
  const calls = points.reduce((sum, p) => sum + p.calls, 0);
  const connects = points.reduce((sum, p) => sum + p.connects, 0);
  if (calls === 0) return `No calls in any ${unit} of the range.`;
  const busiest = points.reduce((best, p) => (p.calls > best.calls ? p : best), points[0]!);
  return (
    `${calls} calls and ${connects} connects over ${points.length} ${unit}s; ` +
    `the busiest ${unit} was ${bucketLabel(busiest.at, bucketMs)} with ${busiest.calls} calls ` +
    `and ${busiest.connects} connects.`
  );
}

export type SortKey =
  | 'repName'
  | 'calls'
  | 'connects'
  | 'connectRate'
  | 'talkTimeMs'
  | 'avgSpeedToLeadMs'
  | 'medianSpeedToLeadMs'
  | 'leadsWaiting'
  | 'followUpsOverdue'
  | 'avgScore';

/** Sort reps by a column; missing values (no speed to lead) last either way. */
export function sortReps<T extends Record<SortKey, string | number | null>>(
  reps: readonly T[],
  key: SortKey,
  direction: 'asc' | 'desc',
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...reps].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return String(a.repName).localeCompare(String(b.repName));
    if (x == null) return 1;
    if (y == null) return -1;
    if (typeof x === 'string' || typeof y === 'string') {
      return sign * String(x).localeCompare(String(y));
    }
    return sign * (x - y);
  });
}

const PRESENCE_WORDS = {
  'on-call': 'On a call',
  online: 'Online',
  idle: 'Idle',
  offline: 'Offline',
} as const;

/** "Online", "Idle", "Offline · seen 2 hours ago": a person's presence in a few words. */
export function presenceText(
  presence: keyof typeof PRESENCE_WORDS,
  lastSeenAt: number | null,
  now: number,
): { label: string; detail: string } {
  const label = PRESENCE_WORDS[presence];
  if (presence === 'offline') {
    return {
      label,
      detail: lastSeenAt === null ? 'Not seen yet' : `Seen ${formatRelative(lastSeenAt, now)}`,
    };
  }
  return { label, detail: label };
}
