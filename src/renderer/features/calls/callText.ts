/** Words and times of calls and follow-ups: plain functions of their input (and a clock). */
import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay as startOfLocalDay } from 'date-fns';
import type { Call, FollowUp } from '../../../shared/contract';
import {
  CALL_DISPOSITIONS,
  intoWorkingHours,
  isInWorkingHours,
  nextWorkingDay,
  type CallDisposition,
  type ClockTime,
  type WorkingHours,
} from '../../../shared/domain/followUpRules';

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

export interface SnoozeChoice {
  label: string;
  until: number;
}

/** The rep's own time zone. */
export const myTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `zone` if the browser knows it (a synced value may name one it does not), else null. */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Snoozes that respect the customer's day: in 1 hour; their next working morning ("Tomorrow
 * morning", or "Monday morning" before a weekend); the same time on their next working day (the
 * start of it when that time is outside their hours); the first working morning of next week.
 */
export function snoozeChoices(
  now: number,
  where: { timeZone: string; hours: WorkingHours },
): SnoozeChoice[] {
  const { timeZone, hours } = where;
  const local = new TZDate(now, timeZone);
  const tomorrow = startOfLocalDay(addDays(local, 1));
  const morning = intoWorkingHours(tomorrow.getTime(), timeZone, hours);
  const morningDay = new TZDate(morning, timeZone);
  const sameTime = `${pad(local.getHours())}:${pad(local.getMinutes())}` as ClockTime;
  const nextDay = nextWorkingDay(now, timeZone, hours, sameTime);
  const nextWeek = intoWorkingHours(
    startOfLocalDay(addDays(local, 8 - (((local.getDay() + 6) % 7) + 1))).getTime(),
    timeZone,
    hours,
  );
  const choices: SnoozeChoice[] = [
    { label: 'In 1 hour', until: now + 3_600_000 },
    {
      label:
        morningDay.getDate() === tomorrow.getDate() && morningDay.getMonth() === tomorrow.getMonth()
          ? 'Tomorrow morning'
          : `${WEEKDAYS[morningDay.getDay()]} morning`,
      until: morning,
    },
    {
      label: 'Next working day',
      until: isInWorkingHours(nextDay, timeZone, hours)
        ? nextDay
        : nextWorkingDay(now, timeZone, hours),
    },
    { label: 'Next week', until: nextWeek },
  ];
  // After their hours the same time tomorrow is their morning, offered already. "Next week" stays
  // even when it is the next morning (on a Friday), so the menu keeps its shape.
  return choices.filter((choice, index) => index !== 2 || choice.until !== choices[1]!.until);
}

/**
 * "10:00 their time" (or "Tue 10:00 their time" on another day) when the customer's clock shows
 * something else than the rep's at `ms`; null when it shows the same, or their zone is unknown.
 */
export function theirTime(
  ms: number,
  theirZone: string | null | undefined,
  myZone: string = myTimeZone(),
): string | null {
  const zone = knownTimeZone(theirZone);
  if (!zone) return null;
  const theirs = new TZDate(ms, zone);
  const mine = new TZDate(ms, myZone);
  const clock = `${pad(theirs.getHours())}:${pad(theirs.getMinutes())}`;
  if (clock === `${pad(mine.getHours())}:${pad(mine.getMinutes())}`) return null;
  const otherDay = theirs.getDate() !== mine.getDate();
  return `${otherDay ? `${WEEKDAYS[theirs.getDay()]!.slice(0, 3)} ` : ''}${clock} their time`;
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

/** Open follow-ups that came due after `after` and by `now`, soonest first: the ones to announce. */
export function dueBetween(followUps: readonly FollowUp[], after: number, now: number): FollowUp[] {
  return followUps
    .filter((f) => f.status === 'open' && f.dueAt > after && f.dueAt <= now)
    .sort((a, b) => a.dueAt - b.dueAt);
}

/**
 * Follow-ups that appeared in the list since it was last seen (`known`) already due — within
 * `withinMs`, and before `seenUntil` (later ones `dueBetween` announces): a colleague's reminder
 * that arrived by sync after its time, such as a handover decision.
 */
export function arrivedDue(
  followUps: readonly FollowUp[],
  known: ReadonlySet<string>,
  seenUntil: number,
  now: number,
  withinMs: number,
): FollowUp[] {
  return followUps
    .filter(
      (f) =>
        !known.has(f.id) &&
        f.status === 'open' &&
        f.dueAt <= Math.min(now, seenUntil) &&
        f.dueAt > now - withinMs,
    )
    .sort((a, b) => a.dueAt - b.dueAt);
}

/** The next open follow-up to come due after `now`, for the in-app reminder. */
export function nextDue(followUps: readonly FollowUp[], now: number): FollowUp | null {
  let next: FollowUp | null = null;
  for (const f of followUps) {
    if (f.status === 'open' && f.dueAt > now && (!next || f.dueAt < next.dueAt)) next = f;
  }
  return next;
}
