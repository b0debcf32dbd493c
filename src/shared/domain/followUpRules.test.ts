import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FOLLOW_UP_RULES,
  intoWorkingHours,
  isInWorkingHours,
  nextWorkingDay,
  proposeFollowUp,
  type FollowUpEvent,
  type FollowUpRules,
} from './followUpRules';

/**
 * Every instant here is written out in UTC and checked in the contact's local time, by hand:
 * New York is UTC-5 in winter (EST) and UTC-4 in summer (EDT); Berlin UTC+1 / UTC+2; Tokyo UTC+9.
 * 2026-11-30 is a Monday; 2026-12-04 a Friday.
 */
const utc = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';

function propose(now: string, event: FollowUpEvent, timeZone = NY, rules?: FollowUpRules) {
  const proposal = proposeFollowUp({ now: utc(now), timeZone, event, rules });
  return {
    dueAt: proposal.dueAt === null ? null : new Date(proposal.dueAt).toISOString(),
    reason: proposal.reason,
  };
}

const call = (
  disposition: Extract<FollowUpEvent, { kind: 'call' }>['disposition'],
  unanswered = 0,
  nextStepAt?: string,
) =>
  ({
    kind: 'call',
    disposition,
    unanswered,
    nextStepAt: nextStepAt ? utc(nextStepAt) : null,
  }) as const;

describe('follow-up rules', () => {
  it('no answer: again in 2 hours the same working day, then the next working morning', () => {
    // Monday 10:00 in New York (15:00 UTC) → 12:00 New York.
    expect(propose('2026-11-30T15:00:00Z', call('no-answer', 1))).toEqual({
      dueAt: '2026-11-30T17:00:00.000Z',
      reason: 'No answer: try again in 2 hours',
    });
    // Monday 16:30 New York: +2 h is after 17:30 → Tuesday 09:00 New York (14:00 UTC).
    expect(propose('2026-11-30T21:30:00Z', call('no-answer', 1))).toEqual({
      dueAt: '2026-12-01T14:00:00.000Z',
      reason: 'No answer, late in their day: try the next working morning',
    });
    // The second unanswered call in a row: the next working morning, whatever the hour.
    expect(propose('2026-11-30T15:00:00Z', call('no-answer', 2))).toEqual({
      dueAt: '2026-12-01T14:00:00.000Z',
      reason: 'No answer again: try the next working morning',
    });
    // Friday afternoon → Monday morning.
    expect(propose('2026-12-04T20:00:00Z', call('no-answer', 2)).dueAt).toBe(
      '2026-12-07T14:00:00.000Z',
    );
    // Six in a row: no more calls proposed.
    expect(propose('2026-11-30T15:00:00Z', call('no-answer', 6))).toEqual({
      dueAt: null,
      reason: '6 calls in a row without an answer: try another channel',
    });
  });

  it('voicemail: the next working day at 10:00 in the contact’s time zone', () => {
    // Monday 15:00 UTC is 16:00 in Berlin and midnight in Tokyo (Tuesday 00:00).
    expect(propose('2026-11-30T15:00:00Z', call('voicemail'), 'Europe/Berlin').dueAt).toBe(
      '2026-12-01T09:00:00.000Z', // Tuesday 10:00 Berlin
    );
    expect(propose('2026-11-30T15:00:00Z', call('voicemail'), 'Asia/Tokyo').dueAt).toBe(
      '2026-12-02T01:00:00.000Z', // Wednesday 10:00 Tokyo: it is already Tuesday there
    );
    // Friday → Monday.
    expect(propose('2026-12-04T15:00:00Z', call('voicemail')).dueAt).toBe(
      '2026-12-07T15:00:00.000Z',
    );
  });

  it('connected: the date the customer named, else after two working days', () => {
    expect(propose('2026-11-30T15:00:00Z', call('connected', 0, '2026-12-03T16:30:00Z'))).toEqual({
      dueAt: '2026-12-03T16:30:00.000Z',
      reason: 'The next step on the date the customer named',
    });
    // Thursday → the second working day after is Monday, 10:00 New York.
    expect(propose('2026-12-03T15:00:00Z', call('connected')).dueAt).toBe(
      '2026-12-07T15:00:00.000Z',
    );
    expect(propose('2026-11-30T15:00:00Z', call('meeting-booked'))).toEqual({
      dueAt: null,
      reason: 'The booked meeting is the next step',
    });
    expect(propose('2026-11-30T15:00:00Z', call('not-interested')).dueAt).toBeNull();
    expect(propose('2026-11-30T15:00:00Z', call('wrong-number')).dueAt).toBeNull();
  });

  it('a new lead: within 5 minutes in working hours, first thing in the morning otherwise', () => {
    expect(propose('2026-11-30T15:00:00Z', { kind: 'new-lead' })).toEqual({
      dueAt: '2026-11-30T15:05:00.000Z',
      reason: 'New lead: call within 5 minutes, while it is hot',
    });
    // 23:00 in New York on Monday (04:00 UTC Tuesday) → Tuesday 09:00 New York.
    expect(propose('2026-12-01T04:00:00Z', { kind: 'new-lead' })).toEqual({
      dueAt: '2026-12-01T14:00:00.000Z',
      reason: 'New lead outside working hours: call first thing in their morning',
    });
    // Saturday noon → Monday 09:00.
    expect(propose('2026-12-05T17:00:00Z', { kind: 'new-lead' }).dueAt).toBe(
      '2026-12-07T14:00:00.000Z',
    );
  });

  it('busy: again in 30 minutes, or the next working morning at the end of the day', () => {
    expect(propose('2026-11-30T15:00:00Z', call('busy')).dueAt).toBe('2026-11-30T15:30:00.000Z');
    expect(propose('2026-11-30T22:15:00Z', call('busy')).dueAt).toBe('2026-12-01T14:00:00.000Z');
  });

  it('keeps local times across a change to daylight saving time', () => {
    // Friday 2027-03-12, voicemail at 11:00 New York (EST, 16:00 UTC); clocks go forward on
    // Sunday 03-14, so Monday 10:00 New York is 14:00 UTC, not 15:00.
    expect(propose('2027-03-12T16:00:00Z', call('voicemail')).dueAt).toBe(
      '2027-03-15T14:00:00.000Z',
    );
  });

  it('follows rules a manager edited: a six-day week, earlier starts, a faster retry', () => {
    const rules: FollowUpRules = {
      ...DEFAULT_FOLLOW_UP_RULES,
      workingHours: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:00' },
      noAnswer: {
        ...DEFAULT_FOLLOW_UP_RULES.noAnswer,
        firstRetryMinutes: 45,
        nextMorningAt: '08:30',
      },
    };
    expect(propose('2026-11-30T15:00:00Z', call('no-answer', 1), NY, rules)).toEqual({
      dueAt: '2026-11-30T15:45:00.000Z',
      reason: 'No answer: try again in 45 minutes',
    });
    // Friday evening → Saturday 08:30 (Saturday works now).
    expect(propose('2026-12-04T23:30:00Z', call('no-answer', 2), NY, rules).dueAt).toBe(
      '2026-12-05T13:30:00.000Z',
    );
  });

  it('moves an instant into working hours, and leaves one inside them alone', () => {
    const hours = DEFAULT_FOLLOW_UP_RULES.workingHours;
    expect(intoWorkingHours(utc('2026-11-30T15:00:00Z'), NY, hours)).toBe(
      utc('2026-11-30T15:00:00Z'),
    );
    // 07:00 New York Monday → 09:00 the same day.
    expect(intoWorkingHours(utc('2026-11-30T12:00:00Z'), NY, hours)).toBe(
      utc('2026-11-30T14:00:00Z'),
    );
    // Sunday → Monday 09:00.
    expect(intoWorkingHours(utc('2026-11-29T18:00:00Z'), NY, hours)).toBe(
      utc('2026-11-30T14:00:00Z'),
    );
  });

  it('finds the next working day in the contact’s zone, and tells working hours from after hours', () => {
    const hours = DEFAULT_FOLLOW_UP_RULES.workingHours;
    // Friday 16:00 New York → Monday 09:00; at a given time → Monday at that time.
    expect(nextWorkingDay(utc('2026-12-04T21:00:00Z'), NY, hours)).toBe(
      utc('2026-12-07T14:00:00Z'),
    );
    expect(nextWorkingDay(utc('2026-12-04T21:00:00Z'), NY, hours, '14:15')).toBe(
      utc('2026-12-07T19:15:00Z'),
    );
    // Monday 22:00 UTC is still Monday in New York, already Tuesday in Tokyo.
    expect(nextWorkingDay(utc('2026-11-30T22:00:00Z'), NY, hours)).toBe(
      utc('2026-12-01T14:00:00Z'),
    );
    expect(nextWorkingDay(utc('2026-11-30T22:00:00Z'), 'Asia/Tokyo', hours)).toBe(
      utc('2026-12-02T00:00:00Z'), // Wednesday 09:00 Tokyo
    );
    expect(isInWorkingHours(utc('2026-11-30T15:00:00Z'), NY, hours)).toBe(true);
    expect(isInWorkingHours(utc('2026-11-30T22:30:00Z'), NY, hours)).toBe(false); // 17:30 NY
    expect(isInWorkingHours(utc('2026-12-05T15:00:00Z'), NY, hours)).toBe(false); // Saturday
  });
});
