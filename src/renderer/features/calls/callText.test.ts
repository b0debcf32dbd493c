import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../../shared/contract';
import {
  dayOffset,
  describeWhen,
  formatDuration,
  groupFollowUps,
  nextDue,
  snoozeChoices,
} from './callText';
import { phoneHref } from './phoneLink';

// Local times: the helpers work in the user's own zone, whatever the test machine's is.
const at = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();
const NOW = at(2025, 5, 14, 15, 30); // a Wednesday afternoon

const followUp = (id: string, dueAt: number): FollowUp => ({
  id,
  dealId: 'd1',
  contactId: null,
  ownerId: 'u1',
  dueAt,
  kind: 'call',
  title: null,
  status: 'open',
  doneAt: null,
  dealTitle: 'Acme',
  contactName: null,
  contactTimeZone: null,
});

describe('calls and follow-ups in words', () => {
  it('shows a call’s time as mm:ss, and h:mm:ss past an hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65_400)).toBe('01:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('00:00');
  });

  it('names the day of a follow-up the way a rep says it', () => {
    expect(describeWhen(at(2025, 5, 14, 17, 0), NOW)).toBe('Today 17:00');
    expect(describeWhen(at(2025, 5, 15, 9, 0), NOW)).toBe('Tomorrow 09:00');
    expect(describeWhen(at(2025, 5, 13, 9, 0), NOW)).toBe('Yesterday 09:00');
    expect(describeWhen(at(2025, 5, 16, 9, 0), NOW)).toMatch(/ 09:00$/);
    expect(describeWhen(at(2025, 7, 1, 9, 0), NOW)).toMatch(/1.*09:00$/);
  });

  it('counts calendar days, not 24-hour spans', () => {
    expect(dayOffset(at(2025, 5, 15, 0, 5), at(2025, 5, 14, 23, 55))).toBe(1);
    expect(dayOffset(at(2025, 3, 31, 9), at(2025, 3, 29, 9))).toBe(2); // across a DST change
  });

  it('groups follow-ups into overdue, today and upcoming, soonest first', () => {
    const list = [
      followUp('later-today', at(2025, 5, 14, 17)),
      followUp('next-week', at(2025, 5, 21, 9)),
      followUp('this-morning', at(2025, 5, 14, 9)),
      followUp('last-week', at(2025, 5, 7, 9)),
      followUp('tomorrow', at(2025, 5, 15, 9)),
    ];
    const groups = groupFollowUps(list, NOW);
    expect(groups.overdue.map((f) => f.id)).toEqual(['last-week', 'this-morning']);
    expect(groups.today.map((f) => f.id)).toEqual(['later-today']);
    expect(groups.upcoming.map((f) => f.id)).toEqual(['tomorrow', 'next-week']);
    expect(nextDue(list, NOW)?.id).toBe('later-today');
    expect(nextDue(list, at(2025, 6, 1))).toBeNull();
  });

  it('offers snoozes of an hour, to tomorrow morning and to next Monday', () => {
    const [hour, tomorrow, week] = snoozeChoices(NOW);
    expect(hour!.until).toBe(NOW + 3_600_000);
    expect(tomorrow!.until).toBe(at(2025, 5, 15, 9));
    expect(week!.until).toBe(at(2025, 5, 19, 9));
    // From a Monday, next week is the Monday after.
    expect(snoozeChoices(at(2025, 5, 19, 10))[2]!.until).toBe(at(2025, 5, 26, 9));
  });

  it('dials digits and a leading plus only', () => {
    expect(phoneHref('+49 (30) 1234-567')).toBe('tel:+49301234567');
    expect(phoneHref('030 1234', 'sip:')).toBe('sip:0301234');
  });
});
