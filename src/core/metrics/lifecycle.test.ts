import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import type { ApiError } from '../../shared/contract';
import { createCore } from '../createCore';
import { defaultStageId } from '../pipeline/defaults';

/**
 * A hand-computed fortnight. The range is D0 = Mon 2026-03-02 00:00Z to D14; "now" is D18.
 * Board order: 0 New lead, 1 Contacted, 2 Qualified, 3 Demo, 4 Proposal, 5 Negotiation, 6 Won,
 * 7 Lost, 8 Onboarding, 9 Active, 10 Renewal due, 11 Advocate. Rita owns every deal but D (Ray's).
 *
 * A  EUR 10,000  created D0 New lead → D1 Contacted → D3 Qualified → D6 Proposal (skips Demo)
 *                → D8 Won ("Best fit"); still in Won.
 * B  EUR  5,000  created D0 New lead → D2 Contacted → D4 Qualified → D5 Demo → D7 Proposal
 *                → D9 Qualified (moved back); still there.
 * C  EUR  3,000  created D1 New lead → D2 Contacted → D10 Lost ("Price").
 * D  USD 20,000  created D2 New lead → D4 Qualified (skips Contacted) → D12 Won ("Price")
 *                → D13 Onboarding. Ray's, account Y.
 * E  EUR  2,000  created D-10 New lead → D-5 Contacted → D3 Demo (skips Qualified); still there.
 * F  EUR  8,000  a customer: created D-100 → D-90 Won → D-80 Onboarding → D-30 Active
 *                → D11 Lost ("Went with a competitor"): churn, not a lost sale. Account X.
 * G  EUR  1,000  created D5 New lead, never moved.
 */
const DAY = 86_400_000;
const D0 = Date.parse('2026-03-02T00:00:00Z');
const at = (day: number) => D0 + day * DAY;
const NOW = at(18);
const RITA = '0190f2a4-0000-7000-8000-00000000a001';
const RAY = '0190f2a4-0000-7000-8000-00000000a002';
const stage = (key: string) => defaultStageId(key);

function fixture() {
  const core = createCore({ dbPath: tempDbPath(), now: () => NOW });
  core.store.write((w) => {
    w.insert('users', { id: RITA, name: 'Rita Rep', email: 'rita@x.example', role: 'rep' });
    w.insert('users', { id: RAY, name: 'Ray Rep', email: 'ray@x.example', role: 'rep' });
    // Renewals in the range: X (churned: F), Y (renewed: D lives in Onboarding), V (renewed: A
    // sits in Won), Z (at risk, no deal says anything: open). W renews after the range.
    const account = (name: string, renewal: number, fields: Record<string, string> = {}) =>
      w.insert('accounts', { name, renewal_at: at(renewal), owner_id: RITA, ...fields });
    const x = account('X', 6);
    const y = account('Y', 7, { owner_id: RAY });
    const v = account('V', 10, { health: 'healthy' });
    const z = account('Z', 13, { health: 'at_risk' });
    account('W', 20);

    const deal = (
      title: string,
      value: number,
      path: [day: number, key: string][],
      extra: Record<string, string | number | null> = {},
    ) => {
      const [last] = path.slice(-1) as [[number, string]];
      const kind = last[1] === 'won' ? 'won' : last[1] === 'lost' ? 'lost' : 'open';
      const id = w.insert('deals', {
        title,
        value_minor: value,
        currency: 'EUR',
        owner_id: RITA,
        stage_id: stage(last[1]),
        status: kind,
        stage_entered_at: at(last[0]),
        created_at: at(path[0]![0]),
        ...extra,
      });
      path.forEach(([day, key], i) =>
        w.insert('stage_history', {
          deal_id: id,
          from_stage_id: i === 0 ? null : stage(path[i - 1]![1]),
          to_stage_id: stage(key),
          moved_at: at(day),
        }),
      );
      return id;
    };
    deal(
      'A',
      1_000_000,
      [
        [0, 'new-lead'],
        [1, 'contacted'],
        [3, 'qualified'],
        [6, 'proposal'],
        [8, 'won'],
      ],
      { close_reason: 'Best fit', account_id: v },
    );
    deal('B', 500_000, [
      [0, 'new-lead'],
      [2, 'contacted'],
      [4, 'qualified'],
      [5, 'demo'],
      [7, 'proposal'],
      [9, 'qualified'],
    ]);
    deal(
      'C',
      300_000,
      [
        [1, 'new-lead'],
        [2, 'contacted'],
        [10, 'lost'],
      ],
      { close_reason: 'Price' },
    );
    deal(
      'D',
      2_000_000,
      [
        [2, 'new-lead'],
        [4, 'qualified'],
        [12, 'won'],
        [13, 'onboarding'],
      ],
      { close_reason: 'Price', currency: 'USD', owner_id: RAY, account_id: y },
    );
    deal('E', 200_000, [
      [-10, 'new-lead'],
      [-5, 'contacted'],
      [3, 'demo'],
    ]);
    deal(
      'F',
      800_000,
      [
        [-100, 'new-lead'],
        [-90, 'won'],
        [-80, 'onboarding'],
        [-30, 'active'],
        [11, 'lost'],
      ],
      { close_reason: 'Went with a competitor', account_id: x },
    );
    deal('G', 100_000, [[5, 'new-lead']]);

    // Week 1 (D0–D7): NPS 10, 9, 7, 3 and CSAT 5, 4. Week 2 (D7–D14): NPS 6, 10 and CSAT 2.
    // D15 is after the range; a deleted answer never counts.
    const answer = (account: string, kind: string, score: number, day: number, deleted = false) =>
      w.insert('satisfaction_responses', {
        account_id: account,
        kind,
        score,
        answered_at: at(day),
        ...(deleted ? { deleted_at: at(day) } : {}),
      });
    answer(x, 'nps', 10, 1);
    answer(y, 'nps', 9, 2);
    answer(z, 'nps', 7, 3);
    answer(v, 'nps', 3, 4);
    answer(x, 'csat', 5, 1);
    answer(v, 'csat', 4, 6);
    answer(z, 'nps', 6, 8);
    answer(x, 'nps', 10, 9);
    answer(z, 'csat', 2, 13);
    answer(x, 'nps', 0, 15);
    answer(x, 'nps', 0, 5, true);
  });
  return core;
}

const days = (n: number) => n * DAY;

describe('the lifecycle metrics', () => {
  it('follow the deals of the range through the stages', async () => {
    const core = fixture();
    const result = await core.call('dashboard.lifecycle', { from: at(0), to: at(14) });
    const byName = Object.fromEntries(result.stages.map((s) => [s.name, s]));
    expect(result.stages.map((s) => s.name)).toEqual([
      'New lead',
      'Contacted',
      'Qualified',
      'Demo',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
      'Onboarding',
      'Active',
      'Renewal due',
      'Advocate',
    ]);
    // New lead: A, B, C, D, G entered; all but G moved on. Times 1, 2, 1, 2 days and G's 13 days
    // so far (D5 → now D18): median 2, mean 19 / 5.
    expect(byName['New lead']).toMatchObject({
      entered: 5,
      movedOn: 4,
      conversionRate: 0.8,
      medianTimeMs: days(2),
      avgTimeMs: days(19 / 5),
    });
    // Contacted: A, B, C; C went on only to Lost. Times 2, 2, 8 days.
    expect(byName['Contacted']).toMatchObject({
      entered: 3,
      movedOn: 2,
      conversionRate: 2 / 3,
      medianTimeMs: days(2),
      avgTimeMs: days(4),
    });
    // Qualified: A, B (twice: moved back on D9, counted once), D; all three got further. Times:
    // A 3 days, D 8 days, B 1 day + 9 days so far = 10 days.
    expect(byName['Qualified']).toMatchObject({
      entered: 3,
      movedOn: 3,
      conversionRate: 1,
      medianTimeMs: days(8),
      avgTimeMs: days(7),
    });
    // Demo: B moved on to Proposal; E (skipped Qualified) is still there after 15 days.
    expect(byName['Demo']).toMatchObject({
      entered: 2,
      movedOn: 1,
      conversionRate: 0.5,
      medianTimeMs: days(8.5),
      avgTimeMs: days(8.5),
    });
    // Proposal: A was won; B was moved back, which is not moving on.
    expect(byName['Proposal']).toMatchObject({
      entered: 2,
      movedOn: 1,
      conversionRate: 0.5,
      medianTimeMs: days(2),
    });
    expect(byName['Negotiation']).toMatchObject({
      entered: 0,
      movedOn: 0,
      conversionRate: null,
      medianTimeMs: null,
      avgTimeMs: null,
    });
    // Won: A rests there (no time counted: a won deal stays for good), D left for Onboarding
    // after a day.
    expect(byName['Won']).toMatchObject({
      entered: 2,
      movedOn: 1,
      conversionRate: 0.5,
      medianTimeMs: days(1),
    });
    expect(byName['Lost']).toMatchObject({
      entered: 2,
      movedOn: 0,
      conversionRate: null,
      medianTimeMs: null,
    });
    expect(byName['Onboarding']).toMatchObject({
      entered: 1,
      movedOn: 0,
      conversionRate: 0,
      medianTimeMs: days(5),
    });
    expect(byName['Active']).toMatchObject({ entered: 0 });

    // The funnel of the deals created in the range (A, B, C, D, G; not E or F). Furthest steps:
    // A Won, B Proposal (though back in Qualified), C Contacted (then lost), D Won, G New lead.
    expect(result.funnel.map((f) => [f.name, f.reached, f.conversionRate])).toEqual([
      ['New lead', 5, null],
      ['Contacted', 4, 0.8],
      ['Qualified', 3, 0.75],
      ['Demo', 3, 1],
      ['Proposal', 3, 1],
      ['Negotiation', 2, 2 / 3],
      ['Won', 2, 1],
    ]);
  });

  it('counts won, lost and churned deals by reason, win rate and velocity per currency', async () => {
    const core = fixture();
    const result = await core.call('dashboard.lifecycle', { from: at(0), to: at(14) });
    // Won: A (EUR, Best fit) and D (USD, Price). Lost: C (Price). F left as a customer: churn.
    expect(result.won).toEqual({
      deals: 2,
      byReason: [
        { reason: 'Best fit', deals: 1, value: [{ currency: 'EUR', minor: 1_000_000 }] },
        { reason: 'Price', deals: 1, value: [{ currency: 'USD', minor: 2_000_000 }] },
      ],
    });
    expect(result.lost).toEqual({
      deals: 1,
      byReason: [{ reason: 'Price', deals: 1, value: [{ currency: 'EUR', minor: 300_000 }] }],
    });
    expect(result.winRate).toBe(2 / 3);
    expect(result.churn).toEqual({
      accounts: 1,
      deals: 1,
      byReason: [
        {
          reason: 'Went with a competitor',
          deals: 1,
          value: [{ currency: 'EUR', minor: 800_000 }],
        },
      ],
    });
    // EUR: open B, E, G = 3; won 1 of 2 closed; A's 1,000,000 won after 8 days:
    // 3 × 0.5 × 1,000,000 / 8 = 187,500 a day. USD: nothing open, D won after 10 days.
    expect(result.velocity).toEqual([
      {
        currency: 'EUR',
        openDeals: 3,
        winRate: 0.5,
        avgWonValueMinor: 1_000_000,
        avgCycleDays: 8,
        perDayMinor: 187_500,
      },
      {
        currency: 'USD',
        openDeals: 0,
        winRate: 1,
        avgWonValueMinor: 2_000_000,
        avgCycleDays: 10,
        perDayMinor: 0,
      },
    ]);
  });

  it('sorts the renewals of the range and sums NPS and CSAT per week', async () => {
    const core = fixture();
    const result = await core.call('dashboard.lifecycle', { from: at(0), to: at(14) });
    // X churned, Y and V renewed, Z open and at risk; W renews after the range.
    expect(result.renewals).toEqual({
      due: 4,
      renewed: 2,
      churned: 1,
      open: 1,
      atRisk: 1,
      renewalRate: 2 / 3,
    });
    // NPS answers 10, 9, 7, 3, 6, 10: 3 promoters, 1 passive, 2 detractors → (3 − 2) / 6 = 17 %.
    // CSAT 5, 4, 2 → 11 / 3.
    expect(result.satisfaction).toMatchObject({
      nps: 17,
      npsAnswers: 6,
      promoters: 3,
      passives: 1,
      detractors: 2,
      csatAnswers: 3,
      bucketMs: 7 * DAY,
    });
    expect(result.satisfaction.csat).toBeCloseTo(11 / 3, 10);
    // Week 1: (2 − 1) / 4 = 25 %, CSAT 4.5. Week 2: (1 − 1) / 2 = 0 %, CSAT 2.
    expect(result.satisfaction.trend).toEqual([
      { at: at(0), nps: 25, npsAnswers: 4, csat: 4.5, csatAnswers: 2 },
      { at: at(7), nps: 0, npsAnswers: 2, csat: 2, csatAnswers: 1 },
    ]);
  });

  it('counts a customer won and lost in one range as won (without the reason it left for) and churned', async () => {
    const core = createCore({ dbPath: tempDbPath(), now: () => NOW });
    core.store.write((w) => {
      const id = w.insert('deals', {
        title: 'H',
        value_minor: 700_000,
        stage_id: stage('lost'),
        status: 'lost',
        close_reason: 'Budget cut',
        created_at: at(0),
      });
      (
        [
          [0, null, 'new-lead'],
          [1, 'new-lead', 'won'],
          [2, 'won', 'onboarding'],
          [3, 'onboarding', 'lost'],
        ] as const
      ).forEach(([day, from, to]) =>
        w.insert('stage_history', {
          deal_id: id,
          from_stage_id: from && stage(from),
          to_stage_id: stage(to),
          moved_at: at(day),
        }),
      );
    });
    const result = await core.call('dashboard.lifecycle', { from: at(0), to: at(14) });
    expect(result.won.byReason).toEqual([
      { reason: null, deals: 1, value: [{ currency: 'EUR', minor: 700_000 }] },
    ]);
    expect(result.lost.deals).toBe(0);
    expect(result.churn.byReason.map((r) => [r.reason, r.deals])).toEqual([['Budget cut', 1]]);
  });

  it("shows one owner's deals, accounts and their customers' answers", async () => {
    const core = fixture();
    const ray = await core.call('dashboard.lifecycle', { from: at(0), to: at(14), ownerId: RAY });
    const byName = Object.fromEntries(ray.stages.map((s) => [s.name, s]));
    expect(byName['New lead']).toMatchObject({ entered: 1, movedOn: 1, medianTimeMs: days(2) });
    expect(byName['Contacted']).toMatchObject({ entered: 0 });
    expect(ray.funnel.map((f) => f.reached)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(ray.won.deals).toBe(1);
    expect(ray.lost.deals).toBe(0);
    expect(ray.winRate).toBe(1);
    expect(ray.velocity.map((v) => v.currency)).toEqual(['USD']);
    expect(ray.renewals).toMatchObject({ due: 1, renewed: 1, churned: 0 });
    expect(ray.satisfaction).toMatchObject({ nps: 100, npsAnswers: 1, csat: null });
  });

  it('says "no data" rather than zero rates for a range without any', async () => {
    const core = fixture();
    const result = await core.call('dashboard.lifecycle', { from: at(-300), to: at(-200) });
    expect(result.stages.every((s) => s.entered === 0 && s.conversionRate === null)).toBe(true);
    expect(result.stages.every((s) => s.medianTimeMs === null && s.avgTimeMs === null)).toBe(true);
    expect(result.funnel.every((f) => f.reached === 0 && f.conversionRate === null)).toBe(true);
    expect(result.won).toEqual({ deals: 0, byReason: [] });
    expect(result.winRate).toBeNull();
    // Open deals are counted now, whatever the range; without a win there is no velocity.
    expect(result.velocity).toEqual([
      {
        currency: 'EUR',
        openDeals: 3,
        winRate: null,
        avgWonValueMinor: null,
        avgCycleDays: null,
        perDayMinor: null,
      },
    ]);
    expect(result.renewals).toEqual({
      due: 0,
      renewed: 0,
      churned: 0,
      open: 0,
      atRisk: 0,
      renewalRate: null,
    });
    expect(result.satisfaction).toMatchObject({ nps: null, csat: null, npsAnswers: 0 });
    expect(result.satisfaction.trend).toHaveLength(15); // 100 days in weeks
    expect(result.satisfaction.trend.every((p) => p.nps === null && p.csat === null)).toBe(true);
  });

  it('names the bad field of a bad range', async () => {
    const core = fixture();
    const bad = (input: unknown) =>
      core.call('dashboard.lifecycle', input).then(
        () => null,
        (error: ApiError) => error,
      );
    expect(await bad({ from: at(5), to: at(5) })).toMatchObject({ field: 'to' });
    expect(await bad({ from: -1, to: at(5) })).toMatchObject({ field: 'from' });
    expect(await bad({ from: at(0), to: at(5), ownerId: 'rita' })).toMatchObject({
      field: 'ownerId',
    });
  });
});
