import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../../shared/contract';
import { DEFAULT_FOLLOW_UP_RULES } from '../../../shared/domain/followUpRules';
import {
  dayOffset,
  describeWhen,
  arrivedDue,
  dueBetween,
  formatDuration,
  groupFollowUps,
  nextDue,
  snoozeChoices,
  theirTime,
  type SnoozeChoice,
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

  it('offers snoozes in the customer’s working day: tomorrow morning, next working day, next week', () => {
    const where = { timeZone: 'America/New_York', hours: DEFAULT_FOLLOW_UP_RULES.workingHours };
    const iso = (choices: SnoozeChoice[]) =>
      choices.map((c) => [c.label, new Date(c.until).toISOString()]);
    // Wednesday 15:30 in New York.
    expect(iso(snoozeChoices(Date.parse('2026-12-02T20:30:00Z'), where))).toEqual([
      ['In 1 hour', '2026-12-02T21:30:00.000Z'],
      ['Tomorrow morning', '2026-12-03T14:00:00.000Z'],
      ['Next working day', '2026-12-03T20:30:00.000Z'],
      ['Next week', '2026-12-07T14:00:00.000Z'],
    ]);
    // Friday 16:00: the next working morning is Monday's (which is also next week's).
    expect(iso(snoozeChoices(Date.parse('2026-12-04T21:00:00Z'), where))).toEqual([
      ['In 1 hour', '2026-12-04T22:00:00.000Z'],
      ['Monday morning', '2026-12-07T14:00:00.000Z'],
      ['Next working day', '2026-12-07T21:00:00.000Z'],
      ['Next week', '2026-12-07T14:00:00.000Z'],
    ]);
    // Wednesday 19:00, after their hours: the same time tomorrow would be too, so it is the
    // start of their day, which "Tomorrow morning" offers already.
    expect(iso(snoozeChoices(Date.parse('2026-12-03T00:00:00Z'), where))).toEqual([
      ['In 1 hour', '2026-12-03T01:00:00.000Z'],
      ['Tomorrow morning', '2026-12-03T14:00:00.000Z'],
      ['Next week', '2026-12-07T14:00:00.000Z'],
    ]);
  });

  it('says the customer’s time when their clock shows another', () => {
    const at3pmUtc = Date.parse('2026-12-02T15:00:00Z');
    expect(theirTime(at3pmUtc, 'America/New_York', 'Europe/Berlin')).toBe('10:00 their time');
    expect(theirTime(at3pmUtc, 'Asia/Tokyo', 'Europe/Berlin')).toBe('Thu 00:00 their time');
    expect(theirTime(at3pmUtc, 'Europe/Paris', 'Europe/Berlin')).toBeNull();
    expect(theirTime(at3pmUtc, null, 'Europe/Berlin')).toBeNull();
    expect(theirTime(at3pmUtc, 'Mars/Olympus_Mons', 'Europe/Berlin')).toBeNull();
  });

  it('announces a follow-up that arrives already due (a colleague’s, by sync), once', () => {
    const hour = 3_600_000;
    const now = 10 * hour;
    // Last looked at 09:59:30; the list then held a and b. c (due 09:59) arrived since, d is
    // yesterday's and e done: only c is news. f (due after the last look) is dueBetween's.
    const known = new Set(['a', 'b']);
    const list = [
      followUp('a', 9 * hour),
      followUp('b', 9.5 * hour),
      followUp('c', now - 60_000),
      followUp('d', now - 20 * hour),
      { ...followUp('e', now - 120_000), status: 'done' as const },
      followUp('f', now - 10_000),
    ];
    expect(arrivedDue(list, known, now - 30_000, now, hour).map((f) => f.id)).toEqual(['c']);
    expect(arrivedDue(list, new Set(list.map((f) => f.id)), now - 30_000, now, hour)).toEqual([]);
  });

  it('announces every follow-up that came due since the last look, once', () => {
    const list = [followUp('b', 2_000), followUp('a', 1_000), followUp('c', 3_000)];
    expect(dueBetween(list, 500, 2_000).map((f) => f.id)).toEqual(['a', 'b']);
    expect(dueBetween(list, 2_000, 2_500)).toEqual([]);
    expect(
      dueBetween([...list, { ...followUp('d', 2_000), status: 'done' }], 1_000, 3_000).map(
        (f) => f.id,
      ),
    ).toEqual(['b', 'c']);
  });

  it('dials digits and a leading plus only', () => {
    expect(phoneHref('+49 (30) 1234-567')).toBe('tel:+49301234567');
    expect(phoneHref('030 1234', 'sip:')).toBe('sip:0301234');
  });
});
