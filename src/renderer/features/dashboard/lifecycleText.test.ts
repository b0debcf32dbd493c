import { describe, expect, it } from 'vitest';
import {
  describeFunnel,
  formatDuration,
  formatNps,
  formatRate,
  lifecycleParams,
  lifecycleRangeFromParams,
  npsTone,
  totalByCurrency,
} from './lifecycleText';

const local = (y: number, m: number, d: number, h = 0) => new Date(y, m - 1, d, h).getTime();
const NOW = local(2026, 11, 18, 15);

describe('the lifecycle range', () => {
  it('is this month by default, from its first local midnight to the next month’s', () => {
    const range = lifecycleRangeFromParams(new URLSearchParams(), NOW);
    expect(range).toMatchObject({ kind: 'month', fromDay: '2026-11-01', toDay: '2026-11-30' });
    expect(range.from).toBe(local(2026, 11, 1));
    expect(range.to).toBe(local(2026, 12, 1));
  });

  it('takes the calendar quarter and year, and a custom range in either order', () => {
    const at = (query: string) => lifecycleRangeFromParams(new URLSearchParams(query), NOW);
    expect(at('range=quarter')).toMatchObject({ fromDay: '2026-10-01', toDay: '2026-12-31' });
    expect(at('range=quarter').to).toBe(local(2027, 1, 1));
    expect(at('range=year')).toMatchObject({ fromDay: '2026-01-01', toDay: '2026-12-31' });
    expect(at('range=custom&from=2026-03-10&to=2026-02-01')).toMatchObject({
      kind: 'custom',
      fromDay: '2026-02-01',
      toDay: '2026-03-10',
    });
    expect(at('range=custom&from=2026-02-31&to=x').kind).toBe('month');
  });

  it('keeps the owner in the URL when the range changes', () => {
    const next = lifecycleParams(
      new URLSearchParams('owner=u1&range=year'),
      'custom',
      '2026-01-05',
    );
    expect(next.toString()).toBe('owner=u1&range=custom&from=2026-01-05&to=2026-01-05');
    expect(lifecycleParams(next, 'month').toString()).toBe('owner=u1');
  });
});

describe('the lifecycle numbers in words', () => {
  it('rounds rates and durations for reading', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(2 / 3)).toBe('67%');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(20 * 60_000)).toBe('20 min');
    expect(formatDuration(5 * 3_600_000)).toBe('5 h');
    expect(formatDuration(24 * 3_600_000)).toBe('1 day');
    expect(formatDuration(3.84 * 86_400_000)).toBe('3.8 days');
    expect(formatDuration(12.6 * 86_400_000)).toBe('13 days');
    expect(formatNps(25)).toBe('+25');
    expect(formatNps(-10)).toBe('−10');
    expect([npsTone(45), npsTone(5), npsTone(-1), npsTone(null)]).toEqual([
      'good',
      'fair',
      'poor',
      undefined,
    ]);
  });

  it('sums reasons per currency and tells the funnel', () => {
    expect(
      totalByCurrency([
        { reason: 'Price', deals: 2, value: [{ currency: 'EUR', minor: 100 }] },
        {
          reason: null,
          deals: 3,
          value: [
            { currency: 'USD', minor: 500 },
            { currency: 'EUR', minor: 50 },
          ],
        },
      ]),
    ).toEqual([
      { currency: 'USD', minor: 500 },
      { currency: 'EUR', minor: 150 },
    ]);
    const step = (name: string, reached: number, conversionRate: number | null) => ({
      stageId: '0190f2a4-0000-7000-8000-000000000001',
      name,
      reached,
      conversionRate,
    });
    expect(describeFunnel([step('New lead', 0, null), step('Won', 0, null)])).toBe(
      'No deals were created in this range.',
    );
    expect(describeFunnel([step('New lead', 10, null), step('Won', 4, 0.4)])).toBe(
      '10 deals created in the range; reached Won 4 (40%). 40% of them were won.',
    );
  });
});
