/** Words and times of calls and follow-ups: plain functions of their input (and a clock). */
import type { Call, FollowUp } from '../../../shared/contract';
import { CALL_DISPOSITIONS, type CallDisposition } from '../../../shared/domain/followUpRules';

export const DISPOSITION_LABELS: Record<CallDisposition, string> = {
  connected: 'Connected',
  'no-answer': 'No answer',
  busy: 'Busy',
  voicemail: 'Voicemail',
  'wrong-number': 'Wrong number',
  'not-interested': 'Not interested',
  'meeting-booked': 'Meeting booked',
};

/** How each outcome reads at a glance: good, neutral (try again) or bad. */
export const DISPOSITION_TONES: Record<CallDisposition, 'good' | 'neutral' | 'bad'> = {
  connected: 'good',
  'meeting-booked': 'good',
  'no-answer': 'neutral',
  busy: 'neutral',
  voicemail: 'neutral',
  'wrong-number': 'bad',
  'not-interested': 'bad',
};

/** The dispositions in the order of their number keys (1 … 7). */
export const DISPOSITIONS = CALL_DISPOSITIONS.map((value, index) => ({
  value,
  key: String(index + 1),
  label: DISPOSITION_LABELS[value],
}));

/** Outcomes after which the rep says what happens next. */
export const ASKS_NEXT_STEP: ReadonlySet<CallDisposition> = new Set([
  'connected',
  'meeting-booked',
]);

/** `mm:ss` (or `h:mm:ss` past an hour) of a span in ms. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

export function callDuration(call: Pick<Call, 'startedAt' | 'endedAt'>): string | null {
  return call.endedAt == null ? null : formatDuration(call.endedAt - call.startedAt);
}

const startOfDay = (ms: number) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};
/** Whole local calendar days from `now`'s day to `ms`'s day (DST-safe). */
export function dayOffset(ms: number, now: number): number {
  const a = new Date(startOfDay(now));
  const b = new Date(startOfDay(ms));
  const utc = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}

const time = (ms: number) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false }).format(
    ms,
  );

/** "Today 14:30", "Tomorrow 09:00", "Yesterday 17:00", "Mon 09:00" (this week), "12 May 09:00". */
export function describeWhen(ms: number, now = Date.now()): string {
  const offset = dayOffset(ms, now);
  if (offset === 0) return `Today ${time(ms)}`;
  if (offset === 1) return `Tomorrow ${time(ms)}`;
  if (offset === -1) return `Yesterday ${time(ms)}`;
  if (offset > 1 && offset < 7) {
    return `${new Intl.DateTimeFormat(undefined, { weekday: 'long' }).format(ms)} ${time(ms)}`;
  }
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  const date = new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ms);
  return `${date} ${time(ms)}`;
}

export type ReminderGroup = 'overdue' | 'today' | 'upcoming';

/**
 * Overdue (due before now), Today (later today) and Upcoming (after today), by the user's local
 * day; each soonest first.
 */
export function groupFollowUps(
  followUps: readonly FollowUp[],
  now: number,
): Record<ReminderGroup, FollowUp[]> {
  const groups: Record<ReminderGroup, FollowUp[]> = { overdue: [], today: [], upcoming: [] };
  const sorted = [...followUps].sort((a, b) => a.dueAt - b.dueAt);
  for (const followUp of sorted) {
    if (followUp.dueAt < now) groups.overdue.push(followUp);
    else if (dayOffset(followUp.dueAt, now) === 0) groups.today.push(followUp);
    else groups.upcoming.push(followUp);
  }
  return groups;
}

/** Local time `hh:mm` on the day `days` after `now`'s day. */
function dayAt(now: number, days: number, hours: number, minutes = 0): number {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(hours, minutes, 0, 0);
  return d.getTime();
}

export interface SnoozeChoice {
  label: string;
  until: number;
}

/** In 1 hour, tomorrow 09:00, next Monday 09:00. */
export function snoozeChoices(now: number): SnoozeChoice[] {
  const weekday = new Date(now).getDay(); // 0 Sunday … 6 Saturday
  const toMonday = (8 - weekday) % 7 || 7;
  return [
    { label: 'In 1 hour', until: now + 3_600_000 },
    { label: 'Tomorrow 09:00', until: dayAt(now, 1, 9) },
    { label: 'Next week', until: dayAt(now, toMonday, 9) },
  ];
}

/** What a follow-up is about, for a list row. */
export function followUpSubject(followUp: FollowUp): { label: string; to: string | null } {
  if (followUp.dealId) {
    return { label: followUp.dealTitle ?? 'A deal', to: `/deals/${followUp.dealId}` };
  }
  if (followUp.contactId) {
    return { label: followUp.contactName ?? 'A contact', to: `/contacts/${followUp.contactId}` };
  }
  return { label: 'Follow-up', to: null };
}

/** The next open follow-up to come due after `now`, for the in-app reminder. */
export function nextDue(followUps: readonly FollowUp[], now: number): FollowUp | null {
  let next: FollowUp | null = null;
  for (const f of followUps) {
    if (f.status === 'open' && f.dueAt > now && (!next || f.dueAt < next.dueAt)) next = f;
  }
  return next;
}
