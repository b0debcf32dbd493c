import { describe, expect, it } from 'vitest';
import { refreshes } from '../../api/queries';
import {
  addDays,
  dayStart,
  formatSpeed,
  formatTalkTime,
  formatTimer,
  paramsForRange,
  rangeFromParams,
  sortReps,
  weekStart,
} from './dashboardText';

// Local times: ranges are the user's own days, whatever the test machine's zone is.
const at = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();

describe('ranges', () => {
  it('today is the local day, midnight to midnight', () => {
    const range = rangeFromParams(new URLSearchParams(), at(2025, 5, 14, 15, 30));
    expect(range).toMatchObject({ kind: 'today', fromDay: '2025-05-14', toDay: '2025-05-14' });
    expect(range.from).toBe(at(2025, 5, 14));
    expect(range.to).toBe(at(2025, 5, 15));
  });

  it('this week runs Monday to Sunday', () => {
    const range = rangeFromParams(new URLSearchParams('range=week'), at(2025, 5, 18, 9)); // a Sunday
    expect(range).toMatchObject({ fromDay: '2025-05-12', toDay: '2025-05-18' });
    expect(range.to).toBe(at(2025, 5, 19));
    expect(weekStart('2025-05-12')).toBe('2025-05-12');
  });

  it('a custom range includes both days, in either order; nonsense falls back to today', () => {
    const now = at(2025, 5, 14, 12);
    const range = rangeFromParams(
      new URLSearchParams('range=custom&from=2025-05-10&to=2025-05-03'),
      now,
    );
    expect(range).toMatchObject({ kind: 'custom', fromDay: '2025-05-03', toDay: '2025-05-10' });
    expect(range.to).toBe(at(2025, 5, 11));
    expect(
      rangeFromParams(new URLSearchParams('range=custom&from=2025-02-30&to=x'), now).kind,
    ).toBe('today');
    expect(paramsForRange('custom', '2025-05-03')).toEqual({
      range: 'custom',
      from: '2025-05-03',
      to: '2025-05-03',
    });
  });

  it('counts calendar days across month ends', () => {
    expect(addDays('2025-03-31', 1)).toBe('2025-04-01');
    expect(dayStart('2025-13-01')).toBeNull();
  });
});

describe('numbers in words', () => {
  it('speed to lead', () => {
    expect(formatSpeed(null)).toBe('—');
    expect(formatSpeed(20_000)).toBe('under a minute');
    expect(formatSpeed(4 * 60_000)).toBe('4 min');
    expect(formatSpeed(125 * 60_000)).toBe('2 h 5 min');
    expect(formatSpeed(3 * 86_400_000)).toBe('3 days');
  });

  it('talk time and timers', () => {
    expect(formatTalkTime(0)).toBe('0:00');
    expect(formatTalkTime(83 * 60_000 + 59_000)).toBe('1:23');
    expect(formatTimer(65_000)).toBe('01:05');
    expect(formatTimer(3_661_000)).toBe('1:01:01');
  });

  it('sorts reps, missing speeds last', () => {
    const reps = [
      { repName: 'B', avgSpeedToLeadMs: null },
      { repName: 'A', avgSpeedToLeadMs: 5 },
      { repName: 'C', avgSpeedToLeadMs: 1 },
    ] as unknown as Parameters<typeof sortReps>[0];
    expect(sortReps(reps, 'avgSpeedToLeadMs', 'asc').map((r) => r.repName)).toEqual([
      'C',
      'A',
      'B',
    ]);
    expect(sortReps(reps, 'avgSpeedToLeadMs', 'desc').map((r) => r.repName)).toEqual([
      'A',
      'C',
      'B',
    ]);
  });
});

it('the activity dashboard is refetched when calls, deals, follow-ups, users, heartbeats or scores change', () => {
  for (const table of ['calls', 'deals', 'follow_ups', 'users', 'presence', 'call_scores']) {
    expect(refreshes([table], 'dashboard.activity'), table).toBe(true);
  }
});

it('the lifecycle numbers follow stage moves and answers, not heartbeats or calls', () => {
  for (const table of ['deals', 'stage_history', 'stages', 'accounts', 'satisfaction_responses']) {
    expect(refreshes([table], 'dashboard.lifecycle'), table).toBe(true);
  }
  for (const table of ['presence', 'calls', 'follow_ups', 'call_scores']) {
    expect(refreshes([table], 'dashboard.lifecycle'), table).toBe(false);
  }
});
