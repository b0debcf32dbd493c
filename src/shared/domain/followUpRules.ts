/**
 * Smart follow-ups: after a call (or when a lead arrives) the app proposes when to follow up, by
 * rules a manager can edit. Times are worked out in the contact's time zone and moved into the
 * team's working hours, so nobody is asked to call a customer at 23:00 their time.
 *
 * Pure functions of their input (the clock is a parameter): the same proposal on every device.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMinutes } from 'date-fns';

export const CALL_DISPOSITIONS = [
  'connected',
  'no-answer',
  'busy',
  'voicemail',
  'wrong-number',
  'not-interested',
  'meeting-booked',
] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/** `HH:MM`, 24-hour, in the local time of the person called. */
export type ClockTime = `${number}:${number}`;

export interface WorkingHours {
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  days: number[];
  start: ClockTime;
  end: ClockTime;
}

export interface FollowUpRules {
  version: 1;
  workingHours: WorkingHours;
  newLead: { withinMinutes: number };
  noAnswer: {
    /** After the first unanswered call, try again this much later (same day if it fits). */
    firstRetryMinutes: number;
    /** After the second and later ones: the next working morning at this time. */
    nextMorningAt: ClockTime;
    /** Stop proposing after this many unanswered calls in a row. */
    giveUpAfter: number;
  };
  busy: { retryMinutes: number };
  voicemail: { nextWorkingDayAt: ClockTime };
  /** Connected without a date for the next step: in this many working days, at this time. */
  connected: { inWorkingDays: number; at: ClockTime };
}

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  version: 1,
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
  newLead: { withinMinutes: 5 },
  noAnswer: { firstRetryMinutes: 120, nextMorningAt: '09:00', giveUpAfter: 6 },
  busy: { retryMinutes: 30 },
  voicemail: { nextWorkingDayAt: '10:00' },
  connected: { inWorkingDays: 2, at: '10:00' },
};

export type FollowUpEvent =
  | { kind: 'new-lead' }
  | {
      kind: 'call';
      disposition: CallDisposition;
      /** How many calls in a row went unanswered, this one included (1 for the first). */
      unanswered: number;
      /** The date the customer named for the next step, if any (UTC ms). */
      nextStepAt?: number | null;
    };

export interface FollowUpProposal {
  /** When to follow up (UTC ms), or null when the rules propose none. */
  dueAt: number | null;
  /** Why, in a sentence the rep sees next to the proposal. */
  reason: string;
}

function minutesOf(time: ClockTime): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** ISO weekday (1 Monday … 7 Sunday) of a local date. */
const isoDay = (date: TZDate) => ((date.getDay() + 6) % 7) + 1;

function at(date: TZDate, time: ClockTime): TZDate {
  const result = new TZDate(date.getTime(), date.timeZone);
  const minutes = minutesOf(time);
  result.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  return result;
}

function isWorkingDay(date: TZDate, hours: WorkingHours): boolean {
  return hours.days.includes(isoDay(date));
}

/** The first working day from `date` on (that day included), at `time`. */
function workingDayAt(date: TZDate, time: ClockTime, hours: WorkingHours): TZDate {
  let day = at(date, time);
  for (let i = 0; i < 7 && !isWorkingDay(day, hours); i++) day = at(addDays(day, 1), time);
  return day;
}

/**
 * `instant` if it falls in working hours in `timeZone`; otherwise the start of the next working
 * period (later the same day if it is before the start, else the next working day).
 */
export function intoWorkingHours(instant: number, timeZone: string, hours: WorkingHours): number {
  const local = new TZDate(instant, timeZone);
  const minutes = local.getHours() * 60 + local.getMinutes();
  if (isWorkingDay(local, hours)) {
    if (minutes < minutesOf(hours.start)) return at(local, hours.start).getTime();
    if (minutes < minutesOf(hours.end)) return instant;
  }
  return workingDayAt(addDays(local, 1), hours.start, hours).getTime();
}

/** The next working day after the day of `instant` (in `timeZone`), at `time`. */
function nextWorkingDayAt(
  instant: number,
  timeZone: string,
  time: ClockTime,
  hours: WorkingHours,
  after = 1,
): number {
  let day = new TZDate(instant, timeZone);
  for (let passed = 0; passed < after;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, hours)) passed += 1;
  }
  return workingDayAt(day, time, hours).getTime();
}

/** The next working day after the day of `instant` in `timeZone`, at `time` (its start by default). */
export function nextWorkingDay(
  instant: number,
  timeZone: string,
  hours: WorkingHours,
  time: ClockTime = hours.start,
): number {
  return nextWorkingDayAt(instant, timeZone, time, hours);
}

/** Whether `instant` falls inside the working hours in `timeZone`. */
export function isInWorkingHours(instant: number, timeZone: string, hours: WorkingHours): boolean {
  return intoWorkingHours(instant, timeZone, hours) === instant;
}

/** What the rules propose after a call, or when a new lead arrives. */
export function proposeFollowUp(input: {
  now: number;
  /** The contact's time zone (IANA, e.g. `America/New_York`); the team's if unknown. */
  timeZone: string;
  rules?: FollowUpRules;
  event: FollowUpEvent;
}): FollowUpProposal {
  const { now, timeZone, event } = input;
  const rules = input.rules ?? DEFAULT_FOLLOW_UP_RULES;
  const hours = rules.workingHours;

  if (event.kind === 'new-lead') {
    const soon = addMinutes(now, rules.newLead.withinMinutes).getTime();
    const dueAt = intoWorkingHours(soon, timeZone, hours);
    return {
      dueAt,
      reason:
        dueAt === soon
          ? `New lead: call within ${rules.newLead.withinMinutes} minutes, while it is hot`
          : 'New lead outside working hours: call first thing in their morning',
    };
  }

  switch (event.disposition) {
    case 'no-answer': {
      if (event.unanswered >= rules.noAnswer.giveUpAfter) {
        return {
          dueAt: null,
          reason: `${event.unanswered} calls in a row without an answer: try another channel`,
        };
      }
      if (event.unanswered <= 1) {
        const retry = addMinutes(now, rules.noAnswer.firstRetryMinutes).getTime();
        const dueAt = intoWorkingHours(retry, timeZone, hours);
        if (dueAt === retry) {
          return {
            dueAt,
            reason: `No answer: try again in ${formatMinutes(rules.noAnswer.firstRetryMinutes)}`,
          };
        }
      }
      return {
        dueAt: nextWorkingDayAt(now, timeZone, rules.noAnswer.nextMorningAt, hours),
        reason:
          event.unanswered <= 1
            ? 'No answer, late in their day: try the next working morning'
            : 'No answer again: try the next working morning',
      };
    }
    case 'busy': {
      const retry = addMinutes(now, rules.busy.retryMinutes).getTime();
      const dueAt = intoWorkingHours(retry, timeZone, hours);
      return {
        dueAt,
        reason:
          dueAt === retry
            ? `Busy: try again in ${formatMinutes(rules.busy.retryMinutes)}`
            : 'Busy at the end of their day: try the next working morning',
      };
    }
    case 'voicemail':
      return {
        dueAt: nextWorkingDayAt(now, timeZone, rules.voicemail.nextWorkingDayAt, hours),
        reason: 'Voicemail left: follow up the next working day',
      };
    case 'connected':
    case 'meeting-booked':
      if (event.nextStepAt != null && event.nextStepAt > now) {
        return { dueAt: event.nextStepAt, reason: 'The next step on the date the customer named' };
      }
      if (event.disposition === 'meeting-booked') {
        return { dueAt: null, reason: 'The booked meeting is the next step' };
      }
      return {
        dueAt: nextWorkingDayAt(
          now,
          timeZone,
          rules.connected.at,
          hours,
          rules.connected.inWorkingDays,
        ),
        reason: `Connected without a date for the next step: check in after ${rules.connected.inWorkingDays} working days`,
      };
    case 'wrong-number':
      return { dueAt: null, reason: 'Wrong number: find the right one before calling again' };
    case 'not-interested':
      return { dueAt: null, reason: 'Not interested: no follow-up proposed' };
  }
}

function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
